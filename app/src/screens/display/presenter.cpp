#include "screens/display/presenter.hpp"

#include <algorithm>

#include "simpul/core/queue/state_machine.hpp"
#include "simpul/core/queue/stats.hpp"

namespace simpul::screens::display {
namespace {

bool is_call(queue::QueueEventKind kind) {
  return kind == queue::QueueEventKind::call || kind == queue::QueueEventKind::recall;
}

// Every applied call/recall of the day, oldest first. Events refused by the state machine (a call on an entry
// cancelled meanwhile on another device) are not shown: replay() decides which ones count.
std::vector<Call> all_calls(const queue_ui::FacilityDay& day) {
  std::vector<Call> calls;
  for (const queue_ui::PoliQueue& p : day.polis) {
    for (const auto& [entry_id, replayed] : queue::replay_by_entry(p.events)) {
      const queue::QueueEntry* entry = nullptr;
      for (const auto& e : p.entries)
        if (e.id == entry_id) entry = &e;
      if (entry == nullptr) continue;
      for (const queue::QueueEvent& event : replayed.applied)
        if (is_call(event.kind)) calls.push_back(Call{entry_id, entry->number, p.poli.code, p.poli.name, event.at_ms});
    }
  }
  std::stable_sort(calls.begin(), calls.end(), [](const Call& a, const Call& b) { return a.at_ms < b.at_ms; });
  return calls;
}

}  // namespace

View build_board(const queue_ui::FacilityDay& day, std::int64_t now_ms) {
  View view;
  view.facility_name = day.facility_name;
  view.clock = queue_ui::clock_text(now_ms);
  view.date = queue_ui::date_text(day.day);
  const std::vector<Call> calls = all_calls(day);
  for (const queue_ui::PoliQueue& p : day.polis) {
    PoliBoard board;
    board.code = p.poli.code;
    board.name = p.poli.name;
    board.current = queue::called_number(p.entries, p.events);
    board.waiting = queue::remaining_count(p.entries);
    for (const Call& c : calls)
      if (c.poli_code == p.poli.code && c.number == board.current && now_ms - c.at_ms < kFreshSeconds * 1000)
        board.fresh = true;
    view.polis.push_back(std::move(board));
  }
  // Newest first, each entry once (a recall moves the number back to the top).
  std::vector<std::string> listed;  // entry ids
  for (auto it = calls.rbegin(); it != calls.rend() && view.recent.size() < kRecentCalls; ++it) {
    if (std::find(listed.begin(), listed.end(), it->entry_id) != listed.end()) continue;
    listed.push_back(it->entry_id);
    view.recent.push_back(RecentCall{it->number, it->poli_name, queue_ui::clock_text(it->at_ms)});
  }
  return view;
}

std::vector<Call> calls_after(const queue_ui::FacilityDay& day, std::int64_t after_ms) {
  std::vector<Call> calls = all_calls(day);
  std::erase_if(calls, [after_ms](const Call& c) { return c.at_ms <= after_ms; });
  return calls;
}

std::int64_t latest_call_ms(const queue_ui::FacilityDay& day) {
  const std::vector<Call> calls = all_calls(day);
  return calls.empty() ? 0 : calls.back().at_ms;
}

}  // namespace simpul::screens::display
