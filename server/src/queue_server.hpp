#pragma once
// The queue on the server (docs/QUEUE.md, docs/WS_ANTREAN.md): a facility's day as core values, each
// entry's state derived from its events, and the devices' queue-number slots.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/queue/queue.hpp"
#include "write_context.hpp"

namespace simpul::server {

struct QueueDay {
  std::vector<queue::QueueEntry> entries;  // live entries of the facility's day, states replayed
  std::vector<queue::QueueEvent> events;   // their events
};
Result<QueueDay> load_queue_day(StoreRead& read, const std::string& facility, const Date& day);

// Sets a queue entry's state to what its events replay to (core replay), with a server clock, when
// the stored state says otherwise. Entries without a readable event keep their state. Called after
// every queue entry or event a device pushes, so concurrent transitions recorded offline on several
// devices end in the same state everywhere.
Status refresh_queue_state(WriteContext& ctx, const std::string& entry_id);

// The lowest slot 1..8 of the device's facility that no live device holds, written as the device's
// queue_slot row (slot NULL when all eight are held). Returns the slot.
Result<std::optional<int>> assign_queue_slot(WriteContext& ctx, const DeviceRecord& device);
// Whether the device has a queue_slot row already (devices enrolled before slots existed have none).
Result<bool> has_queue_slot_row(StoreRead& read, const std::string& device_id);
// After a device was revoked: its slot is released (it can never push again, so numbers from it can
// never arrive) and handed to the facility's oldest live device that has none.
Status release_queue_slot(WriteContext& ctx, const std::string& device_id);

}  // namespace simpul::server
