#pragma once
// Which facilities see which rows (docs/SYNC_PROTOCOL.md "Scope"). A device of facility F sees:
//  * participants whose FKTP is F, participants a device of F wrote (touched), and the family members
//    (same KK number) of both;
//  * rows that belong to those participants (through participant_id, queue entry, visit), rows whose
//    `facility` column is F (queue, visits, screenings, complaints, users), and conflict records about
//    rows it sees;
//  * shared reference data (facilities), which every device receives.
// Membership is materialised per row in the store (row_scope) so pulls, bootstraps and digests are
// plain indexed scans; this file keeps it current and logs upsert/leave entries when it changes.
#include <optional>
#include <set>
#include <string>

#include "write_context.hpp"

namespace simpul::server {

bool is_shared(const EntityDef& def);
std::uint32_t index_of(const EntityDef& def);

class ScopeKeeper {
 public:
  explicit ScopeKeeper(WriteContext& ctx) : ctx_(ctx) {}

  // The facilities that should see a row with these values (ignoring tombstones' special case).
  Result<std::set<std::string>> desired(const EntityDef& def, const StoredRow& row);
  // Whether facility F currently sees the row (shared rows: everyone).
  Result<bool> sees(const EntityDef& def, const std::string& id, const std::string& facility);

  // After a row's content was written: refresh its scope (and that of rows depending on it), then log
  // the content change to every facility that sees it. `before` is the previous content (nullptr when
  // the row is new).
  Status after_write(const EntityDef& def, const StoredRow& row, const StoredRow* before);
  // A device of `facility` wrote participant `participant_id` (or a row of theirs).
  Status touch(const std::string& facility, const std::string& participant_id);
  // Sets the scope of a row created by the server (conflict records) and logs it.
  Status place(const EntityDef& def, const StoredRow& row, const std::set<std::string>& facilities);

 private:
  Result<std::set<std::string>> participant_scope(const StoredRow& p);
  // Brings one row's membership to `want`; logs upsert/leave; cascades to dependent rows if it changed.
  Status reconcile(const EntityDef& def, const StoredRow& row, const std::set<std::string>& want, int depth);
  Status refresh(const EntityDef& def, const std::string& id, int depth);
  // Refreshes a row already in hand; its membership afterwards (nullopt when it was left as it was).
  Result<std::optional<std::set<std::string>>> refresh_row(const EntityDef& def, const StoredRow& row, int depth);
  Status refresh_family(const std::string& kk_number, int depth);
  Status cascade(const EntityDef& def, const std::string& id, int depth);

  WriteContext& ctx_;
};

}  // namespace simpul::server
