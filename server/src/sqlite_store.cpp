#include "simpul/server/sqlite_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <mutex>
#include <set>

#include "checkpointer.hpp"
#include "entity_schema.hpp"
#include "simpul/server/write_group.hpp"
#include "simpul/sync/rows.hpp"

namespace simpul::server {
namespace {

using storage::CachedStatement;
using storage::ColumnType;
using storage::Database;
using storage::Statement;
using storage::StaticSql;
using storage::Transaction;

// "SIMP" in PRAGMA application_id: a replica file or a stranger's database is refused.
constexpr int kApplicationId = 0x53494d50;

const char* sql_type(ColumnType t) {
  switch (t) {
    case ColumnType::integer: return "INTEGER";
    case ColumnType::real: return "REAL";
    case ColumnType::text: return "TEXT";
  }
  return "TEXT";
}

// The server's entity tables: the replica's tables and columns, plus
//   _clocks  per-field clocks, encode_clocks() (field-level merge and conflict detection)
//   _hlc     newest field timestamp                      (sent with the row on pull)
//   _deleted 0 live, 1 tombstone, 2 tombstone whose content was compacted away
//   _tx      last transaction that changed the content
std::string entity_ddl(const storage::EntityDef& def) {
  std::string sql = "CREATE TABLE " + def.table + " (id TEXT PRIMARY KEY";
  for (const auto& c : def.columns) sql += ", " + c.name + " " + sql_type(c.type);
  sql += ", _clocks TEXT NOT NULL DEFAULT '{}', _hlc TEXT, _deleted INTEGER NOT NULL DEFAULT 0,"
         " _tx INTEGER NOT NULL DEFAULT 0);\n";
  return sql + column_index_ddl(def);
}

std::string server_ddl() {
  std::string sql = R"SQL(
CREATE TABLE server_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO server_meta(key, value) VALUES ('last_tx', 0), ('log_floor', 0);
-- One row per committed transaction that changed something (compaction goes by its time).
CREATE TABLE tx_log (tx INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL);
-- The change log, fanned out per facility scope ('*' = shared reference data). kind: 0 upsert,
-- 1 remove, 2 leave, 3 alias.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tx INTEGER NOT NULL, facility TEXT NOT NULL, entity INTEGER NOT NULL, id TEXT NOT NULL,
  kind INTEGER NOT NULL, canonical_id TEXT
);
CREATE INDEX change_log_scope ON change_log(facility, tx);
CREATE INDEX change_log_tx ON change_log(tx);
-- Which facilities' scope holds which row (shared entities are not listed: everyone has them).
CREATE TABLE row_scope (
  facility TEXT NOT NULL, entity INTEGER NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (facility, entity, id)
) WITHOUT ROWID;
CREATE INDEX row_scope_row ON row_scope(entity, id);
-- Participants a device of a facility wrote: they stay in that facility's scope.
CREATE TABLE touches (
  participant_id TEXT NOT NULL, facility TEXT NOT NULL, PRIMARY KEY (participant_id, facility)
) WITHOUT ROWID;
CREATE TABLE aliases (alias_id TEXT PRIMARY KEY, canonical_id TEXT NOT NULL, tx INTEGER NOT NULL);
-- Exactly-once: the answer given to each (device, seq), recorded in the transaction that applied it.
CREATE TABLE applied_ops (
  device_id TEXT NOT NULL, seq INTEGER NOT NULL, verdict INTEGER NOT NULL, reason TEXT,
  canonical_id TEXT, winning TEXT, tx INTEGER NOT NULL,
  PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY, facility TEXT NOT NULL, install_id TEXT, name TEXT,
  token_hash TEXT NOT NULL, created_at_ms INTEGER NOT NULL, revoked_at_ms INTEGER,
  last_seen_ms INTEGER, last_cursor INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE enroll_codes (
  code_hash TEXT PRIMARY KEY, facility TEXT NOT NULL, created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL, used_at_ms INTEGER, device_id TEXT
);
-- The synthetic civil registry (Dukcapil) registrations are checked against.
CREATE TABLE civil_registry (
  nik TEXT PRIMARY KEY, name TEXT NOT NULL, birth_date TEXT NOT NULL, sex TEXT, kk_number TEXT,
  relation TEXT, street TEXT, rt TEXT, rw TEXT, village_code TEXT, postal_code TEXT,
  in_jkn INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
)SQL";
  for (const auto& def : storage::entities()) sql += entity_ddl(def);
  return sql;
}

// Server schema migrations, gated on PRAGMA user_version (independent of the replica's numbering).
// Migration 1 creates the entity tables from today's EntityDefs; reconcile_entity_tables() brings an
// older database's entity tables up to the EntityDefs (new tables, columns, indexes) on every open, so
// a replica schema migration that adds a synced column needs no server migration of its own.
const std::vector<std::string>& server_migrations() {
  static const std::vector<std::string> kMigrations = {
      server_ddl(),
      // 2: Mobile JKN WS Antrean FKTP: per-facility credentials (argon2id), issued tokens (SHA-256 only),
      // and the patients registered through POST /peserta with their medical record numbers.
      R"SQL(
CREATE TABLE jkn_credentials (
  facility TEXT PRIMARY KEY, username TEXT NOT NULL, password_hash TEXT NOT NULL, updated_at_ms INTEGER NOT NULL
);
CREATE TABLE jkn_tokens (
  token_hash TEXT PRIMARY KEY, facility TEXT NOT NULL, username TEXT NOT NULL, created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE INDEX jkn_tokens_expiry ON jkn_tokens(expires_at_ms);
CREATE TABLE jkn_patients (
  facility TEXT NOT NULL, card_number TEXT NOT NULL, norm TEXT NOT NULL, participant_id TEXT, data TEXT,
  created_at_ms INTEGER NOT NULL, PRIMARY KEY (facility, card_number)
);
)SQL",
  };
  return kMigrations;
}

Status reconcile_entity_tables(Database& db) {
  const SchemaDialect dialect{entity_ddl, [](ColumnType t) { return std::string(sql_type(t)); }};
  for (const auto& def : storage::entities()) {
    auto info = db.prepare_uncached("SELECT name FROM pragma_table_info('" + def.table + "')");
    if (!info.ok()) return info.error();
    std::set<std::string> have;
    for (;;) {
      auto r = info->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      have.insert(info->text(0));
    }
    for (const std::string& sql : entity_catch_up(def, have, dialect)) SIMPUL_TRY(db.exec(sql));
  }
  for (const std::string& sql : composite_index_ddl()) SIMPUL_TRY(db.exec(sql));
  return {};
}

// Prepared SQL per entity, built once.
struct EntitySql {
  std::string select_row;  // id, columns..., _clocks, _deleted, _tx, _hlc WHERE id = ?1
  std::string upsert;
  std::string scan_scoped;  // ?1 facility ?2 entity ?3 after ?4 limit
  std::string scan_all;     // ?1 after ?2 limit
  std::string count_scoped;
  std::string count_all;
  std::vector<std::string> ids_by_column;  // per column: SELECT id ... WHERE column = ?1 ORDER BY id
  std::size_t extra = 0;  // index of _clocks in select_row
};

const std::vector<EntitySql>& entity_sql() {
  static const std::vector<EntitySql> kSql = [] {
    std::vector<EntitySql> out;
    for (const auto& def : storage::entities()) {
      EntitySql s;
      std::string cols = "id";
      std::string tcols = "t.id";
      for (const auto& c : def.columns) {
        cols += ", " + c.name;
        tcols += ", t." + c.name;
      }
      s.extra = def.columns.size() + 1;
      s.select_row = "SELECT " + cols + ", _clocks, _deleted, _tx, _hlc FROM " + def.table + " WHERE id = ?1";
      std::string values = "?1";
      std::string updates;
      for (std::size_t i = 0; i < def.columns.size(); ++i) {
        values += ", ?" + std::to_string(i + 2);
        updates += def.columns[i].name + " = excluded." + def.columns[i].name + ", ";
      }
      const std::size_t n = def.columns.size() + 1;
      values += ", ?" + std::to_string(n + 1) + ", ?" + std::to_string(n + 2) + ", ?" + std::to_string(n + 3) +
                ", ?" + std::to_string(n + 4);
      s.upsert = "INSERT INTO " + def.table + " (" + cols + ", _clocks, _hlc, _deleted, _tx) VALUES (" + values +
                 ") ON CONFLICT(id) DO UPDATE SET " + updates +
                 "_clocks = excluded._clocks, _hlc = excluded._hlc, _deleted = excluded._deleted, _tx = excluded._tx";
      s.scan_scoped = "SELECT " + tcols + ", t._deleted, t._tx, t._hlc FROM row_scope s JOIN " + def.table +
                      " t ON t.id = s.id WHERE s.facility = ?1 AND s.entity = ?2 AND s.id > ?3 AND t._deleted = 0 "
                      "ORDER BY s.id LIMIT ?4";
      s.scan_all = "SELECT " + tcols + ", t._deleted, t._tx, t._hlc FROM " + def.table +
                   " t WHERE t.id > ?1 AND t._deleted = 0 ORDER BY t.id LIMIT ?2";
      s.count_scoped = "SELECT count(*) FROM row_scope s JOIN " + def.table +
                       " t ON t.id = s.id WHERE s.facility = ?1 AND s.entity = ?2 AND t._deleted = 0";
      s.count_all = "SELECT count(*) FROM " + def.table + " WHERE _deleted = 0";
      for (const auto& c : def.columns) {
        s.ids_by_column.push_back("SELECT id FROM " + def.table + " WHERE " + c.name + " = ?1 ORDER BY id");
      }
      out.push_back(std::move(s));
    }
    return out;
  }();
  return kSql;
}

const storage::EntityDef& def_at(std::uint32_t entity) { return storage::entities().at(entity); }

Status step_done(CachedStatement& st) { return st->exec(); }

// Steps a statement that returns one integer row.
Result<std::int64_t> single_int(CachedStatement& st) {
  auto r = st->step();
  if (!r.ok()) return r.error();
  if (!r.value() || st->is_null(0)) return std::int64_t{0};
  return st->int64(0);
}

class SqliteStore;

// A borrowed connection, returned to the pool when the transaction object goes away.
struct Lease {
  SqliteStore* owner = nullptr;
  std::unique_ptr<Database> db;
  Lease(SqliteStore* o, std::unique_ptr<Database> d) : owner(o), db(std::move(d)) {}
  Lease(Lease&&) = default;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease& operator=(Lease&&) = delete;
  ~Lease();
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, SqliteStoreOptions options) : path_(std::move(path)), options_(options) {}

