#pragma once
// Which kiosk button a patient belongs to: A (umum) or B (prioritas).
#include "simpul/core/date.hpp"
#include "simpul/core/queue/types.hpp"

namespace simpul::queue {

inline constexpr int kElderlyFromAge = 60;  // lansia: 60 years or older on the service day
inline constexpr int kChildBelowAge = 5;    // balita: younger than 5 (priority ends on the 5th birthday)

// B when elderly (>= 60 whole years on `today`), a child under 5, pregnant, or disabled; else A.
// An invalid birth date (unknown) decides nothing by age. A 29 February birthday counts from
// 1 March in common years (Date::years_until).
Priority classify(const Date& birth, const Date& today, bool pregnant, bool disabled);

}  // namespace simpul::queue
