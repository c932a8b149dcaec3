#pragma once
// The client side of the sync protocol (docs/SYNC_PROTOCOL.md), one operation per call, over a replica
// connection and a Transport. No threads and no waiting here: the SyncEngine decides when to call, and
// retries. Each call leaves the replica consistent whatever happens to the network: ops are marked
// confirmed or rejected in one local transaction per answer, and every pulled page is stored together
// with its cursor.
#include <cstdint>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/protocol.hpp"
#include "simpul/sync/status.hpp"
#include "simpul/sync/transport.hpp"

namespace simpul::sync {

struct ClientOptions {
  std::size_t push_max_ops = 1000;         // per request (the protocol's limit)
  std::size_t push_max_bytes = 4u << 20;   // about, of field text
  std::uint32_t pull_max_rows = 5000;
  std::uint32_t pull_max_bytes = 1u << 20;  // a page a slow link carries well within the request timeout
  std::string device_name;                  // shown to operators at enrollment (default: host name)
  // Other HLCs that must learn what this connection learns (the UI connection's replica clock): they
  // observe pulled timestamps and take the server clock offset.
  std::vector<HybridClock*> shared_clocks;
};

struct PushReport {
  int requests = 0;
  std::int64_t sent = 0;
  std::int64_t applied = 0;
  std::int64_t duplicate = 0;
  std::int64_t merged = 0;
  std::int64_t rejected = 0;
  std::vector<RejectedOp> newly_rejected;
};

struct PullReport {
  int pages = 0;
  std::uint64_t upserts = 0;
  std::uint64_t removes = 0;
  std::uint64_t leaves = 0;
  std::uint64_t aliases = 0;
  std::uint64_t bytes = 0;  // compressed bytes received
  bool bootstrap = false;   // the pull ran (part of) a bootstrap
  bool reset = false;       // the server asked for a client reset and it was done
  std::int64_t cursor = 0;  // where the next pull starts
};

struct RepairReport {
  bool equal = false;        // the digests matched (before any repair)
  bool repaired = false;     // differing buckets were replaced
  bool equal_after = false;  // the digests match after the repair
  std::string local_digest;
  std::string server_digest;
  std::size_t differing_buckets = 0;
  std::uint64_t rows_written = 0;
  std::uint64_t rows_removed = 0;
  std::uint64_t rows_kept = 0;  // rows with unconfirmed local ops left alone
};

struct CycleReport {
  PushReport push;
  PullReport pull;
};

// Hooks for the status model; called on the calling thread.
struct ClientEvents {
  std::function<void(Phase)> on_phase;
  std::function<void(const Progress&)> on_progress;
};

class SyncClient {
 public:
  SyncClient(storage::Replica& replica, Transport& transport, ClientOptions options = {});

  void set_events(ClientEvents events) { events_ = std::move(events); }
  storage::Replica& replica() { return replica_; }

  // Trades a one-time code for a device id and token, stored in the replica (the token only there).
  // Refuses when the replica is already enrolled.
  Result<EnrollResponse> enroll(const std::string& server_url, const std::string& facility, const std::string& code);

  // Sends unconfirmed outbox ops in seq order, in batches, until none that existed when it started
  // remain unconfirmed (rejected ones leave the queue for the needs-attention list).
  Result<PushReport> push();
  // Pulls pages until the server has no more; handles bootstrap, resume and client reset. A page that
  // times out makes the next ones smaller (down to 1/16 of the configured size).
  Result<PullReport> pull();
  std::uint32_t page_bytes() const { return page_bytes_; }
  // push() then pull(): ok only when the whole exchange completed.
  Result<CycleReport> sync_once();
  // Compares the scope digest with the server's; with `repair`, replaces the differing buckets.
  Result<RepairReport> check_digest(bool repair = true);
  // GET /healthz: is the server reachable?
  Status probe();

 private:
  // One pull request and its decoded answer, timed where it ran.
  struct PullExchange {
    Result<PullResponse> body = PullResponse{};
    bool answered = false;   // the server answered (body holds the answer or why it is unreadable)
    std::uint64_t bytes = 0;  // compressed size of the answer
    std::int64_t sent_at_ms = 0;
    std::int64_t received_at_ms = 0;
  };

  Headers headers(bool authenticated);
  // Checks enrollment, points the transport at the device's server and builds the headers.
  Result<Headers> prepare_call(bool authenticated);
  // `where`: std::launch::async to fetch while this thread applies the previous page, deferred to fetch on get().
  std::future<PullExchange> send_pull(const PullRequest& request, std::launch where);
  Result<std::string> call(const std::string& path, const std::string& body, bool authenticated);
  void learn_clock(std::int64_t server_time_ms, std::int64_t sent_at_ms, std::int64_t received_at_ms);
  Status persist_clock(const std::string& newest_hlc);
  void phase(Phase p);

  storage::Replica& replica_;
  Transport& transport_;
  ClientOptions options_;
  ClientEvents events_;
  // Pull page size in force: halved after a page timed out (a slower link than pages were sized for),
  // grown back after pages that arrive.
  std::uint32_t page_rows_;
  std::uint32_t page_bytes_;
};

}  // namespace simpul::sync
