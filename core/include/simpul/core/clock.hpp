#pragma once
// Time is injected: production code asks a Clock, tests move a ManualClock.
#include <atomic>
#include <cstdint>
#include <string>

namespace simpul {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch (UTC).
  virtual std::int64_t now_ms() const = 0;
  // Monotonic milliseconds, for timeouts and durations. It keeps counting while the machine sleeps, so the
  // hybrid logical clock can measure elapsed time with it when the wall clock cannot be trusted.
  virtual std::int64_t steady_ms() const = 0;
  // Identifies the current boot: steady_ms() values are comparable across processes only within one boot.
  // Empty when unknown (then a steady reading is trusted only inside the process that took it).
  virtual std::string boot_id() const { return {}; }
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override;
  std::int64_t steady_ms() const override;  // CLOCK_BOOTTIME: monotonic, counts suspend
  std::string boot_id() const override;     // the kernel's boot id
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
