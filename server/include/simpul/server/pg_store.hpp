#pragma once
// The PostgreSQL store (issue 8): the same tables as the SQLite store (DDL generated from the same
// EntityDefs, ids and text COLLATE "C"), so any number of stateless simpul-server processes can share
// one database. Connections are pooled per process; statements are prepared once per connection.
//
// Transaction numbers: every write transaction starts by locking the one row that holds last_tx
// (SELECT … FOR UPDATE) and takes last_tx + 1; it writes the new value at commit. The lock is held until
// the transaction ends, so write transactions of all processes run one after another, exactly like
// SQLite's single writer: commit order equals number order, and a reader whose snapshot holds
// transaction N holds every transaction before it (PostgreSQL releases the row lock only after the
// commit is visible to new snapshots). A client can never store a cursor past a transaction that
// commits later. Reads are REPEATABLE READ, READ ONLY: one snapshot for the whole read.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simpul/server/store.hpp"

namespace simpul::server {

struct PgStoreOptions {
  bool create = true;      // create the schema in an empty database (a database that is not a
                           // simpul-server one is refused either way)
  std::size_t max_idle = 32;  // idle connections kept in the pool
};

// Opens (and migrates) a server database at a postgresql:// URL.
Result<std::unique_ptr<Store>> open_pg_store(const std::string& url, const PgStoreOptions& options = {});

// Copies everything of an SQLite server database (entity rows with their clocks, change log, transaction
// numbers, devices, enrollment codes, applied-op keys, aliases, touches, counters, civil registry, Mobile
// JKN tables) into an empty PostgreSQL server database, in one transaction. `progress` gets one line per
// table copied.
struct MigrateCounts {
  std::int64_t tables = 0;
  std::int64_t rows = 0;
  std::int64_t last_tx = 0;
};
Result<MigrateCounts> migrate_sqlite_to_pg(const std::string& sqlite_path, const std::string& pg_url,
                                           const std::function<void(const std::string&)>& progress = {});

// Plain SQL on a PostgreSQL database for tests and operator tools (one connection, text values).
class PgSession {
 public:
  static Result<std::unique_ptr<PgSession>> open(const std::string& url);
  virtual ~PgSession() = default;
  virtual Status exec(const std::string& sql) = 0;
  // Every row, every column as text (nullopt for NULL).
  virtual Result<std::vector<std::vector<std::optional<std::string>>>> rows(const std::string& sql) = 0;
};

}  // namespace simpul::server
