#pragma once
// Hybrid logical clock. Orders changes across devices without trusting any wall clock alone:
// a timestamp never goes backwards, and observing a remote timestamp moves ours past it.
// The physical part is the device wall clock corrected by the offset learned from the server
// at each sync, so a device clock that is days or a year off does not decide conflicts.
#include <compare>
#include <cstdint>
#include <mutex>
#include <string>

#include "simpul/core/clock.hpp"

namespace simpul {

struct HlcTimestamp {
  std::int64_t wall_ms = 0;   // physical component (corrected epoch ms)
  std::uint32_t counter = 0;  // logical component for events within one ms
  std::string node;           // device id, the final tie-break

  auto operator<=>(const HlcTimestamp&) const = default;

  // Fixed-width text that sorts like the timestamp: "0001767225600000-00000-<node>".
  std::string encode() const;
  static bool decode(const std::string& text, HlcTimestamp& out);
};

class HybridClock {
 public:
  HybridClock(const Clock& clock, std::string node);

  HlcTimestamp now();                          // for a local event
  HlcTimestamp observe(const HlcTimestamp& r); // merge a remote timestamp, return the new local one
  void set_offset_ms(std::int64_t offset) ;    // server_time - local_time, learned at sync
  std::int64_t offset_ms() const;
  void set_node(std::string node);
  const std::string& node() const { return node_; }
  // Restores the last issued timestamp after a restart so time never runs backwards.
  void restore(const HlcTimestamp& last);

 private:
  std::int64_t physical_ms() const;
  const Clock& clock_;
  std::string node_;
  mutable std::mutex mu_;
  std::int64_t offset_ms_ = 0;
  std::int64_t last_wall_ = 0;
  std::uint32_t last_counter_ = 0;
};

}  // namespace simpul
