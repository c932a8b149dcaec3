// Queue figures: people ahead, totals, the called number, pace and estimated wait.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "simpul/core/hlc.hpp"
#include "simpul/core/queue/stats.hpp"

using namespace simpul;
using namespace simpul::queue;

namespace {

using E = QueueEventKind;

constexpr Date kToday{2026, 1, 15};
constexpr std::int64_t kEight = 1'768'438'800'000;  // 2026-01-15 08:00 WIB
constexpr std::int64_t kMinute = 60'000;

Poli poli(std::string code) {
  Poli p;
  p.code = std::move(code);
  p.prefix = "A";
  return p;
}

QueueEntry entry(std::string id, std::string number, int arrival_minute,
                 QueueState state = QueueState::waiting, Priority priority = Priority::regular,
                 std::string poli_code = "001") {
  QueueEntry e;
  e.id = std::move(id);
  e.poli = std::move(poli_code);
  e.day = kToday;
  e.number = std::move(number);
  e.state = state;
  e.priority = priority;
  e.arrival_hlc = HlcTimestamp{kEight + arrival_minute * kMinute, 0, "kiosk"}.encode();
  return e;
}

QueueEvent ev(const std::string& entry_id, E kind, int minute, const std::string& tag = "") {
  return QueueEvent{
      entry_id + "-" + event_code(kind) + tag, entry_id, kind, kEight + minute * kMinute, "u", "poli"};
}

// Entries e1..eN, each first called `gaps[i]` minutes after the previous one, served for `service` minutes.
std::vector<QueueEvent> day_of_calls(const std::vector<int>& gaps, int service) {
  std::vector<QueueEvent> out;
  int t = 0;
  for (std::size_t i = 0; i < gaps.size(); ++i) {
    t += gaps[i];
    const std::string id = "e" + std::to_string(i + 1);
    out.push_back(ev(id, E::call, t));
    out.push_back(ev(id, E::serve, t + 1));
    out.push_back(ev(id, E::done, t + 1 + service));
  }
  return out;
}

}  // namespace

TEST(QueueStats, PeopleAheadCountsCalledAndEarlierWaiting) {
  const std::vector<QueueEntry> entries{
      entry("done", "A-101", 0, QueueState::done),
      entry("serving", "A-102", 1, QueueState::serving),
      entry("called", "A-103", 2, QueueState::called),
      entry("skipped", "A-104", 3, QueueState::skipped),
      entry("w1", "A-201", 4),
      entry("w2", "A-105", 5),
      entry("w3", "A-901", -600),  // Mobile JKN, booked the day before: first in line
      entry("other-poli", "B-101", 0, QueueState::waiting, Priority::regular, "002"),
  };
  EXPECT_EQ(people_ahead(entries, "w3"), 1);  // only the called patient at the door
  EXPECT_EQ(people_ahead(entries, "w1"), 2);
  EXPECT_EQ(people_ahead(entries, "w2"), 3);
  EXPECT_EQ(people_ahead(entries, "called"), 0);
  EXPECT_EQ(people_ahead(entries, "skipped"), 0);
  EXPECT_EQ(people_ahead(entries, "other-poli"), 0);
  EXPECT_EQ(people_ahead(entries, "nobody"), -1);
}

TEST(QueueStats, PriorityArrivalMovesAhead) {
  std::vector<QueueEntry> entries{entry("a1", "A-101", 0), entry("a2", "A-102", 10)};
  EXPECT_EQ(people_ahead(entries, "a2"), 1);
  entries.push_back(entry("b", "A-103", 20, QueueState::waiting, Priority::priority));  // counts as 07:50
  EXPECT_EQ(people_ahead(entries, "a2"), 2);
  EXPECT_EQ(people_ahead(entries, "b"), 0);
  EXPECT_EQ(people_ahead(entries, "a2", OrderPolicy{0}), 1);
}

