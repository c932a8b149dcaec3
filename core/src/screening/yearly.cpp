#include "simpul/core/screening/yearly.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "../rules/text.hpp"
#include "simpul/core/rules/findings.hpp"

namespace simpul::screening {

Date next_screening_day(const Date& last) {
  return last.add_months(kScreeningIntervalMonths);
}

std::optional<Date> next_screening_allowed(const std::vector<Date>& previous_screening_days) {
  if (previous_screening_days.empty()) return std::nullopt;
  return next_screening_day(
      *std::max_element(previous_screening_days.begin(), previous_screening_days.end()));
}

Findings check_screening_allowed(const std::vector<Date>& previous_screening_days, const Date& today) {
  Findings out;
  const auto next = next_screening_allowed(previous_screening_days);
  if (!next || today >= *next) return out;
  const Date last = *std::max_element(previous_screening_days.begin(), previous_screening_days.end());
  using rules::detail::date_text_en;
  using rules::detail::date_text_id;
  out.push_back(rules::error_finding(
      "screening", "screening.too_soon",
      "Skrining terakhir dilakukan pada " + date_text_id(last) +
          ". Skrining hanya bisa dilakukan sekali dalam 12 bulan; skrining berikutnya bisa dilakukan mulai " +
          date_text_id(*next) + ".",
      "The last screening was on " + date_text_en(last) +
          ". Screening can be done once every 12 months; the next one is possible from " +
          date_text_en(*next) + "."));
  return out;
}

std::vector<ScreeningStanding> resolve_concurrent(const std::vector<ScreeningRecord>& records) {
  std::vector<ScreeningStanding> out(records.size());
  std::vector<std::size_t> order(records.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = records[a];
    const auto& y = records[b];
    return std::tie(x.participant_id, x.day, x.hlc, x.id) < std::tie(y.participant_id, y.day, y.hlc, y.id);
  });
  const ScreeningRecord* counted = nullptr;  // the one that counts for the current period
  for (const std::size_t i : order) {
    const ScreeningRecord& r = records[i];
    ScreeningStanding& s = out[i];
    s.id = r.id;
    const bool same_person = counted != nullptr && counted->participant_id == r.participant_id;
    if (same_person && r.day < next_screening_day(counted->day)) {
      s.counts = false;
      s.duplicate_of = counted->id;
    } else {
      s.counts = true;
      counted = &r;
    }
  }
  return out;
}

}  // namespace simpul::screening
