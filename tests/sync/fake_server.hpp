#pragma once
// An in-memory stand-in for simpul-server that speaks the real wire format (docs/SYNC_PROTOCOL.md), and a
// Transport that delivers requests to it with faults injected where a test says. Small on purpose: one
// scope (everything), last-writer-wins by arrival, enough merge behaviour to exercise the client engine
// (exactly-once keys, rejections, duplicate-registration aliases, bootstrap snapshots, change log pages,
// client reset, digests).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/protocol.hpp"
#include "simpul/sync/transport.hpp"

namespace simpul::test {

class FakeServer {
 public:
  explicit FakeServer(const Clock& clock) : clock_(clock) {}

  sync::HttpResponse handle(const sync::HttpRequest& request);

  // ---- knobs ----
  std::int64_t skew_ms = 0;        // server clock = test clock + skew
  bool revoked = false;            // every authenticated call: 401 device_revoked
  bool incompatible = false;       // every call: 426
  int fail_next_with_503 = 0;      // the next N authenticated calls answer 503
  std::int64_t min_retained_tx = 0;  // a pull with 0 < cursor < this gets reset_required
  std::string enroll_code = "123456";
  // A reason to reject an op, or nullopt to apply it.
  std::function<std::optional<std::string>(const sync::WireOp&)> reject_if;

  // ---- server-side changes (another desk, the business process), each in its own transaction ----
  void put(const std::string& entity, const std::string& id, const storage::Fields& fields,
           const std::string& hlc = "");
  void remove(const std::string& entity, const std::string& id);
  // Merges a duplicate: references to `alias` now name `canonical`, and devices receive an alias row.
  void merge(const std::string& entity, const std::string& alias, const std::string& canonical);
  // Changes a row without logging it: the client can only find out through a digest.
  void corrupt(const std::string& entity, const std::string& id, const storage::Fields& fields);
  std::int64_t last_tx() const { return next_tx_ - 1; }

  // ---- inspection ----
  std::optional<storage::Fields> row(const std::string& entity, const std::string& id) const;
  std::size_t row_count(const std::string& entity) const;
  std::string digest() const;
  int applied_ops() const { return applied_; }          // ops applied (first time) across devices
  int calls(const std::string& path) const;
  int total_calls() const;
  std::vector<sync::PullRequest> pulls;                  // every pull request, in order
  std::vector<sync::PushRequest> pushes;

 private:
  struct LogEntry {
    std::int64_t tx = 0;
    std::string entity;
    std::string id;
    bool alias = false;
    std::string canonical;
  };
  sync::HttpResponse push(const std::string& device, const std::string& body);
  sync::HttpResponse pull(const std::string& body);
  sync::HttpResponse digest_call(const std::string& body);
  sync::HttpResponse enroll(const std::string& body);
  std::int64_t now_ms() const { return clock_.now_ms() + skew_ms; }
  void log(std::int64_t tx, const std::string& entity, const std::string& id);
  void append_row(std::vector<sync::EntityBlock>& blocks, const std::string& entity, sync::WireRow row) const;
  sync::WireRow current_row(const std::string& entity, const std::string& id) const;

  const Clock& clock_;
  std::map<std::string, std::map<std::string, storage::Fields>> rows_;  // entity -> id -> fields (no "id")
  std::map<std::string, std::string> hlc_;                              // entity/id -> newest hlc
  std::vector<LogEntry> log_;
  std::int64_t next_tx_ = 1;
  std::map<std::pair<std::string, std::int64_t>, sync::OpResult> verdicts_;  // (device, seq) -> first answer
  std::map<std::string, std::string> tokens_;
  std::map<std::string, std::string> aliases_;  // merged id -> canonical id                               // device id -> token
  int applied_ = 0;
  int devices_ = 0;
  std::map<std::string, int> calls_;
};

// Delivers requests to a FakeServer in-process. Faults are consumed one per matching request.
class FakeTransport : public sync::Transport {
 public:
  explicit FakeTransport(FakeServer& server) : server_(server) {}

  struct Fault {
    enum class When { before, after };  // before: the server never sees it; after: it did, the answer is lost
    When when = When::before;
    sync::NetFailure failure = sync::NetFailure::connect;
    std::string path;  // only requests to this path ("" = any)
    int after = 0;     // let this many matching requests through first
  };
  void add_fault(Fault fault);
  void set_down(bool down);  // every request fails to connect
  void set_block(bool block);  // requests hang until cancel() (or 10 s)
  int calls() const;
  int calls(const std::string& path) const;
  bool in_flight() const;

  void cancel() override;
  void resume() override;
  void set_base_url(const std::string& url) override;
  std::string base_url() const override;

 protected:
  Result<sync::HttpResponse> exchange(const sync::HttpRequest& request) override;

 private:
  FakeServer& server_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Fault> faults_;
  bool down_ = false;
  bool block_ = false;
  bool cancelled_ = false;
  bool in_flight_ = false;
  std::string url_ = "http://fake";
  std::map<std::string, int> calls_;
};

}  // namespace simpul::test
