#pragma once
// Screening once per 12 months per participant, enforced offline, and what counts when two offline
// devices screened the same person.
//
// DOMAIN.md says "once per calendar year (12 months)" and Mobile JKN's guide says "1 tahun sekali". We
// read it as 12 months since the last screening that counts: screened on 3 March 2025, the next one is
// allowed from 3 March 2026 (Date::add_months(12); 29 February + 12 months is 28 February). Not "once
// per January–December", which would allow December and January back to back.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/core/message.hpp"

namespace simpul::screening {

inline constexpr int kScreeningIntervalMonths = 12;

// The first day a screening is allowed again after one on `last`.
Date next_screening_day(const Date& last);
// The first day a new screening is allowed given earlier ones (the latest counts); nullopt when there are
// none, i.e. allowed now.
std::optional<Date> next_screening_allowed(const std::vector<Date>& previous_screening_days);

// Empty when a screening is allowed on `today`; otherwise one error Finding, field "screening", code
// "screening.too_soon", saying when the last one was and the first day the next is allowed.
// Pass the days of the screenings that count (resolve_concurrent's `counts`), so a duplicate from an
// offline device does not push the next date further out. A day after `today` (a device clock that was
// ahead) also blocks, until 12 months after it.
Findings check_screening_allowed(const std::vector<Date>& previous_screening_days, const Date& today);

// ---- Two devices, one participant ----------------------------------------------------------------------
// Both answers are always kept. Which one is "the" yearly result is decided by a pure function of the set
// of records, so every device and the server reach the same answer whatever order sync delivered them in:
//   * records are ordered by day, then HLC, then id (the first screening given is the one the participant
//     experienced as their yearly screening; HLC breaks ties within a day without trusting one wall
//     clock; the id makes the order total);
//   * the first counts; each later one counts only if its day is at least 12 months after the last one
//     that counts (next_screening_day); otherwise it is a duplicate of that one, flagged for review.
// Storage runs this again after every sync that brings a screening for the participant, stores the
// `counts` / `duplicate_of` flags, and shows duplicates as a conflict to review (both remain readable).
struct ScreeningRecord {
  std::string id;  // screening row id (UUIDv7), unique
  std::string participant_id;
  Date day;          // local day the screening was given
  HlcTimestamp hlc;  // when it was recorded
};

struct ScreeningStanding {
  std::string id;
  bool counts = true;        // the yearly result of its 12-month period
  std::string duplicate_of;  // when !counts: the id of the screening that counts for that period
};

// One standing per record, in input order. Records of different participants are resolved separately.
std::vector<ScreeningStanding> resolve_concurrent(const std::vector<ScreeningRecord>& records);

}  // namespace simpul::screening
