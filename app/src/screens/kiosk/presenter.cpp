#include "screens/kiosk/presenter.hpp"

#include <algorithm>

#include "screens/kiosk/privacy.hpp"
#include "simpul/core/queue/priority.hpp"
#include "simpul/core/queue/stats.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::kiosk {
namespace {

bool finding(const Findings& findings, std::string_view code) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

}  // namespace

std::vector<PoliChoice> poli_choices(const queue_ui::FacilityDay& day, int minute_now, const std::string& card_number,
                                     const std::string& participant_id, const queue::BookingPolicy& policy) {
  std::vector<PoliChoice> out;
  for (const queue_ui::PoliQueue& p : day.polis) {
    // The card is checked by FacilityDay::held below (it also knows the participant id), so the rules see no card here.
    const Findings refusals = queue::check_booking(p.poli, day.day, day.day, minute_now, p.entries, "", policy);
    if (finding(refusals, "booking.closed_day") || finding(refusals, "booking.before_hours") ||
        finding(refusals, "booking.after_hours") || finding(refusals, "booking.bad_date"))
      continue;
    PoliChoice choice;
    choice.code = p.poli.code;
    choice.name = p.poli.name;
    choice.waiting = queue::remaining_count(p.entries);
    if (const queue::QueueEntry* held = day.held(p.poli.code, card_number, participant_id)) {
      choice.held_number = held->number;
      choice.note_key = "kiosk.poli.has_number";
    } else if (finding(refusals, "booking.quota_full")) {
      choice.available = false;
      choice.note_key = "kiosk.poli.full";
    }
    out.push_back(std::move(choice));
  }
  return out;
}

Suggestion suggest_priority(const Date& birth, const Date& today) {
  Suggestion s;
  s.priority = queue::classify(birth, today, false, false);
  if (s.priority == queue::Priority::priority)
    s.reason_key = birth.years_until(today) >= queue::kElderlyFromAge ? "kiosk.priority.suggest_elderly"
                                                                       : "kiosk.priority.suggest_child";
  return s;
}

Person person_view(const Participant& participant, const std::string& typed_id) {
  return Person{short_name(participant.name), mask_id(typed_id)};
}

widgets::Ticket make_ticket(const queue_ui::FacilityDay& day, const queue::QueueEntry& entry, std::int64_t now_ms) {
  widgets::Ticket ticket;
  ticket.facility_name = day.facility_name;
  ticket.number = entry.number;
  ticket.priority_text = entry.priority == queue::Priority::priority ? tr("ticket.class_b") : tr("ticket.class_a");
  if (const queue_ui::PoliQueue* poli = day.poli(entry.poli)) {
    ticket.poli_name = poli->poli.name;
    ticket.people_ahead = std::max(0, queue::people_ahead(poli->entries, entry.id));
    ticket.wait_minutes = queue::estimated_wait_minutes(ticket.people_ahead, queue::service_pace(poli->poli, poli->events));
  }
  ticket.issued_at = queue_ui::date_text(day.day) + " " + queue_ui::clock_text(now_ms);
  return ticket;
}

}  // namespace simpul::screens::kiosk
