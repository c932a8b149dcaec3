#pragma once
// The poli caller's view from a facility's day, pure.
#include <functional>
#include <string>

#include "queue/day.hpp"
#include "screens/poli/model.hpp"

namespace simpul::screens::poli {

// The event behind an action.
queue::QueueEventKind event_of(Action action);
// Every action, enabled when its event is in allowed_events(state).
std::vector<ActionButton> actions_for(queue::QueueState state);
// i18n key of a state ("queue.state.waiting" ...).
std::string state_key(queue::QueueState state);

// `names` maps a participant id to the name shown (staff may see it); empty ids show nothing.
View build_view(const queue_ui::FacilityDay& day, const Form& form,
                const std::function<std::string(const std::string&)>& names);

}  // namespace simpul::screens::poli
