#include "simpul/core/rules/premium.hpp"

#include <array>
#include <cstddef>

namespace simpul::rules {
namespace {

struct ClassPremium {
  int paid;     // by the participant
  int subsidy;  // by the government
};
constexpr std::array<ClassPremium, 3> kPbpuPremiums{{{150'000, 0}, {100'000, 0}, {35'000, 7'000}}};

const ClassPremium* premium_of(int care_class) {
  if (care_class < 1 || care_class > 3) return nullptr;
  return &kPbpuPremiums[static_cast<std::size_t>(care_class - 1)];
}

}  // namespace

int monthly_premium_rupiah(int care_class) {
  const ClassPremium* p = premium_of(care_class);
  return p != nullptr ? p->paid : 0;
}

int premium_subsidy_rupiah(int care_class) {
  const ClassPremium* p = premium_of(care_class);
  return p != nullptr ? p->subsidy : 0;
}

Date premium_due_date(int year, int month) {
  return Date{year, month, kPremiumDueDay};
}

}  // namespace simpul::rules
