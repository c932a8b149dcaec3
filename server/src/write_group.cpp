#include "simpul/server/write_group.hpp"

#include <chrono>
#include <utility>

namespace simpul::server {

WriteGroup::WriteGroup(std::unique_ptr<storage::Database> db, Options options)
    : db_(std::move(db)), options_(options) {
  if (options_.max_members == 0) options_.max_members = 1;
}

WriteGroup::~WriteGroup() {
  if (open_) (void)db_->exec("ROLLBACK");
}

std::size_t WriteGroup::waiting() const {
  std::lock_guard lock(mu_);
  return waiting_;
}

WriteGroup::Counts WriteGroup::counts() const {
  std::lock_guard lock(mu_);
  return counts_;
}

Result<WriteGroup::Member> WriteGroup::join() {
  std::unique_lock lock(mu_);
  ++waiting_;
  const bool free = free_.wait_for(lock, std::chrono::milliseconds(options_.wait_ms), [&] { return !held_; });
  --waiting_;
  if (!free) return make_error(ErrorKind::transient, "store.busy", "the server's writer stayed busy");
  held_ = true;
  if (!open_) {
    lock.unlock();
    // Other processes (operator commands on the same file) are waited for by SQLite's busy timeout.
    Status begun = db_->exec("BEGIN IMMEDIATE");
    lock.lock();
    if (!begun.ok()) {
      release(lock);
      return begun.error();
    }
    open_ = true;
    outcome_ = std::make_shared<Outcome>();
  }
  Member member(this, outcome_);
  lock.unlock();
  Status marked = db_->exec("SAVEPOINT member");
  if (!marked.ok()) {
    member.rollback();
    return marked.error();
  }
  return member;
}

void WriteGroup::release(std::unique_lock<std::mutex>& lock) {
  if (open_ && (waiting_ == 0 || members_ >= options_.max_members)) {
    const bool any = members_ > 0;
    lock.unlock();
    Status status = db_->exec(any ? "COMMIT" : "ROLLBACK");
    if (!status.ok() && db_->in_transaction()) (void)db_->exec("ROLLBACK");
    lock.lock();
    if (any && status.ok()) ++counts_.commits;
    finish(lock, std::move(status));
  }
  held_ = false;
  free_.notify_one();
}

void WriteGroup::finish(std::unique_lock<std::mutex>&, Status status) {
  if (outcome_) {
    outcome_->done = true;
    outcome_->status = std::move(status);
  }
  outcome_.reset();
  open_ = false;
  members_ = 0;
  done_.notify_all();
}

Status WriteGroup::member_commit(const std::shared_ptr<Outcome>& outcome) {
  Status released = db_->exec("RELEASE member");
  if (!released.ok()) {
    member_rollback();
    return released;
  }
  std::unique_lock lock(mu_);
  ++members_;
  ++counts_.members;
  // Commits now unless another write transaction is waiting to join (then the last one in commits).
  release(lock);
  done_.wait(lock, [&] { return outcome->done; });
  return outcome->status;
}

void WriteGroup::member_rollback() noexcept {
  bool lost = !db_->in_transaction();  // SQLite rolled the whole transaction back after an error
  if (!lost && !db_->exec("ROLLBACK TO member; RELEASE member").ok()) {
    (void)db_->exec("ROLLBACK");
    lost = true;
  }
  std::unique_lock lock(mu_);
  if (lost && open_) {
    // The members already in the group lost their work with it: they are told so, never "done".
    finish(lock, make_error(ErrorKind::transient, "store.group_lost",
                            "another request's failure rolled the shared transaction back: retry"));
  }
  release(lock);
}

Status WriteGroup::Member::commit() {
  if (group_ == nullptr) return make_error(ErrorKind::permanent, "tx.done", "transaction already finished");
  WriteGroup* group = std::exchange(group_, nullptr);
  return group->member_commit(outcome_);
}

void WriteGroup::Member::rollback() noexcept {
  if (group_ == nullptr) return;
  std::exchange(group_, nullptr)->member_rollback();
}

}  // namespace simpul::server
