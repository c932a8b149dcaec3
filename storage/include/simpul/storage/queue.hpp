#pragma once
// Today's queue on the replica: taking a number, the poli's calls, and what the kiosk, the desk and
// the board show. The rules are core's (simpul/core/queue, docs/QUEUE.md); this file stores them.
//
// - A number is allocated for THIS device's slot (NumberAllocator) and the entry inserted in one
//   BEGIN IMMEDIATE transaction, so two windows on one replica never issue the same number. The slot
//   comes from the server: at enrollment it writes a `queue_slot` row (id = device id) that reaches
//   the device with its first sync. 0 = not enrolled (a single unenrolled device may issue numbers);
//   an enrolled device issues nothing until that row has arrived.
// - Every number issued here is also written to the local `queue_issued` ledger, whose primary key
//   (facility, poli, day, number) is the safety net: a second insert of one number fails the
//   transaction. The ledger is local on purpose: a unique index on the synced table would make one
//   remote duplicate (two unenrolled devices, a replica restored from an old backup) stop sync
//   forever, and losing a patient's entry is worse than showing a collision.
// - A transition (call, recall, skip, serve, done, no_show, cancel) is a `queue_event` fact, written
//   through Replica::upsert so it syncs. The entry's `state` column is a cache of the replayed events:
//   it is updated locally without an outbox op, and the server derives the same state from the same
//   events, so concurrent transitions made offline on several devices resolve identically everywhere
//   (core replay) instead of by last-writer-wins. Reads here always replay the events themselves.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/queue/queue.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

// ---- rows <-> values (shared with the server's WS Antrean) ----
Fields to_fields(const queue::QueueEntry& e);  // without "id"
Result<queue::QueueEntry> queue_entry_from(const Fields& row);
Fields to_fields(const queue::QueueEvent& e);  // without "id"
// nullopt for an event whose kind this build does not know (a newer device's): replay ignores it.
std::optional<queue::QueueEvent> queue_event_from(const Fields& row);
// snake_case JSON for scripts: id, number, poli, day, state, source, priority ("A"/"B"), card_number, ...
nlohmann::json to_json(const queue::QueueEntry& e);

struct QueueOptions {
  queue::BookingPolicy booking;
  queue::OrderPolicy order;
  queue::WaitPolicy wait;
  int utc_offset_minutes = 7 * 60;  // the facility's local time (WIB); decides "today" and opening hours
};

struct NewQueueEntry {
  std::string poli;            // PCare code, e.g. "001"
  Date day;                    // service day
  std::string card_number;     // 13 digits, or empty for a patient without a JKN card
  std::string participant_id;  // looked up by card number when empty
  queue::Priority priority = queue::Priority::regular;
  queue::Source source = queue::Source::desk;
  std::string complaint;
};

// One entry as a screen shows it.
struct QueueItem {
  queue::QueueEntry entry;      // state replayed from its events
  int people_ahead = 0;         // queue::people_ahead (0 once it is not waiting)
  int estimated_wait_minutes = 0;
};

// What taking a number answers: the refusals (nothing written), or the ticket.
struct QueueAddOutcome {
  Findings refusals;
  QueueItem ticket;
  bool accepted() const { return refusals.empty(); }
};

// What a transition answers: the refusal (nothing written), or the entry in its new state.
struct QueueEventOutcome {
  Findings refusals;
  queue::QueueEntry entry;
  queue::QueueEvent event;
  bool accepted() const { return refusals.empty(); }
};

// A poli's day for the board, the caller and the WS status.
struct QueueBoard {
  Poli poli;
  Date day;
  queue::QueueSummary summary;          // total, remaining, called number, pace
  std::vector<QueueItem> waiting;       // in service order
  std::vector<QueueItem> called;        // at the door now, newest call first
  std::vector<std::string> recent_calls;
  int estimated_wait_minutes = 0;       // for someone taking a number now (everyone waiting or called is ahead)
};

class Queue {
 public:
  explicit Queue(Replica& replica, QueueOptions options = {});

  // This device's slot: 0 when not enrolled; the server's assignment when enrolled. An enrolled device
  // whose slot row has not arrived yet, or that got none, is an error saying what to do.
  Result<int> slot();
  // The facility whose queue this replica keeps: the enrolled one, else the "queue.facility" setting.
  Result<std::string> facility();
  // The poli of this facility (from its facility record), or not_found.
  Result<Poli> poli(const std::string& code);

  // Checks the booking rules (one number per card/poli/day, no back-dated day, poli open, quota) and
  // issues the next number of this device's slot. Errors only for storage failures and setup problems
  // (no facility, no slot); a refusal is an outcome.
  Result<QueueAddOutcome> add(const Actor& who, const NewQueueEntry& request);
  // Records a transition of one entry (checked against its replayed state).
  Result<QueueEventOutcome> record(const Actor& who, const std::string& entry_id, queue::QueueEventKind kind);

  Result<std::optional<queue::QueueEntry>> get(const std::string& entry_id);
  // The entry with this human number at (poli, day) of this facility.
  Result<std::optional<queue::QueueEntry>> by_number(const std::string& poli, const Date& day,
                                                     const std::string& number);
  // A day's entries (one poli, or every poli when empty) with replayed states, people ahead and
  // estimated waits, by poli then service order (waiting first in the order they will be called,
  // then called, serving, skipped, and finished entries last).
  Result<std::vector<QueueItem>> list(const Date& day, const std::string& poli = "");
  // The day's events (one poli, or every poli when empty) in replay order (at_ms, then id): for the
  // board's recent calls, the pace, and screens that show who did what.
  Result<std::vector<queue::QueueEvent>> events(const Date& day, const std::string& poli = "");
  Result<QueueBoard> board(const std::string& poli, const Date& day);
  // Brings the cached `state` column of the day's entries in line with their events (after a pull
  // brought events from other devices). Returns how many entries changed. No outbox ops.
  Result<int> refresh_states(const Date& day);

  // Today in the facility's local time, and the minute of the day now.
  Date today() const;
  int minute_now() const;

 private:
  struct Day {
    std::vector<queue::QueueEntry> entries;  // replayed states
    std::vector<queue::QueueEvent> events;
  };
  Result<Day> load_day(const std::string& facility, const Date& day, const std::string& poli);
  Result<std::vector<queue::QueueEvent>> load_events(const std::string& facility, const Date& day,
                                                     const std::string& poli);
  Result<std::vector<queue::QueueEvent>> events_of(const std::string& entry_id);
  std::vector<QueueItem> items(const Poli& poli, const Day& day) const;
  std::string device_name();

  Replica& r_;
  QueueOptions options_;
};

}  // namespace simpul::storage
