#include "simpul/core/hlc.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace simpul {

std::string HlcTimestamp::encode() const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016lld-%05u-", static_cast<long long>(wall_ms), counter);
  return std::string(buf) + node;
}

bool HlcTimestamp::decode(const std::string& text, HlcTimestamp& out) {
  if (text.size() < 23 || text[16] != '-' || text[22] != '-') return false;
  for (std::size_t i = 0; i < 22; ++i) {
    if (i != 16 && (text[i] < '0' || text[i] > '9')) return false;
  }
  out.wall_ms = std::strtoll(text.substr(0, 16).c_str(), nullptr, 10);
  out.counter = static_cast<std::uint32_t>(std::strtoul(text.substr(17, 5).c_str(), nullptr, 10));
  out.node = text.substr(23);
  return true;
}

HybridClock::HybridClock(const Clock& clock, std::string node) : clock_(clock), node_(std::move(node)) {}

std::string ClockAnchor::encode() const {
  return std::to_string(server_ms) + " " + std::to_string(steady_ms) + " " + boot_id;
}

std::optional<ClockAnchor> ClockAnchor::decode(const std::string& text) {
  ClockAnchor a;
  char* end = nullptr;
  a.server_ms = std::strtoll(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != ' ') return std::nullopt;
  const char* rest = end + 1;
  a.steady_ms = std::strtoll(rest, &end, 10);
  if (end == rest || *end != ' ') return std::nullopt;
  a.boot_id = std::string(end + 1);
  return a;
}

std::int64_t HybridClock::physical_ms() const {
  if (anchor_) {
    const std::int64_t steady = clock_.steady_ms();
    if (steady >= anchor_->steady_ms) return anchor_->server_ms + (steady - anchor_->steady_ms);
  }
  return clock_.now_ms() + offset_ms_;
}

std::int64_t HybridClock::physical_now_ms() const {
  std::lock_guard lock(mu_);
  return physical_ms();
}

HlcTimestamp HybridClock::now() {
  std::lock_guard lock(mu_);
  const std::int64_t pt = physical_ms();
  if (pt > last_wall_) {
    last_wall_ = pt;
    last_counter_ = 0;
  } else {
    ++last_counter_;
  }
  return HlcTimestamp{last_wall_, last_counter_, node_};
}

HlcTimestamp HybridClock::observe(const HlcTimestamp& r) {
  std::lock_guard lock(mu_);
  const std::int64_t pt = physical_ms();
  const std::int64_t wall = std::max({last_wall_, r.wall_ms, pt});
  if (wall == last_wall_ && wall == r.wall_ms) {
    last_counter_ = std::max(last_counter_, r.counter) + 1;
  } else if (wall == last_wall_) {
    ++last_counter_;
  } else if (wall == r.wall_ms) {
    last_counter_ = r.counter + 1;
  } else {
    last_counter_ = 0;
  }
  last_wall_ = wall;
  return HlcTimestamp{last_wall_, last_counter_, node_};
}

void HybridClock::set_offset_ms(std::int64_t offset) {
  std::lock_guard lock(mu_);
  offset_ms_ = offset;
}

void HybridClock::learn_offset_ms(std::int64_t offset) {
  std::lock_guard lock(mu_);
  offset_ms_ = offset;
  anchor_ = ClockAnchor{clock_.now_ms() + offset, clock_.steady_ms(), clock_.boot_id()};
}

void HybridClock::restore_anchor(const ClockAnchor& anchor) {
  std::lock_guard lock(mu_);
  if (anchor.boot_id.empty() || anchor.boot_id != clock_.boot_id() || clock_.steady_ms() < anchor.steady_ms) return;
  anchor_ = anchor;
}

std::optional<ClockAnchor> HybridClock::anchor() const {
  std::lock_guard lock(mu_);
  return anchor_;
}

std::int64_t HybridClock::offset_ms() const {
  std::lock_guard lock(mu_);
  return offset_ms_;
}

void HybridClock::set_node(std::string node) {
  std::lock_guard lock(mu_);
  node_ = std::move(node);
}

void HybridClock::restore(const HlcTimestamp& last) {
  std::lock_guard lock(mu_);
  if (last.wall_ms > last_wall_ || (last.wall_ms == last_wall_ && last.counter > last_counter_)) {
    last_wall_ = last.wall_ms;
    last_counter_ = last.counter;
  }
}

}  // namespace simpul
