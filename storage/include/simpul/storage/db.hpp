#pragma once
// RAII over sqlite3: a Database (one per thread), cached prepared Statements, and Transactions
// that roll back in a noexcept destructor unless committed.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "simpul/core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace simpul::storage {

struct OpenOptions {
  bool create = true;
  bool read_only = false;
  bool check_integrity = true;   // PRAGMA quick_check on open; a failure is ErrorKind::corrupt
  int busy_timeout_ms = 5000;
  bool synchronous_full = true;  // the replica never loses a committed write
};

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept;
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Bind by 1-based index. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind_blob(int index, const void* data, std::size_t size);
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }
  // Binds all arguments in order starting at 1.
  template <class... A>
  Statement& bind_all(const A&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Steps once. true = a row is available, false = done. Errors become a Result.
  Result<bool> step();
  // Steps to completion, for statements that return no rows.
  Status exec();
  void reset();  // reset + clear bindings, ready for reuse

  int column_count() const;
  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  int int32(int col) const { return static_cast<int>(int64(col)); }
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::string blob(int col) const;
  const char* column_name(int col) const;
  int column_type(int col) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL

  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// A statement borrowed from the Database's cache; resets itself when it goes out of scope.
class CachedStatement {
 public:
  explicit CachedStatement(Statement* s) : s_(s) {}
  CachedStatement(CachedStatement&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  CachedStatement& operator=(CachedStatement&&) = delete;
  ~CachedStatement() {
    if (s_ != nullptr) s_->reset();
  }
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

// Statement text that lives as long as the program: a string literal, or a string built once into a static
// table (kept()). Database::prepare_static caches it by address.
class StaticSql {
 public:
  template <std::size_t N>
  consteval StaticSql(const char (&text)[N]) : text_(text), size_(N - 1) {}  // NOLINT: implicit on purpose
  static StaticSql kept(const std::string& text) { return StaticSql(text.data(), text.size()); }
  const char* data() const { return text_; }
  std::size_t size() const { return size_; }

 private:
  StaticSql(const char* text, std::size_t size) : text_(text), size_(size) {}
  const char* text_;
  std::size_t size_;
};

class Database {
 public:
  static Result<Database> open(const std::string& path, const OpenOptions& options = {});
  Database() = default;
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Status exec(std::string_view sql);  // one or more statements, no results
  Result<Statement> prepare_uncached(std::string_view sql);
  // Prepared once per distinct SQL text and reused: the cache is keyed by the statement text.
  CachedStatement prepare(const std::string& sql);
  // The same cache, found by the text's address: a lookup neither copies, hashes nor compares the text
  // (Chromium's sql::Database keys its cache by call site for the same reason). For hot paths.
  CachedStatement prepare_static(StaticSql sql);

  // Convenience: the first column of the first row (nullopt when no row).
  Result<std::optional<std::int64_t>> query_int(const std::string& sql);
  Result<std::optional<std::string>> query_text(const std::string& sql);

  std::int64_t last_insert_rowid() const;
  int changes() const;
  int user_version();
  Status set_user_version(int v);
  Status integrity_check(bool quick = false);
  // Online copy of the whole database into a new file (VACUUM INTO), consistent at one instant.
  Status backup_to(const std::string& path);
  const std::string& path() const { return path_; }
  sqlite3* raw() const { return db_; }
  bool in_transaction() const;

  // Maps the connection's last error to an Error (SQLITE_BUSY/LOCKED -> transient, CONSTRAINT -> conflict,
  // CORRUPT/NOTADB -> corrupt, everything else permanent).
  Error last_error(std::string_view context) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
  std::unordered_map<const char*, Statement*> by_address_;  // into cache_
};

// BEGIN IMMEDIATE (or DEFERRED for reads); rolls back in the destructor unless commit() succeeded.
class Transaction {
 public:
  enum class Mode { immediate, deferred };
  static Result<Transaction> begin(Database& db, Mode mode = Mode::immediate);
  Transaction(Transaction&& o) noexcept : db_(o.db_), done_(o.done_) { o.done_ = true; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();
  void rollback() noexcept;
  Database& db() const { return *db_; }

 private:
  explicit Transaction(Database& db) : db_(&db) {}
  Database* db_;
  bool done_ = false;
};

// Restores a backup made with backup_to() over `target` (which must not be open elsewhere):
// verifies the backup's integrity first, then swaps files atomically (rename).
Status restore_backup(const std::string& backup_path, const std::string& target_path);

}  // namespace simpul::storage
