#pragma once
// Order of service: who is called next at a poli.
//
// Waiting entries are served in order of ARRIVAL (their arrival HLC), never by the number alone: numbers
// come from several devices' ranges (numbering.hpp), so A-201 from the desk may have arrived before
// A-105 from the kiosk. A Mobile JKN booking's arrival is the moment it was booked, so it keeps the place
// it reserved (storage may set arrival_hlc to the check-in time instead when a facility prefers that);
// a booked patient who is not there when called is skipped and called again from the skipped list.
//
// Priority (B) patients get a head start: they are ordered as if they had arrived
// `priority_head_start_minutes` earlier (default 30). This is humane for the elderly, small children,
// pregnant and disabled patients (they rarely wait long) without starving the A line: a regular patient
// is never overtaken by a B patient who arrived more than the head start after them. The rule is a pure
// function of the entries, so the kiosk, desk, poli, display and server all compute the same order from
// the same replicated rows, offline or not; a ratio rule ("1 B per 2 A") would need the history of
// calls and could differ between devices. 0 gives plain arrival order; a very large value gives
// "B always first".
#include <optional>
#include <vector>

#include "simpul/core/queue/types.hpp"

namespace simpul::queue {

inline constexpr int kDefaultPriorityHeadStartMinutes = 30;

struct OrderPolicy {
  int priority_head_start_minutes = kDefaultPriorityHeadStartMinutes;
};

// The `waiting` entries of `entries` (one poli's day) in the order they will be called. Ties go to
// the B patient, then to the earlier arrival HLC text, then to the id. Entries whose arrival_hlc
// cannot be decoded come last, by id.
std::vector<QueueEntry> service_order(const std::vector<QueueEntry>& entries, const OrderPolicy& policy = {});

// The first entry of service_order, or nullopt when nobody is waiting.
std::optional<QueueEntry> next_to_call(const std::vector<QueueEntry>& entries,
                                       const OrderPolicy& policy = {});

}  // namespace simpul::queue
