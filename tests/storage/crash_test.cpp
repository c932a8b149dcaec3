// A writer killed with SIGKILL at random moments loses nothing it reported as committed and leaves nothing
// half-written: every row is exactly what its outbox ops say, every op has its audit entry, and the one
// transaction in flight when the kill landed is either wholly there or wholly absent.
//
// SIMPUL_CRASH_ROUNDS (default 60) sets the number of kills; SIMPUL_CRASH_SEED replays a schedule;
// SIMPUL_KEEP_TMP=1 keeps the replicas and the child's reports for a post-mortem.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/schema.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace simpul;
using namespace simpul::storage;
using std::chrono::milliseconds;

namespace {

unsigned env_number(const char* name, unsigned fallback) {
  const char* text = std::getenv(name);
  return (text != nullptr && *text != '\0') ? static_cast<unsigned>(std::strtoul(text, nullptr, 10)) : fallback;
}

// One transaction as the child announced it: participant id -> fields it holds afterwards (null: deleted).
struct Announced {
  int n = 0;
  Fields rows;
  bool committed = false;
};

// The child's report. Only whole lines count: a line cut by the kill was never a promise.
std::vector<Announced> parse_report(const std::string& text) {
  std::vector<Announced> out;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start)) {
    std::istringstream line(text.substr(start, end - start));
    std::string word;
    int n = 0;
    line >> word >> n;
    std::string json;
    std::getline(line, json);
    if (word == "intent") {
      out.push_back({n, Fields::parse(json), false});
    } else if (word == "committed") {
      EXPECT_TRUE(!out.empty() && out.back().n == n && !out.back().committed) << "commit " << n << " without intent";
      EXPECT_EQ(Fields::parse(json), out.back().rows);
      if (!out.empty()) out.back().committed = true;
    }
  }
  return out;
}

// What the replica must hold, as far as the child's reports tell: participant id -> fields (null: deleted).
using Expected = std::map<std::string, Fields>;

void apply(Expected& expected, const Fields& rows) {
  for (const auto& [id, fields] : rows.items()) {
    Fields& slot = expected[id];
    if (fields.is_null() || slot.is_null()) {
      slot = fields;
    } else {
      slot.update(fields);
    }
  }
}

// Whether the rows of `ids` on the replica are those `expected` describes (absent when it does not know them).
std::string mismatch(Replica& replica, const Expected& expected, const Fields& ids) {
  for (const auto& [id, unused] : ids.items()) {
    auto row = replica.load("participant", id);
    if (!row.ok()) return row.error().message;
    const auto want = expected.find(id);
    const bool should_exist = want != expected.end() && !want->second.is_null();
    if (row->has_value() != should_exist) {
      return "participant " + id + (should_exist ? " is missing" : " should not exist");
    }
    if (!should_exist) continue;
    for (const auto& [field, value] : want->second.items()) {
      if ((**row)[field] != value) {
        return "participant " + id + " has " + field + " = " + (**row)[field].dump() + ", expected " + value.dump();
      }
    }
  }
  return {};
}

struct Op {
  std::int64_t seq = 0;
  std::string kind;
  Fields fields;
  std::string user_id;
};
struct AuditRow {
  std::string action;
  Fields after;
  std::string user_id;
};

