#include "simpul/storage/db.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>

namespace simpul::storage {
namespace {

Error map_sqlite(int rc, std::string_view context, const char* msg) {
  const int primary = rc & 0xff;
  ErrorKind kind = ErrorKind::permanent;
  switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      kind = ErrorKind::transient;
      break;
    case SQLITE_CONSTRAINT:
      kind = ErrorKind::conflict;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      kind = ErrorKind::corrupt;
      break;
    case SQLITE_CANTOPEN:
      kind = ErrorKind::not_found;
      break;
    default:
      break;
  }
  std::string text(context);
  text += ": ";
  text += (msg != nullptr) ? msg : sqlite3_errstr(rc);
  return make_error(kind, std::string("sqlite.") + sqlite3_errstr(primary), text);
}

}  // namespace

// ---- Statement ----

Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_blob(int i, const void* data, std::size_t size) {
  sqlite3_bind_blob(stmt_, i, data, static_cast<int>(size), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = map_sqlite(sqlite3_extended_errcode(db_), "step", sqlite3_errmsg(db_));
  sqlite3_reset(stmt_);
  return e;
}

Status Statement::exec() {
  for (;;) {
    auto r = step();
    if (!r.ok()) return r.error();
    if (!r.value()) return {};
  }
}

void Statement::reset() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }
bool Statement::is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
std::int64_t Statement::int64(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::real(int c) const { return sqlite3_column_double(stmt_, c); }
std::string Statement::text(int c) const {
  const auto* p = sqlite3_column_text(stmt_, c);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)));
}
std::optional<std::string> Statement::opt_text(int c) const {
  if (is_null(c)) return std::nullopt;
  return text(c);
}
std::string Statement::blob(int c) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, c));
  if (p == nullptr) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)));
}
const char* Statement::column_name(int c) const { return sqlite3_column_name(stmt_, c); }
int Statement::column_type(int c) const { return sqlite3_column_type(stmt_, c); }

// ---- Database ----

Result<Database> Database::open(const std::string& path, const OpenOptions& options) {
  Database db;
  db.path_ = path;
  int flags = SQLITE_OPEN_NOMUTEX;  // one connection per thread
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = map_sqlite(rc, "open " + path, db.db_ != nullptr ? sqlite3_errmsg(db.db_) : nullptr);
    return e;
  }
  sqlite3_extended_result_codes(db.db_, 1);
  sqlite3_busy_timeout(db.db_, options.busy_timeout_ms);
  if (!options.read_only) {
    auto wal = db.query_text("PRAGMA journal_mode=WAL");
    if (!wal.ok()) return wal.error();
  }
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;";
  pragmas += options.synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
  SIMPUL_TRY(db.exec(pragmas));
  if (options.check_integrity) {
    SIMPUL_TRY(db.integrity_check(/*quick=*/true));
  }
  return db;
}

Database::Database(Database&& o) noexcept
    : db_(o.db_), path_(std::move(o.path_)), cache_(std::move(o.cache_)), by_address_(std::move(o.by_address_)) {
  o.db_ = nullptr;
}

Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    by_address_.clear();
    cache_.clear();
    sqlite3_close_v2(db_);
    db_ = o.db_;
    path_ = std::move(o.path_);
    cache_ = std::move(o.cache_);
    by_address_ = std::move(o.by_address_);
    o.db_ = nullptr;
  }
  return *this;
}

Database::~Database() {
  by_address_.clear();
  cache_.clear();  // finalize statements before closing
  sqlite3_close_v2(db_);
}

Status Database::exec(std::string_view sql) {
  std::string owned(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    Error e = map_sqlite(sqlite3_extended_errcode(db_), "exec", err);
    sqlite3_free(err);
    return e;
  }
  return {};
}

Result<Statement> Database::prepare_uncached(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &stmt, nullptr);
  if (rc != SQLITE_OK) return map_sqlite(rc, std::string("prepare ") + std::string(sql), sqlite3_errmsg(db_));
  return Statement(db_, stmt);
}

