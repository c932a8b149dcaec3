#include "checkpointer.hpp"

#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>

namespace simpul::server {

Checkpointer::Checkpointer(std::unique_ptr<storage::Database> db, int wal_pages)
    : db_(std::move(db)), wal_pages_(wal_pages) {
  // The thread takes no signals (`serve` waits for SIGTERM on a thread of its own, and the store may be
  // opened before it blocks them): it starts with every signal blocked.
  sigset_t all, before;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &before);
  thread_ = std::thread([this] { run(); });
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::watch(storage::Database& writer) {
  // Replaces the automatic checkpoint (SQLite implements it with this same hook).
  sqlite3_wal_hook(writer.raw(), &Checkpointer::on_commit, this);
}

int Checkpointer::on_commit(void* self, sqlite3*, const char*, int pages) {
  auto* c = static_cast<Checkpointer*>(self);
  if (pages >= c->wal_pages_) {
    {
      std::lock_guard lock(c->mu_);
      c->due_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return due_ || stop_; });
    if (stop_) return;
    due_ = false;
    lock.unlock();
    // A failure (an I/O error) is left to the next commit's wake-up: the frames stay safe in the WAL.
    (void)sqlite3_wal_checkpoint_v2(db_->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
}

}  // namespace simpul::server