  Result<std::unique_ptr<Database>> open_connection() {
    storage::OpenOptions o;
    o.create = options_.create;
    o.check_integrity = false;  // checked once at startup (open_sqlite_store), not per pooled connection
    o.busy_timeout_ms = options_.busy_timeout_ms;
    o.synchronous_full = options_.synchronous_full;
    auto db = Database::open(path_, o);
    if (!db.ok()) return db.error();
    return std::make_unique<Database>(std::move(db).value());
  }

  Result<Lease> acquire() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(db));
      }
    }
    auto db = open_connection();
    if (!db.ok()) return db.error();
    return Lease(this, std::move(db).value());
  }

  void release(std::unique_ptr<Database> db) {
    if (!db) return;
    if (db->in_transaction()) (void)db->exec("ROLLBACK");
    std::lock_guard lock(mu_);
    if (idle_.size() < 32) idle_.push_back(std::move(db));
  }

  // The writer connection: every write transaction takes its turn on it (write_group.hpp); its WAL is
  // checkpointed by a thread of its own (checkpointer.hpp).
  Status open_writer() {
    auto db = open_connection();
    if (!db.ok()) return db.error();
    if (options_.checkpoint_pages > 0) {
      auto own = open_connection();
      if (!own.ok()) return own.error();
      checkpointer_ = std::make_unique<Checkpointer>(std::move(own).value(), options_.checkpoint_pages);
      checkpointer_->watch(**db);
    }
    writer_ = std::make_unique<WriteGroup>(std::move(db).value(),
                                           WriteGroup::Options{options_.group_commit, options_.busy_timeout_ms});
    return {};
  }

  Result<std::unique_ptr<StoreTx>> write(std::int64_t now_ms) override;
  Result<std::unique_ptr<StoreRead>> read() override;
  int schema_version() const override { return storage::latest_schema_version(); }

 private:
  std::string path_;
  SqliteStoreOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Database>> idle_;  // read connections
  std::unique_ptr<Checkpointer> checkpointer_;    // declared first: outlives the writer that wakes it
  std::unique_ptr<WriteGroup> writer_;
};

