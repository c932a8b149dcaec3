// Once per 12 months, at the day edges and across leap years, and which of two offline screenings counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "simpul/core/rules/findings.hpp"
#include "simpul/core/screening/yearly.hpp"

using namespace simpul;
using namespace simpul::screening;

namespace {

struct YearCase {
  std::string name;
  Date last;
  Date today;
  bool allowed;
};

TEST(ScreeningYearly, TwelveMonthsSinceTheLastScreening) {
  // clang-format off
  const std::vector<YearCase> cases{
      {"364 days", Date{2025, 3, 1}, Date{2026, 2, 28}, false},
      {"365 days = 12 months", Date{2025, 3, 1}, Date{2026, 3, 1}, true},
      {"366 days", Date{2025, 3, 1}, Date{2026, 3, 2}, true},
      {"same day", Date{2025, 3, 1}, Date{2025, 3, 1}, false},
      {"next day", Date{2025, 3, 1}, Date{2025, 3, 2}, false},
      {"leap: 365 days after 1 Mar 2023 is 29 Feb 2024", Date{2023, 3, 1}, Date{2024, 2, 29}, false},
      {"leap: 366 days after 1 Mar 2023 is 1 Mar 2024", Date{2023, 3, 1}, Date{2024, 3, 1}, true},
      {"leap: 28 Feb 2023 + 12 months = 28 Feb 2024 (365 days)", Date{2023, 2, 28}, Date{2024, 2, 28}, true},
      {"leap: a day before", Date{2023, 2, 28}, Date{2024, 2, 27}, false},
      {"29 Feb 2024 + 12 months = 28 Feb 2025 (365 days)", Date{2024, 2, 29}, Date{2025, 2, 28}, true},
      {"29 Feb 2024: 364 days", Date{2024, 2, 29}, Date{2025, 2, 27}, false},
      {"1 Mar 2024 + 12 months = 1 Mar 2025 (365 days)", Date{2024, 3, 1}, Date{2025, 3, 1}, true},
      {"1 Mar 2024: 364 days", Date{2024, 3, 1}, Date{2025, 2, 28}, false},
      {"December then January is not a new year", Date{2025, 12, 20}, Date{2026, 1, 5}, false},
      {"years later", Date{2020, 6, 1}, Date{2026, 3, 1}, true},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings f = check_screening_allowed({c.last}, c.today);
    EXPECT_EQ(f.empty(), c.allowed);
    EXPECT_EQ(next_screening_day(c.last) <= c.today, c.allowed);
    if (!c.allowed) {
      ASSERT_EQ(f.size(), 1U);
      EXPECT_EQ(f[0].code, "screening.too_soon");
      EXPECT_EQ(f[0].field, "screening");
      EXPECT_EQ(f[0].severity, Severity::error);
    }
  }
  // The day counts match the names above.
  auto days_between = [](Date a, Date b) { return b.to_days() - a.to_days(); };
  EXPECT_EQ(days_between({2023, 3, 1}, {2024, 2, 29}), 365);
  EXPECT_EQ(days_between({2023, 3, 1}, {2024, 3, 1}), 366);
  EXPECT_EQ(days_between({2025, 3, 1}, {2026, 3, 1}), 365);
}

TEST(ScreeningYearly, NoEarlierScreeningIsAllowed) {
  EXPECT_TRUE(check_screening_allowed({}, Date{2026, 1, 1}).empty());
  EXPECT_EQ(next_screening_allowed({}), std::nullopt);
}

TEST(ScreeningYearly, TheLatestOfSeveralDecidesWhateverTheOrder) {
  const std::vector<Date> days{Date{2025, 9, 1}, Date{2023, 1, 5}, Date{2024, 8, 20}};
  EXPECT_EQ(next_screening_allowed(days), (Date{2026, 9, 1}));
  EXPECT_FALSE(check_screening_allowed(days, Date{2026, 8, 31}).empty());
  EXPECT_TRUE(check_screening_allowed(days, Date{2026, 9, 1}).empty());
}

TEST(ScreeningYearly, ADayAfterTodayFromAFastClockStillBlocks) {
  EXPECT_FALSE(check_screening_allowed({Date{2026, 5, 1}}, Date{2026, 3, 10}).empty());
}

TEST(ScreeningYearly, MessageSaysWhenInBothLanguages) {
  const Findings f = check_screening_allowed({Date{2025, 3, 1}}, Date{2025, 11, 2});
  ASSERT_EQ(f.size(), 1U);
  EXPECT_NE(f[0].id.find("1 Maret 2025"), std::string::npos) << f[0].id;
  EXPECT_NE(f[0].id.find("mulai 1 Maret 2026"), std::string::npos) << f[0].id;
  EXPECT_NE(f[0].en.find("1 March 2025"), std::string::npos) << f[0].en;
  EXPECT_NE(f[0].en.find("from 1 March 2026"), std::string::npos) << f[0].en;
}

ScreeningRecord rec(std::string id, Date day, std::int64_t wall_ms, std::string node = "dev-a",
                    std::string participant = "p1") {
  return ScreeningRecord{std::move(id), std::move(participant), day,
                         HlcTimestamp{wall_ms, 0, std::move(node)}};
}

std::vector<std::string> summary(const std::vector<ScreeningStanding>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.id + (x.counts ? "=counts" : "=dup:" + x.duplicate_of));
  return out;
}