CachedStatement Database::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) {
      // A statement our own code wrote does not compile: that is a bug, not an expected failure.
      std::fprintf(stderr, "simpul: cannot prepare SQL (%s): %s\n", sqlite3_errmsg(db_), sql.c_str());
      std::abort();
    }
    it = cache_.emplace(sql, std::make_unique<Statement>(db_, stmt)).first;
  }
  return CachedStatement(it->second.get());
}

CachedStatement Database::prepare_static(StaticSql sql) {
  auto it = by_address_.find(sql.data());
  if (it == by_address_.end()) {
    CachedStatement st = prepare(std::string(sql.data(), sql.size()));
    it = by_address_.emplace(sql.data(), &*st).first;
  }
  return CachedStatement(it->second);
}

Result<std::optional<std::int64_t>> Database::query_int(const std::string& sql) {
  auto st = prepare_uncached(sql);
  if (!st.ok()) return st.error();
  auto r = st->step();
  if (!r.ok()) return r.error();
  if (!r.value() || st->is_null(0)) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{st->int64(0)};
}

Result<std::optional<std::string>> Database::query_text(const std::string& sql) {
  auto st = prepare_uncached(sql);
  if (!st.ok()) return st.error();
  auto r = st->step();
  if (!r.ok()) return r.error();
  if (!r.value() || st->is_null(0)) return std::optional<std::string>{};
  return std::optional<std::string>{st->text(0)};
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

int Database::user_version() {
  auto v = query_int("PRAGMA user_version");
  return (v.ok() && v.value()) ? static_cast<int>(*v.value()) : 0;
}

Status Database::set_user_version(int v) { return exec("PRAGMA user_version=" + std::to_string(v)); }

Status Database::integrity_check(bool quick) {
  auto st = prepare_uncached(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check");
  if (!st.ok()) return st.error();
  auto r = st->step();
  if (!r.ok()) return r.error();
  const std::string verdict = r.value() ? st->text(0) : "no answer";
  if (verdict != "ok") return make_error(ErrorKind::corrupt, "db.integrity", "integrity check failed: " + verdict);
  return {};
}

Status Database::backup_to(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return make_error(ErrorKind::invalid, "backup.exists", "backup target already exists: " + path);
  }
  auto st = prepare_uncached("VACUUM INTO ?1");
  if (!st.ok()) return st.error();
  st->bind(1, path);
  return st->exec();
}

Error Database::last_error(std::string_view context) const {
  return map_sqlite(sqlite3_extended_errcode(db_), context, sqlite3_errmsg(db_));
}

// ---- Transaction ----

Result<Transaction> Transaction::begin(Database& db, Mode mode) {
  SIMPUL_TRY(db.exec(mode == Mode::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (!done_) rollback();
}

Status Transaction::commit() {
  if (done_) return make_error(ErrorKind::permanent, "tx.done", "transaction already finished");
  auto s = db_->exec("COMMIT");
  if (!s.ok()) {
    rollback();
    return s;
  }
  done_ = true;
  return {};
}

void Transaction::rollback() noexcept {
  if (done_) return;
  done_ = true;
  if (db_->in_transaction()) sqlite3_exec(db_->raw(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status restore_backup(const std::string& backup_path, const std::string& target_path) {
  {
    OpenOptions ro;
    ro.read_only = true;
    ro.create = false;
    auto b = Database::open(backup_path, ro);
    if (!b.ok()) return b.error();
    SIMPUL_TRY(b->integrity_check(false));
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string staging = target_path + ".restore";
  fs::remove(staging, ec);
  fs::copy_file(backup_path, staging, ec);
  if (ec) return make_error(ErrorKind::transient, "restore.copy", "cannot copy backup: " + ec.message());
  fs::remove(target_path + "-wal", ec);
  fs::remove(target_path + "-shm", ec);
  fs::rename(staging, target_path, ec);
  if (ec) return make_error(ErrorKind::transient, "restore.rename", "cannot replace database: " + ec.message());
  return {};
}

}  // namespace simpul::storage
