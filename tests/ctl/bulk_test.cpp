// The bulk loader: rows that exist centrally go in without change capture, in the caller's transaction.
#include "simpul/storage/bulk.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>

#include "simpul/core/clock.hpp"
#include "simpul/storage/participants.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace simpul;
using namespace simpul::storage;

const Date kToday{2026, 3, 15};

const RegionTable& regions() {
  static const RegionTable table = [] {
    auto loaded = RegionTable::load(std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv");
    if (!loaded.ok()) std::abort();
    return std::move(loaded).value();
  }();
  return table;
}

demo::DemoData demo_data(std::size_t participants, std::uint64_t seed = 9) {
  demo::DemoOptions o;
  o.participants = participants;
  o.seed = seed;
  o.today = kToday;
  auto d = demo::generate(regions(), o);
  if (!d.ok()) std::abort();
  return std::move(d).value();
}

class Bulk : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = Replica::open((dir.path() / "replica.db").string(), clock);
    ASSERT_TRUE(r.ok()) << r.error().message;
    replica = std::move(r).value();
  }
  std::int64_t count(const std::string& sql) { return replica->db().query_int(sql).value().value_or(-1); }

  simpul::test::TempDir dir{"simpul-bulk"};
  ManualClock clock{1'773'532'800'000};  // 2026-03-15
  std::unique_ptr<Replica> replica;
};

TEST_F(Bulk, InsertsRowsWithoutOutboxOrAudit) {
  auto tx = Transaction::begin(replica->db());
  ASSERT_TRUE(tx.ok());
  const EntityDef& bills = *find_entity("bill");
  const std::vector<Fields> rows = {
      {{"id", "b1"}, {"participant_id", "p1"}, {"period", "2026-01"}, {"amount", 35000}, {"status", "paid"}},
      {{"id", "b2"}, {"participant_id", "p1"}, {"period", "2026-02"}, {"amount", 35000}, {"status", "unpaid"}},
  };
  ASSERT_TRUE(bulk_insert(replica->db(), bills, rows).ok());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(count("SELECT count(*) FROM bills"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM bills WHERE due_date IS NULL"), 2) << "missing columns are NULL";
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(Bulk, NeedsTheCallersTransactionAndRefusesBadRows) {
  const EntityDef& bills = *find_entity("bill");
  const std::vector<Fields> one = {{{"id", "b1"}, {"participant_id", "p1"}, {"period", "2026-01"}, {"amount", 1},
                                    {"status", "paid"}}};
  auto outside = bulk_insert(replica->db(), bills, one);
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, "bulk.no_transaction");

  auto tx = Transaction::begin(replica->db());
  ASSERT_TRUE(tx.ok());
  auto unknown = bulk_insert(replica->db(), bills, {{{"id", "b9"}, {"colour", "red"}}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "field.unknown");
  EXPECT_NE(unknown.error().message.find("colour"), std::string::npos);
  auto no_id = bulk_insert(replica->db(), bills, {{{"period", "2026-01"}}});
  ASSERT_FALSE(no_id.ok());
  ASSERT_TRUE(bulk_insert(replica->db(), bills, one).ok());
  auto twice = bulk_insert(replica->db(), bills, one);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().kind, ErrorKind::conflict);
}

TEST_F(Bulk, LoadDemoLoadsEverythingAndSearchFindsIt) {
  const auto d = demo_data(1000);
  ASSERT_TRUE(load_demo(*replica, d, "").ok());
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 1000);
  EXPECT_EQ(count("SELECT count(*) FROM facilities"), static_cast<std::int64_t>(d.facilities.size()));
  EXPECT_EQ(count("SELECT count(*) FROM kk_history"), static_cast<std::int64_t>(d.kk_history.size()));
  EXPECT_EQ(count("SELECT count(*) FROM bills"), static_cast<std::int64_t>(d.bills.size()));
  EXPECT_EQ(count("SELECT count(*) FROM payments"), static_cast<std::int64_t>(d.payments.size()));
  EXPECT_EQ(count("SELECT count(*) FROM visits"), static_cast<std::int64_t>(d.visits.size()));
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM visits WHERE json_valid(vitals) AND json_valid(diagnoses)"),
            static_cast<std::int64_t>(d.visits.size()));

  Participants repo(*replica);
  const Participant& first = d.participants.front();
  auto back = repo.get(first.id);
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ((*back)->nik, first.nik);
  EXPECT_EQ((*back)->card_number, first.card_number);
  EXPECT_EQ((*back)->kk_number, first.kk_number);
  auto page = repo.search(first.name.substr(0, first.name.find(' ')), 10);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->items.empty());
  auto history = repo.kk_history(first.id);
  ASSERT_TRUE(history.ok());
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().kk_number, first.kk_number);
}

