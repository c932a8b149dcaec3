// Reports on a small fixture: visits per poli per day, waiting-time histogram, screening risk distribution,
// sync health, and CSV export (RFC 4180 quoting), through the API and the CLI.
#include <fstream>

#include "care_fixture.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/reports.hpp"
#include "support/temp_dir.hpp"

namespace simpul::care_test {
namespace {

using storage::Reports;

constexpr const char* kFacility = "1004P001";
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kMorning = 1'767'574'800'000;  // 2026-01-05 08:00 WIB

class CareReports : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = storage::Replica::open(db_path, clock);
    ASSERT_TRUE(r.ok()) << r.error().message;
    replica = std::move(r).value();
    ASSERT_TRUE(replica->set_setting("facility", kFacility).ok());
    Facility f;
    f.code = kFacility;
    f.name = "Puskesmas Uji";
    f.latitude = -6.9;
    f.longitude = 107.6;
    f.polis = {Poli{"001", "Umum, \"Dewasa\"", "A", 480, 840, 80}, Poli{"002", "Gigi", "B", 480, 720, 20}};
    ASSERT_TRUE(storage::Facilities(*replica).put(who, f).ok());
    add_participant(*replica, "p-000000000001", "1968-04-10", "P", kFacility);
    add_participant(*replica, "p-000000000002", "1990-02-02", "P", kFacility);
  }

  void write(const std::string& entity, const std::string& id, const storage::Fields& fields) {
    auto tx = storage::Transaction::begin(replica->db());
    ASSERT_TRUE(tx.ok());
    auto w = replica->upsert(who, entity, id, fields);
    ASSERT_TRUE(w.ok()) << w.error().message;
    ASSERT_TRUE(tx->commit().ok());
  }
  void visit(const std::string& id, const std::string& day, const std::string& poli, const std::string& outcome = "home",
             const std::string& facility = kFacility) {
    write("visit", id,
          {{"participant_id", "p-000000000001"}, {"facility", facility}, {"poli", poli}, {"day", day},
           {"outcome", outcome}, {"diagnoses", "[\"J06.9\"]"}});
  }
  // A queue entry that arrived at kMorning + arrived_min and was first called `wait_min` later (< 0: never).
  void entry(const std::string& id, const std::string& poli, int arrived_min, int wait_min,
             const std::string& source = "desk", const std::string& day = "2026-01-05") {
    const std::int64_t arrival = kMorning + arrived_min * kMinute;
    write("queue_entry", id,
          {{"facility", kFacility}, {"poli", poli}, {"day", day}, {"number", "A-" + id}, {"state", "waiting"},
           {"source", source}, {"participant_id", "p-000000000001"},
           {"arrival_hlc", HlcTimestamp{arrival, 0, "desk-1"}.encode()}});
    if (wait_min >= 0) {
      write("queue_event", id + "-call", {{"entry_id", id}, {"event", "call"}, {"at_ms", arrival + wait_min * kMinute}});
      write("queue_event", id + "-recall",
            {{"entry_id", id}, {"event", "recall"}, {"at_ms", arrival + (wait_min + 30) * kMinute}});
    }
  }

  test::TempDir dir{"simpul-care-reports"};
  std::string db_path = dir.file("desk.db").string();
  ManualClock clock{kMorning + 4 * 60 * kMinute};
  storage::Actor who{"", "test"};
  std::unique_ptr<storage::Replica> replica;
  Date d5 = *Date::parse("2026-01-05");
  Date d6 = *Date::parse("2026-01-06");
};

