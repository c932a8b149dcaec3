#include "support/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace simpul::test {

void TokenBucket::set_rate(std::uint64_t bytes_per_second, Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  rate_ = bytes_per_second;
  tokens_ = 0;
  last_ = now;
}

std::uint64_t TokenBucket::rate() const {
  const std::lock_guard lock(mutex_);
  return rate_;
}

double TokenBucket::capacity() const {
  return std::max(1.0, static_cast<double>(rate_) / 50.0);
}

TokenBucket::Grant TokenBucket::take(std::size_t want, Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  if (rate_ == 0) return Grant{want, {}};
  const double rate = static_cast<double>(rate_);
  if (now > last_) {
    const double elapsed = std::chrono::duration<double>(now - last_).count();
    tokens_ = std::min(capacity(), tokens_ + elapsed * rate);
    last_ = now;
  }
  // Wait for a reasonable amount rather than dribbling out single bytes.
  const double target = std::min(static_cast<double>(want), capacity());
  if (tokens_ >= target && tokens_ >= 1.0) {
    const auto bytes = std::min(want, static_cast<std::size_t>(tokens_));
    tokens_ -= static_cast<double>(bytes);
    return Grant{bytes, {}};
  }
  const double seconds = (target - tokens_) / rate;
  const auto wait = static_cast<std::int64_t>(std::ceil(seconds * 1000.0));
  return Grant{0, std::chrono::milliseconds(std::max<std::int64_t>(1, wait))};
}

void TokenBucket::refund(std::size_t bytes) {
  const std::lock_guard lock(mutex_);
  if (rate_ != 0) tokens_ = std::min(capacity(), tokens_ + static_cast<double>(bytes));
}

}  // namespace simpul::test
