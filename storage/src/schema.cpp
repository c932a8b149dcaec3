#include "simpul/storage/schema.hpp"

#include "care_schema.hpp"

namespace simpul::storage {
namespace {

using C = ColumnDef;
constexpr auto T = ColumnType::text;
constexpr auto I = ColumnType::integer;
constexpr auto R = ColumnType::real;

std::vector<EntityDef> build_entities() {
  return {
      {"facility", "facilities",
       {C{"type", T}, C{"name", T}, C{"street", T}, C{"village_code", T}, C{"latitude", R}, C{"longitude", R},
        C{"phone", T}, C{"polis", T}, C{"services", T}},
       false},
      {"participant", "participants",
       {C{"card_number", T, true}, C{"nik", T},          C{"name", T},
        C{"birth_date", T},        C{"sex", T},          C{"kk_number", T},
        C{"relation", T},          C{"street", T},       C{"rt", T},
        C{"rw", T},                C{"village_code", T}, C{"postal_code", T},
        C{"phone", T},             C{"email", T},        C{"segment", T},
        C{"class", I},             C{"fktp", T},         C{"dental_fktp", T},
        C{"status", T, true},      C{"status_reason", T, true},
        C{"active_from", T, true}, C{"active_until", T, true},
        C{"verification", T, true}, C{"rejection_reason", T, true},
        C{"va_number", T, true},   C{"autodebit", T},    C{"autodebit_provider", T},
        C{"fktp_changed_on", T},   C{"registered_at", T}},
       false},
      {"kk_history", "kk_history",
       {C{"participant_id", T}, C{"kk_number", T}, C{"valid_from", T}, C{"valid_until", T}}, true},
      {"user", "users",
       {C{"facility", T}, C{"username", T}, C{"display_name", T}, C{"role", T}, C{"password_hash", T},
        C{"active", I}, C{"demo", I}},
       false},
      {"bill", "bills",
       {C{"participant_id", T}, C{"period", T}, C{"amount", I}, C{"due_date", T}, C{"status", T}}, false},
      {"payment", "payments",
       {C{"participant_id", T}, C{"bill_id", T}, C{"paid_on", T}, C{"amount", I}, C{"channel", T}}, true},
      {"queue_entry", "queue_entries",
       {C{"facility", T}, C{"poli", T}, C{"day", T}, C{"number", T}, C{"seq_no", I}, C{"priority", T},
        C{"participant_id", T}, C{"card_number", T}, C{"source", T}, C{"state", T}, C{"arrival_hlc", T},
        C{"complaint", T}, C{"device", T}},
       false},
      {"queue_event", "queue_events",
       {C{"entry_id", T}, C{"event", T}, C{"at_ms", I}, C{"user_id", T}, C{"device", T}}, true},
      {"visit", "visits",
       {C{"participant_id", T}, C{"facility", T}, C{"poli", T}, C{"day", T}, C{"queue_entry_id", T},
        C{"complaint", T}, C{"vitals", T}, C{"diagnoses", T}, C{"outcome", T}, C{"clinician", T},
        C{"notes", T}},
       true},
      {"rating", "ratings",
       {C{"visit_id", T}, C{"participant_id", T}, C{"stars", I}, C{"comment", T}, C{"rated_at", T}}, false},
      {"screening", "screenings",
       {C{"participant_id", T}, C{"facility", T}, C{"day", T}, C{"questionnaire", T}, C{"answers", T},
        C{"result", T}, C{"mode", T}, C{"user_id", T}, C{"recorded_hlc", T}, C{"completes", T}},
       true},
      {"complaint", "complaints",
       {C{"participant_id", T}, C{"facility", T}, C{"category", T}, C{"text", T}, C{"contact", T},
        C{"status", T, true}, C{"answer", T, true}, C{"answered_at", T, true}, C{"created_at", T}},
       false},
      // Conflicts are detected by the server and flow down; a desk resolves them (resolved/resolution).
      {"conflict", "conflicts",
       {C{"entity", T, true}, C{"entity_id", T, true}, C{"field", T, true}, C{"winner_value", T, true},
        C{"loser_value", T, true}, C{"winner_hlc", T, true}, C{"loser_hlc", T, true},
        C{"detected_at_ms", I, true}, C{"resolved", I}, C{"resolution", T}},
       false},
      // A device's queue-number slot (docs/QUEUE.md "Numbering"), written by the server at enrollment
      // (id = device id) and passed on when a device is revoked; devices only read it.
      {"queue_slot", "queue_slots",
       {C{"facility", T, true}, C{"slot", I, true}, C{"install_id", T, true}, C{"device_name", T, true},
        C{"assigned_at_ms", I, true}, C{"released_at_ms", I, true}},
       false},
  };
}

// Migration N takes user_version N-1 to N. Never edit a released migration: add a new one.
const std::vector<std::string>& migrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: device identity, sync bookkeeping, change capture, settings, core entities.
      R"SQL(
CREATE TABLE device (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  install_id TEXT NOT NULL,
  device_id TEXT,
  facility TEXT,
  server_url TEXT,
  token TEXT,
  enrolled_at_ms INTEGER
);
CREATE TABLE sync_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  cursor INTEGER NOT NULL DEFAULT 0,
  last_sync_at_ms INTEGER,
  last_attempt_at_ms INTEGER,
  last_error TEXT,
  bootstrap_done INTEGER NOT NULL DEFAULT 0,
  clock_offset_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('upsert', 'delete')),
  fields TEXT NOT NULL,
  hlc TEXT NOT NULL,
  user_id TEXT,
  created_at_ms INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'confirmed', 'rejected', 'discarded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  result TEXT,
  reason TEXT
);
CREATE INDEX outbox_state ON outbox(state, seq);
CREATE INDEX outbox_entity ON outbox(entity, entity_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  user_id TEXT,
  username TEXT,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TABLE facilities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL, name TEXT NOT NULL, street TEXT, village_code TEXT,
  latitude REAL, longitude REAL, phone TEXT, polis TEXT, services TEXT
);
CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  card_number TEXT, nik TEXT NOT NULL, name TEXT NOT NULL, birth_date TEXT, sex TEXT,
  kk_number TEXT, relation TEXT, street TEXT, rt TEXT, rw TEXT, village_code TEXT, postal_code TEXT,
  phone TEXT, email TEXT, segment TEXT, class INTEGER, fktp TEXT, dental_fktp TEXT,
  status TEXT, status_reason TEXT, active_from TEXT, active_until TEXT,
  verification TEXT, rejection_reason TEXT, va_number TEXT, autodebit TEXT, autodebit_provider TEXT,
  fktp_changed_on TEXT, registered_at TEXT
);
CREATE INDEX participants_nik ON participants(nik);
CREATE INDEX participants_card ON participants(card_number);
CREATE INDEX participants_kk ON participants(kk_number);
CREATE INDEX participants_fktp ON participants(fktp);
CREATE TABLE kk_history (
  id TEXT PRIMARY KEY,
  participant_id TEXT NOT NULL, kk_number TEXT NOT NULL, valid_from TEXT, valid_until TEXT
);
CREATE INDEX kk_history_participant ON kk_history(participant_id);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  facility TEXT, username TEXT NOT NULL, display_name TEXT, role TEXT NOT NULL,
  password_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, demo INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_username ON users(username);
)SQL",
      // 2: name search (FTS5, case- and accent-insensitive, prefix indexes for search-as-you-type).
      R"SQL(
