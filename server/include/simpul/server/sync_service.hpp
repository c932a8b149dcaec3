#pragma once
// The central server's sync service: enrollment, authentication, push (exactly-once, per-op verdicts),
// pull (change log pages and bootstrap snapshots), digest and repair, and the operator commands.
// Store-agnostic: every rule lives here and in the files it uses, over the Store interface.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/server/store.hpp"
#include "simpul/sync/protocol.hpp"
#include "simpul/sync/rows.hpp"

namespace simpul::server {

struct ServiceOptions {
  std::int64_t enroll_code_ttl_ms = 24LL * 3600 * 1000;
  std::size_t max_ops_per_push = 1000;
  std::uint32_t max_page_rows = 20000;     // a client asking for more gets this many
  std::uint32_t max_page_bytes = 8u << 20;
  int default_retention_days = 180;
};

struct AuthedDevice {
  std::string device_id;
  std::string facility;
};

struct PushStats {
  int applied = 0, duplicate = 0, merged = 0, rejected = 0;
};

struct PullStats {
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;  // value bytes, before compression
  bool snapshot = false;
  bool reset_required = false;
};

// Refusals carry a stable code the HTTP layer maps to a status (see http_server.cpp):
//   unauthorized / device_revoked -> 401, enroll_* -> 403, bad_request -> 400, others -> 5xx.
class SyncService {
 public:
  SyncService(Store& store, const Clock& clock, ServiceOptions options = {});

  Result<sync::EnrollResponse> enroll(const sync::EnrollRequest& request);
  // "Bearer <device_id>.<token>".
  Result<AuthedDevice> authenticate(std::string_view authorization);
  // The same, inside a read snapshot the caller already holds (a pull authenticates and reads in one
  // transaction: see begin_read).
  Result<AuthedDevice> authenticate(std::string_view authorization, StoreRead& read);
  Result<sync::PushResponse> push(const AuthedDevice& device, const sync::PushRequest& request,
                                  PushStats* stats = nullptr);
  Result<sync::PullResponse> pull(const AuthedDevice& device, const sync::PullRequest& request,
                                  PullStats* stats = nullptr);
  // A pull served from `read` (the snapshot the device was authenticated in); the snapshot ends before
  // any bookkeeping write.
  Result<sync::PullResponse> pull(const AuthedDevice& device, const sync::PullRequest& request, PullStats* stats,
                                  std::unique_ptr<StoreRead> read);
  // A read snapshot for authenticate(…, read) followed by pull(…, read).
  Result<std::unique_ptr<StoreRead>> begin_read() { return store_.read(); }
  Result<sync::DigestResponse> digest(const AuthedDevice& device, const sync::DigestRequest& request);

  // ---- operator commands ----
  // A one-time enrollment code for `facility`, valid for options.enroll_code_ttl_ms.
  Result<std::string> create_enroll_code(const std::string& facility);
  Status revoke_device(const std::string& device_id);
  Result<std::vector<DeviceRecord>> devices();
  Result<std::vector<FacilitySummary>> facilities();
  // The scope digest of `facility`, computed exactly as a replica computes it (sync::replica_digest).
  Result<sync::ScopeDigest> facility_digest(const std::string& facility);
  // Drops change-log entries and tombstone content older than the retention period.
  Result<CompactCounts> compact(int retention_days);
  // Conflict records (all, or those a facility sees), as JSON objects.
  Result<std::vector<Fields>> conflicts(const std::optional<std::string>& facility);
  // Queue-number slots (docs/SYNC_PROTOCOL.md): the queue_slot rows, all or one facility's.
  Result<std::vector<Fields>> queue_slots(const std::optional<std::string>& facility);
  // Frees a live device's slot for another (only for devices that never issue numbers, e.g. a display
  // board or a poli caller) and hands it to the facility's oldest device without one.
  Status free_queue_slot(const std::string& device_id);
  // Gives a device without a slot the lowest free one (nullopt: all eight are held).
  Result<std::optional<int>> give_queue_slot(const std::string& device_id);
  Result<std::int64_t> last_tx();

  Store& store() { return store_; }
  const Clock& clock() const { return clock_; }
  // The clock that stamps fields the server writes itself (queue slots, Mobile JKN bookings).
  HybridClock& hlc() { return hlc_; }

 private:
  Result<sync::PullResponse> snapshot_page(StoreRead& read, const AuthedDevice& device,
                                           const sync::PullRequest& request, std::int64_t last_tx,
                                           PullStats& stats);
  Result<sync::PullResponse> log_page(StoreRead& read, const AuthedDevice& device, const sync::PullRequest& request,
                                      std::int64_t last_tx, PullStats& stats);
  Result<sync::ScopeDigest> scope_digest(StoreRead& read, const std::string& facility,
                                         std::vector<std::vector<sync::WireRow>>* keep);
  Result<std::vector<Fields>> rows_of(const char* entity, const std::optional<std::string>& facility);
  void note_seen(const AuthedDevice& device, std::int64_t cursor);
  // A queue_slot row for a device enrolled before slots existed (once per device and process).
  void ensure_queue_slot(const AuthedDevice& device);

  Store& store_;
  const Clock& clock_;
  ServiceOptions options_;
  HybridClock hlc_;  // stamps of server-written fields
  std::mutex seen_mu_;
  std::unordered_map<std::string, std::int64_t> last_seen_written_;
  std::unordered_set<std::string> slotted_;  // devices known to have a queue_slot row
};

// SHA-256 of a text, lowercase hex (tokens and enrollment codes are stored only this way).
std::string sha256_hex(std::string_view text);
// Random bytes as lowercase hex (libsodium randombytes_buf).
std::string random_hex(std::size_t bytes);

}  // namespace simpul::server
