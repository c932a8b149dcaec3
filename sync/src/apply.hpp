#pragma once
// Local effects of what the server sends: pages, aliases, client resets and bucket repairs. Every
// function here runs inside the caller's transaction, so the caller decides what commits together
// (a page with its cursor, a reset with its position). No outbox ops are written: these are the
// server's changes, audited as "sync" per row, or "sync-bootstrap" per entity and snapshot page for rows
// a bootstrap brings that this replica never had.
#include <cstdint>
#include <string>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/protocol.hpp"

namespace simpul::sync::detail {

struct PageCounts {
  std::uint64_t upserts = 0;
  std::uint64_t removes = 0;
  std::uint64_t leaves = 0;
  std::uint64_t aliases = 0;
  std::string newest_hlc;  // the newest row timestamp in the page (encoded), for the HLC to observe
};
// Where a page comes from: the bootstrap's snapshot walk, or the change log.
enum class PageSource { snapshot, log };
// Applies a page's rows. Snapshot rows the replica does not hold and has no unconfirmed op for are
// inserted in bulk (one prepared INSERT per entity, one "sync-bootstrap" audit entry per entity naming
// the id range); every other row goes through Replica::apply_remote.
Result<PageCounts> apply_blocks(storage::Replica& replica, const std::vector<EntityBlock>& blocks,
                                PageSource source);

// A duplicate registration was merged on the server: `alias` lives on as `canonical`. Re-points local
// references (and this device's unconfirmed ops) to the canonical id and drops the alias row.
Status repoint_alias(storage::Replica& replica, const storage::EntityDef& def, const std::string& alias,
                     const std::string& canonical);

// Client reset: keeps the current content of every row with unconfirmed local ops (table reset_keep),
// empties the synced tables and rewinds the pull position to a fresh bootstrap.
Status begin_client_reset(storage::Replica& replica);
// After the reset's bootstrap: kept rows the server did not send come back (with their local ops).
Status restore_kept_rows(storage::Replica& replica);

struct RepairCounts {
  std::uint64_t written = 0;
  std::uint64_t removed = 0;
  std::uint64_t kept = 0;  // local rows with unconfirmed ops, left alone
};
// Replaces the rows of each differing bucket with the server's content.
Result<RepairCounts> replace_buckets(storage::Replica& replica, const DigestResponse& response);

Result<bool> has_unconfirmed_ops(storage::Database& db, const std::string& entity, const std::string& id);

}  // namespace simpul::sync::detail
