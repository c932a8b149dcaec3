#pragma once
// The queue entry's life: which event is allowed in which state, and how the current state follows
// from an entry's events when several offline devices recorded them.
//
//   from \ event   call     recall   skip     serve    done     no_show  cancel
//   waiting        called   -        -        -        -        -        cancelled
//   called         -        called   skipped  serving  -        no_show  cancelled
//   serving        -        -        -        -        done     -        - (cannot cancel once served)
//   skipped        called   called   -        -        -        no_show  cancelled
//   done, no_show, cancelled: terminal, every event refused.
//
// Skipped entries wait on a "skipped list" at the poli: the caller calls (or recalls) them again when
// the patient comes back; at the end of the day the remaining ones can be marked no_show. A skipped
// booking may still be cancelled (the patient went home and cancels in Mobile JKN).
//
// Every refusal is a bilingual Finding (field "queue") with one of these stable codes:
//   queue.not_called            recall/skip/serve/no_show before the first call
//   queue.already_called        call while called (use recall)
//   queue.call_again_first      serve a skipped entry without calling it again
//   queue.already_skipped       skip a skipped entry
//   queue.already_serving       call/recall/skip/serve/no_show while serving
//   queue.not_serving           done before serving started
//   queue.cancel_after_service  cancel once serving or done (WS Antrean: cannot cancel once served)
//   queue.already_done          any other event after done
//   queue.already_no_show       any event after no_show
//   queue.already_cancelled     any event after cancelled
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/message.hpp"
#include "simpul/core/queue/types.hpp"
#include "simpul/core/result.hpp"

namespace simpul::queue {

// Empty when `event` is allowed in state `from`, else the one refusal.
Findings check_event(QueueState from, QueueEventKind event);
// The state after `event`, or the refusal as an `invalid` Error (code and English text of the Finding;
// use check_event for the Indonesian text).
Result<QueueState> apply_event(QueueState from, QueueEventKind event);
// Events allowed in `from`, in kAllEventKinds order: which buttons a poli caller enables.
std::vector<QueueEventKind> allowed_events(QueueState from);

// The total order replay uses: at_ms, then id, then the remaining fields, so any two different
// events compare the same way on every device.
bool event_before(const QueueEvent& a, const QueueEvent& b);

struct RejectedEvent {
  QueueEvent event;
  QueueState state;  // the state the event found
  Finding reason;    // as check_event
};

struct ReplayResult {
  QueueState state = QueueState::waiting;
  std::vector<QueueEvent> applied;      // in replay order
  std::vector<RejectedEvent> rejected;  // invalid in sequence: skipped, reported
  std::vector<QueueEvent> duplicates;   // extra copies of an event already applied or rejected
  // Milestones from the applied events (epoch ms), for statistics and the display board.
  std::optional<std::int64_t> first_called_ms;  // first call
  std::optional<std::int64_t> last_called_ms;   // latest call or recall
  std::optional<std::int64_t> serving_ms;       // serve
  std::optional<std::int64_t> finished_ms;      // done, no_show or cancel
};

// Current state of ONE entry from its events (every event's entry_id should be that entry), starting
// at `initial` (waiting for every entry created by Simpul). Events are append-only facts merged from
// several devices, so the input may be in any order and hold the same event more than once:
// events are sorted by event_before, copies of one event (same id; for an event without an id, same
// kind, time, device, user and entry) are kept once, and an event invalid in the state it finds is
// skipped and reported in `rejected`. The result depends only on the set of events, never on
// their input order.
ReplayResult replay(std::vector<QueueEvent> events, QueueState initial = QueueState::waiting);

// replay() for every entry_id found in `events`.
std::map<std::string, ReplayResult> replay_by_entry(const std::vector<QueueEvent>& events);

// `entries` with `state` recomputed from `events` (entries without any event keep their stored state).
std::vector<QueueEntry> with_replayed_states(std::vector<QueueEntry> entries,
                                             const std::vector<QueueEvent>& events);

}  // namespace simpul::queue