Lease::~Lease() {
  if (owner != nullptr) owner->release(std::move(db));
}

DeviceRecord device_from(const Statement& st) {
  DeviceRecord d;
  d.device_id = st.text(0);
  d.facility = st.text(1);
  d.install_id = st.text(2);
  d.name = st.text(3);
  d.token_hash = st.text(4);
  d.created_at_ms = st.int64(5);
  if (!st.is_null(6)) d.revoked_at_ms = st.int64(6);
  if (!st.is_null(7)) d.last_seen_ms = st.int64(7);
  d.last_cursor = st.int64(8);
  return d;
}
constexpr const char* kDeviceColumns =
    "device_id, facility, install_id, name, token_hash, created_at_ms, revoked_at_ms, last_seen_ms, last_cursor";

// Every read, shared by read-only snapshots and write transactions.
template <class Base>
class SqliteReads : public Base {
 public:
  explicit SqliteReads(Database& db) : db_(&db) {}

  Result<std::optional<StoredRow>> load(const EntityDef& def, const std::string& id) override {
    const auto& sql = entity_sql()[sync::entity_index(def)];
    auto st = db().prepare_static(StaticSql::kept(sql.select_row));
    st->bind(1, id);
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<StoredRow>{};
    StoredRow row;
    row.id = st->text(0);
    for (std::size_t i = 0; i < def.columns.size(); ++i) {
      row.fields[def.columns[i].name] = storage::column_json(*st, static_cast<int>(i + 1));
    }
    const int x = static_cast<int>(sql.extra);
    row.clocks = decode_clocks(st->text(x));
    row.deleted = st->int64(x + 1) != 0;
    row.tx = st->int64(x + 2);
    row.hlc = st->text(x + 3);
    return std::optional<StoredRow>{std::move(row)};
  }

  Result<std::vector<std::string>> find_ids(const EntityDef& def, const std::string& column,
                                            const std::string& value) override {
    const storage::ColumnDef* col = def.column(column);
    if (col == nullptr) std::abort();  // a bug in the caller, not input
    const auto& sql = entity_sql()[sync::entity_index(def)].ids_by_column;
    auto st = db().prepare_static(StaticSql::kept(sql[static_cast<std::size_t>(col - def.columns.data())]));
    st->bind(1, value);
    return ids(st);
  }

  Result<std::vector<std::string>> scope_of(std::uint32_t entity, const std::string& id) override {
    auto st = db().prepare_static("SELECT facility FROM row_scope WHERE entity = ?1 AND id = ?2 ORDER BY facility");
    st->bind_all(static_cast<std::int64_t>(entity), id);
    return ids(st);
  }

