#pragma once
// One facility's queue for one day, as the queue screens (kiosk, display board, desk panel, poli caller) read it:
// every poli with its entries (states replayed from their events) and events. Plain values; loading them from the
// replica is queue/queue_data.hpp, the rules are core's (simpul/core/queue).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/queue/types.hpp"

namespace simpul::queue_ui {

struct PoliQueue {
  Poli poli;
  std::vector<queue::QueueEntry> entries;  // this poli's day; `state` replayed from `events`
  std::vector<queue::QueueEvent> events;   // the events of those entries
};

struct FacilityDay {
  std::string facility_code;
  std::string facility_name;
  Date day;
  std::vector<PoliQueue> polis;  // in the facility's order

  const PoliQueue* poli(std::string_view code) const;
  // The entry with this id in any poli, or nullptr.
  const queue::QueueEntry* entry(std::string_view id) const;
  // The number a person holds at a poli today (any state but cancelled), matched by card number or participant
  // id (a participant without a card yet), or nullptr.
  const queue::QueueEntry* held(std::string_view poli_code, std::string_view card_number,
                                std::string_view participant_id) const;
};

// Local wall time. Simpul's facilities keep one clock offset (WIB, UTC+7, by default; WITA +8 and WIT +9 are a
// setting away: kUtcOffsetSetting in minutes).
inline constexpr int kWibOffsetMinutes = 7 * 60;
inline constexpr const char* kUtcOffsetSetting = "facility.utc_offset_minutes";

Date local_day(std::int64_t epoch_ms, int utc_offset_minutes = kWibOffsetMinutes);
int local_minute(std::int64_t epoch_ms, int utc_offset_minutes = kWibOffsetMinutes);  // minutes after midnight
std::string clock_text(std::int64_t epoch_ms, int utc_offset_minutes = kWibOffsetMinutes);  // "07:05"
std::string date_text(const Date& day);  // "01-01-2026"

}  // namespace simpul::queue_ui
