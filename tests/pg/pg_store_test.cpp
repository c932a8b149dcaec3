// The PostgreSQL store against the guarantees of store.hpp: the same canonical bytes as the SQLite store
// for the same data, and transaction numbers that concurrent writers in several processes cannot reorder.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "simpul/core/clock.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/server/pg_store.hpp"
#include "simpul/server/seed.hpp"
#include "simpul/server/sqlite_store.hpp"
#include "simpul/server/sync_service.hpp"
#include "support/pg_database.hpp"
#include "support/temp_dir.hpp"

namespace simpul::server {
namespace {

template <class T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) throw std::runtime_error(std::string(what) + ": " + r.error().message);
  return std::move(r).value();
}

class PgStore : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test::pg_cluster_url().empty()) GTEST_SKIP() << test::kPgSkipMessage;
  }
};

// The same demo regency seeded into both stores at the same (manual) time: every facility's scope digest
// and every scanned row's canonical text must be byte-identical, or a device moved from one to the other
// (migrate-store) would be told to repair rows that did not change.
TEST_F(PgStore, TheSameDataDigestsByteForByteAsOnSqlite) {
  auto regions = must(RegionTable::load(std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv"), "regions");
  demo::DemoOptions o;
  o.participants = 300;
  o.seed = 11;
  o.today = Date{2026, 1, 15};
  const auto data = must(demo::generate(regions, o), "demo");

  test::TempDir dir("simpul-pg-digest");
  test::PgDatabase db;
  SqliteStoreOptions so;
  so.create = true;
  so.synchronous_full = false;
  auto lite = must(open_sqlite_store((dir.path() / "server.db").string(), so), "sqlite");
  auto pg = must(open_pg_store(db.url()), "postgres");
  ManualClock clock_a, clock_b;
  clock_a.set_ms(1'767'225'600'000);
  clock_b.set_ms(1'767'225'600'000);
  must(seed_demo(*lite, clock_a, data), "seed sqlite");
  must(seed_demo(*pg, clock_b, data), "seed postgres");

  SyncService a(*lite, clock_a), b(*pg, clock_b);
  EXPECT_EQ(must(a.last_tx(), "last_tx"), must(b.last_tx(), "last_tx"));
  const auto facilities = must(a.facilities(), "facilities");
  ASSERT_GT(facilities.size(), 3u);
  ASSERT_EQ(facilities.size(), must(b.facilities(), "facilities").size());
  for (const auto& f : facilities) {
    EXPECT_EQ(must(a.facility_digest(f.code), "digest").digest, must(b.facility_digest(f.code), "digest").digest)
        << "facility " << f.code;
  }
  // Row by row, entity by entity (the whole tables, not only a scope): ids in byte order, values as text.
  auto ra = must(lite->read(), "read");
  auto rb = must(pg->read(), "read");
  std::size_t compared = 0;
  for (std::uint32_t e = 0; e < storage::entities().size(); ++e) {
    const auto rows_a = must(ra->scan(e, std::nullopt, "", 1'000'000), "scan");
    const auto rows_b = must(rb->scan(e, std::nullopt, "", 1'000'000), "scan");
    ASSERT_EQ(rows_a.size(), rows_b.size()) << storage::entities()[e].entity;
    for (std::size_t i = 0; i < rows_a.size(); ++i) {
      EXPECT_EQ(rows_a[i].row.id, rows_b[i].row.id);
      EXPECT_EQ(rows_a[i].row.values, rows_b[i].row.values) << storage::entities()[e].entity << " " << rows_a[i].row.id;
      EXPECT_EQ(rows_a[i].row.null_mask, rows_b[i].row.null_mask);
      EXPECT_EQ(rows_a[i].row.hlc, rows_b[i].row.hlc);
      EXPECT_EQ(rows_a[i].tx, rows_b[i].tx);
      ++compared;
    }
  }
  EXPECT_GT(compared, 1000u);
}

// Several writers, spread over three stores (three connection pools: what three simpul-server processes
// are to the database), commit transactions as fast as they can, each holding its number a random while
// before committing, some rolling back; meanwhile a puller does what a device does: reads last_tx, takes
// the change log after its cursor up to it, and stores last_tx as its cursor. It must see every committed
// transaction exactly once and never one from a rolled-back writer. With numbers handed out in start order
// (a sequence) a later number can commit first and the puller's cursor skips the earlier one forever.
TEST_F(PgStore, ConcurrentWritersInSeveralProcessesNeverLetAPullerSkipOrRepeatATransaction) {
  test::PgDatabase db;
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < 4; ++i) stores.push_back(must(open_pg_store(db.url()), "open"));
  constexpr int kWriters = 6;
  constexpr int kTransactions = 40;
  std::mutex mu;
  std::set<std::string> committed;
  std::atomic<int> writers_left{kWriters};
  std::atomic<bool> failed{false};
  std::string failure;
  auto fail = [&](const std::string& what) {
    std::lock_guard lock(mu);
    if (!failed.exchange(true)) failure = what;
  };

  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 rng(static_cast<unsigned>(w) * 7919u + 1u);
      Store& store = *stores[static_cast<std::size_t>(w % 3)];
      for (int k = 0; k < kTransactions && !failed; ++k) {
        auto tx = store.write(1000 + k);
        if (!tx.ok()) return fail("write: " + tx.error().message);
        const std::string id = "w" + std::to_string(w) + "-" + std::to_string(k);
        auto s = (*tx)->append_changes({ChangeEntry{"F", 0, id, sync::ChangeKind::upsert, ""}});
        if (!s.ok()) return fail("append: " + s.error().message);
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
        if (rng() % 8 == 0) continue;  // rolled back: its number is taken again by the next writer
        if (auto c = (*tx)->commit(); !c.ok()) return fail("commit: " + c.error().message);
        std::lock_guard lock(mu);
        committed.insert(id);
      }
      --writers_left;
    });
  }

  std::map<std::string, int> seen;  // id -> times pulled
  std::vector<std::int64_t> txs;    // transaction numbers in pull order
  std::int64_t cursor = 0;
  int pulls = 0;
  auto pull = [&] {
    auto r = must(stores[3]->read(), "read");
    const std::int64_t last = must(r->last_tx(), "last_tx");
    for (const auto& e : must(r->changes("F", cursor, last, 1'000'000), "changes")) {
      ++seen[e.id];
      txs.push_back(e.tx);
    }
    cursor = last;
    ++pulls;
  };
  while (writers_left > 0 && !failed) pull();
  for (auto& t : threads) t.join();
  ASSERT_FALSE(failed) << failure;
  pull();  // everything committed is visible now

  EXPECT_GT(pulls, 20) << "the puller should have pulled many times while the writers ran";
  EXPECT_GT(committed.size(), kWriters * kTransactions / 2u);
  for (const auto& id : committed) EXPECT_EQ(seen[id], 1) << id << " was pulled " << seen[id] << " times";
  for (const auto& [id, n] : seen) EXPECT_EQ(committed.count(id), 1u) << id << " was pulled but never committed";
  // One entry per transaction, numbers 1, 2, 3, … in pull order: no gap a cursor could have jumped.
  ASSERT_EQ(txs.size(), committed.size());
  for (std::size_t i = 0; i < txs.size(); ++i) ASSERT_EQ(txs[i], static_cast<std::int64_t>(i + 1)) << "at " << i;
  EXPECT_EQ(cursor, static_cast<std::int64_t>(committed.size()));
}

