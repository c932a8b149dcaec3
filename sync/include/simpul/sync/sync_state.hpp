#pragma once
// The sync engine's bookkeeping row in the replica (table sync_state). The pull position (cursor and
// bootstrap snapshot) is written in the same local transaction as the page it belongs to; the rest
// records the outcome of the last attempt so that `simpulctl status` can report it without going online.
#include <cstdint>
#include <optional>
#include <string>

#include "simpul/core/result.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/sync/protocol.hpp"

namespace simpul::sync {

struct SyncState {
  std::int64_t cursor = 0;
  SnapshotPos snapshot;           // the resume point of an unfinished bootstrap
  bool bootstrap_done = false;
  bool reset_pending = false;     // a client reset is under way: kept rows are restored after its bootstrap
  std::int64_t clock_offset_ms = 0;
  std::string hlc_seen;           // newest HLC pulled from the server (encoded)
  std::optional<std::int64_t> last_sync_at_ms;  // end of the last COMPLETE exchange
  std::optional<std::int64_t> last_attempt_at_ms;
  std::optional<std::int64_t> next_attempt_at_ms;
  std::optional<std::int64_t> last_digest_at_ms;
  bool last_cycle_complete = false;
  std::string last_error;
  std::string phase;              // the last resting phase the engine recorded ("" = never ran)
  std::optional<bool> online;     // nullopt: never tried
};

Result<SyncState> load_sync_state(storage::Database& db);

// In the caller's transaction, with the page: where the next pull starts.
Status save_position(storage::Database& db, std::int64_t cursor, const SnapshotPos& snapshot);
// In the caller's transaction: the clock offset learned from server_time_ms, and the newest HLC seen
// (kept only if newer than the stored one; empty = unchanged).
Status save_clock(storage::Database& db, std::int64_t offset_ms, const std::string& hlc_seen);

// What one attempt ended with. last_sync_at_ms moves only when `complete`.
struct AttemptOutcome {
  std::int64_t at_ms = 0;
  bool complete = false;
  std::string error;  // "" when complete
  std::string phase;
  std::optional<bool> online;
  std::optional<std::int64_t> next_attempt_at_ms;
};
Status save_outcome(storage::Database& db, const AttemptOutcome& outcome);
Status save_digest_time(storage::Database& db, std::int64_t at_ms);

}  // namespace simpul::sync
