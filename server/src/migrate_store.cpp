// simpul-server migrate-store: a pilot's SQLite server database into PostgreSQL, table by table with
// COPY, in one PostgreSQL transaction that holds the transaction-number lock (no server can write
// meanwhile). Values keep their exact text: integers decimal, reals %.17g (PostgreSQL reads them back
// bit for bit), so every digest stays equal and devices continue with their cursors.
#include <sqlite3.h>

#include <cstdio>
#include <set>

#include "pg.hpp"
#include "simpul/server/pg_store.hpp"
#include "simpul/server/sqlite_store.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::server {
namespace {

using pg::Params;
using pg::PgConn;

// Every table of the server schema except the entity tables (those come from storage::entities()).
constexpr const char* kServerTables[] = {"server_meta", "tx_log",       "change_log",     "row_scope",
                                         "touches",     "aliases",      "applied_ops",    "devices",
                                         "enroll_codes", "civil_registry", "counters",    "jkn_credentials",
                                         "jkn_tokens",  "jkn_patients"};
bool without_rowid(const std::string& table) {
  return table == "row_scope" || table == "touches" || table == "applied_ops";
}

std::string real_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

struct PgColumn {
  std::string name;
  bool integer = false;
};

Result<std::vector<PgColumn>> pg_columns(PgConn& c, const std::string& table) {
  auto r = c.query_once(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() "
      "AND table_name = $1 AND column_name <> '_rowid' ORDER BY ordinal_position",
      Params(table));
  if (!r.ok()) return r.error();
  std::vector<PgColumn> out;
  for (int i = 0; i < r->rows(); ++i) {
    const std::string type = r->text(i, 1);
    out.push_back(PgColumn{r->text(i, 0), type == "bigint" || type == "integer"});
  }
  return out;
}

Result<std::set<std::string>> sqlite_columns(storage::Database& db, const std::string& table) {
  auto st = db.prepare_uncached("SELECT name FROM pragma_table_info('" + table + "')");
  if (!st.ok()) return st.error();
  std::set<std::string> out;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!*r) break;
    out.insert(st->text(0));
  }
  return out;
}

// One table: SELECT from SQLite, COPY into PostgreSQL in chunks. Returns the rows copied.
Result<std::int64_t> copy_table(storage::Database& from, PgConn& to, const std::string& table) {
  auto pcols = pg_columns(to, table);
  if (!pcols.ok()) return pcols.error();
  auto scols = sqlite_columns(from, table);
  if (!scols.ok()) return scols.error();
  std::vector<PgColumn> cols;
  for (const auto& c : *pcols) {
    if (scols->count(c.name) != 0) cols.push_back(c);
  }
  if (cols.empty()) return std::int64_t{0};  // a table the SQLite database does not have
  std::string list;
  for (const auto& c : cols) list += (list.empty() ? "" : ", ") + c.name;
  auto st = from.prepare_uncached("SELECT " + list + " FROM " + table + (without_rowid(table) ? "" : " ORDER BY rowid"));
  if (!st.ok()) return st.error();
  const std::string copy = "COPY " + table + " (" + list + ") FROM STDIN";
  std::string data;
  std::int64_t rows = 0;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!*r) break;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const int col = static_cast<int>(i);
      if (i != 0) data += '\t';
      switch (st->column_type(col)) {
        case SQLITE_NULL: data += "\\N"; break;
        case SQLITE_INTEGER: data += std::to_string(st->int64(col)); break;
        case SQLITE_FLOAT: {
          const double d = st->real(col);
          data += cols[i].integer ? std::to_string(static_cast<std::int64_t>(d)) : real_text(d);
          break;
        }
        default: data += pg::copy_escape(st->text(col)); break;
      }
    }
    data += '\n';
    ++rows;
    if (data.size() > (8u << 20)) {
      SIMPUL_TRY(to.copy_in(copy, data));
      data.clear();
    }
  }
  if (!data.empty()) SIMPUL_TRY(to.copy_in(copy, data));
  return rows;
}

}  // namespace

Result<MigrateCounts> migrate_sqlite_to_pg(const std::string& sqlite_path, const std::string& pg_url,
                                           const std::function<void(const std::string&)>& progress) {
  auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  {
    // Both schemas current: the SQLite file migrated (and checked to be a server database), the
    // PostgreSQL one created when empty.
    SqliteStoreOptions so;
    so.create = false;
    auto s = open_sqlite_store(sqlite_path, so);
    if (!s.ok()) return s.error();
    auto p = open_pg_store(pg_url);
    if (!p.ok()) return p.error();
  }
  storage::OpenOptions oo;
  oo.create = false;
  oo.check_integrity = false;
  auto from = storage::Database::open(sqlite_path, oo);
  if (!from.ok()) return from.error();
  auto snapshot = storage::Transaction::begin(*from, storage::Transaction::Mode::deferred);
  if (!snapshot.ok()) return snapshot.error();
  auto last = from->query_int("SELECT value FROM server_meta WHERE key = 'last_tx'");  // pins the snapshot
  if (!last.ok()) return last.error();

  auto to = PgConn::connect(pg_url);
  if (!to.ok()) return to.error();
  auto run = [&]() -> Result<MigrateCounts> {
    if (auto b = to->exec("BEGIN"); !b.ok()) return b.error();
    auto locked = to->exec("SELECT value FROM server_meta WHERE key = 'last_tx' FOR UPDATE");
    if (!locked.ok()) return locked.error();
    auto used = to->exec(
        "SELECT (SELECT count(*) FROM change_log) + (SELECT count(*) FROM devices) + (SELECT count(*) FROM "
        "facilities) + (SELECT value FROM server_meta WHERE key = 'last_tx')");
    if (!used.ok()) return used.error();
    if (used->int64(0, 0) != 0) {
      return make_error(ErrorKind::invalid, "migrate.not_empty",
                        "the PostgreSQL database already holds Simpul data: migrate into an empty database");
    }
    if (auto d = to->exec("DELETE FROM server_meta"); !d.ok()) return d.error();
    MigrateCounts counts;
    std::vector<std::string> tables(std::begin(kServerTables), std::end(kServerTables));
    for (const auto& def : storage::entities()) tables.push_back(def.table);
    for (const auto& table : tables) {
      auto n = copy_table(*from, *to, table);
      if (!n.ok()) return Error{n.error().kind, n.error().code, table + ": " + n.error().message};
      ++counts.tables;
      counts.rows += *n;
      say(table + ": " + std::to_string(*n) + " rows");
    }
    auto seq = to->exec(
        "SELECT setval(pg_get_serial_sequence('change_log', 'seq'), GREATEST((SELECT max(seq) FROM change_log), 1))");
    if (!seq.ok()) return seq.error();
    auto tx = to->exec("SELECT value FROM server_meta WHERE key = 'last_tx'");
    if (!tx.ok()) return tx.error();
    if (tx->rows() != 1) return make_error(ErrorKind::corrupt, "migrate.meta", "the SQLite database has no last_tx");
    counts.last_tx = tx->int64(0, 0);
    if (auto c = to->exec("COMMIT"); !c.ok()) return c.error();
    return counts;
  };
  auto counts = run();
  if (!counts.ok()) {
    (void)to->exec("ROLLBACK");
    return counts;
  }
  (void)to->exec("ANALYZE");  // fresh statistics for the planner; the data is committed either way
  return counts;
}

}  // namespace simpul::server