TEST(QueueStats, TotalsForTheWsAntrean) {
  const std::vector<QueueEntry> entries{
      entry("1", "A-101", 0, QueueState::done),
      entry("2", "A-102", 1, QueueState::serving),
      entry("3", "A-103", 2, QueueState::called),
      entry("4", "A-104", 3, QueueState::skipped),
      entry("5", "A-105", 4),
      entry("6", "A-106", 5, QueueState::cancelled),
      entry("7", "A-107", 6, QueueState::no_show),
      entry("8", "A-108", 7),
  };
  EXPECT_EQ(total_count(entries), 7);      // totalantrean: all but the cancelled one
  EXPECT_EQ(remaining_count(entries), 3);  // sisaantrean: called + 2 waiting
  EXPECT_EQ(total_count({}), 0);
  EXPECT_EQ(remaining_count({}), 0);
}

TEST(QueueStats, CalledNumberIsTheLatestCallOrRecall) {
  const std::vector<QueueEntry> entries{entry("1", "A-101", 0), entry("2", "A-102", 1),
                                        entry("3", "A-901", 2)};
  EXPECT_EQ(called_number(entries, {}), "");
  std::vector<QueueEvent> events{ev("1", E::call, 10), ev("1", E::serve, 11), ev("2", E::call, 20)};
  EXPECT_EQ(called_number(entries, events), "A-102");
  events.push_back(ev("2", E::skip, 22));
  events.push_back(ev("3", E::call, 23));
  EXPECT_EQ(called_number(entries, events), "A-901");
  events.push_back(ev("2", E::recall, 40));  // the skipped patient came back
  EXPECT_EQ(called_number(entries, events), "A-102");
  events.push_back(ev("3", E::call, 50, "-again"));  // invalid (already called): changes nothing
  EXPECT_EQ(called_number(entries, events), "A-102");
  EXPECT_EQ(recent_calls(entries, events, 10), (std::vector<std::string>{"A-102", "A-901", "A-101"}));
  EXPECT_EQ(recent_calls(entries, events, 2), (std::vector<std::string>{"A-102", "A-901"}));
  EXPECT_TRUE(recent_calls(entries, events, 0).empty());
}

TEST(QueueStats, FewObservationsUseThePoliDefault) {
  const auto none = service_pace(poli("001"), {});
  EXPECT_EQ(none.basis, PaceBasis::poli_default);
  EXPECT_DOUBLE_EQ(none.minutes_per_patient, 10);
  EXPECT_DOUBLE_EQ(service_pace(poli("002"), {}).minutes_per_patient, 20);  // gigi
  EXPECT_DOUBLE_EQ(service_pace(poli("003"), {}).minutes_per_patient, 15);  // KIA
  EXPECT_DOUBLE_EQ(service_pace(poli("099"), {}).minutes_per_patient, 10);

  // Two patients served: one interval, two durations: still the default.
  const auto two = service_pace(poli("002"), day_of_calls({0, 4}, 3));
  EXPECT_EQ(two.basis, PaceBasis::poli_default);
  EXPECT_DOUBLE_EQ(two.minutes_per_patient, 20);

  WaitPolicy policy;
  policy.default_minutes["002"] = 30;
  EXPECT_DOUBLE_EQ(service_pace(poli("002"), {}, policy).minutes_per_patient, 30);
  EXPECT_STREQ(pace_basis_code(PaceBasis::poli_default), "poli_default");
}

TEST(QueueStats, ThreeServicesGiveTheServiceDurationMedian) {
  // Three patients: two call intervals (too few) but three serve->done durations (7, 7, 7 minutes).
  const auto pace = service_pace(poli("001"), day_of_calls({0, 9, 9}, 7));
  EXPECT_EQ(pace.basis, PaceBasis::service_durations);
  EXPECT_EQ(pace.observations, 3);
  EXPECT_DOUBLE_EQ(pace.minutes_per_patient, 7);
}

