#pragma once
// Reading this replica's queue for the queue screens, through storage::Queue (the rules) and storage::Facilities
// (the polis). UI-thread reads on the UI connection are indexed and small (one facility, one day); writes go
// through storage::Queue in tasks on their own connections (the controllers do that).
#include <functional>
#include <string>

#include "queue/day.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/queue.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::queue_ui {

// The facility's day: its polis (from the facility record) with their entries (replayed states) and events.
// Errors: no facility configured (queue.no_facility: enroll the device, or set "queue.facility"), the facility not
// on the replica (queue.facility_unknown), storage failures.
Result<FacilityDay> load_day(storage::Replica& replica, const Date& day);

// Today and the minute of the day in the facility's local time, as storage::Queue decides them (server-corrected
// clock, WIB).
Date queue_today(storage::Replica& replica);
int queue_minute_now(storage::Replica& replica);

// Writes, each in a task (name kWriteTask) on its own connection: a BEGIN IMMEDIATE may wait for the sync
// engine's transaction, and the UI must not. `done` runs on the UI thread, unless the context is gone; it should
// check that its screen still exists.
inline constexpr const char* kWriteTask = "queue.write";
void add_entry_async(context::AppContext& app, const storage::Actor& who, storage::NewQueueEntry request,
                     std::function<void(Result<storage::QueueAddOutcome>)> done);
void record_event_async(context::AppContext& app, const storage::Actor& who, std::string entry_id,
                        queue::QueueEventKind kind, std::function<void(Result<storage::QueueEventOutcome>)> done);
// A write task of this context is still running.
bool writing(const context::AppContext& app);

}  // namespace simpul::queue_ui