// The schema is created once even when several processes start on an empty database at the same time, and a
// database with other tables is refused.
TEST_F(PgStore, SeveralProcessesOpeningAnEmptyDatabaseAtOnceCreateTheSchemaOnceAndAStrangersIsRefused) {
  test::PgDatabase db;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  std::string error;
  std::mutex mu;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto s = open_pg_store(db.url());
      if (s.ok()) {
        ++ok;
      } else {
        std::lock_guard lock(mu);
        error = s.error().message;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4) << error;

  test::PgDatabase stranger;
  auto session = must(PgSession::open(stranger.url()), "session");
  ASSERT_TRUE(session->exec("CREATE TABLE invoices (id TEXT PRIMARY KEY)").ok());
  auto refused = open_pg_store(stranger.url());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "server.not_server_db");
}

// The database restarts or a DBA kills the server's sessions: the pooled connections are dead but look
// fine until used. The next requests must not fail because of them.
TEST_F(PgStore, ConnectionsTheDatabaseDroppedAreReplacedWithoutFailingARequest) {
  test::PgDatabase db;
  auto store = must(open_pg_store(db.url()), "open");
  {
    // Fill the pool with several connections.
    std::vector<std::unique_ptr<StoreRead>> reads;
    for (int i = 0; i < 4; ++i) reads.push_back(must(store->read(), "read"));
  }
  auto dba = must(PgSession::open(db.url()), "session");
  auto killed = must(dba->rows("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()) k"),
                     "terminate");
  EXPECT_EQ(killed.at(0).at(0).value_or("0"), "4");
  for (int i = 0; i < 6; ++i) {
    auto r = store->read();
    ASSERT_TRUE(r.ok()) << "read " << i << ": " << r.error().message;
    EXPECT_TRUE((*r)->last_tx().ok());
    auto w = store->write(1000);
    ASSERT_TRUE(w.ok()) << "write " << i << ": " << w.error().message;
    EXPECT_TRUE((*w)->append_changes({ChangeEntry{"F", 0, "x" + std::to_string(i), sync::ChangeKind::upsert, ""}}).ok());
    EXPECT_TRUE((*w)->commit().ok());
  }
  EXPECT_EQ(must(must(store->read(), "read")->last_tx(), "last_tx"), 6);
}

}  // namespace
}  // namespace simpul::server