  Result<std::vector<ScanRow>> scan(std::uint32_t entity, const std::optional<std::string>& facility,
                                    const std::string& after_id, std::size_t limit) override {
    const auto& def = def_at(entity);
    const auto& sql = entity_sql()[entity];
    auto st = db().prepare_static(StaticSql::kept(facility ? sql.scan_scoped : sql.scan_all));
    const auto lim = static_cast<std::int64_t>(limit);
    if (facility) st->bind_all(*facility, static_cast<std::int64_t>(entity), after_id, lim);
    else st->bind_all(after_id, lim);
    std::vector<ScanRow> out;
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      out.push_back(scan_row(*st, def));
    }
    return out;
  }

  Result<std::uint64_t> count_live(std::uint32_t entity, const std::optional<std::string>& facility) override {
    const auto& sql = entity_sql()[entity];
    auto st = db().prepare_static(StaticSql::kept(facility ? sql.count_scoped : sql.count_all));
    if (facility) st->bind_all(*facility, static_cast<std::int64_t>(entity));
    auto n = single_int(st);
    if (!n.ok()) return n.error();
    return static_cast<std::uint64_t>(*n);
  }

  Result<std::optional<ScanRow>> load_wire(std::uint32_t entity, const std::string& id) override {
    const auto& def = def_at(entity);
    const auto& sql = entity_sql()[entity];
    auto st = db().prepare_static(StaticSql::kept(sql.select_row));
    st->bind(1, id);
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<ScanRow>{};
    ScanRow out;
    out.row = sync::wire_row(*st, def);
    const int x = static_cast<int>(sql.extra);
    out.deleted = st->int64(x + 1) != 0;
    out.tx = st->int64(x + 2);
    out.row.hlc = st->text(x + 3);
    return std::optional<ScanRow>{std::move(out)};
  }

  Result<std::vector<LogEntry>> changes(const std::string& facility, std::int64_t after_tx, std::int64_t through_tx,
                                        std::size_t limit) override {
    // Two index range scans (the facility's entries and the shared ones), merged in log order: one
    // query with "facility IN (...)" would have to sort every matching entry for each page.
    auto mine = log_range(facility, after_tx, through_tx, limit);
    if (!mine.ok()) return mine.error();
    auto shared = log_range(kSharedScope, after_tx, through_tx, limit);
    if (!shared.ok()) return shared.error();
    return merge_log_ranges(std::move(*mine), std::move(*shared), limit);
  }

  Result<std::int64_t> last_tx() override { return meta("last_tx"); }
  Result<std::int64_t> log_floor() override { return meta("log_floor"); }

  Result<std::map<std::int64_t, sync::OpResult>> applied(const std::string& device_id,
                                                         const std::vector<std::int64_t>& seqs) override {
    std::map<std::int64_t, sync::OpResult> out;
    if (seqs.empty()) return out;
    std::string list = "[";
    for (std::size_t i = 0; i < seqs.size(); ++i) list += (i == 0 ? "" : ",") + std::to_string(seqs[i]);
    list += "]";
    auto st = db().prepare_static(
        "SELECT seq, verdict, reason, canonical_id, winning FROM applied_ops "
        "WHERE device_id = ?1 AND seq IN (SELECT value FROM json_each(?2))");
    st->bind_all(device_id, list);
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      sync::OpResult res;
      res.seq = st->int64(0);
      res.verdict = static_cast<sync::Verdict>(st->int64(1));
      res.reason = st->text(2);
      res.canonical_id = st->text(3);
      res.winning = st->text(4);
      out.emplace(res.seq, std::move(res));
    }
    return out;
  }

  Result<std::optional<std::string>> alias_of(const std::string& id) override {
    auto st = db().prepare_static("SELECT canonical_id FROM aliases WHERE alias_id = ?1");
    st->bind(1, id);
    return opt_text(st);
  }

  Result<std::vector<std::string>> touching_facilities(const std::string& participant_id) override {
    auto st = db().prepare_static("SELECT facility FROM touches WHERE participant_id = ?1 ORDER BY facility");
    st->bind(1, participant_id);
    return ids(st);
  }

  Result<std::optional<std::string>> participant_by_nik(const std::string& nik, const std::string& except) override {
    auto st = db().prepare_static(
        "SELECT id FROM participants WHERE nik = ?1 AND id != ?2 AND _deleted = 0 ORDER BY rowid LIMIT 1");
    st->bind_all(nik, except);
    return opt_text(st);
  }

  Result<std::optional<CivilPerson>> civil_person(const std::string& nik) override {
    auto st = db().prepare_static(
        "SELECT nik, name, birth_date, sex, kk_number, relation, street, rt, rw, village_code, postal_code, in_jkn "
        "FROM civil_registry WHERE nik = ?1");
    st->bind(1, nik);
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<CivilPerson>{};
    CivilPerson p{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4), st->text(5),
                  st->text(6), st->text(7), st->text(8), st->text(9), st->text(10), st->int64(11) != 0};
    return std::optional<CivilPerson>{std::move(p)};
  }

  Result<std::optional<DeviceRecord>> device(const std::string& device_id) override {
    auto st = db().prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices WHERE device_id = ?1");
    st->bind(1, device_id);
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<DeviceRecord>{};
    return std::optional<DeviceRecord>{device_from(*st)};
  }

  Result<std::vector<DeviceRecord>> devices() override {
    auto st = db().prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices ORDER BY facility, created_at_ms");
    std::vector<DeviceRecord> out;
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      out.push_back(device_from(*st));
    }
    return out;
  }

  Result<std::vector<FacilitySummary>> facility_summaries() override {
    auto st = db().prepare_static(
        "SELECT f.id, f.name, f.type, (SELECT count(*) FROM participants p WHERE p.fktp = f.id AND p._deleted = 0) "
        "FROM facilities f WHERE f._deleted = 0 ORDER BY f.id");
    std::vector<FacilitySummary> out;
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      out.push_back(FacilitySummary{st->text(0), st->text(1), st->text(2), st->int64(3)});
    }
    return out;
  }

  Result<std::vector<std::string>> find_ids_where(
      const EntityDef& def, const std::vector<std::pair<std::string, std::string>>& equals) override {
    if (equals.empty()) std::abort();  // a bug in the caller, not input
    std::string sql = "SELECT id FROM " + def.table + " WHERE ";
    for (std::size_t i = 0; i < equals.size(); ++i) {
      if (def.column(equals[i].first) == nullptr) std::abort();
      sql += (i == 0 ? "" : " AND ") + equals[i].first + " = ?" + std::to_string(i + 1);
    }
    sql += " ORDER BY id";
    auto st = db().prepare(sql);
    for (std::size_t i = 0; i < equals.size(); ++i) st->bind(static_cast<int>(i + 1), equals[i].second);
    return ids(st);
  }

  Result<std::optional<JknCredential>> jkn_credential(const std::string& facility) override {
    auto st = db().prepare_static(
        "SELECT facility, username, password_hash, updated_at_ms FROM jkn_credentials WHERE facility = ?1");
    st->bind(1, facility);
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<JknCredential>{};
    return std::optional<JknCredential>{JknCredential{st->text(0), st->text(1), st->text(2), st->int64(3)}};
  }

  Result<std::optional<JknToken>> jkn_token(const std::string& token_hash) override {
    auto st = db().prepare_static(
        "SELECT token_hash, facility, username, created_at_ms, expires_at_ms FROM jkn_tokens WHERE token_hash = ?1");
    st->bind(1, token_hash);
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<JknToken>{};
    return std::optional<JknToken>{JknToken{st->text(0), st->text(1), st->text(2), st->int64(3), st->int64(4)}};
  }

  Result<std::optional<JknPatient>> jkn_patient(const std::string& facility, const std::string& card_number) override {
    auto st = db().prepare_static(
        "SELECT facility, card_number, norm, participant_id, data, created_at_ms FROM jkn_patients "
        "WHERE facility = ?1 AND card_number = ?2");
    st->bind_all(facility, card_number);
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<JknPatient>{};
    return std::optional<JknPatient>{
        JknPatient{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4), st->int64(5)}};
  }

 protected:
  Database& db() { return *db_; }

  // (seq, entry) for one facility value, in log order.
  Result<LogRange> log_range(const std::string& facility, std::int64_t after_tx,
                                                                   std::int64_t through_tx, std::size_t limit) {
    auto st = db().prepare_static(
        "SELECT seq, tx, entity, id, kind, canonical_id FROM change_log "
        "WHERE facility = ?1 AND tx > ?2 AND tx <= ?3 ORDER BY tx, seq LIMIT ?4");
    st->bind_all(facility, after_tx, through_tx, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
    LogRange out;
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      LogEntry e;
      e.facility = facility;
      e.tx = st->int64(1);
      e.entity = static_cast<std::uint32_t>(st->int64(2));
      e.id = st->text(3);
      e.kind = static_cast<sync::ChangeKind>(st->int64(4));
      e.canonical_id = st->text(5);
      out.emplace_back(st->int64(0), std::move(e));
    }
    return out;
  }

  Result<std::int64_t> meta(const char* key) {
    auto st = db().prepare_static("SELECT value FROM server_meta WHERE key = ?1");
    st->bind(1, key);
    return single_int(st);
  }

  static Result<std::vector<std::string>> ids(CachedStatement& st) {
    std::vector<std::string> out;
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      out.push_back(st->text(0));
    }
    return out;
  }

  static Result<std::optional<std::string>> opt_text(CachedStatement& st) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<std::string>{};
    return std::optional<std::string>{st->text(0)};
  }

  static ScanRow scan_row(const Statement& st, const EntityDef& def) {
    ScanRow out;
    out.row = sync::wire_row(st, def);
    const int x = static_cast<int>(def.columns.size() + 1);
    out.deleted = st.int64(x) != 0;
    out.tx = st.int64(x + 1);
    out.row.hlc = st.text(x + 2);
    return out;
  }

  Database* db_;
};

