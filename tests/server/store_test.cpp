// The store on its own: transaction numbering and counters (both stores: the pg.ServerStore.* copies run on
// PostgreSQL), refusing strangers' files and schema catch-up (SQLite's; tests/pg has PostgreSQL's).
#include <gtest/gtest.h>

#include "simpul/core/clock.hpp"
#include "simpul/server/sqlite_store.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/storage/replica.hpp"
#include "support/pg_database.hpp"
#include "support/temp_dir.hpp"

namespace simpul::server {
namespace {

std::unique_ptr<Store> open(const std::string& path, bool create = true) {
  SqliteStoreOptions o;
  o.create = create;
  o.synchronous_full = false;
  auto s = open_sqlite_store(path, o);
  EXPECT_TRUE(s.ok()) << s.error().message;
  return s.ok() ? std::move(s).value() : nullptr;
}

// SQLite in `dir`, or a database of its own on PostgreSQL when SIMPUL_TEST_STORE=pg.
struct TestStore {
  std::unique_ptr<simpul::test::PgDatabase> pg;
  std::unique_ptr<Store> store;
  Store* operator->() const { return store.get(); }
};
TestStore open_either(const simpul::test::TempDir& dir) {
  TestStore t;
  if (!simpul::test::pg_selected()) {
    t.store = open((dir.path() / "s.db").string());
    return t;
  }
  t.pg = std::make_unique<simpul::test::PgDatabase>();
  auto s = open_pg_store(t.pg->url());
  EXPECT_TRUE(s.ok()) << s.error().message;
  if (s.ok()) t.store = std::move(s).value();
  return t;
}
bool pg_missing() { return simpul::test::pg_selected() && simpul::test::pg_cluster_url().empty(); }

TEST(ServerStore, TransactionNumbersAdvanceOnlyWhenSomethingWasWritten) {
  if (pg_missing()) GTEST_SKIP() << simpul::test::kPgSkipMessage;
  simpul::test::TempDir dir("simpul-store");
  auto store = open_either(dir);
  const auto& def = *storage::find_entity("facility");
  {
    auto tx = store->write(1);
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ((*tx)->tx(), 1);
    StoredRow row;
    row.id = "1001P001";
    row.fields = {{"type", "puskesmas"}, {"name", "Satu"}};
    row.clocks["name"] = FieldClock{"0000000000000001-00000-x", "d1", 1};
    row.tx = 1;
    ASSERT_TRUE((*tx)->write(def, row).ok());
    ASSERT_TRUE((*tx)->commit().ok());
  }
  {
    auto tx = store->write(2);  // reads only: rolled back, number not used
    EXPECT_EQ((*tx)->tx(), 2);
  }
  {
    auto tx = store->write(3);
    EXPECT_EQ((*tx)->tx(), 2);
    ASSERT_TRUE((*tx)->commit().ok());  // nothing written: no number consumed
  }
  auto read = store->read();
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*(*read)->last_tx(), 1);
  auto loaded = (*read)->load(def, "1001P001");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->clocks.at("name").device, "d1");
  EXPECT_EQ((*loaded)->fields["name"], "Satu");
  EXPECT_TRUE((*loaded)->fields["latitude"].is_null());
}

