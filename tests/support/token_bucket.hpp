#pragma once
// Bandwidth limit for one direction of the fault proxy. Time is passed in so the arithmetic is testable
// without sleeping.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace simpul::test {

// Shared by every connection crossing one direction, because a link has one bandwidth. Holds at most 20 ms
// worth of tokens, so an idle link cannot save up a large burst.
class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  struct Grant {
    std::size_t bytes = 0;              // may send this many now (all of `want` when unlimited)
    std::chrono::milliseconds wait{0};  // when bytes == 0: ask again after this long
  };

  // 0 means unlimited. The bucket starts empty: n bytes never get through in less than n / rate seconds.
  void set_rate(std::uint64_t bytes_per_second, Clock::time_point now);
  std::uint64_t rate() const;

  Grant take(std::size_t want, Clock::time_point now);
  // Gives back tokens taken for bytes the socket did not accept.
  void refund(std::size_t bytes);

 private:
  double capacity() const;

  mutable std::mutex mutex_;
  std::uint64_t rate_ = 0;
  double tokens_ = 0;
  Clock::time_point last_{};
};

}  // namespace simpul::test
