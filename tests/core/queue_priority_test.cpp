// Priority class (A umum / B prioritas) and the order of service.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "simpul/core/hlc.hpp"
#include "simpul/core/queue/order.hpp"
#include "simpul/core/queue/priority.hpp"

using namespace simpul;
using namespace simpul::queue;

namespace {

constexpr Date kToday{2026, 1, 15};

struct ClassifyCase {
  std::string name;
  Date birth;
  bool pregnant;
  bool disabled;
  Priority expected;
};

constexpr std::int64_t kNineAm = 1'768'442'400'000;  // 2026-01-15 09:00 WIB
constexpr std::int64_t kMinute = 60'000;

QueueEntry entry(std::string id, std::string number, std::int64_t arrival_ms, Priority p = Priority::regular,
                 QueueState state = QueueState::waiting) {
  QueueEntry e;
  e.id = std::move(id);
  e.poli = "001";
  e.day = kToday;
  e.number = std::move(number);
  e.priority = p;
  e.state = state;
  e.arrival_hlc = HlcTimestamp{arrival_ms, 0, "dev"}.encode();
  return e;
}

std::vector<std::string> numbers(const std::vector<QueueEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.number);
  return out;
}

}  // namespace

TEST(QueuePriority, ClassificationEdges) {
  // clang-format off
  const std::vector<ClassifyCase> cases{
      {"adult", Date{1990, 6, 1}, false, false, Priority::regular},
      {"60th birthday today", Date{1966, 1, 15}, false, false, Priority::priority},
      {"60th birthday tomorrow", Date{1966, 1, 16}, false, false, Priority::regular},
      {"well over 60", Date{1940, 3, 3}, false, false, Priority::priority},
      {"5th birthday today: no longer a balita", Date{2021, 1, 15}, false, false, Priority::regular},
      {"5th birthday tomorrow", Date{2021, 1, 16}, false, false, Priority::priority},
      {"newborn", Date{2026, 1, 10}, false, false, Priority::priority},
      {"born today", kToday, false, false, Priority::priority},
      {"pregnant adult", Date{1995, 2, 2}, true, false, Priority::priority},
      {"disabled adult", Date{1980, 7, 7}, false, true, Priority::priority},
      {"unknown birth date, no other reason", Date{1990, 2, 30}, false, false, Priority::regular},
      {"unknown birth date, disabled", Date{0, 0, 0}, false, true, Priority::priority},
      {"birth date after today (typo)", Date{2027, 1, 1}, false, false, Priority::regular},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(classify(c.birth, kToday, c.pregnant, c.disabled), c.expected);
  }
}

TEST(QueuePriority, LeapDayBirthdayTurnsSixtyOnFirstOfMarch) {
  const Date birth{1964, 2, 29};
  EXPECT_EQ(classify(birth, Date{2024, 2, 28}, false, false), Priority::regular);
  EXPECT_EQ(classify(birth, Date{2024, 2, 29}, false, false), Priority::priority);
  EXPECT_EQ(classify(Date{1966, 2, 28}, Date{2026, 2, 28}, false, false), Priority::priority);
}

TEST(QueueOrder, FollowsArrivalNotNumber) {
  // The desk (slot 2) took A-201 before the kiosk (slot 1) issued A-105; Mobile JKN's A-901 was booked first.
  const std::vector<QueueEntry> entries{
      entry("k", "A-105", kNineAm + 5 * kMinute),
      entry("d", "A-201", kNineAm + 2 * kMinute),
      entry("m", "A-901", kNineAm - 14 * 60 * kMinute),  // booked the evening before
      entry("k2", "A-104", kNineAm + 3 * kMinute),
  };
  EXPECT_EQ(numbers(service_order(entries, OrderPolicy{0})),
            (std::vector<std::string>{"A-901", "A-201", "A-104", "A-105"}));
}

