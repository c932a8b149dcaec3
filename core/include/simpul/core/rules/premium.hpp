#pragma once
// PBPU (mandiri) premiums per person per month, in rupiah. Callers check the class first
// (check_care_class); an out-of-range class is a bug and yields 0.
#include "simpul/core/date.hpp"

namespace simpul::rules {

// What the participant pays: class 1 Rp150,000, class 2 Rp100,000, class 3 Rp35,000.
int monthly_premium_rupiah(int care_class);
// What the government adds: class 3 Rp7,000 (so class 3 costs Rp42,000 in all); other classes 0.
int premium_subsidy_rupiah(int care_class);
// The premium for a month is due by the 10th of that month.
inline constexpr int kPremiumDueDay = 10;
Date premium_due_date(int year, int month);

}  // namespace simpul::rules
