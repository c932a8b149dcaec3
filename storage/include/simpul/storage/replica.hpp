#pragma once
// The local replica: one SQLite file holding the facility's data, this device's identity and its
// change capture. Every domain write goes through upsert()/remove(), which append the outbox op
// (what the sync engine pushes) and the audit entry in the SAME transaction as the row itself,
// so a crash at any instant leaves either all three or none.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "simpul/core/clock.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::storage {

// A row's fields: column name -> string | integer | real | null.
using Fields = nlohmann::json;

struct Actor {
  std::string user_id;
  std::string username;
  static Actor system() { return Actor{"", "system"}; }
};

// The audit action of rows a bootstrap inserted in bulk: one entry per entity and snapshot page, entity_id
// empty, `after` = {"rows", "first_id", "last_id"}; a record's history finds it by its id in that range.
inline constexpr const char* kBootstrapAuditAction = "sync-bootstrap";

// Local setting holding the HLC's ClockAnchor (server time at a monotonic instant of this boot).
inline constexpr const char* kClockAnchorSetting = "sync.clock_anchor";

struct DeviceInfo {
  std::string install_id;  // generated at init; the HLC node id
  std::string device_id;   // assigned at enrollment (empty before)
  std::string facility;    // PPK code of the enrolled facility
  std::string server_url;
  std::optional<std::int64_t> enrolled_at_ms;
  bool enrolled() const { return !device_id.empty(); }
};

class Replica {
 public:
  // Opens (creating if needed) and migrates the replica.
  static Result<std::unique_ptr<Replica>> open(const std::string& path, const Clock& clock,
                                               const OpenOptions& options = {});

  Database& db() { return db_; }
  const Clock& clock() const { return *clock_; }
  HybridClock& hlc() { return *hlc_; }
  const std::string& path() const { return db_.path(); }

  DeviceInfo device();
  Status save_enrollment(const DeviceInfo& info, const std::string& token);
  // Rows written before enrollment carry an empty facility (the device had none yet): stamps the enrolled
  // facility onto those rows and onto their unsent ops, so the server takes them as this facility's rather
  // than refusing them out of scope. Call in the enrollment's transaction.
  Status adopt_facility(const std::string& facility);
  std::string device_token();  // empty before enrollment

  // ---- change capture (call inside a Transaction on db()) ----
  // Inserts or updates `id` with `fields` (unknown columns are rejected). Only fields whose value
  // differs are written, captured and audited; returns false when nothing changed.
  Result<bool> upsert(const Actor& who, std::string_view entity, const std::string& id, const Fields& fields);
  // Deletes the row (a tombstone op is captured). Missing row: not_found.
  Status remove(const Actor& who, std::string_view entity, const std::string& id);
  // Records that `who` looked at a record (own transaction).
  Status audit_view(const Actor& who, std::string_view entity, const std::string& id);
  // Appends an audit entry (for actions outside upsert/remove, e.g. discarding a rejected op).
  Status append_audit(const Actor& who, std::string_view entity, const std::string& id, std::string_view action,
                      const Fields& before, const Fields& after);

  // Reads a row as Fields (including "id"); nullopt when absent.
  Result<std::optional<Fields>> load(std::string_view entity, const std::string& id);

  // ---- applying changes from the server (no outbox op; audited as "sync") ----
  // Writes the server's state of the row (nullptr = deleted), then re-applies this device's
  // unconfirmed ops for the same row so local edits that are not yet on the server stay visible.
  Status apply_remote(std::string_view entity, const std::string& id, const Fields* fields);

  // Local settings (not synced).
  std::optional<std::string> setting(const std::string& key);
  Status set_setting(const std::string& key, const std::string& value);

  Replica(const Replica&) = delete;
  Replica& operator=(const Replica&) = delete;
  ~Replica() = default;

 private:
  Replica(Database db, const Clock& clock);
  Status write_row(const EntityDef& def, const std::string& id, const Fields& fields, bool exists);

  Database db_;
  const Clock* clock_;
  std::unique_ptr<HybridClock> hlc_;
};

// Encodes a JSON value for SQL binding according to the column type.
void bind_field(Statement& st, int index, const nlohmann::json& value);
// Reads column `col` of the current row as JSON.
nlohmann::json column_json(const Statement& st, int col);

}  // namespace simpul::storage