TEST(QueueOrder, OnlyWaitingEntriesAreOrdered) {
  const std::vector<QueueEntry> entries{
      entry("1", "A-101", kNineAm, Priority::regular, QueueState::called),
      entry("2", "A-102", kNineAm + 1 * kMinute, Priority::regular, QueueState::skipped),
      entry("3", "A-103", kNineAm + 2 * kMinute, Priority::regular, QueueState::cancelled),
      entry("4", "A-104", kNineAm + 3 * kMinute),
      entry("5", "A-105", kNineAm + 4 * kMinute, Priority::regular, QueueState::done),
  };
  EXPECT_EQ(numbers(service_order(entries)), (std::vector<std::string>{"A-104"}));
  EXPECT_EQ(next_to_call(entries)->number, "A-104");
  EXPECT_FALSE(next_to_call({}).has_value());
}

TEST(QueueOrder, PriorityGetsAThirtyMinuteHeadStartByDefault) {
  const std::vector<QueueEntry> entries{
      entry("a1", "A-101", kNineAm),
      entry("a2", "A-102", kNineAm + 10 * kMinute),
      entry("a3", "A-103", kNineAm + 35 * kMinute),
      entry("b1", "A-104", kNineAm + 25 * kMinute, Priority::priority),  // counts as 08:55
      entry("b2", "A-105", kNineAm + 50 * kMinute, Priority::priority),  // counts as 09:20
  };
  EXPECT_EQ(numbers(service_order(entries)),
            (std::vector<std::string>{"A-104", "A-101", "A-102", "A-105", "A-103"}));
}

TEST(QueueOrder, RegularPatientIsNeverOvertakenByAMuchLaterPriorityPatient) {
  std::vector<QueueEntry> entries{entry("a", "A-101", kNineAm)};
  for (int i = 0; i < 20; ++i) {
    entries.push_back(entry("b" + std::to_string(i), "A-" + std::to_string(110 + i),
                            kNineAm + (31 + i) * kMinute, Priority::priority));
  }
  EXPECT_EQ(service_order(entries).front().number, "A-101");
}

TEST(QueueOrder, HeadStartIsConfigurable) {
  const std::vector<QueueEntry> entries{
      entry("a", "A-101", kNineAm),
      entry("b", "A-102", kNineAm + 90 * kMinute, Priority::priority),
  };
  EXPECT_EQ(numbers(service_order(entries, OrderPolicy{0})), (std::vector<std::string>{"A-101", "A-102"}));
  EXPECT_EQ(numbers(service_order(entries, OrderPolicy{24 * 60})),
            (std::vector<std::string>{"A-102", "A-101"}));
}

TEST(QueueOrder, TiesAndUnknownArrivals) {
  std::vector<QueueEntry> entries{
      entry("x", "A-101", kNineAm + 30 * kMinute),
      entry("y", "A-102", kNineAm + 30 * kMinute, Priority::priority),  // counts as 09:00 like z: B first
      entry("z", "A-103", kNineAm),
  };
  entries.push_back(entry("u", "A-104", kNineAm));
  entries.back().arrival_hlc = "not an hlc";  // unknown arrival: last
  entries.push_back(entry("t", "A-105", kNineAm - 60 * kMinute));
  entries.back().arrival_hlc.clear();
  EXPECT_EQ(numbers(service_order(entries)),
            (std::vector<std::string>{"A-102", "A-103", "A-101", "A-105", "A-104"}));
}

TEST(QueueOrder, SameResultWhateverTheInputOrder) {
  std::vector<QueueEntry> entries;
  for (int i = 0; i < 12; ++i) {
    entries.push_back(entry("id" + std::to_string(i), "A-1" + std::to_string(10 + i),
                            kNineAm + (i % 4) * kMinute,
                            i % 3 == 0 ? Priority::priority : Priority::regular));
  }
  const auto reference = numbers(service_order(entries));
  std::vector<QueueEntry> reversed(entries.rbegin(), entries.rend());
  EXPECT_EQ(numbers(service_order(reversed)), reference);
}
