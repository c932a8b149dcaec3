#pragma once
// The kiosk's choices and ticket, pure: which polis a person may take a number at now, whether B (prioritas) is
// suggested and why, and what the ticket says.
#include <string>
#include <vector>

#include "queue/day.hpp"
#include "screens/kiosk/model.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/queue/booking.hpp"

namespace simpul::screens::kiosk {

// The polis of `day` open now (others are left out: the kiosk offers only what it can give), each with its waiting
// count; a full one is shown but not available (note "kiosk.poli.full"); a poli where this card or participant
// already holds a number today carries that number (taking it again shows that ticket).
std::vector<PoliChoice> poli_choices(const queue_ui::FacilityDay& day, int minute_now, const std::string& card_number,
                                     const std::string& participant_id, const queue::BookingPolicy& policy = {});

struct Suggestion {
  queue::Priority priority = queue::Priority::regular;
  std::string reason_key;  // "kiosk.priority.suggest_elderly" / "kiosk.priority.suggest_child", or ""
};
// From core classify(): B for 60 and over or under 5 (pregnancy and disability are the person's own choice).
Suggestion suggest_priority(const Date& birth, const Date& today);

// The person as the kiosk may show them: first name + initial, the ID they typed masked.
Person person_view(const Participant& participant, const std::string& typed_id);

// The ticket for `entry` (people ahead and the wait estimate come from core stats over `day`).
widgets::Ticket make_ticket(const queue_ui::FacilityDay& day, const queue::QueueEntry& entry, std::int64_t now_ms);

}  // namespace simpul::screens::kiosk
