#pragma once
// The desk panel's view from a facility's day, pure.
#include <functional>
#include <string>

#include "queue/day.hpp"
#include "screens/queue_desk/model.hpp"
#include "simpul/core/model.hpp"

namespace simpul::screens::queue_desk {

Counts count_states(const std::vector<queue::QueueEntry>& entries);

// Every poli's column. `names` maps a participant id to the name shown.
std::vector<PoliColumn> poli_columns(const queue_ui::FacilityDay& day,
                                     const std::function<std::string(const std::string&)>& names);

// The person's card: identity, suggested class, and their numbers today (with whether each may be cancelled).
PersonCard person_card(const Participant& p, const queue_ui::FacilityDay& day);

// The polis the desk can book now for this person: open ones (the desk may book before opening too, within the
// booking rules' early window), full or already booked ones marked.
std::vector<PoliOption> poli_options(const queue_ui::FacilityDay& day, int minute_now, const Participant& p);

}  // namespace simpul::screens::queue_desk
