#include "simpul/sync/status.hpp"

#include "simpul/sync/sync_state.hpp"

namespace simpul::sync {
namespace {

constexpr std::pair<Phase, const char*> kPhases[] = {
    {Phase::idle, "idle"},
    {Phase::pushing, "pushing"},
    {Phase::pulling, "pulling"},
    {Phase::bootstrapping, "bootstrapping"},
    {Phase::repairing, "repairing"},
    {Phase::backing_off, "backing_off"},
    {Phase::incompatible, "incompatible"},
    {Phase::revoked, "revoked"},
    {Phase::not_enrolled, "not_enrolled"},
};

}  // namespace

const char* to_string(Phase phase) {
  for (const auto& [p, name] : kPhases) {
    if (p == phase) return name;
  }
  return "idle";
}

std::optional<Phase> phase_from_string(std::string_view text) {
  for (const auto& [p, name] : kPhases) {
    if (text == name) return p;
  }
  return std::nullopt;
}

const char* to_string(Online online) {
  switch (online) {
    case Online::online: return "online";
    case Online::offline: return "offline";
    case Online::unknown: return "unknown";
  }
  return "unknown";
}

bool SyncStatus::synced() const {
  const bool stopped = phase == Phase::incompatible || phase == Phase::revoked || phase == Phase::not_enrolled;
  return enrolled && last_cycle_complete && !stopped && pending_ops == 0 && rejected_ops == 0;
}

Result<std::vector<RejectedOp>> rejected_ops(storage::Database& db, std::size_t limit) {
  auto st = db.prepare(
      "SELECT seq, entity, entity_id, kind, coalesce(reason, ''), created_at_ms FROM outbox "
      "WHERE state = 'rejected' ORDER BY seq LIMIT ?1");
  st->bind(1, static_cast<std::int64_t>(limit));
  std::vector<RejectedOp> out;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) break;
    out.push_back(RejectedOp{st->int64(0), st->text(1), st->text(2), st->text(3), st->text(4), st->int64(5)});
  }
  return out;
}

Result<std::vector<ConflictRecord>> open_conflicts(storage::Database& db, std::size_t limit) {
  auto st = db.prepare(
      "SELECT id, entity, entity_id, field, winner_value, loser_value, coalesce(winner_hlc, ''), "
      "coalesce(loser_hlc, ''), detected_at_ms FROM conflicts WHERE resolved = 0 ORDER BY detected_at_ms, id "
      "LIMIT ?1");
  st->bind(1, static_cast<std::int64_t>(limit));
  std::vector<ConflictRecord> out;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) break;
    ConflictRecord c;
    c.id = st->text(0);
    c.entity = st->text(1);
    c.entity_id = st->text(2);
    c.field = st->text(3);
    c.winner_value = st->opt_text(4);
    c.loser_value = st->opt_text(5);
    c.winner_hlc = st->text(6);
    c.loser_hlc = st->text(7);
    if (!st->is_null(8)) c.detected_at_ms = st->int64(8);
    out.push_back(std::move(c));
  }
  return out;
}

Status refresh_counts(storage::Database& db, SyncStatus& s, std::size_t max_rejected) {
  {
    auto st = db.prepare(
        "SELECT coalesce(sum(state IN ('pending', 'sent')), 0), coalesce(sum(state = 'rejected'), 0) FROM outbox");
    auto r = st->step();
    if (!r.ok()) return r.error();
    s.pending_ops = st->int64(0);
    s.rejected_ops = st->int64(1);
  }
  auto rejected = rejected_ops(db, max_rejected);
  if (!rejected.ok()) return rejected.error();
  s.rejected = std::move(rejected).value();
  auto conflicts = db.query_int("SELECT count(*) FROM conflicts WHERE resolved = 0");
  if (!conflicts.ok()) return conflicts.error();
  s.open_conflicts = conflicts->value_or(0);
  auto cursor = db.query_int("SELECT cursor FROM sync_state WHERE singleton = 1");
  if (!cursor.ok()) return cursor.error();
  s.cursor = cursor->value_or(0);
  auto device = db.prepare("SELECT coalesce(device_id, ''), coalesce(facility, '') FROM device WHERE singleton = 1");
  auto row = device->step();
  if (!row.ok()) return row.error();
  if (row.value()) {
    s.enrolled = !device->text(0).empty();
    s.facility = device->text(1);
  }
  return {};
}

Result<SyncStatus> read_status(storage::Database& db, std::size_t max_rejected) {
  SyncStatus s;
  SIMPUL_TRY(refresh_counts(db, s, max_rejected));
  auto state = load_sync_state(db);
  if (!state.ok()) return state.error();
  s.phase = phase_from_string(state->phase).value_or(Phase::idle);
  if (!s.enrolled) s.phase = Phase::not_enrolled;
  if (state->online) s.online = *state->online ? Online::online : Online::offline;
  s.last_sync_at_ms = state->last_sync_at_ms;
  s.last_cycle_complete = state->last_cycle_complete;
  s.last_error = state->last_error;
  s.next_attempt_at_ms = state->next_attempt_at_ms;
  if (state->snapshot.active) {
    s.progress.rows_done = state->snapshot.rows_done;
    s.progress.rows_total = state->snapshot.rows_total;
  }
  return s;
}

}  // namespace simpul::sync
