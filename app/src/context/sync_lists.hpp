#pragma once
// What the sync screen lists and the actions it offers, over the UI connection:
//   pending   local changes the server has not confirmed yet (pending, sent)
//   rejected  changes the server refused, with its reason: resend (after fixing the record) or discard
//   conflicts concurrent edits of one field the server settled; a desk confirms or overrides the outcome.
// Resend and discard go through sync::NeedsAttention (a resend is a new op carrying the record's current
// values; both are audited). A conflict resolution is a normal change of the record (captured, audited, synced)
// plus the conflict row marked resolved, in one transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/status.hpp"

namespace simpul::context {

struct ChangeLine {
  std::int64_t seq = 0;
  std::string entity;
  std::string entity_id;
  std::string subject;  // "Siti Rahma (participant)" or the entity and id
  std::string fields;   // "phone, email"
  std::string kind;     // upsert | delete
  std::string state;    // pending | sent | rejected
  std::string reason;   // rejected: the server's reason
  std::int64_t created_at_ms = 0;
};

struct ConflictLine {
  sync::ConflictRecord record;
  std::string subject;
  bool mine_won = false;   // this device wrote the value the server kept
  bool mine_lost = false;  // this device wrote the value that lost
};

struct SyncLists {
  std::vector<ChangeLine> pending;
  std::vector<ChangeLine> rejected;
  std::vector<ConflictLine> conflicts;
};

Result<SyncLists> load_sync_lists(storage::Replica& replica, std::size_t limit = 500);

Result<std::int64_t> resend_rejected(storage::Replica& replica, const storage::Actor& who, std::int64_t seq);
Status discard_rejected(storage::Replica& replica, const storage::Actor& who, std::int64_t seq);

// Settles a conflict: `value` nullopt keeps what the server kept (only the conflict row changes); otherwise the
// record's field is set to `value` as a normal change. `resolution` is recorded on the conflict row
// ("kept-winner", "kept-loser", "edited").
Status resolve_conflict(storage::Replica& replica, const storage::Actor& who, const sync::ConflictRecord& conflict,
                        const std::optional<std::string>& value, const std::string& resolution);

}  // namespace simpul::context
