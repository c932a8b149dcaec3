#pragma once
// A small RAII layer over libpq for the PostgreSQL store: a connection that prepares each SQL text once
// (statements cached by their text, like the SQLite wrapper's cache), results, and text parameters.
// One connection is used by one thread at a time (the store's pool hands them out).
#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul::server::pg {

// Parameters travel as text (NULL = nullopt); PostgreSQL infers each one's type from the statement.
class Params {
 public:
  Params() = default;
  template <class... Ts>
  explicit Params(const Ts&... values) {
    (add(values), ...);
  }
  Params& add(const std::string& v) { values_.emplace_back(v); return *this; }
  Params& add(const char* v) { values_.emplace_back(std::string(v)); return *this; }
  Params& add(std::int64_t v) { values_.emplace_back(std::to_string(v)); return *this; }
  Params& add(int v) { return add(static_cast<std::int64_t>(v)); }
  Params& add(std::uint32_t v) { return add(static_cast<std::int64_t>(v)); }
  Params& add(const std::optional<std::int64_t>& v) {
    if (v) return add(*v);
    return add_null();
  }
  Params& add(const std::optional<std::string>& v) {
    values_.push_back(v);
    return *this;
  }
  Params& add_null() { values_.emplace_back(std::nullopt); return *this; }
  std::size_t size() const { return values_.size(); }
  const std::vector<std::optional<std::string>>& values() const { return values_; }

 private:
  std::vector<std::optional<std::string>> values_;
};

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { if (r_ != nullptr) PQclear(r_); }
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept {
    if (this != &o) {
      if (r_ != nullptr) PQclear(r_);
      r_ = o.r_;
      o.r_ = nullptr;
    }
    return *this;
  }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const { return r_ == nullptr ? 0 : PQntuples(r_); }
  int columns() const { return r_ == nullptr ? 0 : PQnfields(r_); }
  bool is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
  }
  std::int64_t int64(int row, int col) const;
  double real(int row, int col) const;
  std::optional<std::int64_t> opt_int64(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return int64(row, col);
  }
  std::int64_t affected() const;  // rows an INSERT/UPDATE/DELETE touched
  PGresult* get() const { return r_; }

 private:
  PGresult* r_ = nullptr;
};

class PgConn {
 public:
  static Result<PgConn> connect(const std::string& url);
  PgConn() = default;
  ~PgConn() { if (c_ != nullptr) PQfinish(c_); }
  PgConn(PgConn&& o) noexcept : c_(o.c_), prepared_(std::move(o.prepared_)), broken_(o.broken_) { o.c_ = nullptr; }
  PgConn& operator=(PgConn&& o) noexcept;
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  // Runs SQL without parameters (several statements allowed). Returns the last result.
  Result<PgResult> exec(const std::string& sql);
  // Runs one statement with parameters, prepared on this connection the first time its text is seen.
  Result<PgResult> query(const std::string& sql, const Params& params = Params());
  // Unprepared, with parameters (one-off statements: migrations, operator commands).
  Result<PgResult> query_once(const std::string& sql, const Params& params = Params());

  // COPY table (columns) FROM STDIN in text format: `rows` already encoded, one line each.
  Status copy_in(const std::string& copy_sql, const std::string& data);

  // false when the session is gone (the server closed it or restarted): drop the connection.
  bool healthy() const { return c_ != nullptr && !broken_ && PQstatus(c_) == CONNECTION_OK; }
  bool in_transaction() const { return c_ != nullptr && PQtransactionStatus(c_) != PQTRANS_IDLE; }
  PGconn* raw() const { return c_; }

 private:
  explicit PgConn(PGconn* c) : c_(c) {}
  Result<PgResult> check(PGresult* r, const std::string& sql);

  PGconn* c_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  bool broken_ = false;
};

// Quotes a value as an SQL literal ('it''s'); for identifiers the code builds itself, not user input.
std::string literal(const std::string& v);
// COPY text format escaping of one value (\N for NULL is the caller's).
std::string copy_escape(const std::string& v);

// "postgresql://" or "postgres://".
bool is_pg_url(const std::string& url);

}  // namespace simpul::server::pg