// A read snapshot. Its BEGIN and ROLLBACK are statements prepared once per connection: a poll is only a
// few small queries, and compiling both from text on every request was a share of its cost.
class SqliteRead final : public SqliteReads<StoreRead> {
 public:
  explicit SqliteRead(Lease lease) : SqliteReads(*lease.db), lease_(std::move(lease)) {}
  // The snapshot ends with the object; nothing to commit.
  ~SqliteRead() override {
    if (begun_ && db().in_transaction()) (void)db().prepare_static("ROLLBACK")->exec();
  }
  SqliteRead(const SqliteRead&) = delete;
  SqliteRead& operator=(const SqliteRead&) = delete;

  Status begin() {
    SIMPUL_TRY(db().prepare_static("BEGIN")->exec());
    begun_ = true;
    // A deferred transaction takes its snapshot at the first read: take it now.
    auto pin = db().prepare_static("SELECT value FROM server_meta WHERE key = 'last_tx'");
    auto r = pin->step();
    if (!r.ok()) return r.error();
    return {};
  }

 private:
  Lease lease_;
  bool begun_ = false;
};

// A write transaction: one member of the writer's group (its own savepoint in the shared transaction).
class SqliteTx final : public SqliteReads<StoreTx> {
 public:
  SqliteTx(WriteGroup::Member member, std::int64_t number, std::int64_t now_ms)
      : SqliteReads(member.db()), member_(std::move(member)), number_(number), now_ms_(now_ms) {}
  ~SqliteTx() override { member_.rollback(); }
  SqliteTx(const SqliteTx&) = delete;
  SqliteTx& operator=(const SqliteTx&) = delete;