CREATE VIRTUAL TABLE participants_fts USING fts5(
  name, content='participants', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
INSERT INTO participants_fts(participants_fts) VALUES ('rebuild');
CREATE TRIGGER participants_fts_ai AFTER INSERT ON participants BEGIN
  INSERT INTO participants_fts(rowid, name) VALUES (new.rowid, new.name);
END;
CREATE TRIGGER participants_fts_ad AFTER DELETE ON participants BEGIN
  INSERT INTO participants_fts(participants_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
CREATE TRIGGER participants_fts_au AFTER UPDATE OF name ON participants BEGIN
  INSERT INTO participants_fts(participants_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
  INSERT INTO participants_fts(rowid, name) VALUES (new.rowid, new.name);
END;
)SQL",
      // 3: bills and payments, queue, visits, ratings, screenings, complaints, conflicts from the server.
      R"SQL(
CREATE TABLE bills (
  id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, period TEXT NOT NULL, amount INTEGER NOT NULL,
  due_date TEXT, status TEXT NOT NULL
);
CREATE INDEX bills_participant ON bills(participant_id, period);
CREATE TABLE payments (
  id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, bill_id TEXT, paid_on TEXT NOT NULL,
  amount INTEGER NOT NULL, channel TEXT
);
CREATE INDEX payments_participant ON payments(participant_id, paid_on);
CREATE TABLE queue_entries (
  id TEXT PRIMARY KEY, facility TEXT NOT NULL, poli TEXT NOT NULL, day TEXT NOT NULL, number TEXT,
  seq_no INTEGER, priority TEXT, participant_id TEXT, card_number TEXT, source TEXT, state TEXT NOT NULL,
  arrival_hlc TEXT, complaint TEXT, device TEXT
);
CREATE INDEX queue_entries_day ON queue_entries(facility, day, poli, state);
CREATE INDEX queue_entries_card ON queue_entries(card_number, day);
CREATE TABLE queue_events (
  id TEXT PRIMARY KEY, entry_id TEXT NOT NULL, event TEXT NOT NULL, at_ms INTEGER NOT NULL,
  user_id TEXT, device TEXT
);
CREATE INDEX queue_events_entry ON queue_events(entry_id, at_ms);
CREATE TABLE visits (
  id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, facility TEXT, poli TEXT, day TEXT NOT NULL,
  queue_entry_id TEXT, complaint TEXT, vitals TEXT, diagnoses TEXT, outcome TEXT, clinician TEXT, notes TEXT
);
CREATE INDEX visits_participant ON visits(participant_id, day);
CREATE TABLE ratings (
  id TEXT PRIMARY KEY, visit_id TEXT NOT NULL, participant_id TEXT, stars INTEGER NOT NULL, comment TEXT,
  rated_at TEXT
);
CREATE INDEX ratings_visit ON ratings(visit_id);
CREATE TABLE screenings (
  id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, facility TEXT, day TEXT NOT NULL, questionnaire TEXT,
  answers TEXT, result TEXT, mode TEXT, user_id TEXT
);
CREATE INDEX screenings_participant ON screenings(participant_id, day);
CREATE TABLE complaints (
  id TEXT PRIMARY KEY, participant_id TEXT, facility TEXT, category TEXT NOT NULL, text TEXT NOT NULL,
  contact TEXT, status TEXT, answer TEXT, answered_at TEXT, created_at TEXT
);
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,
  winner_value TEXT, loser_value TEXT, winner_hlc TEXT, loser_hlc TEXT, detected_at_ms INTEGER,
  resolved INTEGER NOT NULL DEFAULT 0, resolution TEXT
);
CREATE INDEX conflicts_open ON conflicts(resolved, entity, entity_id);
)SQL",
      // 4: sync engine bookkeeping: the bootstrap resume point stored with each page, the persisted
      // status bits simpulctl reads without going online, the highest HLC seen from the server (so a
      // connection opened later never issues an older timestamp), the rows a client reset keeps, and
      // indexes for re-pointing a merged participant's references.
      R"SQL(
