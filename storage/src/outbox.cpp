#include "simpul/storage/outbox.hpp"

namespace simpul::storage {
namespace {

constexpr const char* kColumns =
    "seq, op_id, entity, entity_id, kind, fields, hlc, user_id, created_at_ms, state, attempts, result, reason";

OutboxOp read_op(const Statement& st) {
  OutboxOp op;
  op.seq = st.int64(0);
  op.op_id = st.text(1);
  op.entity = st.text(2);
  op.entity_id = st.text(3);
  op.kind = st.text(4);
  op.fields = st.text(5);
  op.hlc = st.text(6);
  op.user_id = st.text(7);
  op.created_at_ms = st.int64(8);
  op.state = st.text(9);
  op.attempts = st.int32(10);
  op.result = st.text(11);
  op.reason = st.text(12);
  return op;
}

// The seqs as one JSON array bound to a single statement (json_each): a push batch is up to 1000 ops, and
// one statement per op was about half of the desk's CPU time in a push.
std::string seq_array(const std::vector<std::int64_t>& seqs) {
  std::string out = "[";
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    if (i != 0) out += ',';
    out += std::to_string(seqs[i]);
  }
  return out + "]";
}

}  // namespace

Result<std::vector<OutboxOp>> Outbox::next_batch(std::size_t max_ops, std::size_t max_bytes) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM outbox WHERE state IN ('pending', 'sent') ORDER BY seq LIMIT ?1");
  st->bind(1, static_cast<std::int64_t>(max_ops));
  std::vector<OutboxOp> out;
  std::size_t bytes = 0;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) break;
    out.push_back(read_op(*st));
    bytes += out.back().fields.size() + 128;
    if (bytes >= max_bytes) break;
  }
  return out;
}

Status Outbox::mark_sent(const std::vector<std::int64_t>& seqs) {
  if (seqs.empty()) return {};
  auto st = db_.prepare_static(
      "UPDATE outbox SET state = CASE WHEN state = 'pending' THEN 'sent' ELSE state END, attempts = attempts + 1 "
      "WHERE seq IN (SELECT value FROM json_each(?1))");
  st->bind(1, seq_array(seqs));
  return st->exec();
}

Status Outbox::confirm(const std::vector<std::int64_t>& seqs, const std::string& result) {
  if (seqs.empty()) return {};
  auto st = db_.prepare_static(
      "UPDATE outbox SET state = 'confirmed', result = ?2, reason = '' WHERE seq IN (SELECT value FROM json_each(?1))");
  st->bind_all(seq_array(seqs), result);
  SIMPUL_TRY(st->exec());
  if (static_cast<std::size_t>(db_.changes()) != seqs.size()) {
    return make_error(ErrorKind::not_found, "outbox.not_found", "an op to confirm is not in the outbox");
  }
  return {};
}

Status Outbox::set_state(std::int64_t seq, const char* state, const std::string& result, const std::string& reason) {
  auto st = db_.prepare("UPDATE outbox SET state = ?2, result = ?3, reason = ?4 WHERE seq = ?1");
  st->bind_all(seq, state, result, reason);
  SIMPUL_TRY(st->exec());
  if (db_.changes() == 0) return make_error(ErrorKind::not_found, "outbox.not_found", "no outbox op " + std::to_string(seq));
  return {};
}

Status Outbox::confirm(std::int64_t seq, const std::string& result) { return set_state(seq, "confirmed", result, ""); }
Status Outbox::reject(std::int64_t seq, const std::string& reason) { return set_state(seq, "rejected", "rejected", reason); }
Status Outbox::resend(std::int64_t seq) { return set_state(seq, "pending", "", ""); }
Status Outbox::discard(std::int64_t seq) { return set_state(seq, "discarded", "discarded", ""); }

Result<OutboxCounts> Outbox::counts() {
  auto st = db_.prepare(
      "SELECT coalesce(sum(state IN ('pending', 'sent')), 0), coalesce(sum(state = 'rejected'), 0), "
      "coalesce(sum(state = 'confirmed'), 0) FROM outbox");
  auto r = st->step();
  if (!r.ok()) return r.error();
  return OutboxCounts{st->int64(0), st->int64(1), st->int64(2)};
}

Result<std::vector<OutboxOp>> Outbox::list(const std::string& state, std::size_t limit) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM outbox WHERE state = ?1 ORDER BY seq LIMIT ?2");
  st->bind(1, state).bind(2, static_cast<std::int64_t>(limit));
  std::vector<OutboxOp> out;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) break;
    out.push_back(read_op(*st));
  }
  return out;
}

Result<std::string> Outbox::record_state(const std::string& entity, const std::string& entity_id) {
  auto st = db_.prepare(
      "SELECT coalesce(sum(state = 'rejected'), 0), coalesce(sum(state = 'pending' AND attempts = 0), 0), "
      "coalesce(sum(state IN ('pending', 'sent')), 0), count(*) FROM outbox WHERE entity = ?1 AND entity_id = ?2");
  st->bind_all(entity, entity_id);
  auto r = st->step();
  if (!r.ok()) return r.error();
  if (st->int64(0) > 0) return std::string("rejected");
  if (st->int64(1) > 0) return std::string("local");
  if (st->int64(2) > 0) return std::string("sent");
  if (st->int64(3) > 0) return std::string("confirmed");
  return std::string();
}

}  // namespace simpul::storage
