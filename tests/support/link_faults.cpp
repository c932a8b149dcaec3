#include "support/link_faults.hpp"

namespace simpul::test {
namespace {

// splitmix64: spreads (seed, connection, direction) over the generator's seed space.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

// Uniform in [0, 1). Derived by hand because std:: distributions may differ between standard libraries.
double unit(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11U) * 0x1.0p-53;
}

}  // namespace

const char* to_string(Direction direction) {
  return direction == Direction::upstream ? "upstream" : "downstream";
}

FaultDice::FaultDice(std::uint64_t seed, std::uint64_t connection, Direction direction)
    : rng_(mix(seed ^ mix(connection * 2 + (direction == Direction::upstream ? 0U : 1U)))) {}

FaultDice::Roll FaultDice::roll(const LinkFaults& faults) {
  const std::uint64_t jitter_draw = rng_();
  const double loss_draw = unit(rng_);
  Roll roll;
  roll.delay = faults.latency;
  if (faults.jitter.count() > 0) {
    const auto span = static_cast<std::uint64_t>(faults.jitter.count()) + 1;
    roll.delay += std::chrono::milliseconds(static_cast<std::int64_t>(jitter_draw % span));
  }
  roll.lost = loss_draw < faults.loss;
  if (roll.lost) roll.delay += faults.loss_delay;
  return roll;
}

}  // namespace simpul::test
