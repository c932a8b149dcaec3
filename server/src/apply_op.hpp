#pragma once
// Applying one pushed op with the merge rules of docs/SYNC_PROTOCOL.md: validation, field-level
// last-writer-wins by skew-corrected HLC, conflict records for concurrent same-field edits,
// server-owned fields, append-only facts, tombstones, registrations and duplicate registrations.
#include <string>
#include <vector>

#include "scope.hpp"
#include "simpul/core/hlc.hpp"
#include "write_context.hpp"

namespace simpul::server {

struct Author {
  std::string device_id;
  std::string facility;
  std::int64_t skew_ms = 0;  // server_now - client_time_ms of the request
};

class OpApplier {
 public:
  OpApplier(WriteContext& ctx, const Author& author) : ctx_(ctx), scope_(ctx), author_(author) {}

  // The verdict for one op. An Error only for store failures: the whole request then fails and is
  // retried; a bad op is a `rejected` verdict. The caller wraps each op in a savepoint and rolls it
  // back when the verdict is `rejected`.
  Result<sync::OpResult> apply(const sync::WireOp& op);

 private:
  Result<sync::OpResult> apply_one(const sync::WireOp& op);
  // Derived data an applied op may change: a queue entry's state follows its events.
  Status after_apply(const sync::WireOp& op);
  struct PendingConflict {
    const EntityDef* def;
    std::string entity_id;
    std::string field;
    std::string winner_value, loser_value, winner_hlc, loser_hlc;
  };

  // State of the op being applied.
  struct Op {
    const sync::WireOp* wire = nullptr;
    const EntityDef* def = nullptr;
    std::string id;  // after alias re-pointing
    HlcTimestamp stamp;
    std::string stamp_text;
    Fields sent = Fields::object();    // the op's values as sent (coerced)
    Fields values = Fields::object();  // with references re-pointed to canonical records
    sync::OpResult result;
  };

  Result<sync::OpResult> upsert_existing(Op& op, const StoredRow& existing);
  Result<sync::OpResult> update_tombstone(Op& op, const StoredRow& existing);
  Result<sync::OpResult> create(Op& op);
  Result<sync::OpResult> merge_duplicate(Op& op, const std::string& canonical_id);
  Result<sync::OpResult> remove(Op& op);

  // Field-level merge of the op's values into `row` (conflict records when `detect` is set).
  bool merge_into(Op& op, StoredRow& row, bool detect);
  Status finish_write(Op& op, StoredRow& row, const StoredRow* before);
  Status write_conflicts();
  // Fills result.winning/verdict from the stored state after the op.
  sync::OpResult conclude(Op& op, const StoredRow& final_row, const StoredRow* before);
  Result<bool> anchored(const Op& op, const StoredRow& row);
  Status touch_owner(const EntityDef& def, const StoredRow& row);

  FieldClock op_clock(const Op& op) const;
  static sync::OpResult reject(Op& op, const std::string& code, const std::string& text);

  WriteContext& ctx_;
  ScopeKeeper scope_;
  const Author& author_;
  std::vector<PendingConflict> conflicts_;
};

// Skew correction: the op's timestamp moved by the request's measured device clock error, and never later
// than the server's now.
HlcTimestamp corrected_stamp(const HlcTimestamp& ts, std::int64_t skew_ms, std::int64_t now_ms);
// a > b for encoded HLC text; undecodable text is older than anything.
bool newer(const HlcTimestamp& a, const std::string& b_text);

}  // namespace simpul::server
