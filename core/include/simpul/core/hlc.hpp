#pragma once
// Hybrid logical clock. Orders changes across devices without trusting any wall clock alone:
// a timestamp never goes backwards, and observing a remote timestamp moves ours past it.
// The physical part is the server's time as learned at the last sync plus the time elapsed since on the
// monotonic clock (the "anchor"), so a device clock that is days or a year off — or that jumps while the
// device is offline — does not decide conflicts. Without an anchor (never synced, or rebooted since) it is
// the device wall clock corrected by the last learned offset.
#include <compare>
#include <cstdint>
#include <mutex>
#include <optional>
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

// The server's time at one moment of the monotonic clock.
struct ClockAnchor {
  std::int64_t server_ms = 0;
  std::int64_t steady_ms = 0;
  std::string boot_id;  // Clock::boot_id() when it was taken
  std::string encode() const;
  static std::optional<ClockAnchor> decode(const std::string& text);
};

class HybridClock {
 public:
  HybridClock(const Clock& clock, std::string node);

  HlcTimestamp now();                          // for a local event
  HlcTimestamp observe(const HlcTimestamp& r); // merge a remote timestamp, return the new local one
  // Learned at a sync: server_time - local_time now. Sets the offset and anchors the physical time.
  void learn_offset_ms(std::int64_t offset);
  void set_offset_ms(std::int64_t offset);  // a persisted offset, without anchoring (restore)
  std::int64_t offset_ms() const;
  // A persisted anchor: used when it was taken in this boot and the monotonic clock has not gone back.
  void restore_anchor(const ClockAnchor& anchor);
  std::optional<ClockAnchor> anchor() const;
  // The corrected physical time now (what timestamps are made from), for "today" and server requests.
  std::int64_t physical_now_ms() const;
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
  std::optional<ClockAnchor> anchor_;
  std::int64_t last_wall_ = 0;
  std::uint32_t last_counter_ = 0;
};

}  // namespace simpul
