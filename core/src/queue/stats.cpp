#include "simpul/core/queue/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "simpul/core/queue/state_machine.hpp"

namespace simpul::queue {
namespace {

std::optional<double> median(std::vector<std::int64_t> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return static_cast<double>(values[mid]);
  return (static_cast<double>(values[mid - 1]) + static_cast<double>(values[mid])) / 2.0;
}

// Entries with their latest call time, newest first; ties by number for a stable board.
std::vector<std::pair<std::int64_t, const QueueEntry*>> by_latest_call(
    const std::vector<QueueEntry>& entries, const std::vector<QueueEvent>& events) {
  const auto replayed = replay_by_entry(events);
  std::vector<std::pair<std::int64_t, const QueueEntry*>> out;
  for (const auto& e : entries) {
    const auto it = replayed.find(e.id);
    if (it != replayed.end() && it->second.last_called_ms) out.emplace_back(*it->second.last_called_ms, &e);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(b.first, a.second->number) < std::tie(a.first, b.second->number);
  });
  return out;
}

}  // namespace

int people_ahead(const std::vector<QueueEntry>& entries, const std::string& entry_id,
                 const OrderPolicy& policy) {
  const auto self =
      std::find_if(entries.begin(), entries.end(), [&](const QueueEntry& e) { return e.id == entry_id; });
  if (self == entries.end()) return -1;
  if (self->state != QueueState::waiting) return 0;
  std::vector<QueueEntry> same_queue;
  for (const auto& e : entries) {
    if (e.poli == self->poli && e.day == self->day) same_queue.push_back(e);
  }
  int ahead = static_cast<int>(std::count_if(same_queue.begin(), same_queue.end(), [](const QueueEntry& e) {
    return e.state == QueueState::called;
  }));
  for (const auto& e : service_order(same_queue, policy)) {
    if (e.id == entry_id) break;
    ++ahead;
  }
  return ahead;
}

int total_count(const std::vector<QueueEntry>& entries) {
  return static_cast<int>(std::count_if(entries.begin(), entries.end(),
                                        [](const QueueEntry& e) { return holds_booking(e.state); }));
}

int remaining_count(const std::vector<QueueEntry>& entries) {
  return static_cast<int>(std::count_if(entries.begin(), entries.end(), [](const QueueEntry& e) {
    return e.state == QueueState::waiting || e.state == QueueState::called;
  }));
}

std::string called_number(const std::vector<QueueEntry>& entries, const std::vector<QueueEvent>& events) {
  const auto calls = by_latest_call(entries, events);
  return calls.empty() ? std::string() : calls.front().second->number;
}

std::vector<std::string> recent_calls(const std::vector<QueueEntry>& entries,
                                      const std::vector<QueueEvent>& events, std::size_t n) {
  std::vector<std::string> out;
  for (const auto& [at, entry] : by_latest_call(entries, events)) {
    if (out.size() >= n) break;
    out.push_back(entry->number);
  }
  return out;
}

const char* pace_basis_code(PaceBasis b) {
  switch (b) {
    case PaceBasis::call_intervals:
      return "call_intervals";
    case PaceBasis::service_durations:
      return "service_durations";
    case PaceBasis::poli_default:
      return "poli_default";
  }
  return "poli_default";
}

int default_service_minutes(const std::string& poli_code) {
  if (poli_code == "002") return 20;  // gigi
  if (poli_code == "003") return 15;  // KIA
  return 10;                          // umum and the rest
}

ServicePace service_pace(const Poli& poli, const std::vector<QueueEvent>& events, const WaitPolicy& policy) {
  std::vector<std::int64_t> first_calls;
  std::vector<std::int64_t> durations;
  for (const auto& [entry_id, r] : replay_by_entry(events)) {
    if (r.first_called_ms) first_calls.push_back(*r.first_called_ms);
    if (r.state == QueueState::done && r.serving_ms && r.finished_ms)
      durations.push_back(*r.finished_ms - *r.serving_ms);
  }
  std::sort(first_calls.begin(), first_calls.end());
  std::vector<std::int64_t> intervals;
  for (std::size_t i = 1; i < first_calls.size(); ++i)
    intervals.push_back(first_calls[i] - first_calls[i - 1]);

  const auto observed = [&](const std::vector<std::int64_t>& values,
                            PaceBasis basis) -> std::optional<ServicePace> {
    if (static_cast<int>(values.size()) < policy.min_observations) return std::nullopt;
    const auto m = median(values);
    if (!m) return std::nullopt;
    return ServicePace{std::max(1.0, *m / 60'000.0), basis, static_cast<int>(values.size())};
  };
  if (auto pace = observed(intervals, PaceBasis::call_intervals)) return *pace;
  if (auto pace = observed(durations, PaceBasis::service_durations)) return *pace;
  const auto it = policy.default_minutes.find(poli.code);
  const int minutes = it != policy.default_minutes.end() ? it->second : default_service_minutes(poli.code);
  return ServicePace{static_cast<double>(std::max(1, minutes)), PaceBasis::poli_default, 0};
}

int estimated_wait_minutes(int ahead, const ServicePace& pace) {
  if (ahead <= 0) return 0;
  return static_cast<int>(std::ceil(static_cast<double>(ahead) * pace.minutes_per_patient - 1e-9));
}

int estimated_wait_minutes(const Poli& poli, const std::vector<QueueEntry>& entries,
                           const std::vector<QueueEvent>& events, const std::string& entry_id,
                           const WaitPolicy& wait_policy, const OrderPolicy& order_policy) {
  return estimated_wait_minutes(people_ahead(entries, entry_id, order_policy),
                                service_pace(poli, events, wait_policy));
}

QueueSummary summarize(const Poli& poli, const std::vector<QueueEntry>& entries,
                       const std::vector<QueueEvent>& events, const WaitPolicy& policy) {
  std::vector<QueueEntry> mine;
  std::set<std::string> ids;
  for (const auto& e : entries) {
    if (e.poli != poli.code) continue;
    mine.push_back(e);
    ids.insert(e.id);
  }
  std::vector<QueueEvent> my_events;
  for (const auto& ev : events) {
    if (ids.count(ev.entry_id) != 0) my_events.push_back(ev);
  }
  mine = with_replayed_states(std::move(mine), my_events);

  QueueSummary s;
  s.total = total_count(mine);
  s.remaining = remaining_count(mine);
  s.waiting = static_cast<int>(std::count_if(
      mine.begin(), mine.end(), [](const QueueEntry& e) { return e.state == QueueState::waiting; }));
  s.served = static_cast<int>(std::count_if(mine.begin(), mine.end(),
                                            [](const QueueEntry& e) { return e.state == QueueState::done; }));
  s.called_number = called_number(mine, my_events);
  s.pace = service_pace(poli, my_events, policy);
  return s;
}

}  // namespace simpul::queue