// Change capture is complete and exact: for every synced row, folding its outbox ops gives the row; an entity with
// ops and no row was deleted by its last op; every op has its audit entry (same order, same values, same user).
void expect_change_capture_consistent(Replica& replica) {
  Database& db = replica.db();
  std::map<std::string, std::map<std::string, std::vector<Op>>> ops;  // entity -> id -> ops in seq order
  {
    auto st = db.prepare("SELECT entity, entity_id, seq, kind, fields, user_id FROM outbox ORDER BY seq");
    while (st->step().value_or(false)) {
      ops[st->text(0)][st->text(1)].push_back({st->int64(2), st->text(3), Fields::parse(st->text(4)), st->text(5)});
    }
  }
  std::map<std::string, std::map<std::string, std::vector<AuditRow>>> audit;
  {
    auto st = db.prepare(
        "SELECT entity, entity_id, action, after, user_id FROM audit_log "
        "WHERE action IN ('create', 'update', 'delete') ORDER BY id");
    while (st->step().value_or(false)) {
      audit[st->text(0)][st->text(1)].push_back(
          {st->text(2), st->is_null(3) ? Fields() : Fields::parse(st->text(3)), st->text(4)});
    }
  }

  for (const char* entity : {"participant", "kk_history"}) {
    const EntityDef& def = *find_entity(entity);
    auto& entity_ops = ops[entity];
    std::vector<std::string> row_ids;
    {
      auto st = db.prepare("SELECT id FROM " + def.table);
      while (st->step().value_or(false)) row_ids.push_back(st->text(0));
    }
    for (const auto& id : row_ids) {
      const auto found = entity_ops.find(id);
      ASSERT_TRUE(found != entity_ops.end()) << entity << " " << id << " exists without an outbox op";
      Fields folded = Fields::object();
      for (const auto& op : found->second) {
        if (op.kind == "delete") {
          folded = Fields::object();
        } else {
          folded.update(op.fields);
        }
      }
      EXPECT_EQ(found->second.back().kind, "upsert") << entity << " " << id << " exists after its delete op";
      auto row = replica.load(entity, id);
      ASSERT_TRUE(row.ok() && row->has_value());
      for (const auto& col : def.columns) {
        const Fields from_ops = folded.contains(col.name) ? folded[col.name] : Fields();
        EXPECT_EQ((**row)[col.name], from_ops) << entity << " " << id << "." << col.name
                                               << " differs from what its outbox ops wrote";
      }
    }
    for (const auto& [id, list] : entity_ops) {
      if (std::find(row_ids.begin(), row_ids.end(), id) != row_ids.end()) continue;
      EXPECT_EQ(list.back().kind, "delete") << entity << " " << id << " has ops but no row and no delete";
    }
  }

  for (const auto& [entity, by_id] : ops) {
    for (const auto& [id, list] : by_id) {
      const auto& trail = audit[entity][id];
      ASSERT_EQ(trail.size(), list.size()) << entity << " " << id << ": outbox ops and audit entries disagree";
      for (std::size_t i = 0; i < list.size(); ++i) {
        const bool deleted = list[i].kind == "delete";
        EXPECT_EQ(trail[i].action == "delete", deleted) << entity << " " << id << " op " << list[i].seq;
        if (!deleted) {
          EXPECT_EQ(trail[i].after, list[i].fields) << entity << " " << id << " op " << list[i].seq;
        }
        EXPECT_EQ(trail[i].user_id, list[i].user_id);
      }
    }
  }
  for (const auto& [entity, by_id] : audit) {
    for (const auto& [id, trail] : by_id) {
      EXPECT_TRUE(ops[entity].count(id)) << entity << " " << id << " is audited without an outbox op";
    }
  }
  const auto creates = db.query_int("SELECT count(*) FROM audit_log WHERE entity = 'participant' AND action = 'create'");
  const auto deletes = db.query_int("SELECT count(*) FROM audit_log WHERE entity = 'participant' AND action = 'delete'");
  const auto rows = db.query_int("SELECT count(*) FROM participants");
  EXPECT_EQ(creates->value_or(0), rows->value_or(0) + deletes->value_or(0));
}

struct Tally {
  int rounds_with_commits = 0;
  int committed = 0;
  int in_flight_applied = 0;
  int in_flight_absent = 0;
};

// Checks the replica a killed child left, and brings `expected` up to what it now holds.
void verify_after_kill(const std::string& path, const std::vector<Announced>& report, Expected& expected,
                       Tally& tally) {
  ManualClock clock;
  auto opened = Replica::open(path, clock);
  ASSERT_TRUE(opened.ok()) << "the replica does not open after the kill: " << opened.error().message;
  Replica& replica = **opened;
  ASSERT_TRUE(replica.db().integrity_check(/*quick=*/false).ok());
  ASSERT_TRUE(replica.db().exec("INSERT INTO participants_fts(participants_fts) VALUES ('integrity-check')").ok());

  int committed = 0;
  for (std::size_t i = 0; i < report.size(); ++i) {
    const Announced& t = report[i];
    if (t.committed) {
      apply(expected, t.rows);
      ++committed;
      continue;
    }
    // The child writes one transaction at a time, so only the last one can be unfinished.
    ASSERT_EQ(i + 1, report.size()) << "transaction " << t.n << " neither committed nor failed";
    Expected with = expected;
    apply(with, t.rows);
    const std::string as_before = mismatch(replica, expected, t.rows);
    const std::string as_after = mismatch(replica, with, t.rows);
    ASSERT_TRUE(as_before.empty() || as_after.empty())
        << "transaction " << t.n << " in flight at the kill is half-applied: " << as_before << "; " << as_after
        << "\n" << t.rows.dump();
    if (as_after.empty() && !as_before.empty()) {
      expected = std::move(with);
      ++tally.in_flight_applied;
    } else {
      ++tally.in_flight_absent;
    }
  }
  tally.committed += committed;
  if (committed > 0) ++tally.rounds_with_commits;

  // Everything reported (now and by earlier children on this replica) is there, and nothing else is.
  Fields all = Fields::object();
  for (const auto& [id, unused] : expected) all[id] = nullptr;
  const std::string lost = mismatch(replica, expected, all);
  ASSERT_TRUE(lost.empty()) << lost;
  auto live = replica.db().query_int("SELECT count(*) FROM participants");
  std::int64_t want_live = 0;
  for (const auto& [id, fields] : expected) want_live += fields.is_null() ? 0 : 1;
  EXPECT_EQ(live->value_or(-1), want_live) << "the replica holds participants nobody reported";
  for (const auto& [id, fields] : expected) {
    auto ops = replica.db().prepare("SELECT count(*) FROM outbox WHERE entity = 'participant' AND entity_id = ?1");
    ops->bind(1, id);
    ASSERT_TRUE(ops->step().value_or(false));
    EXPECT_GT(ops->int64(0), 0) << "committed participant " << id << " has no outbox op";
  }
  expect_change_capture_consistent(replica);
}

}  // namespace