TEST(QueueStats, ManyCallsGiveTheCallIntervalMedian) {
  // A long break (95 minutes) does not move the median.
  const auto pace = service_pace(poli("001"), day_of_calls({0, 6, 8, 95, 6, 7, 8, 6}, 4));
  EXPECT_EQ(pace.basis, PaceBasis::call_intervals);
  EXPECT_EQ(pace.observations, 7);
  EXPECT_DOUBLE_EQ(pace.minutes_per_patient, 7);
  const auto even = service_pace(poli("001"), day_of_calls({0, 6, 8, 10, 20}, 4));  // intervals 6, 8, 10, 20
  EXPECT_DOUBLE_EQ(even.minutes_per_patient, 9);
}

TEST(QueueStats, PaceIgnoresDuplicatesAndIsAtLeastAMinute) {
  auto events = day_of_calls({0, 0, 0, 0, 0}, 0);  // a burst of calls in the same minute
  const auto copy = events;
  events.insert(events.end(), copy.begin(), copy.end());
  const auto pace = service_pace(poli("001"), events);
  EXPECT_EQ(pace.basis, PaceBasis::call_intervals);
  EXPECT_EQ(pace.observations, 4);
  EXPECT_DOUBLE_EQ(pace.minutes_per_patient, 1);
}

TEST(QueueStats, EstimatedWait) {
  EXPECT_EQ(estimated_wait_minutes(0, ServicePace{7.5, PaceBasis::call_intervals, 5}), 0);
  EXPECT_EQ(estimated_wait_minutes(-1, ServicePace{}), 0);
  EXPECT_EQ(estimated_wait_minutes(3, ServicePace{7.5, PaceBasis::call_intervals, 5}),
            23);  // 22.5 rounded up
  EXPECT_EQ(estimated_wait_minutes(4, ServicePace{7.5, PaceBasis::call_intervals, 5}), 30);
  EXPECT_EQ(estimated_wait_minutes(2, ServicePace{}), 20);

  // The day so far: e1..e4 called every 6 minutes and served; then w1, w2 and w3 wait.
  std::vector<QueueEntry> entries;
  for (int i = 1; i <= 4; ++i)
    entries.push_back(entry("e" + std::to_string(i), "A-10" + std::to_string(i), i, QueueState::done));
  entries.push_back(entry("w1", "A-105", 30));
  entries.push_back(entry("w2", "A-106", 31));
  entries.push_back(entry("w3", "A-107", 32));
  const auto events = day_of_calls({0, 6, 6, 6}, 3);
  EXPECT_EQ(estimated_wait_minutes(poli("001"), entries, events, "w3"), 12);
  EXPECT_EQ(estimated_wait_minutes(poli("001"), entries, events, "w1"), 0);
  EXPECT_EQ(estimated_wait_minutes(poli("001"), entries, {}, "w3"), 20);  // no observations: 10 per patient
}

TEST(QueueStats, SummaryReplaysStatesAndIgnoresOtherPolis) {
  std::vector<QueueEntry> entries{entry("e1", "A-101", 0), entry("e2", "A-102", 1), entry("e3", "A-103", 2),
                                  entry("e4", "A-104", 3),
                                  entry("g1", "B-101", 0, QueueState::waiting, Priority::regular, "002")};
  std::vector<QueueEvent> events{ev("e1", E::call, 10), ev("e1", E::serve, 11),  ev("e1", E::done, 20),
                                 ev("e2", E::call, 21), ev("e3", E::cancel, 22), ev("g1", E::call, 5)};
  const QueueSummary s = summarize(poli("001"), entries, events);
  EXPECT_EQ(s.total, 3);
  EXPECT_EQ(s.remaining, 2);  // e2 called, e4 waiting
  EXPECT_EQ(s.waiting, 1);
  EXPECT_EQ(s.served, 1);
  EXPECT_EQ(s.called_number, "A-102");
  EXPECT_EQ(s.pace.basis, PaceBasis::poli_default);
}
