// The SQLite store's writer: write transactions taking turns on one connection and sharing a COMMIT
// (write_group.hpp), and WAL checkpoints on a thread of their own. SQLite only.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "simpul/server/sqlite_store.hpp"
#include "simpul/server/write_group.hpp"
#include "simpul/storage/db.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace simpul::server {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<storage::Database> connect(const std::string& path) {
  storage::OpenOptions o;
  o.create = true;
  o.synchronous_full = false;
  auto db = storage::Database::open(path, o);
  EXPECT_TRUE(db.ok()) << db.error().message;
  return std::make_unique<storage::Database>(std::move(db).value());
}

struct Writer {
  simpul::test::TempDir dir{"simpul-writegroup"};
  std::string path = (dir.path() / "w.db").string();
  std::unique_ptr<storage::Database> reader;
  std::unique_ptr<WriteGroup> group;

  Writer() {
    reader = connect(path);
    EXPECT_TRUE(reader->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
    group = std::make_unique<WriteGroup>(connect(path), WriteGroup::Options{16, 5000});
  }

  WriteGroup::Member join() {
    auto m = group->join();
    EXPECT_TRUE(m.ok()) << m.error().message;
    return std::move(m).value();
  }

  // A member inserting row `id` on a thread of its own; its commit's outcome lands in `status`.
  std::thread insert_and_commit(int id, Status& status) {
    return std::thread([this, id, &status] {
      auto m = join();
      status = m.db().exec("INSERT INTO t(id, v) VALUES (" + std::to_string(id) + ", 'x')");
      if (status.ok()) status = m.commit();
    });
  }

  void wait_for_waiting(std::size_t n) {
    ASSERT_TRUE(simpul::test::wait_until([&] { return group->waiting() == n; }, 10s, 1ms));
  }

  std::int64_t rows() { return reader->query_int("SELECT count(*) FROM t")->value_or(-1); }
  bool has(int id) {
    return reader->query_int("SELECT count(*) FROM t WHERE id = " + std::to_string(id))->value_or(0) == 1;
  }
};

TEST(SqliteWriteGroup, TransactionsThatArriveTogetherShareOneCommit) {
  Writer w;
  Status b, c;
  std::thread tb, tc;
  {
    auto first = w.join();
    ASSERT_TRUE(first.db().exec("INSERT INTO t(id, v) VALUES (1, 'x')").ok());
    tb = w.insert_and_commit(2, b);
    tc = w.insert_and_commit(3, c);
    w.wait_for_waiting(2);
    EXPECT_TRUE(first.commit().ok());  // returns once the shared COMMIT is done
    EXPECT_EQ(w.rows(), 3);
  }
  tb.join();
  tc.join();
  EXPECT_TRUE(b.ok());
  EXPECT_TRUE(c.ok());
  EXPECT_EQ(w.group->counts().members, 3u);
  EXPECT_EQ(w.group->counts().commits, 1u);
}

TEST(SqliteWriteGroup, AFailingTransactionRollsBackAloneAndTheOthersCommit) {
  Writer w;
  Status failed, c;
  std::thread tb, tc;
  {
    auto first = w.join();
    ASSERT_TRUE(first.db().exec("INSERT INTO t(id, v) VALUES (1, 'x')").ok());
    tb = std::thread([&] {
      auto m = w.join();
      ASSERT_TRUE(m.db().exec("INSERT INTO t(id, v) VALUES (2, 'x')").ok());
      failed = m.db().exec("INSERT INTO t(id, v) VALUES (3, NULL)");  // a store failure: given up
    });
    tc = w.insert_and_commit(4, c);
    w.wait_for_waiting(2);
    EXPECT_TRUE(first.commit().ok());
  }
  tb.join();
  tc.join();
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(c.ok());
  EXPECT_TRUE(w.has(1));
  EXPECT_FALSE(w.has(2));
  EXPECT_TRUE(w.has(4));
  EXPECT_EQ(w.group->counts().commits, 1u);
}

TEST(SqliteWriteGroup, WhenTheSharedTransactionIsLostEveryMemberInItIsToldSo) {
  Writer w;
  std::thread tb;
  {
    auto first = w.join();
    ASSERT_TRUE(first.db().exec("INSERT INTO t(id, v) VALUES (1, 'x')").ok());
    tb = std::thread([&] {
      auto m = w.join();
      // What SQLite does after an I/O error or a full disk: the whole transaction is rolled back.
      ASSERT_TRUE(m.db().exec("ROLLBACK").ok());
    });
    w.wait_for_waiting(1);
    auto lost = first.commit();
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(lost.error().code, "store.group_lost");
    EXPECT_EQ(lost.error().kind, ErrorKind::transient);  // a 503: the device sends the ops again
  }
  tb.join();
  EXPECT_EQ(w.rows(), 0);
  EXPECT_EQ(w.group->counts().commits, 0u);
  // The writer carries on with a fresh transaction.
  auto next = w.join();
  ASSERT_TRUE(next.db().exec("INSERT INTO t(id, v) VALUES (5, 'x')").ok());
  EXPECT_TRUE(next.commit().ok());
  EXPECT_TRUE(w.has(5));
}

TEST(SqliteWriteGroup, ATransactionAloneCommitsAtOnceAndAReadOnlyOneLeavesNothingOpen) {
  Writer w;
  {
    auto alone = w.join();
    ASSERT_TRUE(alone.db().exec("INSERT INTO t(id, v) VALUES (1, 'x')").ok());
    EXPECT_TRUE(alone.commit().ok());
  }
  EXPECT_TRUE(w.has(1));
  {
    auto reads = w.join();
    EXPECT_TRUE(reads.db().query_int("SELECT count(*) FROM t").ok());
  }  // given up: rolled back, and the write lock is free for other processes
  auto other = connect(w.path);
  EXPECT_TRUE(other->exec("BEGIN IMMEDIATE; INSERT INTO t(id, v) VALUES (2, 'y'); COMMIT").ok());
  EXPECT_EQ(w.group->counts().commits, 1u);
}

TEST(SqliteWriteGroup, TheStoresWalIsCheckpointedWithoutWaitingForTheWriter) {
  simpul::test::TempDir dir("simpul-checkpoint");
  const std::string path = (dir.path() / "s.db").string();
  SqliteStoreOptions o;
  o.create = true;
  o.synchronous_full = false;
  o.checkpoint_pages = 8;
  auto store = open_sqlite_store(path, o);
  ASSERT_TRUE(store.ok()) << store.error().message;
  const auto before = std::filesystem::file_size(path);
  for (int i = 0; i < 40; ++i) {
    auto tx = (*store)->write(i);
    ASSERT_TRUE(tx.ok());
    DeviceRecord d;
    d.device_id = "dev-" + std::to_string(i);
    d.facility = "1001P001";
    d.token_hash = std::string(4000, 'h');  // a page or more each
    ASSERT_TRUE((*tx)->put_device(d).ok());
    ASSERT_TRUE((*tx)->commit().ok());
  }
  // The rows reach the database file while the store is open: a checkpoint ran.
  EXPECT_TRUE(simpul::test::wait_until([&] { return std::filesystem::file_size(path) > before + 40 * 4000; }, 10s));
}

}  // namespace
}  // namespace simpul::server