TEST(ServerStore, CountersKeepLeadingZeroRangesAndNeverRepeat) {
  if (pg_missing()) GTEST_SKIP() << simpul::test::kPgSkipMessage;
  simpul::test::TempDir dir("simpul-store");
  auto store = open_either(dir);
  auto tx = store->write(1);
  EXPECT_EQ(*(*tx)->next_counter("card_number", 2'000'000'000), 2'000'000'000);
  EXPECT_EQ(*(*tx)->next_counter("card_number", 2'000'000'000), 2'000'000'001);
  EXPECT_EQ(*(*tx)->next_counter("card_number", 5), 2'000'000'002);
}

TEST(ServerStore, RefusesAReplicaFileAndAMissingFile) {
  simpul::test::TempDir dir("simpul-store");
  const std::string replica_path = (dir.path() / "desk.db").string();
  {
    ManualClock clock;
    auto replica = storage::Replica::open(replica_path, clock);
    ASSERT_TRUE(replica.ok());
  }
  SqliteStoreOptions o;
  auto refused = open_sqlite_store(replica_path, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "server.not_server_db");
  auto missing = open_sqlite_store((dir.path() / "none.db").string(), o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "server.no_database");
}

TEST(ServerStore, AnOlderDatabaseGetsNewEntityColumnsOnOpen) {
  simpul::test::TempDir dir("simpul-store");
  const std::string path = (dir.path() / "s.db").string();
  open(path).reset();
  {
    auto db = storage::Database::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("ALTER TABLE participants DROP COLUMN registered_at").ok());
    ASSERT_TRUE(db->exec("DROP TABLE conflicts").ok());
  }
  auto store = open(path, false);
  ASSERT_NE(store, nullptr);
  auto read = store->read();
  auto row = (*read)->load(*storage::find_entity("participant"), "nobody");
  EXPECT_TRUE(row.ok());
  auto scan = (*read)->scan(static_cast<std::uint32_t>(storage::entities().size() - 1), std::nullopt, "", 10);
  EXPECT_TRUE(scan.ok());
}

TEST(ServerClocks, CompactFormRoundTripsSharedAndDistinctClocks) {
  FieldClocks clocks;
  clocks["name"] = FieldClock{"0000001733000000-00001-desk-a", "d1", 7};
  clocks["phone"] = FieldClock{"0000001733000000-00001-desk-a", "d1", 7};
  clocks["status"] = FieldClock{"0000001733000005-00000-server", "server", 9};
  clocks["_deleted"] = FieldClock{"0000001733000009-00002-desk-b", "d2", 12};
  const std::string text = encode_clocks(clocks);
  EXPECT_EQ(text.front(), '~');
  const FieldClocks back = decode_clocks(text);
  ASSERT_EQ(back.size(), clocks.size());
  for (const auto& [field, c] : clocks) {
    ASSERT_EQ(back.count(field), 1u) << field;
    EXPECT_EQ(back.at(field).hlc, c.hlc);
    EXPECT_EQ(back.at(field).device, c.device);
    EXPECT_EQ(back.at(field).tx, c.tx);
  }
  EXPECT_TRUE(decode_clocks(encode_clocks({})).empty());
}

TEST(ServerClocks, CompactFormKeepsAnyByteADeviceSent) {
  // A timestamp's node comes from the device: separators of the encoding must survive inside it.
  FieldClocks clocks;
  clocks["name"] = FieldClock{"0000000000000001-00000-a:b;c=d,e~\"\x1f\n12:", "dev;1=2", 3};
  clocks["nik"] = FieldClock{"", "", 0};
  const FieldClocks back = decode_clocks(encode_clocks(clocks));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back.at("name").hlc, clocks["name"].hlc);
  EXPECT_EQ(back.at("name").device, "dev;1=2");
  EXPECT_EQ(back.at("name").tx, 3);
  EXPECT_EQ(back.at("nik").hlc, "");
}

TEST(ServerClocks, ReadsTheJsonFormOlderServersWrote) {
  const FieldClocks back = decode_clocks(
      R"({"c":[["0000000000000001-00000-x","d1",4],["0000000000000002-00000-server","server",5]],)"
      R"("f":{"name":0,"phone":0,"status":1}})");
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back.at("phone").hlc, "0000000000000001-00000-x");
  EXPECT_EQ(back.at("phone").device, "d1");
  EXPECT_EQ(back.at("phone").tx, 4);
  EXPECT_EQ(back.at("status").device, "server");
  EXPECT_TRUE(decode_clocks("{}").empty());
  EXPECT_TRUE(decode_clocks("").empty());
}

TEST(ServerClocks, ARowStoredWithJsonClocksLoadsAndIsRewrittenCompact) {
  simpul::test::TempDir dir("simpul-store");
  const std::string path = (dir.path() / "s.db").string();
  const auto& def = *storage::find_entity("facility");
  auto store = open(path);
  ASSERT_NE(store, nullptr);
  {
    auto tx = store->write(1);
    ASSERT_TRUE(tx.ok());
    StoredRow row;
    row.id = "1001P001";
    row.fields = {{"type", "puskesmas"}, {"name", "Satu"}};
    row.tx = 1;
    ASSERT_TRUE((*tx)->write(def, row).ok());
    ASSERT_TRUE((*tx)->commit().ok());
  }
  {
    auto db = storage::Database::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec(R"(UPDATE facilities SET _clocks = '{"c":[["0000000000000001-00000-x","d1",1]],"f":{"name":0}}')")
                    .ok());
  }
  auto tx = store->write(2);
  ASSERT_TRUE(tx.ok());
  auto row = (*tx)->load(def, "1001P001");
  ASSERT_TRUE(row.ok() && row->has_value());
  ASSERT_EQ((*row)->clocks.count("name"), 1u);
  EXPECT_EQ((*row)->clocks.at("name").device, "d1");
  (*row)->clocks["type"] = FieldClock{"0000000000000002-00000-y", "d2", 2};
  ASSERT_TRUE((*tx)->write(def, **row).ok());
  ASSERT_TRUE((*tx)->commit().ok());
  auto db = storage::Database::open(path);
  ASSERT_TRUE(db.ok());
  auto text = db->query_text("SELECT _clocks FROM facilities WHERE id = '1001P001'");
  ASSERT_TRUE(text.ok() && text->has_value());
  EXPECT_EQ(**text, encode_clocks((*row)->clocks));
}

}  // namespace
}  // namespace simpul::server
