#pragma once
// Queue numbers that never collide, even when several devices of one facility issue them offline.
//
// Scheme (docs/QUEUE.md explains why): every device that issues numbers gets a SLOT digit from the
// server when it is enrolled; the server itself numbers Mobile JKN bookings in slot 9. A number is
//
//     <poli prefix> "-" <slot digit> <counter, at least two digits>
//
// where the counter counts per (poli, day, slot) from 1. Slot 1 issues A-101 … A-199, then A-1100 …
// A-1999, then A-11000 …; Mobile JKN gets …; an unenrolled device (slot 0) A-001 … A-099,
// then A-0100 …. Two numbers with different slots differ in their first digit, and two numbers of one
// slot differ in their counter, so no two devices can ever produce the same text, whatever the
// interleaving and however long they stay offline. A device only needs the entries it has seen of its
// OWN slot, which it issued itself, to continue its counter.
//
// The slot must be unique among a facility's issuing devices: the server assigns 1..8 at enrollment
// (a kiosk, a desk, a laptop…; display boards and poli callers do not issue numbers). Enroll devices
// before running a multi-device queue: two unenrolled devices both use slot 0 and CAN collide.
//
// `seq_no` (the WS Antrean angkaantrean) is the number's digits as an integer (A-101 -> 101,
// A-1100 -> 1100). It is unique too for slots 1..9; slot 0 loses its leading zero, so an unenrolled
// device past its 99th number may share a seq_no (never the text) with an enrolled one. The text is the key.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/queue/types.hpp"

namespace simpul::queue {

inline constexpr int kUnenrolledSlot = 0;
inline constexpr int kFirstDeviceSlot = 1;
inline constexpr int kLastDeviceSlot = 8;
inline constexpr int kServerSlot = 9;       // Mobile JKN bookings numbered by the central server
inline constexpr int kMaxCounter = 99'999;  // per poli, day and slot; far beyond any daily quota

inline bool valid_slot(int slot) {
  return slot >= kUnenrolledSlot && slot <= kServerSlot;
}

struct QueueNumber {
  std::string text;    // "A-101"
  std::string prefix;  // "A"
  int slot = 0;        // 1
  int counter = 0;     // 1
  int seq_no = 0;      // 101
};

// "A-101" from prefix "A", slot 1, counter 1. Requires valid_slot(slot) and 1 <= n <= kMaxCounter
// (a violation is a bug: assert). An empty prefix gives the digits alone ("101").
std::string format_number(std::string_view prefix, int slot, int n);
std::string format_number(const Poli& poli, int slot, int n);
QueueNumber make_number(std::string_view prefix, int slot, int n);
// The digits of the number as an integer: slot 1, n 1 -> 101; slot 1, n 100 -> 1100.
int seq_no_of(int slot, int n);

// Reads a number back: nullopt unless it is exactly what format_number would produce
// (so "A-100", "A-1" and "A-10001" are rejected: counter 0, too short, and a non-canonical counter).
std::optional<QueueNumber> parse_number(std::string_view text);

// 1 + the highest counter of `slot` among `entries` (one poli's day; entries of other slots and
// unparseable numbers are ignored), 1 when there is none. Cancelled entries keep their number, so
// numbers are never reused; gaps are harmless.
int next_counter(const std::vector<QueueEntry>& entries, int slot);

// A device's numbering: `slot` from enrollment (kUnenrolledSlot until then; kServerSlot on the server).
struct NumberAllocator {
  int slot = kUnenrolledSlot;

  // The next number for `poli` on `day`. `known_entries` may hold the device's whole replica of the
  // facility's queue: entries of other polis (by code) or days are ignored.
  QueueNumber next(const Poli& poli, const Date& day, const std::vector<QueueEntry>& known_entries) const;
};

}  // namespace simpul::queue
