// Numbered migrations: from an empty file, and from every earlier schema version with the rows an older build
// would have written, to the latest; a newer file is refused untouched; a failing migration changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/schema.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace simpul;
using namespace simpul::storage;

namespace {

// One schema object (table, index, trigger, view) as sqlite_schema describes it.
struct SchemaObject {
  std::string type;
  std::string name;
  std::string table;
  std::int64_t rowid = 0;  // creation order
  bool operator<(const SchemaObject& o) const { return name < o.name || (name == o.name && type < o.type); }
};

std::vector<SchemaObject> schema_objects(Database& db) {
  auto st = db.prepare_uncached(
      "SELECT type, name, tbl_name, rowid FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid");
  EXPECT_TRUE(st.ok());
  std::vector<SchemaObject> out;
  if (!st.ok()) return out;
  while (st->step().value_or(false)) out.push_back({st->text(0), st->text(1), st->text(2), st->int64(3)});
  return out;
}

std::set<std::string> schema_names(Database& db) {
  std::set<std::string> names;
  for (const auto& o : schema_objects(db)) names.insert(o.type + " " + o.name);
  return names;
}

std::int64_t count(Database& db, const std::string& sql) { return db.query_int(sql).value().value_or(-1); }

Database open_db(const std::string& path) {
  auto db = Database::open(path);
  EXPECT_TRUE(db.ok()) << db.error().message;
  return std::move(db).value();
}

// The rows an older build wrote, keyed by the schema version that introduced their tables. Raw SQL on purpose:
// the current repositories assume the latest schema, an old build did not.
constexpr const char* kOldParticipant = "01890a5d-ac96-774b-bcce-b302099a8057";
constexpr const char* kOldBill = "01890a5d-ac96-774b-bcce-b302099a8058";
constexpr const char* kOldInstall = "01890a5d-ac96-774b-bcce-b302099a8000";
constexpr const char* kOldNik = "3204104506900001";

struct SeedStep {
  int since_version;
  std::string sql;
};

std::vector<SeedStep> seed_steps(const std::string& old_hlc) {
  return {
      {1, std::string("INSERT INTO device(singleton, install_id) VALUES (1, '") + kOldInstall + "');"
              "INSERT INTO settings(key, value) VALUES ('ui.language', 'id');"
              "INSERT INTO participants(id, card_number, nik, name, birth_date, sex, kk_number, segment, class, fktp)"
              " VALUES ('" + kOldParticipant + "', '0001234567890', '" + kOldNik +
              "', 'Désirée Wulandari', '1990-06-05', 'P', '3204101201150003', 'PBPU', 3, '0114U163');"
              "INSERT INTO outbox(op_id, entity, entity_id, kind, fields, hlc, user_id, created_at_ms)"
              " VALUES ('op-old-1', 'participant', '" + kOldParticipant + "', 'upsert',"
              " '{\"name\":\"Désirée Wulandari\"}', '" + old_hlc + "', 'u-1', 1767225600000);"
              "INSERT INTO audit_log(at_ms, user_id, username, entity, entity_id, action, before, after)"
              " VALUES (1767225600000, 'u-1', 'siti.desk', 'participant', '" + kOldParticipant +
              "', 'create', NULL, '{\"name\":\"Désirée Wulandari\"}');"},
      {3, std::string("INSERT INTO bills(id, participant_id, period, amount, due_date, status) VALUES ('") + kOldBill +
              "', '" + kOldParticipant + "', '2026-01', 35000, '2026-01-10', 'unpaid');"},
  };
}

class MigrationTest : public ::testing::Test {
 protected:
  test::TempDir dir{"simpul-migrations"};
  std::string path = dir.file("replica.db").string();
  ManualClock clock;
};

}  // namespace

TEST_F(MigrationTest, EmptyFileMigratesToLatest) {
  {
    Database db = open_db(path);
    EXPECT_EQ(db.user_version(), 0);
    EXPECT_TRUE(schema_objects(db).empty());
  }
  auto replica = Replica::open(path, clock);
  ASSERT_TRUE(replica.ok()) << replica.error().message;
  Database& db = (*replica)->db();
  EXPECT_EQ(db.user_version(), latest_schema_version());
  EXPECT_TRUE(db.integrity_check().ok());
  const auto names = schema_names(db);
  for (const auto& e : entities()) EXPECT_TRUE(names.count("table " + e.table)) << e.table;
  EXPECT_TRUE(names.count("table participants_fts"));
  // Opening again is a no-op: the migrations already ran.
  replica->reset();
  auto again = Replica::open(path, clock);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(schema_names((*again)->db()), names);
}

