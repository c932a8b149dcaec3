#pragma once
// WAL checkpoints off the writer. SQLite's automatic checkpoint runs inside the COMMIT that crosses
// wal_autocheckpoint pages, on the committing connection: with one writer connection shared by every
// request (write_group.hpp), each checkpoint (copying ~1000 pages into the database file and two fsyncs)
// stalled all writes. Here the writer's connection only counts (its WAL hook) and this thread, on a
// connection of its own, runs the same PASSIVE checkpoint: it never waits for readers or the writer, and
// SQLite starts the WAL over once a checkpoint has copied all of it. Durability is unchanged: frames reach
// the database file only after they were synced in the WAL, and the file is synced after copying.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "simpul/storage/db.hpp"

namespace simpul::server {

class Checkpointer {
 public:
  // `db`: the checkpointer's own connection. `wal_pages`: the WAL size (pages) that asks for a checkpoint.
  Checkpointer(std::unique_ptr<storage::Database> db, int wal_pages);
  ~Checkpointer();  // stops the thread (a running checkpoint finishes first)
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Turns off `writer`'s own automatic checkpoints and wakes this thread from its commits instead.
  // The writer must be closed before this object goes away.
  void watch(storage::Database& writer);

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
  void run();

  std::unique_ptr<storage::Database> db_;
  int wal_pages_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace simpul::server
