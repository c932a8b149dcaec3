#include "pg.hpp"

#include <cstdlib>
#include <cstring>

namespace simpul::server::pg {
namespace {

// Notices ("relation already exists, skipping") are not errors; the server logs JSON, not libpq chatter.
void ignore_notice(void*, const char*) {}

// SQLSTATE classes mapped once, here: what a caller may retry and what it may not.
ErrorKind kind_of(const char* state, bool connection_lost) {
  if (connection_lost || state == nullptr) return ErrorKind::transient;
  const std::string s(state);
  if (s == "40001" || s == "40P01" || s.rfind("08", 0) == 0 || s.rfind("57P", 0) == 0 || s == "53300" ||
      s == "55P03" || s == "25P03") {
    // serialization failure, deadlock, connection, shutdown, too many connections, lock timeout, idle in
    // transaction timeout
    return ErrorKind::transient;
  }
  if (s == "23505") return ErrorKind::conflict;
  return ErrorKind::permanent;
}

std::string first_line(const std::string& sql) {
  const auto nl = sql.find('\n');
  std::string out = sql.substr(0, nl == std::string::npos ? sql.size() : nl);
  if (out.size() > 120) out = out.substr(0, 120) + "...";
  return out;
}

}  // namespace

std::int64_t PgResult::int64(int row, int col) const {
  return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10);
}

double PgResult::real(int row, int col) const { return std::strtod(PQgetvalue(r_, row, col), nullptr); }

std::int64_t PgResult::affected() const {
  const char* n = PQcmdTuples(r_);
  return (n == nullptr || *n == '\0') ? 0 : std::strtoll(n, nullptr, 10);
}

Result<PgConn> PgConn::connect(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (c == nullptr) return make_error(ErrorKind::transient, "pg.connect", "cannot allocate a PostgreSQL connection");
  PgConn conn(c);
  if (PQstatus(c) != CONNECTION_OK) {
    std::string message = PQerrorMessage(c);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return make_error(ErrorKind::transient, "pg.connect", "cannot connect to PostgreSQL: " + message);
  }
  PQsetNoticeProcessor(c, ignore_notice, nullptr);
  // UTC and a fixed float format, whatever the role's defaults are: values must read back exactly.
  // Every writer of every process queues on one row lock (pg_store.hpp): a process that stalls inside a
  // transaction (stopped, cut off from the database) must not hold it for ever, and a writer must not
  // wait without bound behind a backlog (it answers 503 and the device retries).
  auto set = conn.exec(
      "SET TIME ZONE 'UTC'; SET extra_float_digits = 1; SET client_encoding = 'UTF8'; "
      "SET idle_in_transaction_session_timeout = '60s'; SET lock_timeout = '30s'");
  if (!set.ok()) return set.error();
  return conn;
}

PgConn& PgConn::operator=(PgConn&& o) noexcept {
  if (this != &o) {
    if (c_ != nullptr) PQfinish(c_);
    c_ = o.c_;
    prepared_ = std::move(o.prepared_);
    broken_ = o.broken_;
    o.c_ = nullptr;
  }
  return *this;
}

Result<PgResult> PgConn::check(PGresult* raw, const std::string& sql) {
  PgResult r(raw);
  const ExecStatusType st = raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return r;
  const bool lost = PQstatus(c_) != CONNECTION_OK;
  if (lost) broken_ = true;
  const char* state = raw == nullptr ? nullptr : PQresultErrorField(raw, PG_DIAG_SQLSTATE);
  std::string message = raw == nullptr ? PQerrorMessage(c_) : PQresultErrorMessage(raw);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return make_error(kind_of(state, lost), std::string("pg.") + (state != nullptr ? state : "error"),
                    message + " (in: " + first_line(sql) + ")");
}

Result<PgResult> PgConn::exec(const std::string& sql) { return check(PQexec(c_, sql.c_str()), sql); }

namespace {
struct RawParams {
  std::vector<const char*> values;
  std::vector<int> lengths;
  explicit RawParams(const Params& p) {
    for (const auto& v : p.values()) {
      values.push_back(v ? v->c_str() : nullptr);
      lengths.push_back(v ? static_cast<int>(v->size()) : 0);
    }
  }
};
}  // namespace

Result<PgResult> PgConn::query(const std::string& sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size() + 1);
    auto prepared = check(PQprepare(c_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr), sql);
    if (!prepared.ok()) return prepared.error();
    it = prepared_.emplace(sql, name).first;
  }
  RawParams raw(params);
  return check(PQexecPrepared(c_, it->second.c_str(), static_cast<int>(params.size()), raw.values.data(),
                              raw.lengths.data(), nullptr, 0),
               sql);
}

Result<PgResult> PgConn::query_once(const std::string& sql, const Params& params) {
  RawParams raw(params);
  return check(PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, raw.values.data(),
                            raw.lengths.data(), nullptr, 0),
               sql);
}

Status PgConn::copy_in(const std::string& copy_sql, const std::string& data) {
  PGresult* start = PQexec(c_, copy_sql.c_str());
  if (start == nullptr || PQresultStatus(start) != PGRES_COPY_IN) {
    auto r = check(start, copy_sql);
    if (!r.ok()) return r.error();
    return make_error(ErrorKind::permanent, "pg.copy", "COPY did not start: " + copy_sql);
  }
  PQclear(start);
  if (PQputCopyData(c_, data.data(), static_cast<int>(data.size())) != 1 || PQputCopyEnd(c_, nullptr) != 1) {
    return make_error(ErrorKind::transient, "pg.copy", std::string("COPY failed: ") + PQerrorMessage(c_));
  }
  for (PGresult* r = PQgetResult(c_); r != nullptr; r = PQgetResult(c_)) {
    auto checked = check(r, copy_sql);
    if (!checked.ok()) {
      while (PGresult* rest = PQgetResult(c_)) PQclear(rest);
      return checked.error();
    }
  }
  return {};
}

std::string literal(const std::string& v) {
  std::string out = "'";
  for (const char c : v) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string copy_escape(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (const char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

bool is_pg_url(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

}  // namespace simpul::server::pg
