#pragma once
// Time is injected: production code asks a Clock, tests move a ManualClock.
#include <atomic>
#include <cstdint>

namespace simpul {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch (UTC).
  virtual std::int64_t now_ms() const = 0;
  // Monotonic milliseconds, for timeouts and durations only.
  virtual std::int64_t steady_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override;
  std::int64_t steady_ms() const override;
  static SystemClock& instance();
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms = 1'767'225'600'000) : now_(start_ms), steady_(0) {}  // 2026-01-01
  std::int64_t now_ms() const override { return now_.load(); }
  std::int64_t steady_ms() const override { return steady_.load(); }
  void advance_ms(std::int64_t ms) { now_ += ms; steady_ += ms; }
  void set_ms(std::int64_t ms) { now_ = ms; }

 private:
  std::atomic<std::int64_t> now_;
  std::atomic<std::int64_t> steady_;
};

}  // namespace simpul