  std::int64_t tx() const override { return number_; }

  Status write(const EntityDef& def, const StoredRow& row) override {
    const auto& sql = entity_sql()[sync::entity_index(def)];
    auto st = db().prepare_static(StaticSql::kept(sql.upsert));
    st->bind(1, row.id);
    for (std::size_t i = 0; i < def.columns.size(); ++i) {
      const int index = static_cast<int>(i + 2);
      auto it = row.fields.find(def.columns[i].name);
      if (it == row.fields.end()) st->bind_null(index); else storage::bind_field(*st, index, *it);
    }
    const int n = static_cast<int>(def.columns.size() + 1);
    st->bind(n + 1, encode_clocks(row.clocks));
    if (row.hlc.empty()) st->bind_null(n + 2); else st->bind(n + 2, row.hlc);
    st->bind(n + 3, static_cast<std::int64_t>(row.deleted ? 1 : 0));
    st->bind(n + 4, row.tx);
    dirty_ = true;
    return step_done(st);
  }

  Status add_scope(std::uint32_t entity, const std::string& id, const std::string& facility) override {
    auto st = db().prepare_static("INSERT OR IGNORE INTO row_scope(facility, entity, id) VALUES (?1, ?2, ?3)");
    st->bind_all(facility, static_cast<std::int64_t>(entity), id);
    dirty_ = true;
    return step_done(st);
  }

  Status remove_scope(std::uint32_t entity, const std::string& id, const std::string& facility) override {
    auto st = db().prepare_static("DELETE FROM row_scope WHERE facility = ?1 AND entity = ?2 AND id = ?3");
    st->bind_all(facility, static_cast<std::int64_t>(entity), id);
    dirty_ = true;
    return step_done(st);
  }

  Status append_changes(const std::vector<ChangeEntry>& entries) override {
    if (entries.empty()) return {};
    auto st = db().prepare_static(
        "INSERT INTO change_log(tx, facility, entity, id, kind, canonical_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const auto& e : entries) {
      st->bind_all(number_, e.facility, static_cast<std::int64_t>(e.entity), e.id,
                   static_cast<std::int64_t>(e.kind));
      if (e.canonical_id.empty()) st->bind_null(6); else st->bind(6, e.canonical_id);
      SIMPUL_TRY(st->exec());
      st->reset();
    }
    dirty_ = true;
    return {};
  }

  Status record_applied(const std::string& device_id, const std::vector<sync::OpResult>& results) override {
    auto st = db().prepare_static(
        "INSERT INTO applied_ops(device_id, seq, verdict, reason, canonical_id, winning, tx) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (const auto& r : results) {
      st->bind_all(device_id, r.seq, static_cast<std::int64_t>(r.verdict), r.reason, r.canonical_id, r.winning,
                   number_);
      SIMPUL_TRY(st->exec());
      st->reset();
    }
    return {};
  }

  Result<bool> add_touch(const std::string& facility, const std::string& participant_id) override {
    auto st = db().prepare_static("INSERT OR IGNORE INTO touches(participant_id, facility) VALUES (?1, ?2)");
    st->bind_all(participant_id, facility);
    SIMPUL_TRY(st->exec());
    return db().changes() > 0;
  }

  Status add_alias(const std::string& alias_id, const std::string& canonical_id) override {
    auto st = db().prepare_static("INSERT OR REPLACE INTO aliases(alias_id, canonical_id, tx) VALUES (?1, ?2, ?3)");
    st->bind_all(alias_id, canonical_id, number_);
    dirty_ = true;
    return step_done(st);
  }

  Result<std::int64_t> next_counter(const std::string& name, std::int64_t floor) override {
    auto st = db().prepare_static(
        "INSERT INTO counters(name, value) VALUES (?1, ?2) "
        "ON CONFLICT(name) DO UPDATE SET value = max(value + 1, ?2) RETURNING value");
    st->bind_all(name, floor);
    auto r = st->step();
    if (!r.ok()) return r.error();
    const std::int64_t v = st->int64(0);
    SIMPUL_TRY(st->exec());  // finish the statement
    return v;
  }