TEST_F(MigrationTest, UserVersionMovesInWholeStepsAndEachStepAddsSchema) {
  Database db = open_db(path);
  std::set<std::string> previous = schema_names(db);
  for (int v = 1; v <= latest_schema_version(); ++v) {
    SCOPED_TRACE("migration " + std::to_string(v));
    ASSERT_TRUE(migrate(db, v).ok());
    EXPECT_EQ(db.user_version(), v);
    const auto now = schema_names(db);
    EXPECT_TRUE(std::includes(now.begin(), now.end(), previous.begin(), previous.end()))
        << "a migration removed schema objects";
    EXPECT_GT(now.size(), previous.size()) << "a migration added nothing";
    previous = now;
  }
  // A target at or below the current version does nothing.
  ASSERT_TRUE(migrate(db, 1).ok());
  EXPECT_EQ(db.user_version(), latest_schema_version());
}

// From every earlier version k: a file migrated to k, holding the rows an older build wrote, opens as a replica at
// the latest version with those rows intact and the later features working on them.
class MigrationFromVersion : public MigrationTest, public ::testing::WithParamInterface<int> {};

TEST_P(MigrationFromVersion, KeepsOldRowsAndGainsLaterFeatures) {
  const int k = GetParam();
  // An op the old build issued a day ahead of our clock: the HLC must resume after it once migrated.
  const std::string old_hlc = HlcTimestamp{clock.now_ms() + 86'400'000, 7, kOldInstall}.encode();
  {
    Database db = open_db(path);
    ASSERT_TRUE(migrate(db, k).ok());
    ASSERT_EQ(db.user_version(), k);
    for (const auto& step : seed_steps(old_hlc)) {
      if (step.since_version <= k) {
        ASSERT_TRUE(db.exec(step.sql).ok()) << step.sql;
      }
    }
  }

  auto opened = Replica::open(path, clock);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  Replica& replica = **opened;
  Database& db = replica.db();
  EXPECT_EQ(db.user_version(), latest_schema_version());
  EXPECT_TRUE(db.integrity_check().ok());
  Participants participants(replica);

  if (k >= 1) {
    EXPECT_EQ(replica.device().install_id, kOldInstall) << "the installation keeps its identity";
    EXPECT_EQ(replica.setting("ui.language").value_or(""), "id");
    auto old = participants.get(kOldParticipant);
    ASSERT_TRUE(old.ok() && old->has_value());
    EXPECT_EQ((*old)->name, "Désirée Wulandari");
    EXPECT_EQ((*old)->card_number, "0001234567890");
    EXPECT_EQ(count(db, "SELECT count(*) FROM outbox WHERE op_id = 'op-old-1' AND state = 'pending'"), 1);
    EXPECT_EQ(count(db, "SELECT count(*) FROM audit_log"), 1);
    // Name search arrived in migration 2, which indexes the rows that were already there.
    for (const char* query : {"desiree", "WULAN", "désirée wul"}) {
      auto found = participants.search(query);
      ASSERT_TRUE(found.ok()) << query;
      ASSERT_EQ(found->items.size(), 1u) << query;
      EXPECT_EQ(found->items[0].id, kOldParticipant);
    }
    auto by_card = participants.search("0001234");
    ASSERT_TRUE(by_card.ok());
    ASSERT_EQ(by_card->items.size(), 1u);
    // Renaming a migrated row keeps the index in step.
    ASSERT_TRUE(participants.update({"u-1", "siti.desk"}, kOldParticipant, Fields{{"name", "Dewi Wulandari"}}).ok());
    EXPECT_TRUE(participants.search("desiree")->items.empty());
    EXPECT_EQ(participants.search("dewi")->items.size(), 1u);
    // Time never runs backwards across the upgrade.
    auto last = db.query_text("SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1");
    ASSERT_TRUE(last.ok() && last->has_value());
    EXPECT_GT(**last, old_hlc);
  }
  if (k >= 3) {
    auto bill = replica.load("bill", kOldBill);
    ASSERT_TRUE(bill.ok() && bill->has_value());
    EXPECT_EQ((**bill)["amount"], 35000);
    EXPECT_EQ((**bill)["participant_id"], kOldParticipant);
  }

  // Features of the latest schema work on the migrated file, with change capture.
  auto created = participants.create({"u-1", "siti.desk"}, [] {
    Participant p;
    p.nik = "3204100505850003";
    p.name = "Bambang Sutrisno";
    p.birth_date = Date{1985, 5, 5};
    p.kk_number = "3204100505850099";
    return p;
  }());
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(participants.search("bamb")->items.size(), 1u);
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx.ok());
    auto bill = replica.upsert({"u-1", "siti.desk"}, "bill", "bill-new",
                               Fields{{"participant_id", *created}, {"period", "2026-02"}, {"amount", 35000},
                                      {"status", "unpaid"}});
    ASSERT_TRUE(bill.ok()) << bill.error().message;
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_EQ(count(db, "SELECT count(*) FROM outbox WHERE entity = 'bill' AND entity_id = 'bill-new'"), 1);
  EXPECT_TRUE(db.exec("INSERT INTO participants_fts(participants_fts) VALUES ('integrity-check')").ok());
}

