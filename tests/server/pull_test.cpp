// Pull: pages bounded by rows and bytes ending at transaction boundaries, bootstrap with resume and
// progress, and reset_required once the log no longer covers a cursor.
#include <set>

#include "server_fixture.hpp"

namespace simpul::server::test {
namespace {

using ServerPull = ServerFixture;

nlohmann::json entry(int n) {
  return {{"facility", kF1}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"},
          {"number", "A-" + std::to_string(n)}};
}

// Ids of queue entries in a page.
std::set<std::string> entries_in(const sync::PullResponse& page) {
  std::set<std::string> out;
  for (const auto& b : page.blocks) {
    if (b.entity != "queue_entry") continue;
    for (const auto& r : b.rows) out.insert(r.id);
  }
  return out;
}

std::size_t rows_in(const sync::PullResponse& page) {
  std::size_t n = 0;
  for (const auto& b : page.blocks) n += b.rows.size();
  return n;
}

TEST_F(ServerPull, PagesAreBoundedByRowsAndEndAtTransactionBoundaries) {
  Device writer = enroll(kF1);
  Device reader = enroll(kF1);
  pull_all(writer);
  pull_all(reader);
  // Ten server transactions of three rows each.
  for (int t = 0; t < 10; ++t) {
    std::vector<sync::WireOp> ops;
    for (int i = 0; i < 3; ++i) ops.push_back(op(writer, "queue_entry", "q-" + std::to_string(t) + "-" + std::to_string(i), entry(i)));
    push(writer, ops);
  }
  auto pages = pull_all(reader, /*max_rows=*/5);
  std::set<std::string> all;
  std::int64_t last_cursor = 0;
  for (const auto& page : pages) {
    auto ids = entries_in(page);
    EXPECT_LE(rows_in(page), 5u);
    EXPECT_EQ(ids.size() % 3, 0u) << "a page split a transaction";
    // Whole transactions: each group of three arrives together.
    for (const auto& id : ids) {
      const std::string group = id.substr(0, id.rfind('-'));
      for (int i = 0; i < 3; ++i) EXPECT_EQ(ids.count(group + "-" + std::to_string(i)), 1u) << id;
    }
    EXPECT_GT(page.cursor, last_cursor);
    last_cursor = page.cursor;
    all.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(all.size(), 30u);
  EXPECT_EQ(pages.size(), 10u);
  EXPECT_FALSE(pages.back().more);
  EXPECT_EQ(reader.cursor, *service->last_tx());
  // Nothing new: an empty page that keeps the cursor.
  auto empty = pull(reader, 5);
  EXPECT_EQ(rows_in(empty), 0u);
  EXPECT_FALSE(empty.more);
  EXPECT_EQ(empty.cursor, last_cursor);
}

TEST_F(ServerPull, ATransactionLargerThanAPageIsSentWhole) {
  Device writer = enroll(kF1);
  Device reader = enroll(kF1);
  pull_all(writer);
  pull_all(reader);
  std::vector<sync::WireOp> ops;
  for (int i = 0; i < 12; ++i) ops.push_back(op(writer, "queue_entry", "big-" + std::to_string(i), entry(i)));
  push(writer, ops);
  push(writer, {op(writer, "queue_entry", "after", entry(99))});
  auto first = pull(reader, 5);
  EXPECT_EQ(entries_in(first).size(), 12u);
  EXPECT_TRUE(first.more);
  auto second = pull(reader, 5);
  EXPECT_EQ(entries_in(second), std::set<std::string>{"after"});
  EXPECT_FALSE(second.more);
}

TEST_F(ServerPull, PagesAreBoundedByBytes) {
  Device writer = enroll(kF1);
  Device reader = enroll(kF1);
  pull_all(writer);
  pull_all(reader);
  const std::string text(6000, 'x');
  for (int i = 0; i < 6; ++i) {
    push(writer, {op(writer, "complaint", "c-" + std::to_string(i),
                     {{"facility", kF1}, {"category", "service"}, {"text", text}})});
  }
  auto pages = pull_all(reader, 5000, /*max_bytes=*/16 * 1024);
  std::size_t total = 0;
  for (const auto& page : pages) {
    std::size_t bytes = 0;
    for (const auto& b : page.blocks) {
      for (const auto& r : b.rows) {
        for (const auto& v : r.values) bytes += v.size();
      }
    }
    EXPECT_LE(bytes, 16u * 1024u);
    total += rows_in(page);
  }
  EXPECT_EQ(total, 6u);
  EXPECT_EQ(pages.size(), 3u);
}

TEST_F(ServerPull, BootstrapResumesFromTheStoredSnapshotPositionAndReportsProgress) {
  Device writer = enroll(kF1);
  pull_all(writer);
  for (int t = 0; t < 4; ++t) {
    std::vector<sync::WireOp> ops;
    for (int i = 0; i < 10; ++i) ops.push_back(op(writer, "queue_entry", "q-" + std::to_string(t * 10 + i), entry(i)));
    push(writer, ops);
  }
  Device fresh = enroll(kF1);
  std::map<std::string, int> seen;
  auto count = [&](const sync::PullResponse& page) {
    for (const auto& b : page.blocks) {
      for (const auto& r : b.rows) ++seen[b.entity + "/" + r.id];
    }
  };
  auto p1 = pull(fresh, 7);
  count(p1);
  ASSERT_TRUE(p1.snapshot.active);
  EXPECT_EQ(p1.cursor, 0);
  EXPECT_EQ(p1.snapshot.rows_done, 7u);
  const std::uint64_t total = p1.snapshot.rows_total;
  EXPECT_GT(total, 40u);
  auto p2 = pull(fresh, 7);
  count(p2);
  EXPECT_EQ(p2.snapshot.rows_done, 14u);

  // The desk lost its connection here; a change happens meanwhile; it resumes from what it stored.
  push(writer, {op(writer, "queue_entry", "q-0", {{"state", "called"}}),
                op(writer, "queue_entry", "late", entry(7))});
  Device resumed;
  resumed.id = fresh.id;
  resumed.token = fresh.token;
  resumed.facility = fresh.facility;
  resumed.cursor = fresh.cursor;
  resumed.snapshot = fresh.snapshot;
  std::uint64_t last_done = p2.snapshot.rows_done;
  std::vector<sync::PullResponse> rest;
  for (int guard = 0; guard < 100; ++guard) {
    auto page = pull(resumed, 7);
    count(page);
    if (page.snapshot.active) {
      EXPECT_GT(page.snapshot.rows_done, last_done);
      last_done = page.snapshot.rows_done;
    }
    rest.push_back(page);
    if (!page.more) break;
  }
  ASSERT_FALSE(rest.empty());
  // No row twice during the snapshot; the change made during the bootstrap arrives from the log.
  for (const auto& [key, n] : seen) {
    if (key != "queue_entry/q-0" && key != "queue_entry/late") {
      EXPECT_EQ(n, 1) << key;
    }
  }
  EXPECT_EQ(seen.count("queue_entry/late"), 1u);
  EXPECT_EQ(resumed.cursor, *service->last_tx());
  // Every row of the scope arrived.
  auto d = service->facility_digest(kF1);
  ASSERT_TRUE(d.ok());
  std::size_t in_scope = 0;
  for (const auto& [key, n] : seen) in_scope += n > 0 ? 1 : 0;
  EXPECT_EQ(in_scope, total + 1);  // + "late"
  const sync::PullResponse* final_snapshot = nullptr;
  for (const auto& page : rest) {
    if (!page.snapshot.active && page.snapshot.rows_total != 0) final_snapshot = &page;
  }
  ASSERT_NE(final_snapshot, nullptr);
  EXPECT_EQ(final_snapshot->snapshot.rows_done, final_snapshot->snapshot.rows_total);
}

TEST_F(ServerPull, ACursorOlderThanRetentionGetsResetRequired) {
  Device writer = enroll(kF1);
  Device away = enroll(kF1);
  Device current = enroll(kF1);
  pull_all(writer);
  pull_all(away);
  push(writer, {op(writer, "queue_entry", "q-1", entry(1))});
  pull_all(current);
  clock.advance_ms(200 * kDayMs);
  auto counts = service->compact(180);
  ASSERT_TRUE(counts.ok());
  EXPECT_GT(counts->log_entries, 0);
  EXPECT_GT(counts->log_floor, away.cursor);

  auto reset = pull(away);
  EXPECT_TRUE(reset.reset_required);
  EXPECT_TRUE(reset.blocks.empty());
  // A device that was caught up is not reset.
  EXPECT_FALSE(pull(current).reset_required);
  // The reset device bootstraps again and gets everything.
  away.cursor = 0;
  away.snapshot = {};
  auto pages = pull_all(away);
  EXPECT_FALSE(pages.back().reset_required);
  EXPECT_NE(find_row(pages, "queue_entry", "q-1"), nullptr);
}

TEST_F(ServerPull, ACursorAheadOfTheServerGetsResetRequired) {
  // The server was restored from an older backup: the device has seen transactions it no longer has.
  Device d = enroll(kF1);
  pull_all(d);
  d.cursor = *service->last_tx() + 5;
  EXPECT_TRUE(pull(d).reset_required);
  d.cursor = 0;
  d.snapshot = sync::SnapshotPos{true, 1, "", *service->last_tx() + 5, 0, 10};
  EXPECT_TRUE(pull(d).reset_required);
}

TEST_F(ServerPull, CompactionDropsTombstoneContentButNeverResurrects) {
  Device d = enroll(kF1);
  pull_all(d);
  push(d, {op(d, "queue_entry", "q-1", entry(1))});
  push(d, {op(d, "queue_entry", "q-1", nlohmann::json::object(), "delete")});
  clock.advance_ms(200 * kDayMs);
  auto counts = service->compact(180);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->tombstones, 1);
  auto row = stored("queue_entry", "q-1");
  EXPECT_TRUE(row->deleted);
  EXPECT_TRUE(row->fields["facility"].is_null());
  auto r = push(d, {op(d, "queue_entry", "q-1", entry(2))}).results[0];
  EXPECT_EQ(r.verdict, sync::Verdict::merged);
  EXPECT_TRUE(stored("queue_entry", "q-1")->deleted);
}

}  // namespace
}  // namespace simpul::server::test