  // Cached statements: sqlite3_exec would parse the text again for every op.
  Status savepoint() override { return run("SAVEPOINT op"); }
  Status release_savepoint() override { return run("RELEASE op"); }
  Status rollback_to_savepoint() override {
    SIMPUL_TRY(run("ROLLBACK TO op"));
    return run("RELEASE op");
  }

  Status put_device(const DeviceRecord& d) override {
    auto st = db().prepare_static(
        "INSERT INTO devices(device_id, facility, install_id, name, token_hash, created_at_ms, revoked_at_ms, "
        "last_seen_ms, last_cursor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(device_id) DO UPDATE SET "
        "facility = excluded.facility, install_id = excluded.install_id, name = excluded.name, "
        "token_hash = excluded.token_hash, revoked_at_ms = excluded.revoked_at_ms, "
        "last_seen_ms = excluded.last_seen_ms, last_cursor = excluded.last_cursor");
    st->bind_all(d.device_id, d.facility, d.install_id, d.name, d.token_hash, d.created_at_ms, d.revoked_at_ms,
                 d.last_seen_ms, d.last_cursor);
    return step_done(st);
  }

  Status put_enroll_code(const EnrollCode& c) override {
    auto st = db().prepare_static(
        "INSERT OR REPLACE INTO enroll_codes(code_hash, facility, created_at_ms, expires_at_ms, used_at_ms, device_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st->bind_all(c.code_hash, c.facility, c.created_at_ms, c.expires_at_ms, c.used_at_ms);
    if (c.device_id.empty()) st->bind_null(6); else st->bind(6, c.device_id);
    return step_done(st);
  }

  Result<std::optional<EnrollCode>> enroll_code(const std::string& code_hash) override {
    auto st = db().prepare_static(
        "SELECT code_hash, facility, created_at_ms, expires_at_ms, used_at_ms, device_id FROM enroll_codes "
        "WHERE code_hash = ?1");
    st->bind(1, code_hash);
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) return std::optional<EnrollCode>{};
    EnrollCode c;
    c.code_hash = st->text(0);
    c.facility = st->text(1);
    c.created_at_ms = st->int64(2);
    c.expires_at_ms = st->int64(3);
    if (!st->is_null(4)) c.used_at_ms = st->int64(4);
    c.device_id = st->text(5);
    return std::optional<EnrollCode>{std::move(c)};
  }

  Status put_civil_person(const CivilPerson& p) override {
    auto st = db().prepare_static(
        "INSERT OR REPLACE INTO civil_registry(nik, name, birth_date, sex, kk_number, relation, street, rt, rw, "
        "village_code, postal_code, in_jkn) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    st->bind_all(p.nik, p.name, p.birth_date, p.sex, p.kk_number, p.relation, p.street, p.rt, p.rw, p.village_code,
                 p.postal_code, static_cast<std::int64_t>(p.in_jkn ? 1 : 0));
    return step_done(st);
  }

  Status touch_device(const std::string& device_id, std::int64_t seen_ms, std::int64_t cursor) override {
    auto st = db().prepare_static(
        "UPDATE devices SET last_seen_ms = ?2, last_cursor = max(last_cursor, ?3) WHERE device_id = ?1");
    st->bind_all(device_id, seen_ms, cursor);
    return step_done(st);
  }

  Status put_jkn_credential(const JknCredential& c) override {
    auto st = db().prepare_static(
        "INSERT INTO jkn_credentials(facility, username, password_hash, updated_at_ms) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(facility) DO UPDATE SET username = excluded.username, password_hash = excluded.password_hash, "
        "updated_at_ms = excluded.updated_at_ms");
    st->bind_all(c.facility, c.username, c.password_hash, c.updated_at_ms);
    SIMPUL_TRY(step_done(st));
    // New credentials end every session opened with the old ones.
    auto drop = db().prepare_static("DELETE FROM jkn_tokens WHERE facility = ?1");
    drop->bind(1, c.facility);
    return step_done(drop);
  }