// The checks above are only worth something if they see damage: a row changed behind change capture's back, a
// row with no op at all, and an op with no audit entry must each fail them.
class CrashOracle : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Replica::open(dir.file("replica.db").string(), clock);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    replica = std::move(opened).value();
    Participant p;
    p.nik = "3204104506900001";
    p.name = "Siti Rahma";
    p.kk_number = "3204101201150003";
    auto id = Participants(*replica).create({"u-1", "siti.desk"}, p);
    ASSERT_TRUE(id.ok()) << id.error().message;
    checked = replica.get();
  }
  void TearDown() override { checked = nullptr; }

  test::TempDir dir{"simpul-crash-oracle"};
  ManualClock clock;
  std::unique_ptr<Replica> replica;
  static Replica* checked;  // EXPECT_*_FAILURE statements cannot use locals
};
Replica* CrashOracle::checked = nullptr;

TEST_F(CrashOracle, IntactReplicaPasses) { expect_change_capture_consistent(*checked); }

TEST_F(CrashOracle, SeesARowChangedWithoutAnOp) {
  ASSERT_TRUE(replica->db().exec("UPDATE participants SET phone = '+6281200000000'").ok());
  EXPECT_NONFATAL_FAILURE(expect_change_capture_consistent(*checked), "differs from what its outbox ops wrote");
}

TEST_F(CrashOracle, SeesARowWithoutAnyOp) {
  ASSERT_TRUE(replica->db()
                  .exec("INSERT INTO participants(id, nik, name, birth_date, sex, segment) "
                        "VALUES ('ghost', '3204100505850003', 'Tanpa Jejak', '1985-05-05', 'L', 'PBPU')")
                  .ok());
  EXPECT_FATAL_FAILURE(expect_change_capture_consistent(*checked), "exists without an outbox op");
}

TEST_F(CrashOracle, SeesAnOpWithoutItsAuditEntry) {
  ASSERT_TRUE(replica->db()
                  .exec("INSERT INTO outbox(op_id, entity, entity_id, kind, fields, hlc, created_at_ms) "
                        "SELECT 'extra', entity, entity_id, 'upsert', '{}', hlc || 'x', created_at_ms FROM outbox "
                        "WHERE entity = 'participant'")
                  .ok());
  EXPECT_FATAL_FAILURE(expect_change_capture_consistent(*checked), "outbox ops and audit entries disagree");
}

TEST(CrashTest, KilledWriterLosesNothingAndLeavesNothingHalfWritten) {
  const unsigned rounds = env_number("SIMPUL_CRASH_ROUNDS", 60);
  const unsigned seed = env_number("SIMPUL_CRASH_SEED", std::random_device{}());
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_after_ms(5, 150);
  test::TempDir dir("simpul-crash");
  const auto started = std::chrono::steady_clock::now();

  std::string path;
  Expected expected;
  int replicas = 0;
  Tally tally;
  for (unsigned round = 0; round < rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round) + " of " + std::to_string(rounds) + " on " + path +
                 "; replay with SIMPUL_CRASH_SEED=" + std::to_string(seed) + " SIMPUL_KEEP_TMP=1");
    // Mostly the same replica again (recovery after recovery), sometimes a fresh one (a kill during creation).
    if (round == 0 || rng() % 4 == 0) {
      path = dir.file("replica-" + std::to_string(replicas++) + ".db").string();
      expected.clear();
    }
    const auto out = dir.file("round-" + std::to_string(round) + ".out");
    const auto err = dir.file("round-" + std::to_string(round) + ".err");
    const int wait_ms = kill_after_ms(rng);
    {
      test::Process child({{SIMPUL_CRASH_CHILD, path, std::to_string(round)}, {}, test::Output::to_file(out),
                           test::Output::to_file(err), {}});
      if (auto early = child.wait_for(milliseconds(wait_ms))) {
        FAIL() << "the child stopped before the kill (" << test::to_string(*early) << "): " << test::read_file(err);
      }
      child.kill(SIGKILL);
      const auto status = child.wait_for(milliseconds(10'000));
      ASSERT_TRUE(status.has_value()) << "the child survived SIGKILL for 10 s";
      ASSERT_EQ(status->signal, SIGKILL) << test::to_string(*status) << ": " << test::read_file(err);
    }
    const auto report = parse_report(test::read_file(out));
    ASSERT_NO_FATAL_FAILURE(verify_after_kill(path, report, expected, tally)) << "killed after " << wait_ms << " ms";
    if (HasFailure()) break;  // keep the first failure readable
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "crash test: seed " << seed << ", " << rounds << " kills on " << replicas << " replicas in " << seconds
            << " s; " << tally.committed << " commits reported (" << tally.rounds_with_commits
            << " rounds with commits); in flight at the kill: " << tally.in_flight_applied << " applied, "
            << tally.in_flight_absent << " absent\n";
  EXPECT_GT(tally.rounds_with_commits, 0) << "no child ever committed: the kills all came too early to test anything";
}