TEST_F(Bulk, LoadDemoForOneFacilityKeepsOnlyItsParticipants) {
  const auto d = demo_data(1000);
  const std::string code = d.participants.front().fktp;
  std::int64_t expected = 0;
  for (const auto& p : d.participants) expected += (p.fktp == code || p.dental_fktp == code) ? 1 : 0;
  ASSERT_TRUE(load_demo(*replica, d, code).ok());
  EXPECT_EQ(count("SELECT count(*) FROM participants"), expected);
  EXPECT_EQ(count("SELECT count(*) FROM facilities"), static_cast<std::int64_t>(d.facilities.size()));
  EXPECT_EQ(count("SELECT count(*) FROM bills WHERE participant_id NOT IN (SELECT id FROM participants)"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM visits WHERE participant_id NOT IN (SELECT id FROM participants)"), 0);
}

TEST_F(Bulk, AFailedLoadLeavesNothingBehind) {
  auto d = demo_data(200);
  ASSERT_FALSE(d.visits.empty());
  d.visits.push_back(d.visits.front());  // the very last row repeats an id
  auto loaded = load_demo(*replica, d, "");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::conflict);
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM facilities"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM visits"), 0);
}

// 100k participants load and every kind of query finds them; the load and search times are printed for the
// eye (the targets are checked by bench/, see docs/PERFORMANCE.md).
TEST_F(Bulk, HundredThousandParticipantsLoadQuicklyAndSearchFast) {
  auto t0 = std::chrono::steady_clock::now();
  const auto d = demo_data(100'000, 21);
  auto t1 = std::chrono::steady_clock::now();
  const std::clock_t cpu0 = std::clock();
  ASSERT_TRUE(load_demo(*replica, d, "").ok());
  const double load_cpu_s = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  auto t2 = std::chrono::steady_clock::now();
  using ms = std::chrono::milliseconds;
  const auto generate_ms = std::chrono::duration_cast<ms>(t1 - t0).count();
  const auto load_ms = std::chrono::duration_cast<ms>(t2 - t1).count();

  Participants repo(*replica);
  const std::string full_name = d.participants[12'345].name;
  const std::vector<std::string> queries = {"siti", "asep", "nur", "dew", full_name, "a", "3204", "0001"};
  double worst_us = 0;
  double total_us = 0;
  int runs = 0;
  for (int round = 0; round < 5; ++round) {
    for (const auto& q : queries) {
      const auto s0 = std::chrono::steady_clock::now();
      auto page = repo.search(q, 20);
      const auto us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - s0).count();
      ASSERT_TRUE(page.ok());
      EXPECT_FALSE(page->items.empty()) << q;
      if (round > 0) {  // the first round warms the cache
        worst_us = std::max(worst_us, us);
        total_us += us;
        ++runs;
      }
    }
  }
  std::printf("bulk: 100k participants generated in %lld ms, loaded in %lld ms (%.1f s CPU; %zu rows); search mean "
              "%.2f ms, worst %.2f ms\n",
              static_cast<long long>(generate_ms), static_cast<long long>(load_ms), load_cpu_s,
              d.participants.size() + d.kk_history.size() + d.bills.size() + d.payments.size() + d.visits.size(),
              total_us / runs / 1000.0, worst_us / 1000.0);
  // The figures are printed, not asserted: timing belongs to bench/ (docs/PERFORMANCE.md), not to CI.
}

}  // namespace
