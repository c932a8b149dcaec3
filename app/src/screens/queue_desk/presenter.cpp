#include "screens/queue_desk/presenter.hpp"

#include <algorithm>

#include "simpul/core/queue/booking.hpp"
#include "simpul/core/queue/priority.hpp"
#include "simpul/core/queue/state_machine.hpp"
#include "simpul/core/queue/stats.hpp"

namespace simpul::screens::queue_desk {
namespace {

using queue::QueueState;

std::string state_key(QueueState s) { return std::string("queue.state.") + queue::state_code(s); }

int rank(QueueState s) {
  switch (s) {
    case QueueState::waiting: return 0;
    case QueueState::called: return 1;
    case QueueState::serving: return 2;
    case QueueState::skipped: return 3;
    case QueueState::done: return 4;
    case QueueState::no_show: return 5;
    case QueueState::cancelled: return 6;
  }
  return 7;
}

bool has(const Findings& findings, std::string_view code) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

}  // namespace

Counts count_states(const std::vector<queue::QueueEntry>& entries) {
  Counts c;
  for (const queue::QueueEntry& e : entries) {
    switch (e.state) {
      case QueueState::waiting: ++c.waiting; break;
      case QueueState::called: ++c.called; break;
      case QueueState::serving: ++c.serving; break;
      case QueueState::done: ++c.done; break;
      case QueueState::skipped: ++c.skipped; break;
      case QueueState::no_show: ++c.no_show; break;
      case QueueState::cancelled: ++c.cancelled; break;
    }
  }
  return c;
}

std::vector<PoliColumn> poli_columns(const queue_ui::FacilityDay& day,
                                     const std::function<std::string(const std::string&)>& names) {
  std::vector<PoliColumn> out;
  for (const queue_ui::PoliQueue& p : day.polis) {
    PoliColumn column;
    column.code = p.poli.code;
    column.name = p.poli.name;
    column.called_number = queue::called_number(p.entries, p.events);
    column.counts = count_states(p.entries);
    // Waiting ones in the order they will be called, then the others by state.
    std::vector<queue::QueueEntry> ordered = queue::service_order(p.entries);
    std::vector<queue::QueueEntry> rest;
    for (const queue::QueueEntry& e : p.entries)
      if (e.state != QueueState::waiting) rest.push_back(e);
    std::stable_sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return rank(a.state) < rank(b.state); });
    ordered.insert(ordered.end(), rest.begin(), rest.end());
    // queue::people_ahead for every waiting entry in one pass (the entries are one poli's day): those called
    // now plus its place in service order. Asked per entry, it sorted the whole queue again for each one, and
    // 500 entries took ~60 ms a frame (docs/PERFORMANCE.md).
    int ahead = static_cast<int>(std::count_if(p.entries.begin(), p.entries.end(),
                                               [](const auto& e) { return e.state == QueueState::called; }));
    for (const queue::QueueEntry& e : ordered) {
      column.entries.push_back(EntryRow{
          e.id, e.number, queue::priority_letter(e.priority),
          e.participant_id.empty() ? std::string() : names(e.participant_id),
          std::string("queue.source.") + queue::source_code(e.source), state_key(e.state),
          e.state == QueueState::waiting ? ahead++ : 0});
    }
    out.push_back(std::move(column));
  }
  return out;
}

PersonCard person_card(const Participant& p, const queue_ui::FacilityDay& day) {
  PersonCard card;
  card.id = p.id;
  card.name = p.name;
  card.card_number = p.card_number;
  card.nik = p.nik;
  card.birth_date = queue_ui::date_text(p.birth_date) + " (" + std::to_string(p.birth_date.years_until(day.day)) + ")";
  card.active = p.status == MemberStatus::active;
  card.suggested = queue::classify(p.birth_date, day.day, false, false);
  if (card.suggested == queue::Priority::priority)
    card.suggestion_key = p.birth_date.years_until(day.day) >= queue::kElderlyFromAge ? "qdesk.suggest.elderly"
                                                                                     : "qdesk.suggest.child";
  for (const queue_ui::PoliQueue& poli : day.polis) {
    for (const queue::QueueEntry& e : poli.entries) {
      const bool mine = (!p.card_number.empty() && e.card_number == p.card_number) || e.participant_id == p.id;
      if (!mine) continue;
      card.bookings.push_back(Booking{e.id, poli.poli.name, e.number, state_key(e.state),
                                      queue::check_event(e.state, queue::QueueEventKind::cancel).empty()});
    }
  }
  return card;
}

std::vector<PoliOption> poli_options(const queue_ui::FacilityDay& day, int minute_now, const Participant& p) {
  std::vector<PoliOption> out;
  for (const queue_ui::PoliQueue& poli : day.polis) {
    PoliOption option;
    option.code = poli.poli.code;
    option.name = poli.poli.name;
    const Findings refusals = queue::check_booking(poli.poli, day.day, day.day, minute_now, poli.entries, "");
    if (day.held(poli.poli.code, p.card_number, p.id) != nullptr) {
      option.available = false;
      option.note_key = "qdesk.option.has_number";
    } else if (has(refusals, "booking.closed_day") || has(refusals, "booking.after_hours")) {
      option.available = false;
      option.note_key = "qdesk.option.closed";
    } else if (has(refusals, "booking.before_hours")) {
      option.available = false;
      option.note_key = "qdesk.option.not_yet";
    } else if (has(refusals, "booking.quota_full")) {
      option.available = false;
      option.note_key = "qdesk.option.full";
    }
    out.push_back(std::move(option));
  }
  return out;
}

}  // namespace simpul::screens::queue_desk