TEST(ScreeningConcurrent, SingleScreeningCounts) {
  EXPECT_EQ(summary(resolve_concurrent({rec("a", Date{2026, 3, 10}, 1000)})),
            std::vector<std::string>{"a=counts"});
  EXPECT_TRUE(resolve_concurrent({}).empty());
}

TEST(ScreeningConcurrent, SameDayEarlierHlcCounts) {
  const auto s = resolve_concurrent(
      {rec("kiosk", Date{2026, 3, 10}, 5000, "dev-b"), rec("field", Date{2026, 3, 10}, 4000, "dev-a")});
  EXPECT_EQ(summary(s), (std::vector<std::string>{"kiosk=dup:field", "field=counts"}));
}

TEST(ScreeningConcurrent, EarlierDayCountsEvenWithALaterHlc) {
  // The field laptop screened on 2 March; its HLC is later because it synced its clock afterwards.
  const auto s = resolve_concurrent(
      {rec("desk", Date{2026, 3, 10}, 1000, "dev-a"), rec("field", Date{2026, 3, 2}, 9000, "dev-b")});
  EXPECT_EQ(summary(s), (std::vector<std::string>{"desk=dup:field", "field=counts"}));
}

TEST(ScreeningConcurrent, TiesFallBackToTheNodeThenTheId) {
  auto a = rec("b-id", Date{2026, 3, 10}, 1000, "dev-a");
  auto b = rec("a-id", Date{2026, 3, 10}, 1000, "dev-b");
  EXPECT_EQ(summary(resolve_concurrent({b, a})), (std::vector<std::string>{"a-id=dup:b-id", "b-id=counts"}));
  auto c = rec("x", Date{2026, 3, 10}, 1000, "dev-a");
  auto d = rec("w", Date{2026, 3, 10}, 1000, "dev-a");
  EXPECT_EQ(summary(resolve_concurrent({c, d})), (std::vector<std::string>{"x=dup:w", "w=counts"}));
}

TEST(ScreeningConcurrent, SameAnswerWhateverOrderSyncDelivered) {
  std::vector<ScreeningRecord> records{
      rec("a", Date{2025, 1, 10}, 100), rec("b", Date{2025, 3, 1}, 200, "dev-b"),
      rec("c", Date{2026, 1, 10}, 300), rec("d", Date{2026, 2, 1}, 400, "dev-b")};
  auto expected_of = [](const std::vector<ScreeningStanding>& s) {
    std::vector<std::string> out = summary(s);
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto expected = std::vector<std::string>{"a=counts", "b=dup:a", "c=counts", "d=dup:c"};
  std::sort(records.begin(), records.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  do {
    EXPECT_EQ(expected_of(resolve_concurrent(records)), expected);
  } while (std::next_permutation(records.begin(), records.end(),
                                 [](const auto& x, const auto& y) { return x.id < y.id; }));
}

TEST(ScreeningConcurrent, DuplicatesDoNotExtendThePeriod) {
  // Counted on 10 Jan 2025; a duplicate on 1 Dec 2025; 10 Jan 2026 is 12 months after the counted one.
  const auto s = resolve_concurrent({rec("a", Date{2025, 1, 10}, 1), rec("b", Date{2025, 12, 1}, 2),
                                     rec("c", Date{2026, 1, 10}, 3), rec("d", Date{2026, 1, 9}, 4)});
  EXPECT_EQ(summary(s), (std::vector<std::string>{"a=counts", "b=dup:a", "c=counts", "d=dup:a"}));
}

TEST(ScreeningConcurrent, ParticipantsAreResolvedSeparately) {
  const auto s = resolve_concurrent({rec("a", Date{2026, 3, 10}, 1, "dev-a", "p1"),
                                     rec("b", Date{2026, 3, 10}, 2, "dev-b", "p2"),
                                     rec("c", Date{2026, 3, 11}, 3, "dev-b", "p1")});
  EXPECT_EQ(summary(s), (std::vector<std::string>{"a=counts", "b=counts", "c=dup:a"}));
}

}  // namespace
