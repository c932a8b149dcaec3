#pragma once
// What the desk sees about sync: a plain snapshot the engine copies under its mutex for the UI and the
// CLI. `synced()` is the only place that decides whether "Synced" may be shown, and it is strict.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/db.hpp"

namespace simpul::sync {

enum class Phase {
  idle,           // nothing to do right now
  pushing,        // sending local changes
  pulling,        // receiving changes
  bootstrapping,  // first download (or after a client reset), with progress
  repairing,      // comparing digests and replacing differing buckets
  backing_off,    // the last attempt failed; waiting before the next (next_attempt_at)
  incompatible,   // the server refused this version (HTTP 426): "update Simpul"; no automatic retries
  revoked,        // the server refused this device (HTTP 401): re-enroll; no automatic retries
  not_enrolled,   // no device id yet: `simpulctl enroll` / the enrollment screen
};
const char* to_string(Phase phase);
std::optional<Phase> phase_from_string(std::string_view text);

enum class Online { unknown, online, offline };
const char* to_string(Online online);

struct Progress {
  std::uint64_t rows_done = 0;
  std::uint64_t rows_total = 0;   // from the server's snapshot estimate; 0 = unknown
  std::uint64_t bytes_done = 0;   // compressed bytes received in this download
  std::uint64_t bytes_total = 0;  // estimate from the rows ratio; 0 = unknown
};

struct RejectedOp {
  std::int64_t seq = 0;
  std::string entity;
  std::string entity_id;
  std::string kind;
  std::string reason;  // "code: text" from the server
  std::int64_t created_at_ms = 0;
};

struct ConflictRecord {
  std::string id;
  std::string entity;
  std::string entity_id;
  std::string field;
  std::optional<std::string> winner_value;
  std::optional<std::string> loser_value;
  std::string winner_hlc;
  std::string loser_hlc;
  std::optional<std::int64_t> detected_at_ms;
};

struct SyncStatus {
  bool enrolled = false;
  std::string facility;
  Online online = Online::unknown;
  Phase phase = Phase::idle;
  Progress progress;                // during bootstrap
  std::int64_t pending_ops = 0;     // local changes not yet confirmed by the server
  std::int64_t rejected_ops = 0;    // needs attention
  std::vector<RejectedOp> rejected; // the first ones, with reasons
  std::int64_t open_conflicts = 0;
  std::optional<std::int64_t> last_sync_at_ms;  // end of the last complete exchange
  bool last_cycle_complete = false;
  std::string last_error;
  std::int64_t cursor = 0;
  std::optional<std::int64_t> next_attempt_at_ms;  // wall clock, while backing off

  // True only when it is: the last cycle completed a full exchange, nothing local is waiting, nothing
  // was refused, and the engine is not stopped on an error.
  bool synced() const;
  bool needs_attention() const { return rejected_ops > 0 || open_conflicts > 0; }
};

// The status as persisted in the replica (what the engine last recorded, plus live counts of the outbox
// and conflicts). Reads only; never goes online.
Result<SyncStatus> read_status(storage::Database& db, std::size_t max_rejected = 100);
// Refreshes the counts and lists of `status` from the database (outbox, conflicts, cursor).
Status refresh_counts(storage::Database& db, SyncStatus& status, std::size_t max_rejected = 100);

Result<std::vector<RejectedOp>> rejected_ops(storage::Database& db, std::size_t limit = 500);
Result<std::vector<ConflictRecord>> open_conflicts(storage::Database& db, std::size_t limit = 1000);

}  // namespace simpul::sync