ALTER TABLE sync_state ADD COLUMN snapshot_active INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN snapshot_entity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN snapshot_after_id TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_state ADD COLUMN snapshot_high_water INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN snapshot_rows_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN snapshot_rows_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN last_cycle_complete INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN phase TEXT;
ALTER TABLE sync_state ADD COLUMN online INTEGER;
ALTER TABLE sync_state ADD COLUMN next_attempt_at_ms INTEGER;
ALTER TABLE sync_state ADD COLUMN hlc_seen TEXT;
ALTER TABLE sync_state ADD COLUMN reset_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN last_digest_at_ms INTEGER;
CREATE TABLE reset_keep (
  entity TEXT NOT NULL, id TEXT NOT NULL, fields TEXT NOT NULL, PRIMARY KEY (entity, id)
);
-- A merged duplicate registration re-points every participant_id from the alias: index the two left.
CREATE INDEX queue_entries_participant ON queue_entries(participant_id);
CREATE INDEX complaints_participant ON complaints(participant_id);
)SQL",
      // 5: queue numbering. queue_slots: each enrolled device's slot (synced, written by the server).
      // queue_issued: every number this replica issued, keyed by (facility, poli, day, number) — the
      // safety net of the allocation (a local table: a unique index on the synced queue_entries would
      // stop sync for good on one remote duplicate, e.g. from two unenrolled devices). An index to find
      // an entry by its number.
      R"SQL(
CREATE TABLE queue_slots (
  id TEXT PRIMARY KEY, facility TEXT NOT NULL, slot INTEGER, install_id TEXT, device_name TEXT,
  assigned_at_ms INTEGER, released_at_ms INTEGER
);
CREATE INDEX queue_slots_facility ON queue_slots(facility);
CREATE TABLE queue_issued (
  facility TEXT NOT NULL, poli TEXT NOT NULL, day TEXT NOT NULL, number TEXT NOT NULL,
  entry_id TEXT NOT NULL, issued_at_ms INTEGER NOT NULL,
  PRIMARY KEY (facility, poli, day, number)
) WITHOUT ROWID;
CREATE INDEX queue_entries_number ON queue_entries(facility, poli, day, number);
)SQL",
      // 6: care — screening standings, the facility locator's R*Tree, report indexes (care_schema.cpp).
      care_migration_sql(),
  };
  return kMigrations;
}

}  // namespace

const ColumnDef* EntityDef::column(std::string_view name) const {
  for (const auto& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const std::vector<EntityDef>& entities() {
  static const std::vector<EntityDef> kEntities = build_entities();
  return kEntities;
}

const EntityDef* find_entity(std::string_view entity) {
  for (const auto& e : entities()) {
    if (e.entity == entity) return &e;
  }
  return nullptr;
}

int latest_schema_version() { return static_cast<int>(migrations().size()); }

Status migrate(Database& db, int target) {
  const int latest = latest_schema_version();
  if (target < 0 || target > latest) target = latest;
  const int current = db.user_version();
  if (current > latest) {
    return make_error(ErrorKind::permanent, "schema.too_new",
                      "database schema version " + std::to_string(current) +
                          " is newer than this program understands (" + std::to_string(latest) +
                          "): update Simpul");
  }
  for (int v = current; v < target; ++v) {
    auto tx = Transaction::begin(db);
    if (!tx.ok()) return tx.error();
    SIMPUL_TRY(db.exec(migrations()[static_cast<std::size_t>(v)]));
    SIMPUL_TRY(db.set_user_version(v + 1));
    SIMPUL_TRY(tx->commit());
  }
  return {};
}

}  // namespace simpul::storage