  Status put_jkn_token(const JknToken& t, std::int64_t now_ms) override {
    auto purge = db().prepare_static("DELETE FROM jkn_tokens WHERE expires_at_ms <= ?1");
    purge->bind(1, now_ms);
    SIMPUL_TRY(step_done(purge));
    auto st = db().prepare_static(
        "INSERT INTO jkn_tokens(token_hash, facility, username, created_at_ms, expires_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    st->bind_all(t.token_hash, t.facility, t.username, t.created_at_ms, t.expires_at_ms);
    return step_done(st);
  }

  Status put_jkn_patient(const JknPatient& p) override {
    auto st = db().prepare_static(
        "INSERT INTO jkn_patients(facility, card_number, norm, participant_id, data, created_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(facility, card_number) DO UPDATE SET "
        "participant_id = excluded.participant_id, data = excluded.data");
    st->bind_all(p.facility, p.card_number, p.norm, p.participant_id, p.data, p.created_at_ms);
    return step_done(st);
  }

  Result<CompactCounts> compact(std::int64_t before_ms) override {
    CompactCounts counts;
    auto floor = meta("log_floor");
    if (!floor.ok()) return floor.error();
    counts.log_floor = *floor;
    auto newest = db().prepare_static("SELECT max(tx) FROM tx_log WHERE at_ms < ?1");
    newest->bind(1, before_ms);
    auto cut = single_int(newest);
    if (!cut.ok()) return cut.error();
    if (*cut <= *floor) return counts;
    {
      auto del = db().prepare_static("DELETE FROM change_log WHERE tx <= ?1");
      del->bind(1, *cut);
      SIMPUL_TRY(del->exec());
      counts.log_entries = db().changes();
    }
    for (const auto& def : storage::entities()) {
      std::string sql = "UPDATE " + def.table + " SET _deleted = 2";
      for (const auto& c : def.columns) sql += ", " + c.name + " = NULL";
      sql += " WHERE _deleted = 1 AND _tx <= ?1";
      auto st = db().prepare(sql);
      st->bind(1, *cut);
      SIMPUL_TRY(st->exec());
      counts.tombstones += db().changes();
    }
    {
      auto del = db().prepare_static("DELETE FROM tx_log WHERE tx < ?1");
      del->bind(1, *cut);
      SIMPUL_TRY(del->exec());
      auto up = db().prepare_static("UPDATE server_meta SET value = ?1 WHERE key = 'log_floor'");
      up->bind(1, *cut);
      SIMPUL_TRY(up->exec());
    }
    counts.log_floor = *cut;
    return counts;
  }

  Status commit() override {
    if (dirty_) {
      // The number was taken as last_tx + 1 with the writer held: no other write transaction runs until
      // this one is in, and a group commits as a whole, so numbers are assigned in commit order.
      // (PostgreSQL: see store.hpp.)
      auto meta_up = db().prepare_static("UPDATE server_meta SET value = ?1 WHERE key = 'last_tx'");
      meta_up->bind(1, number_);
      SIMPUL_TRY(meta_up->exec());
      auto log = db().prepare_static("INSERT INTO tx_log(tx, at_ms) VALUES (?1, ?2)");
      log->bind_all(number_, now_ms_);
      SIMPUL_TRY(log->exec());
    }
    return member_.commit();
  }

 private:
  Status run(StaticSql sql) {
    auto st = db().prepare_static(sql);
    return st->exec();
  }

  WriteGroup::Member member_;
  std::int64_t number_;
  std::int64_t now_ms_;
  bool dirty_ = false;
};

Result<std::unique_ptr<StoreTx>> SqliteStore::write(std::int64_t now_ms) {
  auto member = writer_->join();
  if (!member.ok()) return member.error();
  std::int64_t number = 0;
  {
    auto last = member->db().prepare_static("SELECT value FROM server_meta WHERE key = 'last_tx'");
    auto n = single_int(last);
    if (!n.ok()) return n.error();
    number = *n + 1;
  }
  return std::unique_ptr<StoreTx>(new SqliteTx(std::move(member).value(), number, now_ms));
}

Result<std::unique_ptr<StoreRead>> SqliteStore::read() {
  auto lease = acquire();
  if (!lease.ok()) return lease.error();
  auto read = std::make_unique<SqliteRead>(std::move(lease).value());
  SIMPUL_TRY(read->begin());
  return std::unique_ptr<StoreRead>(std::move(read));
}

Status migrate_server(Database& db) {
  const auto& migrations = server_migrations();
  const int current = db.user_version();
  if (current > static_cast<int>(migrations.size())) {
    return make_error(ErrorKind::permanent, "server.schema_too_new",
                      "the server database was written by a newer simpul-server (schema " + std::to_string(current) +
                          "): update simpul-server");
  }
  for (int v = current; v < static_cast<int>(migrations.size()); ++v) {
    auto tx = Transaction::begin(db);
    if (!tx.ok()) return tx.error();
    SIMPUL_TRY(db.exec(migrations[static_cast<std::size_t>(v)]));
    SIMPUL_TRY(db.exec("PRAGMA application_id = " + std::to_string(kApplicationId)));
    SIMPUL_TRY(db.set_user_version(v + 1));
    SIMPUL_TRY(tx->commit());
  }
  auto tx = Transaction::begin(db);
  if (!tx.ok()) return tx.error();
  SIMPUL_TRY(reconcile_entity_tables(db));
  return tx->commit();
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const SqliteStoreOptions& options) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (!exists && !options.create) {
    return make_error(ErrorKind::not_found, "server.no_database",
                      "no server database at " + path + " (create one with: simpul-server init --db " + path + ")");
  }
  storage::OpenOptions o;
  o.create = options.create;
  o.busy_timeout_ms = options.busy_timeout_ms;
  o.synchronous_full = options.synchronous_full;
  auto db = Database::open(path, o);  // quick_check once here
  if (!db.ok()) return db.error();
  auto app = db->query_int("PRAGMA application_id");
  if (!app.ok()) return app.error();
  const std::int64_t app_id = app->value_or(0);
  const int version = db->user_version();
  if (app_id != kApplicationId && (app_id != 0 || version != 0)) {
    return make_error(ErrorKind::invalid, "server.not_server_db",
                      path + " is not a simpul-server database (is it a desk replica?)");
  }
  SIMPUL_TRY(migrate_server(*db));
  auto store = std::make_unique<SqliteStore>(path, options);
  SIMPUL_TRY(store->open_writer());
  store->release(std::make_unique<Database>(std::move(db).value()));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace simpul::server
