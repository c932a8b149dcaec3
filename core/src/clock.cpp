#include "simpul/core/clock.hpp"

#include <time.h>

#include <chrono>
#include <fstream>

namespace simpul {

std::int64_t SystemClock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t SystemClock::steady_ms() const {
  timespec ts{};
  if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0) return std::int64_t{ts.tv_sec} * 1000 + ts.tv_nsec / 1'000'000;
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string SystemClock::boot_id() const {
  static const std::string id = [] {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string line;
    std::getline(in, line);
    return line;
  }();
  return id;
}

SystemClock& SystemClock::instance() {
  static SystemClock clock;
  return clock;
}

}  // namespace simpul
