#include "simpul/sync/backoff.hpp"

#include <algorithm>

namespace simpul::sync {

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed)
    : base_(std::max(base, std::chrono::milliseconds(1))), cap_(std::max(cap, base_)), rng_(seed) {}

std::chrono::milliseconds Backoff::ceiling() const {
  // base * 2^failures without overflow: stop doubling once past the cap.
  std::int64_t bound = base_.count();
  for (int i = 0; i < failures_ && bound < cap_.count(); ++i) bound *= 2;
  return std::chrono::milliseconds(std::min(bound, cap_.count()));
}

std::chrono::milliseconds Backoff::next() {
  const std::int64_t bound = ceiling().count();
  ++failures_;
  std::uniform_int_distribution<std::int64_t> pick(0, bound);
  return std::chrono::milliseconds(pick(rng_));
}

}  // namespace simpul::sync
