#pragma once
// Group commit on the SQLite store's one writer connection.
//
// SQLite has a single writer. When each request took the write lock on a connection of its own, the ones
// that found it taken slept in SQLite's busy handler (1, 2, 5 … 100 ms steps) while the lock was often
// free, and every request paid its own WAL fsync. Here the server's write transactions take turns on one
// connection instead (waiting on a condition variable, woken as soon as the writer is free), each inside
// a savepoint, and members that arrive back to back share one COMMIT: while another member waits for the
// writer, a finished member leaves the transaction open for it and waits for the shared COMMIT.
//
// What a member is told: Member::commit() returns only after the COMMIT that made its work durable
// (synchronous=FULL), or the error that lost it. A member that fails rolls back to its own savepoint and
// the others' work stays; if SQLite rolled the whole transaction back (an I/O error, a full disk), every
// member already in the group gets that error too, so nobody is told "done" for work that was lost.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>

#include "simpul/core/result.hpp"
#include "simpul/storage/db.hpp"

namespace simpul::server {

class WriteGroup {
 public:
  struct Options {
    std::size_t max_members = 16;  // 1: every write transaction commits on its own
    int wait_ms = 15000;           // waiting for the writer longer than this is "busy" (transient)
  };
  struct Counts {
    std::uint64_t members = 0;  // write transactions committed into a group
    std::uint64_t commits = 0;  // COMMITs (one fsync each)
  };

  class Member;

  WriteGroup(std::unique_ptr<storage::Database> db, Options options);
  ~WriteGroup();
  WriteGroup(const WriteGroup&) = delete;
  WriteGroup& operator=(const WriteGroup&) = delete;

  // Waits for the writer, begins the group's transaction if none is open, and opens this member's savepoint.
  Result<Member> join();

  std::size_t waiting() const;
  Counts counts() const;

 private:
  struct Outcome {
    bool done = false;
    Status status;
  };

  // With the writer held: commits (or, with no member in it, rolls back) the open transaction when nobody
  // waits or the group is full, then frees the writer. `lock` is held on entry and exit.
  void release(std::unique_lock<std::mutex>& lock);
  void finish(std::unique_lock<std::mutex>& lock, Status status);
  Status member_commit(const std::shared_ptr<Outcome>& outcome);
  void member_rollback() noexcept;

  std::unique_ptr<storage::Database> db_;
  Options options_;
  mutable std::mutex mu_;
  std::condition_variable free_;  // the writer was released
  std::condition_variable done_;  // a group finished
  bool held_ = false;             // a member (or a committer) is using db_
  std::size_t waiting_ = 0;       // join() calls waiting for the writer
  bool open_ = false;             // a transaction is open on db_
  std::size_t members_ = 0;       // members committed into the open transaction
  std::shared_ptr<Outcome> outcome_;
  Counts counts_;
};

// One write transaction's turn on the writer: rolls back to its savepoint unless committed.
class WriteGroup::Member {
 public:
  Member(Member&& o) noexcept : group_(o.group_), outcome_(std::move(o.outcome_)) { o.group_ = nullptr; }
  Member(const Member&) = delete;
  Member& operator=(const Member&) = delete;
  Member& operator=(Member&&) = delete;
  ~Member() { rollback(); }

  storage::Database& db() const { return *group_->db_; }
  // Returns once the group's COMMIT has finished: ok, or the error that lost this member's work.
  Status commit();
  void rollback() noexcept;

 private:
  friend class WriteGroup;
  Member(WriteGroup* group, std::shared_ptr<Outcome> outcome) : group_(group), outcome_(std::move(outcome)) {}
  WriteGroup* group_;
  std::shared_ptr<Outcome> outcome_;
};

}  // namespace simpul::server
