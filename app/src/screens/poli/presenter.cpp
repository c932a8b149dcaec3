#include "screens/poli/presenter.hpp"

#include <algorithm>
#include <map>

#include "simpul/core/queue/order.hpp"
#include "simpul/core/queue/state_machine.hpp"
#include "simpul/core/queue/stats.hpp"

namespace simpul::screens::poli {
namespace {

using queue::QueueState;

constexpr Action kActions[] = {Action::recall, Action::skip, Action::serve, Action::done, Action::no_show};

EntryRow row(const queue::QueueEntry& e, const std::function<std::string(const std::string&)>& names,
             const std::string& detail = {}) {
  EntryRow r;
  r.id = e.id;
  r.number = e.number;
  r.priority = queue::priority_letter(e.priority);
  r.name = e.participant_id.empty() ? std::string() : names(e.participant_id);
  r.participant_id = e.participant_id;
  r.state = e.state;
  r.state_key = state_key(e.state);
  r.detail = detail;
  return r;
}

}  // namespace

queue::QueueEventKind event_of(Action action) {
  switch (action) {
    case Action::recall: return queue::QueueEventKind::recall;
    case Action::skip: return queue::QueueEventKind::skip;
    case Action::serve: return queue::QueueEventKind::serve;
    case Action::done: return queue::QueueEventKind::done;
    case Action::no_show: return queue::QueueEventKind::no_show;
  }
  return queue::QueueEventKind::recall;
}

std::vector<ActionButton> actions_for(QueueState state) {
  const std::vector<queue::QueueEventKind> allowed = queue::allowed_events(state);
  std::vector<ActionButton> out;
  for (Action a : kActions) {
    const queue::QueueEventKind event = event_of(a);
    out.push_back(ActionButton{a, event, std::find(allowed.begin(), allowed.end(), event) != allowed.end()});
  }
  return out;
}

std::string state_key(QueueState state) { return std::string("queue.state.") + queue::state_code(state); }

View build_view(const queue_ui::FacilityDay& day, const Form& form,
                const std::function<std::string(const std::string&)>& names) {
  View view;
  for (const queue_ui::PoliQueue& p : day.polis)
    view.polis.push_back(PoliTab{p.poli.code, p.poli.name, queue::remaining_count(p.entries)});
  const queue_ui::PoliQueue* poli = day.poli(form.poli_code);
  if (poli == nullptr && !day.polis.empty()) poli = &day.polis.front();
  view.actions = actions_for(QueueState::done);  // nothing selected: every action disabled
  for (ActionButton& a : view.actions) a.enabled = false;
  if (poli == nullptr) return view;
  view.poli_code = poli->poli.code;
  view.poli_name = poli->poli.name;
  view.called_number = queue::called_number(poli->entries, poli->events);

  const auto replayed = queue::replay_by_entry(poli->events);
  auto last_call = [&](const std::string& id) -> std::int64_t {
    auto it = replayed.find(id);
    return it != replayed.end() && it->second.last_called_ms ? *it->second.last_called_ms : 0;
  };
  std::vector<const queue::QueueEntry*> door;
  for (const queue::QueueEntry& e : poli->entries) {
    switch (e.state) {
      case QueueState::called:
      case QueueState::serving: door.push_back(&e); break;
      case QueueState::skipped: view.skipped.push_back(row(e, names)); break;
      case QueueState::done:
      case QueueState::no_show:
      case QueueState::cancelled: view.finished.push_back(row(e, names)); break;
      case QueueState::waiting: break;
    }
  }
  std::stable_sort(door.begin(), door.end(), [&](const auto* a, const auto* b) { return last_call(a->id) > last_call(b->id); });
  for (const auto* e : door) view.at_door.push_back(row(*e, names, queue_ui::clock_text(last_call(e->id))));
  for (const queue::QueueEntry& e : queue::service_order(poli->entries)) view.waiting.push_back(row(e, names));
  if (auto next = queue::next_to_call(poli->entries)) view.next = row(*next, names);

  // The selected entry: the one touched (while it is still in this poli), else the newest one at the door.
  const queue::QueueEntry* selected = nullptr;
  for (const queue::QueueEntry& e : poli->entries)
    if (e.id == form.selected) selected = &e;
  if (selected == nullptr && !door.empty()) selected = door.front();
  if (selected != nullptr) {
    view.selected = row(*selected, names);
    view.actions = actions_for(selected->state);
  }
  return view;
}

}  // namespace simpul::screens::poli
