#pragma once
// Queue figures for tickets, the display board and the WS Antrean (totalantrean, sisaantrean,
// antreanpanggil), and the estimated wait.
//
// `entries` are one poli's entries for one day with states replayed from their events
// (with_replayed_states in state_machine.hpp); `events` are that day's events of those entries.
//
// Estimated wait = people ahead x minutes per patient, rounded up. Minutes per patient (the pace) is,
// in order of preference, the median of the day's:
//   1. call-to-call intervals (time between successive first calls): the poli's real throughput,
//      which already includes several rooms working in parallel and the gap between patients;
//   2. serve -> done durations (time in the room);
// each used only with at least `min_observations` (3) values; otherwise the poli's default
// (default_service_minutes: 001 umum 10, 002 gigi 20, 003 KIA 15, anything else 10 minutes; our own
// planning figures, overridable per poli code). The median ignores the odd long gap (a break) or a
// burst of skips. The pace is at least 1 minute.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "simpul/core/model.hpp"
#include "simpul/core/queue/order.hpp"
#include "simpul/core/queue/types.hpp"

namespace simpul::queue {

// Entries that will be called before `entry_id`: entries now called (at the door) plus waiting entries
// ahead of it in service_order. 0 when the entry is no longer waiting, -1 when `entry_id` is unknown.
// Only entries of the same poli and day as that entry count.
int people_ahead(const std::vector<QueueEntry>& entries, const std::string& entry_id,
                 const OrderPolicy& policy = {});

// totalantrean: entries holding a booking (all but cancelled).
int total_count(const std::vector<QueueEntry>& entries);
// sisaantrean: entries still to be served (waiting or called).
int remaining_count(const std::vector<QueueEntry>& entries);

// antreanpanggil: the number of the entry called (or recalled) most recently, "" before the first call.
// It stays on the board while that patient is served, until the next call.
std::string called_number(const std::vector<QueueEntry>& entries, const std::vector<QueueEvent>& events);
// The display board's "recently called": numbers by their latest call or recall, newest first, at most `n`.
std::vector<std::string> recent_calls(const std::vector<QueueEntry>& entries,
                                      const std::vector<QueueEvent>& events, std::size_t n);

enum class PaceBasis { call_intervals, service_durations, poli_default };
const char* pace_basis_code(PaceBasis b);  // "call_intervals", "service_durations", "poli_default"

struct ServicePace {
  double minutes_per_patient = 10;
  PaceBasis basis = PaceBasis::poli_default;
  int observations = 0;  // how many intervals or durations the median was taken over
};

inline constexpr int kMinPaceObservations = 3;

struct WaitPolicy {
  int min_observations = kMinPaceObservations;
  std::map<std::string, int> default_minutes;  // per poli code, overriding default_service_minutes
};

// Planning minutes per patient when the day has too few observations.
int default_service_minutes(const std::string& poli_code);

// The day's pace from `events` (of one poli's day; any order, duplicates and invalid events are handled
// as in replay()).
ServicePace service_pace(const Poli& poli, const std::vector<QueueEvent>& events,
                         const WaitPolicy& policy = {});

// ceil(people_ahead x pace); 0 when nobody is ahead (or the entry is unknown).
int estimated_wait_minutes(int people_ahead, const ServicePace& pace);
// The estimate for one entry: people_ahead(entries, entry_id) at service_pace(poli, events).
int estimated_wait_minutes(const Poli& poli, const std::vector<QueueEntry>& entries,
                           const std::vector<QueueEvent>& events, const std::string& entry_id,
                           const WaitPolicy& wait_policy = {}, const OrderPolicy& order_policy = {});

// Everything the WS status endpoint and the display board show for a poli's day. Replays the states
// from `events` itself; entries of other polis (by code) and their events are ignored.
struct QueueSummary {
  int total = 0;      // totalantrean
  int remaining = 0;  // sisaantrean
  int waiting = 0;
  int served = 0;             // done
  std::string called_number;  // antreanpanggil ("" before the first call)
  ServicePace pace;
};
QueueSummary summarize(const Poli& poli, const std::vector<QueueEntry>& entries,
                       const std::vector<QueueEvent>& events, const WaitPolicy& policy = {});

}  // namespace simpul::queue
