#include "simpul/core/queue/order.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <tuple>
#include <utility>

#include "simpul/core/hlc.hpp"

namespace simpul::queue {
namespace {

struct Keyed {
  bool unknown_arrival = false;
  std::int64_t effective_ms = 0;
  int priority_rank = 1;  // B before A on a tie
  const QueueEntry* entry = nullptr;

  auto key() const {
    return std::make_tuple(unknown_arrival, effective_ms, priority_rank, std::cref(entry->arrival_hlc),
                           std::cref(entry->id));
  }
};

Keyed keyed(const QueueEntry& e, const OrderPolicy& policy) {
  Keyed k;
  k.entry = &e;
  k.priority_rank = e.priority == Priority::priority ? 0 : 1;
  HlcTimestamp ts;
  if (!HlcTimestamp::decode(e.arrival_hlc, ts)) {
    k.unknown_arrival = true;
    return k;
  }
  k.effective_ms = ts.wall_ms;
  if (e.priority == Priority::priority) {
    k.effective_ms -= std::int64_t{policy.priority_head_start_minutes} * 60'000;
  }
  return k;
}

}  // namespace

std::vector<QueueEntry> service_order(const std::vector<QueueEntry>& entries, const OrderPolicy& policy) {
  std::vector<Keyed> waiting;
  for (const auto& e : entries) {
    if (e.state == QueueState::waiting) waiting.push_back(keyed(e, policy));
  }
  std::sort(waiting.begin(), waiting.end(), [](const Keyed& a, const Keyed& b) { return a.key() < b.key(); });
  std::vector<QueueEntry> out;
  out.reserve(waiting.size());
  for (const auto& k : waiting) out.push_back(*k.entry);
  return out;
}

std::optional<QueueEntry> next_to_call(const std::vector<QueueEntry>& entries, const OrderPolicy& policy) {
  auto order = service_order(entries, policy);
  if (order.empty()) return std::nullopt;
  return std::move(order.front());
}

}  // namespace simpul::queue
