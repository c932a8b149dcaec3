#pragma once
// The sync protocol's messages (docs/SYNC_PROTOCOL.md). Plain structs; the wire encoding
// (cereal portable binary + zlib) lives in wire.hpp, beside and not inside these types.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace simpul::sync {

// Bumped when the wire format changes incompatibly. Every request carries it with the schema
// version; the server refuses a mismatch with HTTP 426 and a clear message, never a retry loop.
inline constexpr int kProtocolVersion = 1;

inline constexpr const char* kProtocolHeader = "X-Simpul-Protocol";
inline constexpr const char* kSchemaHeader = "X-Simpul-Schema";
inline constexpr const char* kContentType = "application/x-simpul";

// ---- enrollment ----
struct EnrollRequest {
  std::string facility;    // PPK code
  std::string code;        // one-time enrollment code from the operator
  std::string install_id;  // the replica's install id (HLC node id)
  std::string device_name; // free text shown to operators (hostname)
};

struct EnrollResponse {
  std::string device_id;
  std::string token;  // secret; sent as "Authorization: Bearer <device_id>.<token>"
  std::string facility_name;
  std::int64_t server_time_ms = 0;
};

// ---- push ----
struct WireOp {
  std::int64_t seq = 0;  // device sequence: (device_id, seq) is the exactly-once key
  std::string op_id;
  std::string entity;
  std::string entity_id;
  std::string kind;    // "upsert" | "delete"
  std::string fields;  // JSON object text
  std::string hlc;     // HlcTimestamp::encode()
  std::string user_id;
  std::int64_t base_cursor = 0;  // the device's pull cursor when it pushed: what it had seen
};

struct PushRequest {
  std::int64_t client_time_ms = 0;  // device wall clock now (+ learned offset): the server measures skew
  std::vector<WireOp> ops;
};

enum class Verdict : std::uint8_t { applied = 0, duplicate = 1, merged = 2, rejected = 3 };
const char* verdict_name(Verdict v);

struct OpResult {
  std::int64_t seq = 0;
  Verdict verdict = Verdict::applied;
  std::string reason;        // rejected: why (English; stable code first, "code: text")
  std::string canonical_id;  // merged into another record (duplicate registration): its id
  std::string winning;       // merged: JSON object of the fields whose stored value differs from the op
};

struct PushResponse {
  std::int64_t server_time_ms = 0;
  std::vector<OpResult> results;  // one per op, same order
};

// ---- pull ----
// Bootstrap walks a snapshot of every in-scope table (entity by entity, id by id) and then
// continues from the change log at the high-water mark taken when the snapshot began.
struct SnapshotPos {
  bool active = false;
  std::uint32_t entity_index = 0;  // into storage::entities()
  std::string after_id;            // last id delivered in that entity
  std::int64_t high_water = 0;     // change-log position the snapshot is consistent with
  std::uint64_t rows_done = 0;
  std::uint64_t rows_total = 0;    // estimate taken when the snapshot began
};

struct PullRequest {
  std::int64_t cursor = 0;  // last change-log transaction applied (0 = never synced: bootstrap)
  SnapshotPos snapshot;     // resume point of an unfinished bootstrap
  std::uint32_t max_rows = 5000;
  std::uint32_t max_bytes = 2u << 20;
};

enum class ChangeKind : std::uint8_t {
  upsert = 0,  // the row's full current state
  remove = 1,  // deleted (tombstone)
  leave = 2,   // left this device's scope: drop the local copy
  alias = 3,   // duplicate registration merged: re-point references to canonical_id, drop this id
};

struct WireRow {
  std::string id;
  ChangeKind kind = ChangeKind::upsert;
  std::string hlc;  // newest field timestamp of the row (the client's HLC observes it)
  std::vector<std::string> values;  // in the block's column order (upsert only)
  std::uint64_t null_mask = 0;      // bit i set = values[i] is NULL
  std::string canonical_id;         // alias only
};

// Rows of one entity share a column list: the page is sent column-wise per entity, compactly.
struct EntityBlock {
  std::string entity;
  std::vector<std::string> columns;  // excluding "id"
  std::vector<WireRow> rows;
};

struct PullResponse {
  std::vector<EntityBlock> blocks;
  std::int64_t cursor = 0;  // the cursor to store atomically with this page
  SnapshotPos snapshot;     // the bootstrap position to store with this page
  bool more = false;        // another page is ready now
  bool reset_required = false;  // the cursor is older than tombstone retention: client reset
  std::int64_t server_time_ms = 0;
};

// ---- digest and repair ----
inline constexpr int kDigestBuckets = 64;

struct DigestRequest {
  std::string digest;  // client's scope digest (hex)
  std::vector<std::string> bucket_digests;  // entities().size() * kDigestBuckets, hex
};

struct DigestResponse {
  std::string digest;   // server's scope digest
  bool equal = false;
  // Where they differ: the server's full content of each differing bucket (upsert rows only);
  // the client replaces the bucket's local rows with these.
  std::vector<EntityBlock> blocks;
  std::vector<std::uint32_t> differing_buckets;  // entity_index * kDigestBuckets + bucket
  std::int64_t cursor = 0;  // change-log position the repair content is consistent with
};

// Refusals come as a small JSON body {"error": code, "message": text} with an HTTP status:
// 401 unauthorized / device_revoked, 403 out_of_scope, 426 protocol_mismatch, 400 bad_request.

}  // namespace simpul::sync