INSTANTIATE_TEST_SUITE_P(EveryEarlierVersion, MigrationFromVersion, ::testing::Range(0, latest_schema_version()),
                         [](const ::testing::TestParamInfo<int>& version) { return "from_v" + std::to_string(version.param); });

TEST_F(MigrationTest, NewerSchemaIsRefusedAndLeftUntouched) {
  {
    Database db = open_db(path);
    ASSERT_TRUE(migrate(db).ok());
    ASSERT_TRUE(db.exec("INSERT INTO settings(key, value) VALUES ('written.by', 'a newer Simpul')").ok());
    ASSERT_TRUE(db.set_user_version(latest_schema_version() + 1).ok());
  }
  const std::string before = test::read_file(path);
  ASSERT_FALSE(before.empty());

  auto refused = Replica::open(path, clock);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "schema.too_new");
  EXPECT_EQ(refused.error().kind, ErrorKind::permanent);
  EXPECT_NE(refused.error().message.find("newer"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find(std::to_string(latest_schema_version() + 1)), std::string::npos)
      << "the message names the file's version: " << refused.error().message;

  EXPECT_EQ(test::read_file(path), before) << "a refused file must not be modified";
  Database db = open_db(path);
  EXPECT_EQ(db.user_version(), latest_schema_version() + 1);
  EXPECT_FALSE(migrate(db).ok());
  EXPECT_EQ(db.user_version(), latest_schema_version() + 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM device"), 0) << "refused before the device row was written";
}

// A migration that fails half-way (here: the last object it creates already exists, as a half-applied manual fix
// could leave it) changes nothing: no object of that migration remains and user_version stays put. Removing the
// obstacle lets the same migration run to completion.
TEST_F(MigrationTest, FailingMigrationLeavesNoPartOfItself) {
  for (int k = 0; k < latest_schema_version(); ++k) {
    SCOPED_TRACE("migration " + std::to_string(k + 1));
    const std::string probe_path = dir.file("probe-" + std::to_string(k) + ".db").string();
    const std::string victim_path = dir.file("victim-" + std::to_string(k) + ".db").string();
    // What migration k+1 creates, and the last thing it creates.
    std::vector<SchemaObject> added;
    {
      Database probe = open_db(probe_path);
      ASSERT_TRUE(migrate(probe, k).ok());
      const auto before = schema_names(probe);
      ASSERT_TRUE(migrate(probe, k + 1).ok());
      for (const auto& o : schema_objects(probe)) {
        if (before.count(o.type + " " + o.name) == 0) added.push_back(o);
      }
    }
    ASSERT_GE(added.size(), 2u) << "need a migration with more than one object to see a partial one";
    const SchemaObject& last = added.back();
    const std::string blocker =
        last.type == "trigger"
            ? "CREATE TRIGGER \"" + last.name + "\" AFTER INSERT ON \"" + last.table + "\" BEGIN SELECT 1; END"
            : "CREATE TABLE \"" + last.name + "\" (blocker)";

    Database db = open_db(victim_path);
    ASSERT_TRUE(migrate(db, k).ok());
    ASSERT_TRUE(db.exec(blocker).ok()) << blocker << ": the object it hangs on must exist at version " << k;
    const auto before = schema_names(db);
    auto failed = migrate(db, k + 1);
    ASSERT_FALSE(failed.ok()) << "the blocker did not make migration " << k + 1 << " fail";
    EXPECT_EQ(db.user_version(), k);
    EXPECT_EQ(schema_names(db), before) << "part of a failed migration was kept";
    EXPECT_FALSE(db.in_transaction());

    ASSERT_TRUE(db.exec(last.type == "trigger" ? "DROP TRIGGER \"" + last.name + "\"" : "DROP TABLE \"" + last.name + "\"")
                    .ok());
    ASSERT_TRUE(migrate(db, k + 1).ok());
    EXPECT_EQ(db.user_version(), k + 1);
  }
}
