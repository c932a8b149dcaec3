#pragma once
// The background sync engine: a worker thread with its own replica connection that runs SyncClient
// cycles when asked ("sync now"), shortly after local changes (debounced), periodically, and when a
// probe finds the server again after a failure. Failures back off with full jitter; a refused device
// or version stops the loop (no retry storm) until someone asks again.
//
// Time is injected (simpul::Clock). The decision logic is synchronous and testable without the thread:
// run_due() does whatever is due at the clock's current time, run_cycle() does one attempt now. The
// thread only waits on a condition variable (with timeouts) and calls run_due().
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "simpul/core/clock.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/backoff.hpp"
#include "simpul/sync/client.hpp"
#include "simpul/sync/status.hpp"
#include "simpul/sync/transport.hpp"

namespace simpul::sync {

struct EngineOptions {
  std::string db_path;
  storage::OpenOptions open;
  std::chrono::milliseconds interval{std::chrono::minutes(5)};       // periodic cycle when all is well
  std::chrono::milliseconds debounce{std::chrono::seconds(2)};       // quiet time after a local change
  std::chrono::milliseconds max_debounce{std::chrono::seconds(15)};  // a desk that keeps typing still syncs
  std::chrono::milliseconds backoff_base{std::chrono::seconds(1)};
  std::chrono::milliseconds backoff_cap{std::chrono::minutes(5)};
  std::uint64_t seed = 0;  // backoff jitter; 0 = from std::random_device
  int ambiguous_retries = 2;  // immediate resends after an ambiguous failure, within one attempt
  std::chrono::milliseconds digest_interval{std::chrono::hours(6)};  // verify the replica against the server
  ClientOptions client;
};

enum class StepKind { nothing, cycle, probe };
struct StepOutcome {
  StepKind kind = StepKind::nothing;
  bool ok = false;
  std::string error;    // code of the failure, "" when ok
  CycleReport report;   // what a successful cycle exchanged
};

class SyncEngine {
 public:
  // Opens the engine's own connection to options.db_path.
  static Result<std::unique_ptr<SyncEngine>> open(EngineOptions options, const Clock& clock,
                                                  std::unique_ptr<Transport> transport);
  ~SyncEngine();
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  // The worker thread. stop() cancels the transfer in flight and returns once the worker has exited
  // (bounded by the transport's cancellation latency, about a second).
  void start();
  void stop();
  bool running() const;

  // Thread-safe triggers.
  void sync_now();
  void notify_local_change();

  // A copy, taken under the engine's mutex.
  SyncStatus status() const;
  // Called after every status change, on the thread that changed it (the worker): post it to the UI
  // queue, do not block.
  void set_listener(std::function<void(const SyncStatus&)> listener);

  // ---- synchronous entry points (tests, simpulctl); not while the worker thread runs ----
  // Does what is due at the clock's current time (probe, cycle), or nothing.
  StepOutcome run_due();
  // One attempt now: a full exchange (ambiguous failures resent at once, up to ambiguous_retries), then a
  // digest check when one is due. Updates status, backoff and schedule like the worker does.
  Result<CycleReport> run_cycle();
  // When (Clock::steady_ms) something becomes due; nullopt while stopped on an error (only sync_now()
  // wakes it then).
  std::optional<std::int64_t> next_due_ms() const;

  Transport& transport() { return *transport_; }
  storage::Replica& replica() { return *replica_; }
  const Backoff& backoff() const { return backoff_; }

 private:
  SyncEngine(EngineOptions options, const Clock& clock, std::unique_ptr<Transport> transport,
             std::unique_ptr<storage::Replica> replica);
  std::optional<std::int64_t> due_at_locked() const;
  void worker();
  void on_success(const CycleReport& report, const std::string& note);
  void on_failure(const Error& error);
  void finish_attempt(bool complete);
  void set_phase(Phase phase);
  void set_progress(const Progress& progress);
  void refresh_counts();
  void publish();
  bool digest_due();

  EngineOptions options_;
  const Clock& clock_;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<storage::Replica> replica_;
  SyncClient client_;
  Backoff backoff_;  // worker side only

  mutable std::mutex mu_;
  std::condition_variable cv_;
  SyncStatus status_;
  Phase phase_before_attempt_ = Phase::idle;  // the resting phase a cycle started from
  std::function<void(const SyncStatus&)> listener_;
  // Schedule, in Clock::steady_ms.
  bool requested_ = false;                   // sync_now()
  std::optional<std::int64_t> first_change_;  // notify_local_change() since the last cycle
  std::optional<std::int64_t> last_change_;
  std::int64_t next_periodic_ = 0;
  std::optional<std::int64_t> retry_at_;     // backing off until then
  bool probe_first_ = false;                 // offline: ask /healthz before the next full attempt
  bool halted_ = false;                      // revoked, incompatible, not enrolled
  bool counts_dirty_ = false;
  bool stop_ = false;
  bool wake_ = false;
  std::thread worker_;
};

}  // namespace simpul::sync
