// PBPU premium amounts and due dates.
#include <gtest/gtest.h>

#include <vector>

#include "simpul/core/rules/premium.hpp"

using namespace simpul;
using namespace simpul::rules;

namespace {

TEST(Premium, MonthlyAmountsPerClass) {
  struct Case {
    int care_class;
    int paid;
    int subsidy;
  };
  const std::vector<Case> cases{{1, 150'000, 0}, {2, 100'000, 0}, {3, 35'000, 7'000}, {0, 0, 0}, {4, 0, 0}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.care_class);
    EXPECT_EQ(monthly_premium_rupiah(c.care_class), c.paid);
    EXPECT_EQ(premium_subsidy_rupiah(c.care_class), c.subsidy);
  }
  EXPECT_EQ(monthly_premium_rupiah(3) + premium_subsidy_rupiah(3), 42'000);
}

TEST(Premium, DueByTheTenthOfEachMonth) {
  const std::vector<std::pair<std::pair<int, int>, Date>> cases{
      {{2026, 1}, Date{2026, 1, 10}}, {{2026, 2}, Date{2026, 2, 10}}, {{2025, 12}, Date{2025, 12, 10}}};
  for (const auto& [ym, due] : cases) {
    SCOPED_TRACE(due.iso());
    EXPECT_EQ(premium_due_date(ym.first, ym.second), due);
    EXPECT_TRUE(premium_due_date(ym.first, ym.second).valid());
  }
}

}  // namespace
