#include "simpul/server/store_url.hpp"

#include "pg.hpp"
#include "simpul/server/pg_store.hpp"
#include "simpul/server/sqlite_store.hpp"

namespace simpul::server {

bool is_postgres_url(const std::string& db) { return pg::is_pg_url(db); }

Result<std::unique_ptr<Store>> open_store_url(const std::string& db, bool create, bool synchronous_full) {
  if (db.empty()) return make_error(ErrorKind::invalid, "cli.db", "--db FILE or --db postgresql://… is required");
  if (is_postgres_url(db)) {
    PgStoreOptions o;
    o.create = true;  // an empty PostgreSQL database gets the schema whatever the command
    return open_pg_store(db, o);
  }
  SqliteStoreOptions o;
  o.create = create;
  o.synchronous_full = synchronous_full;
  return open_sqlite_store(db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db, o);
}

}  // namespace simpul::server
