#pragma once
// The embedded default store: one SQLite file in WAL mode. Entity tables mirror storage::entities()
// (same table and column names, DDL generated from the EntityDefs) plus server columns; writers use
// BEGIN IMMEDIATE, so SQLite serialises them and commit order equals transaction-number order.
// Connections are pooled: each request borrows one, so a connection is never shared by two threads.
#include <memory>
#include <string>

#include "simpul/server/store.hpp"

namespace simpul::server {

struct SqliteStoreOptions {
  bool create = false;          // create the file (init); otherwise it must exist
  bool synchronous_full = true; // an acknowledged push survives a power cut
  int busy_timeout_ms = 15000;
};

// Opens (and migrates) a server database. Refuses a file that is not a Simpul server database.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const SqliteStoreOptions& options = {});

}  // namespace simpul::server
