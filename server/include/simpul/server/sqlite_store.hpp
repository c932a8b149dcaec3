#pragma once
// The embedded default store: one SQLite file in WAL mode. Entity tables mirror storage::entities()
// (same table and column names, DDL generated from the EntityDefs) plus server columns. Write
// transactions take turns on one writer connection and share commits (write_group.hpp), so commit order
// equals transaction-number order; WAL checkpoints run on a thread of their own (checkpointer.hpp). Read
// connections are pooled: each read borrows one, so a connection is never shared by two threads.
#include <cstddef>
#include <memory>
#include <string>

#include "simpul/server/store.hpp"

namespace simpul::server {

struct SqliteStoreOptions {
  bool create = false;          // create the file (init); otherwise it must exist
  bool synchronous_full = true; // an acknowledged push survives a power cut
  int busy_timeout_ms = 15000;
  // Most write transactions that share one COMMIT (write_group.hpp); 1: each commits on its own.
  std::size_t group_commit = 16;
  // WAL pages after which a background thread checkpoints (checkpointer.hpp); 0: SQLite's automatic
  // checkpoint inside the committing request, as before.
  int checkpoint_pages = 1000;
};

// Opens (and migrates) a server database. Refuses a file that is not a Simpul server database.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const SqliteStoreOptions& options = {});

}  // namespace simpul::server
