// Premium bills of PBPU (self-paying) members for the last six months, and the payments made for them.
// Most families pay on time, some are a month or two behind, a few are in long arrears and lose coverage.
#include <array>

#include "generator.hpp"
#include "simpul/core/rules/premium.hpp"

namespace simpul::demo::detail {
namespace {

constexpr int kMonths = 6;
constexpr const char* kChannels[] = {"Bank BRI",  "Bank BNI",  "Bank Mandiri", "Bank BJB", "Indomaret",
                                     "Alfamart",  "Kantor Pos", "Mobile Banking", "GoPay",   "DANA"};
constexpr const char* kAutodebit = "Autodebit";
constexpr int kArrearsInactiveMonths = 4;  // this many unpaid months in a row: coverage suspended

enum class Habit { on_time, behind, arrears };

}  // namespace

void make_bills(Generator& g) {
  Rng rng = g.stream(3);
  auto& data = g.data;
  const Date today = g.today();
  const Date this_month{today.year, today.month, 1};
  for (const DemoFamily& family : data.families) {
    const Participant& head = data.participants[family.first];
    if (head.segment != Segment::pbpu) continue;
    const auto habit = static_cast<Habit>(weighted(rng, std::array<int, 3>{70, 18, 12}));
    const int unpaid_recent = habit == Habit::behind    ? rng.between(1, 2)
                              : habit == Habit::arrears ? rng.between(3, kMonths)
                                                        : 0;
    const char* channel = head.autodebit != Autodebit::none ? kAutodebit : rng.pick(kChannels);
    // The family pays all members' bills of a month together, on the same day.
    std::array<std::optional<Date>, kMonths> paid_on{};
    for (int m = 0; m < kMonths; ++m) {
      const Date period = this_month.add_months(m - (kMonths - 1));
      const Date day = period.add_days(rng.between(0, 9));
      if (kMonths - m > unpaid_recent && day <= today) paid_on[static_cast<std::size_t>(m)] = day;
    }
    for (std::uint32_t i = family.first; i < family.first + family.size; ++i) {
      Participant& p = data.participants[i];
      const std::int32_t amount = rules::monthly_premium_rupiah(p.care_class);
      for (int m = 0; m < kMonths; ++m) {
        const Date period = this_month.add_months(m - (kMonths - 1));
        if (p.active_from && *p.active_from > period.add_months(1).add_days(-1)) continue;  // not a member yet
        const auto& paid = paid_on[static_cast<std::size_t>(m)];
        const auto bill_index = static_cast<std::uint32_t>(data.bills.size());
        data.bills.push_back(Bill{g.next_id(IdKind::bill), i, period, amount,
                                  rules::premium_due_date(period.year, period.month), paid.has_value()});
        if (paid) {
          data.payments.push_back(Payment{g.next_id(IdKind::payment), i, bill_index, *paid, amount,
                                          rng.percent(85) ? channel : rng.pick(kChannels)});
        }
      }
      if (unpaid_recent >= kArrearsInactiveMonths && p.status == MemberStatus::active) {
        const Date first_unpaid = this_month.add_months(1 - unpaid_recent);
        p.status = MemberStatus::inactive;
        p.status_reason = "Menunggak iuran " + std::to_string(unpaid_recent) + " bulan";
        p.active_until = rules::premium_due_date(first_unpaid.year, first_unpaid.month);
      }
    }
  }
}

}  // namespace simpul::demo::detail
