#include "simpul/sync/sync_state.hpp"

namespace simpul::sync {

Result<SyncState> load_sync_state(storage::Database& db) {
  auto st = db.prepare(
      "SELECT cursor, snapshot_active, snapshot_entity, snapshot_after_id, snapshot_high_water, snapshot_rows_done, "
      "snapshot_rows_total, bootstrap_done, reset_pending, clock_offset_ms, hlc_seen, last_sync_at_ms, "
      "last_attempt_at_ms, next_attempt_at_ms, last_digest_at_ms, last_cycle_complete, last_error, phase, online "
      "FROM sync_state WHERE singleton = 1");
  auto row = st->step();
  if (!row.ok()) return row.error();
  SyncState s;
  if (!row.value()) return s;
  auto opt_int = [&](int col) -> std::optional<std::int64_t> {
    if (st->is_null(col)) return std::nullopt;
    return st->int64(col);
  };
  s.cursor = st->int64(0);
  s.snapshot.active = st->int64(1) != 0;
  s.snapshot.entity_index = static_cast<std::uint32_t>(st->int64(2));
  s.snapshot.after_id = st->text(3);
  s.snapshot.high_water = st->int64(4);
  s.snapshot.rows_done = static_cast<std::uint64_t>(st->int64(5));
  s.snapshot.rows_total = static_cast<std::uint64_t>(st->int64(6));
  s.bootstrap_done = st->int64(7) != 0;
  s.reset_pending = st->int64(8) != 0;
  s.clock_offset_ms = st->int64(9);
  s.hlc_seen = st->text(10);
  s.last_sync_at_ms = opt_int(11);
  s.last_attempt_at_ms = opt_int(12);
  s.next_attempt_at_ms = opt_int(13);
  s.last_digest_at_ms = opt_int(14);
  s.last_cycle_complete = st->int64(15) != 0;
  s.last_error = st->text(16);
  s.phase = st->text(17);
  if (auto online = opt_int(18)) s.online = *online != 0;
  return s;
}

Status save_position(storage::Database& db, std::int64_t cursor, const SnapshotPos& snap) {
  auto st = db.prepare(
      "UPDATE sync_state SET cursor = ?1, snapshot_active = ?2, snapshot_entity = ?3, snapshot_after_id = ?4, "
      "snapshot_high_water = ?5, snapshot_rows_done = ?6, snapshot_rows_total = ?7, "
      "bootstrap_done = CASE WHEN ?2 = 0 AND ?1 > 0 THEN 1 ELSE bootstrap_done END WHERE singleton = 1");
  st->bind_all(cursor, static_cast<std::int64_t>(snap.active), static_cast<std::int64_t>(snap.entity_index),
               snap.after_id, snap.high_water, static_cast<std::int64_t>(snap.rows_done),
               static_cast<std::int64_t>(snap.rows_total));
  return st->exec();
}

Status save_clock(storage::Database& db, std::int64_t offset_ms, const std::string& hlc_seen) {
  // Encoded HLCs sort like the timestamps they encode, so max() keeps the newest.
  auto st = db.prepare(
      "UPDATE sync_state SET clock_offset_ms = ?1, hlc_seen = CASE WHEN ?2 = '' THEN hlc_seen "
      "WHEN hlc_seen IS NULL OR ?2 > hlc_seen THEN ?2 ELSE hlc_seen END WHERE singleton = 1");
  st->bind_all(offset_ms, hlc_seen);
  return st->exec();
}

Status save_outcome(storage::Database& db, const AttemptOutcome& o) {
  auto st = db.prepare(
      "UPDATE sync_state SET last_attempt_at_ms = ?1, last_cycle_complete = ?2, last_error = ?3, phase = ?4, "
      "online = ?5, next_attempt_at_ms = ?6, last_sync_at_ms = CASE WHEN ?2 = 1 THEN ?1 ELSE last_sync_at_ms END "
      "WHERE singleton = 1");
  st->bind(1, o.at_ms).bind(2, static_cast<std::int64_t>(o.complete)).bind(4, o.phase);
  if (o.error.empty()) st->bind_null(3); else st->bind(3, o.error);
  if (o.online) st->bind(5, static_cast<std::int64_t>(*o.online)); else st->bind_null(5);
  st->bind(6, o.next_attempt_at_ms);
  return st->exec();
}

Status save_digest_time(storage::Database& db, std::int64_t at_ms) {
  auto st = db.prepare("UPDATE sync_state SET last_digest_at_ms = ?1 WHERE singleton = 1");
  st->bind(1, at_ms);
  return st->exec();
}

}  // namespace simpul::sync
