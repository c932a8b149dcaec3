#pragma once
// Exponential backoff with full jitter: after the n-th failure in a row, wait a uniformly random time in
// [0, min(cap, base * 2^(n-1))]. Desks that lost the same link retry spread out instead of together.
// Seedable, so tests can check the bounds and reproduce a schedule.
#include <chrono>
#include <cstdint>
#include <random>

namespace simpul::sync {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed);

  // Records a failure and returns how long to wait before the next attempt.
  std::chrono::milliseconds next();
  // The upper bound the next call to next() draws under.
  std::chrono::milliseconds ceiling() const;
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  std::mt19937_64 rng_;
  int failures_ = 0;
};

}  // namespace simpul::sync
