#pragma once
// The outbox: this device's captured changes, in device-sequence order, until the server confirms
// them. A rejected op leaves the queue for the "needs attention" list and never blocks later ops.
#include <cstdint>
#include <string>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/db.hpp"

namespace simpul::storage {

struct OutboxOp {
  std::int64_t seq = 0;  // device sequence number: with the device id, the op's exactly-once key
  std::string op_id;
  std::string entity;
  std::string entity_id;
  std::string kind;    // "upsert" | "delete"
  std::string fields;  // JSON object text
  std::string hlc;
  std::string user_id;
  std::int64_t created_at_ms = 0;
  std::string state;   // pending | sent | confirmed | rejected | discarded
  int attempts = 0;
  std::string result;  // server's verdict: applied | duplicate | merged | rejected
  std::string reason;  // why it was rejected
};

struct OutboxCounts {
  std::int64_t pending = 0;    // not yet confirmed by the server (pending + sent)
  std::int64_t rejected = 0;   // needs attention
  std::int64_t confirmed = 0;
};

class Outbox {
 public:
  explicit Outbox(Database& db) : db_(db) {}

  // Unconfirmed ops in seq order, at most `max_ops` and about `max_bytes` of field text.
  Result<std::vector<OutboxOp>> next_batch(std::size_t max_ops, std::size_t max_bytes = 4u << 20);
  Status mark_sent(const std::vector<std::int64_t>& seqs);
  Status confirm(std::int64_t seq, const std::string& result);
  // Many ops with the same verdict in one statement (a push answer); not_found unless every seq exists.
  Status confirm(const std::vector<std::int64_t>& seqs, const std::string& result);
  Status reject(std::int64_t seq, const std::string& reason);
  // Rejected op fixed by the user: back to the queue (keeps its seq; the server has not applied it).
  Status resend(std::int64_t seq);
  Status discard(std::int64_t seq);
  Result<OutboxCounts> counts();
  Result<std::vector<OutboxOp>> list(const std::string& state, std::size_t limit = 500);
  // Per-record sync state for the UI: "local" (never sent), "sent", "confirmed", "rejected", or "" (no ops).
  Result<std::string> record_state(const std::string& entity, const std::string& entity_id);

 private:
  Status set_state(std::int64_t seq, const char* state, const std::string& result, const std::string& reason);
  Database& db_;
};

}  // namespace simpul::storage