TEST(CareCsv, FieldsAreQuotedAsRfc4180Says) {
  EXPECT_EQ(storage::csv_field("plain"), "plain");
  EXPECT_EQ(storage::csv_field(""), "");
  EXPECT_EQ(storage::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(storage::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(storage::csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(storage::csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(storage::to_csv({{"a", "b"}, {{"1", "x,y"}, {"", "\""}}}), "a,b\r\n1,\"x,y\"\r\n,\"\"\"\"\r\n");
}

TEST_F(CareReports, DailyVisitsPerPoliCountOnlyTheRangeAndTheFacility) {
  visit("v1", "2026-01-05", "001");
  visit("v2", "2026-01-05", "001", "referred");
  visit("v3", "2026-01-05", "001");
  visit("v4", "2026-01-05", "002");
  visit("v5", "2026-01-06", "001");
  visit("v6", "2026-01-06", "001");
  visit("v7", "2026-01-07", "001");                          // after the range
  visit("v8", "2026-01-05", "001", "home", "1004P002");      // another facility's
  auto r = Reports(*replica).daily_visits(d5, d6);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].visits, 3);
  EXPECT_EQ(r->rows[0].poli_name, "Umum, \"Dewasa\"");
  EXPECT_EQ(r->rows[1].poli, "002");
  EXPECT_EQ(r->rows[1].visits, 1);
  EXPECT_EQ(r->rows[2].day, d6);
  EXPECT_EQ(r->rows[2].visits, 2);
  EXPECT_EQ(r->total, 6);
  EXPECT_EQ(r->referred, 1);
  EXPECT_EQ(r->polis, (std::vector<std::string>{"001", "002"}));
  const std::string expected =
      "day,poli,poli_name,visits\r\n"
      "2026-01-05,001,\"Umum, \"\"Dewasa\"\"\",3\r\n"
      "2026-01-05,002,Gigi,1\r\n"
      "2026-01-06,001,\"Umum, \"\"Dewasa\"\"\",2\r\n";
  EXPECT_EQ(storage::to_csv(Reports::table(*r)), expected);

  // The same through the CLI: CSV on stdout, and to a file with JSON on stdout.
  Outcome out = simpulctl({"report", "visits", "--db", db_path, "--from", "2026-01-05", "--to", "2026-01-06", "--csv", "-"});
  ASSERT_EQ(out.code, 0) << out.err;
  EXPECT_EQ(out.out, expected);
  const std::string csv_path = dir.file("visits.csv").string();
  out = simpulctl({"report", "visits", "--db", db_path, "--from", "2026-01-05", "--to", "2026-01-06", "--csv", csv_path,
                   "--json"});
  ASSERT_EQ(out.code, 0) << out.err;
  EXPECT_EQ(out.parsed()["total"], 6);
  EXPECT_EQ(out.parsed()["from"], "2026-01-05");
  EXPECT_EQ(test::read_file(csv_path), expected);
  out = simpulctl({"report", "visits", "--db", db_path, "--from", "2026-01-07", "--to", "2026-01-05"});
  EXPECT_EQ(out.code, 2) << "from after to";
}

TEST_F(CareReports, WaitingTimesFromArrivalToFirstCall) {
  entry("e1", "001", 0, 5);
  entry("e2", "001", 10, 20);
  entry("e3", "001", 20, 45);
  entry("e4", "002", 30, 200);
  entry("e5", "001", 40, -1);                 // still waiting
  entry("e6", "001", 50, 90, "mobile_jkn");   // a booking: its arrival is the booking time
  entry("e7", "001", 0, 10, "desk", "2026-01-08");  // outside the range
  auto r = Reports(*replica).waits(d5, d6);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->entries, 5);
  EXPECT_EQ(r->not_called, 1);
  std::vector<int> counts;
  for (const auto& b : r->histogram) counts.push_back(b.count);
  EXPECT_EQ(counts, (std::vector<int>{1, 1, 1, 0, 0, 1}));
  EXPECT_EQ(r->histogram.back().label(), "120+");
  ASSERT_EQ(r->per_poli.size(), 2u);
  EXPECT_EQ(r->per_poli[0].poli, "001");
  EXPECT_EQ(r->per_poli[0].called, 3);
  EXPECT_NEAR(r->per_poli[0].mean_minutes, 70.0 / 3, 1e-9);
  EXPECT_EQ(r->per_poli[0].median_minutes, 20);
  EXPECT_EQ(r->per_poli[0].p90_minutes, 45);
  EXPECT_EQ(r->per_poli[1].median_minutes, 200);
  const std::string csv = storage::to_csv(Reports::table(*r));
  EXPECT_NE(csv.find("histogram,0-15,1,,,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("poli,001,3,23.3,20,45\r\n"), std::string::npos) << csv;
}

TEST_F(CareReports, ScreeningRiskDistributionCountsScreeningsThatCount) {
  for (const auto& [person, bp] : {std::pair<std::string, int>{"p-000000000001", 150}, {"p-000000000002", 118}}) {
    storage::NewScreening req;
    req.participant_id = person;
    req.day = d5;
    req.answers = *storage::answers_from_json(poli_answers_v1(78, bp, bp == 150 ? 95 : 76));
    auto out = storage::Screenings(*replica).record(who, req);
    ASSERT_TRUE(out.ok() && out->accepted());
  }
  auto r = Reports(*replica).screening(d5, d6);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->screenings, 2);
  EXPECT_EQ(r->follow_up, 1);
  ASSERT_EQ(r->diseases.size(), 4u);
  EXPECT_EQ(r->diseases[1].disease, "hypertension");
  EXPECT_EQ(r->diseases[1].low, 1);
  EXPECT_EQ(r->diseases[1].high, 1);
  EXPECT_EQ(r->diseases[0].low, 2);
  EXPECT_EQ(r->findrisc_bands.front(), (std::pair<std::string, int>{"low", 2}));
  EXPECT_EQ(storage::to_csv(Reports::table(*r)).substr(0, 50), "disease,low,medium,high\r\ntype2_diabetes,2,0,0\r\nhyp");
}

TEST_F(CareReports, SyncHealthByAgeWithConflictsAndDuplicates) {
  visit("v1", "2026-01-05", "001");
  clock.advance_ms(2 * 60 * kMinute);
  visit("v2", "2026-01-05", "001");
  storage::Outbox outbox(replica->db());
  auto pending = outbox.next_batch(1000);
  ASSERT_TRUE(pending.ok());
  const int ops = static_cast<int>(pending->size());
  ASSERT_TRUE(outbox.reject(pending->back().seq, "test: refused").ok());
  {
    auto tx = storage::Transaction::begin(replica->db());
    ASSERT_TRUE(tx.ok());
    const storage::Fields conflict{{"entity", "participant"}, {"entity_id", "p-000000000001"}, {"field", "phone"},
                                   {"resolved", 0}};
    ASSERT_TRUE(replica->apply_remote("conflict", "c-1", &conflict).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  auto r = Reports(*replica).sync_health();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->pending, ops - 1);
  EXPECT_EQ(r->rejected, 1);
  EXPECT_EQ(r->by_age[0].rejected, 1) << "v2's op, just now";
  EXPECT_EQ(r->by_age[1].pending, ops - 1) << "everything written two hours ago";
  EXPECT_EQ(r->conflicts_open, 1);
  EXPECT_EQ(r->screening_duplicates_open, 0);
  EXPECT_FALSE(r->last_sync_at_ms.has_value());
  const Outcome out = simpulctl({"report", "sync", "--db", db_path, "--json"});
  ASSERT_EQ(out.code, 0) << out.err;
  EXPECT_EQ(out.parsed()["rejected"], 1);
  EXPECT_EQ(out.parsed()["conflicts_open"], 1);
}

}  // namespace
}  // namespace simpul::care_test
