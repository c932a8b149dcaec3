#include "simpul/sync/engine.hpp"

#include <algorithm>
#include <random>

#include "simpul/sync/sync_state.hpp"

namespace simpul::sync {
namespace {

std::uint64_t seed_or_random(std::uint64_t seed) {
  if (seed != 0) return seed;
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

// Phases worth remembering across restarts; the busy ones are only true while a cycle runs.
bool resting(Phase p) {
  return p == Phase::idle || p == Phase::backing_off || p == Phase::incompatible || p == Phase::revoked ||
         p == Phase::not_enrolled;
}

}  // namespace

Result<std::unique_ptr<SyncEngine>> SyncEngine::open(EngineOptions options, const Clock& clock,
                                                     std::unique_ptr<Transport> transport) {
  auto replica = storage::Replica::open(options.db_path, clock, options.open);
  if (!replica.ok()) return replica.error();
  std::unique_ptr<SyncEngine> engine(
      new SyncEngine(std::move(options), clock, std::move(transport), std::move(replica).value()));
  auto persisted = read_status(engine->replica_->db());
  if (!persisted.ok()) return persisted.error();
  engine->status_ = std::move(persisted).value();
  // Whatever happened before this process, try once now (a restart after an update may fix a 426).
  engine->requested_ = true;
  engine->next_periodic_ = clock.steady_ms() + engine->options_.interval.count();
  return engine;
}

SyncEngine::SyncEngine(EngineOptions options, const Clock& clock, std::unique_ptr<Transport> transport,
                       std::unique_ptr<storage::Replica> replica)
    : options_(std::move(options)),
      clock_(clock),
      transport_(std::move(transport)),
      replica_(std::move(replica)),
      client_(*replica_, *transport_, options_.client),
      backoff_(options_.backoff_base, options_.backoff_cap, seed_or_random(options_.seed)) {
  client_.set_events(ClientEvents{[this](Phase p) { set_phase(p); }, [this](const Progress& p) { set_progress(p); }});
}

SyncEngine::~SyncEngine() { stop(); }

void SyncEngine::start() {
  std::lock_guard lock(mu_);
  if (worker_.joinable()) return;
  stop_ = false;
  worker_ = std::thread([this] { worker(); });
}

void SyncEngine::stop() {
  {
    std::lock_guard lock(mu_);
    if (!worker_.joinable()) return;
    stop_ = true;
  }
  transport_->cancel();
  cv_.notify_all();
  worker_.join();
  transport_->resume();
}

bool SyncEngine::running() const {
  std::lock_guard lock(mu_);
  return worker_.joinable() && !stop_;
}

void SyncEngine::sync_now() {
  {
    std::lock_guard lock(mu_);
    requested_ = true;
    wake_ = true;
  }
  cv_.notify_all();
}

void SyncEngine::notify_local_change() {
  {
    std::lock_guard lock(mu_);
    const std::int64_t now = clock_.steady_ms();
    if (!first_change_) first_change_ = now;
    last_change_ = now;
    // Not "synced" from this instant; the worker recounts exactly in a moment.
    status_.pending_ops += 1;
    counts_dirty_ = true;
    wake_ = true;
  }
  cv_.notify_all();
}

SyncStatus SyncEngine::status() const {
  std::lock_guard lock(mu_);
  return status_;
}

void SyncEngine::set_listener(std::function<void(const SyncStatus&)> listener) {
  std::lock_guard lock(mu_);
  listener_ = std::move(listener);
}

void SyncEngine::publish() {
  std::function<void(const SyncStatus&)> listener;
  SyncStatus copy;
  {
    std::lock_guard lock(mu_);
    listener = listener_;
    copy = status_;
  }
  if (listener) listener(copy);
}

void SyncEngine::set_phase(Phase phase) {
  {
    std::lock_guard lock(mu_);
    if (status_.phase == phase) return;
    if (resting(status_.phase) && !resting(phase)) phase_before_attempt_ = status_.phase;
    status_.phase = phase;
  }
  publish();
}

void SyncEngine::set_progress(const Progress& progress) {
  {
    std::lock_guard lock(mu_);
    status_.progress = progress;
  }
  publish();
}

void SyncEngine::refresh_counts() {
  SyncStatus fresh;
  const bool ok = sync::refresh_counts(replica_->db(), fresh).ok();
  {
    std::lock_guard lock(mu_);
    if (ok) {
      status_.pending_ops = fresh.pending_ops;
      status_.rejected_ops = fresh.rejected_ops;
      status_.rejected = std::move(fresh.rejected);
      status_.open_conflicts = fresh.open_conflicts;
      status_.cursor = fresh.cursor;
      status_.enrolled = fresh.enrolled;
      status_.facility = fresh.facility;
    }
  }
  publish();
}

std::optional<std::int64_t> SyncEngine::due_at_locked() const {
  const std::int64_t now = clock_.steady_ms();
  if (requested_) return now;
  if (halted_) return std::nullopt;
  if (retry_at_) return *retry_at_;  // while backing off neither changes nor the period hurry it
  std::int64_t due = next_periodic_;
  if (first_change_ && last_change_) {
    due = std::min(due, std::min(*last_change_ + options_.debounce.count(), *first_change_ + options_.max_debounce.count()));
  }
  return due;
}

std::optional<std::int64_t> SyncEngine::next_due_ms() const {
  std::lock_guard lock(mu_);
  return due_at_locked();
}

StepOutcome SyncEngine::run_due() {
  bool probe = false;
  {
    std::lock_guard lock(mu_);
    const auto due = due_at_locked();
    if (!due || *due > clock_.steady_ms()) return StepOutcome{};
    probe = probe_first_ && !requested_;
    requested_ = false;
  }
  if (probe) {
    // Offline: a cheap probe first, so a dead link costs one small request per backoff step.
    auto seen = client_.probe();
    if (!seen.ok()) {
      on_failure(seen.error());
      return StepOutcome{StepKind::probe, false, seen.error().code, {}};
    }
    std::lock_guard lock(mu_);
    status_.online = Online::online;
  }
  auto cycle = run_cycle();
  if (!cycle.ok()) return StepOutcome{StepKind::cycle, false, cycle.error().code, {}};
  return StepOutcome{StepKind::cycle, true, {}, std::move(cycle).value()};
}

bool SyncEngine::digest_due() {
  auto state = load_sync_state(replica_->db());
  if (!state.ok()) return false;
  if (state->reset_pending) return false;
  const bool stale =
      !state->last_digest_at_ms || clock_.now_ms() - *state->last_digest_at_ms >= options_.digest_interval.count() ||
      *state->last_digest_at_ms > clock_.now_ms();
  if (!stale) return false;
  // Unconfirmed local changes make the digests differ by design: verify only when nothing is pending.
  auto pending = replica_->db().query_int("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sent')");
  return pending.ok() && pending->value_or(1) == 0;
}

Result<CycleReport> SyncEngine::run_cycle() {
  {
    std::lock_guard lock(mu_);
    requested_ = false;
    first_change_.reset();
    last_change_.reset();
  }
  if (!replica_->device().enrolled()) {
    const Error e = make_error(ErrorKind::permanent, "not_enrolled", "this replica is not enrolled");
    on_failure(e);
    return e;
  }
  Result<CycleReport> result = make_error(ErrorKind::transient, "sync.not_run", "not run");
  for (int attempt = 0;; ++attempt) {
    result = client_.sync_once();
    // The answer was lost after the server may have committed: send again now. The exactly-once key
    // turns a replay into "duplicate", never a second application.
    if (result.ok() || !is_ambiguous(result.error()) || attempt >= options_.ambiguous_retries) break;
  }
  if (!result.ok()) {
    on_failure(result.error());
    return result;
  }
  std::string note;
  if (result->pull.reset || digest_due()) {
    auto digest = client_.check_digest(/*repair=*/true);
    if (!digest.ok()) {
      note = "digest check failed: " + digest.error().message;
    } else if (!digest->equal_after) {
      note = "replica differs from the server after repair";
    }
  }
  on_success(*result, note);
  return result;
}

void SyncEngine::on_success(const CycleReport& /*report*/, const std::string& note) {
  backoff_.reset();
  {
    std::lock_guard lock(mu_);
    retry_at_.reset();
    probe_first_ = false;
    halted_ = false;
    next_periodic_ = clock_.steady_ms() + options_.interval.count();
    status_.online = Online::online;
    status_.phase = Phase::idle;
    status_.progress = Progress{};
    status_.last_cycle_complete = true;
    status_.last_sync_at_ms = clock_.now_ms();
    status_.last_error = note;
    status_.next_attempt_at_ms.reset();
  }
  finish_attempt(true);
}

void SyncEngine::on_failure(const Error& e) {
  {
    std::lock_guard lock(mu_);
    status_.last_cycle_complete = false;
    status_.progress = Progress{};
    if (is_cancelled(e)) {
      // Stopping (Ctrl-C, a deadline, shutdown) learns nothing about the link: the status stays what the last
      // finished attempt said (offline and backing off stays so), never a reassuring "idle".
      if (!resting(status_.phase)) status_.phase = phase_before_attempt_;
    } else {
      status_.last_error = e.message;
    }
  }
  if (is_cancelled(e)) {
    finish_attempt(false);
    return;
  }
  {
    std::lock_guard lock(mu_);
    status_.next_attempt_at_ms.reset();
    if (e.kind == ErrorKind::unauthorized || e.code == "protocol_mismatch" || e.code == "not_enrolled") {
      // Retrying cannot help: stop until someone acts (re-enroll, update) and asks again.
      halted_ = true;
      retry_at_.reset();
      probe_first_ = false;
      status_.phase = e.code == "protocol_mismatch" ? Phase::incompatible
                      : e.code == "not_enrolled"    ? Phase::not_enrolled
                                                    : Phase::revoked;
      if (e.code != "not_enrolled") status_.online = Online::online;  // the server answered
    } else {
      halted_ = false;
      const auto delay = backoff_.next();
      retry_at_ = clock_.steady_ms() + delay.count();
      status_.next_attempt_at_ms = clock_.now_ms() + delay.count();
      status_.phase = Phase::backing_off;
      const bool unreachable = is_network_error(e) && !is_ambiguous(e);
      probe_first_ = unreachable;
      // A network failure says offline; an answer from the server (5xx, a garbled body) says online; a
      // local database error says nothing about the link.
      if (is_network_error(e)) status_.online = Online::offline;
      else if (e.code.rfind("sqlite.", 0) != 0) status_.online = Online::online;
    }
  }
  finish_attempt(false);
}

void SyncEngine::finish_attempt(bool complete) {
  AttemptOutcome outcome;
  {
    std::lock_guard lock(mu_);
    outcome.at_ms = clock_.now_ms();
    outcome.complete = complete;
    outcome.error = status_.last_error;
    outcome.phase = resting(status_.phase) ? to_string(status_.phase) : "idle";
    if (status_.online != Online::unknown) outcome.online = status_.online == Online::online;
    outcome.next_attempt_at_ms = status_.next_attempt_at_ms;
  }
  // Best effort: the status row is informative; the data itself is already committed.
  (void)save_outcome(replica_->db(), outcome);
  refresh_counts();
}

void SyncEngine::worker() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (counts_dirty_) {
      counts_dirty_ = false;
      lock.unlock();
      refresh_counts();
      lock.lock();
      continue;
    }
    const std::int64_t now = clock_.steady_ms();
    const auto due = due_at_locked();
    if (due && *due <= now) {
      lock.unlock();
      run_due();
      lock.lock();
      continue;
    }
    // Wake for the next due time, but re-check at least every second (clock jumps, suspend).
    const std::int64_t wait = due ? std::clamp<std::int64_t>(*due - now, 1, 1000) : 1000;
    cv_.wait_for(lock, std::chrono::milliseconds(wait), [this] { return stop_ || wake_; });
    wake_ = false;
  }
}

}  // namespace simpul::sync
