#include "simpul/sync/attention.hpp"

#include "simpul/core/uuid.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::sync {
namespace {

using storage::Fields;

Result<storage::OutboxOp> rejected_op(storage::Database& db, std::int64_t seq) {
  auto st = db.prepare(
      "SELECT seq, op_id, entity, entity_id, kind, fields, hlc, coalesce(user_id, ''), created_at_ms, state, "
      "coalesce(reason, '') FROM outbox WHERE seq = ?1");
  st->bind(1, seq);
  auto r = st->step();
  if (!r.ok()) return r.error();
  if (!r.value()) return make_error(ErrorKind::not_found, "outbox.not_found", "no outbox op " + std::to_string(seq));
  storage::OutboxOp op;
  op.seq = st->int64(0);
  op.op_id = st->text(1);
  op.entity = st->text(2);
  op.entity_id = st->text(3);
  op.kind = st->text(4);
  op.fields = st->text(5);
  op.hlc = st->text(6);
  op.user_id = st->text(7);
  op.created_at_ms = st->int64(8);
  op.state = st->text(9);
  op.reason = st->text(10);
  if (op.state != "rejected") {
    return make_error(ErrorKind::invalid, "outbox.not_rejected",
                      "outbox op " + std::to_string(seq) + " is " + op.state + ", not rejected");
  }
  return op;
}

Fields op_summary(const storage::OutboxOp& op) {
  return Fields{{"seq", op.seq}, {"kind", op.kind}, {"reason", op.reason}};
}

}  // namespace

Result<std::vector<RejectedOp>> NeedsAttention::list(std::size_t limit) { return rejected_ops(replica_.db(), limit); }

Result<std::int64_t> NeedsAttention::resend(std::int64_t seq, const storage::Actor& who) {
  auto& db = replica_.db();
  auto tx = storage::Transaction::begin(db);
  if (!tx.ok()) return tx.error();
  auto op = rejected_op(db, seq);
  if (!op.ok()) return op.error();
  const storage::EntityDef* def = storage::find_entity(op->entity);
  if (def == nullptr) return make_error(ErrorKind::invalid, "entity.unknown", "unknown entity " + op->entity);

  // The resend carries the record's current values of the fields the op wrote, so a fix the user made
  // after the rejection goes with it. The fix's own ops, not sent yet, are folded into it: sent on their own
  // they would reach the server first and, for a refused new record, be refused in turn ("nik is required
  // for a new record").
  std::string fields_text = op->fields;
  std::vector<std::int64_t> folded;
  if (op->kind != "delete") {
    auto fields = Fields::parse(op->fields, nullptr, false);
    auto later = db.prepare(
        "SELECT seq, kind, fields FROM outbox WHERE entity = ?1 AND entity_id = ?2 AND seq > ?3 AND state = 'pending' "
        "ORDER BY seq");
    later->bind_all(op->entity, op->entity_id, seq);
    Fields extra = Fields::object();
    bool foldable = fields.is_object();
    for (;;) {
      auto r = later->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      const auto more = Fields::parse(later->text(2), nullptr, false);
      if (later->text(1) != "upsert" || !more.is_object()) foldable = false;  // a later delete stays on its own
      if (!foldable) continue;
      folded.push_back(later->int64(0));
      for (const auto& [k, v] : more.items()) extra[k] = v;
    }
    if (!foldable) folded.clear();
    for (const auto& [k, v] : extra.items()) {
      if (!fields.contains(k)) fields[k] = v;
    }
    auto current = replica_.load(op->entity, op->entity_id);
    if (!current.ok()) return current.error();
    if (current->has_value() && fields.is_object()) {
      for (auto& [k, v] : fields.items()) {
        if (auto it = (**current).find(k); it != (**current).end()) v = *it;
      }
      fields_text = fields.dump();
    }
  }
  auto insert = db.prepare(
      "INSERT INTO outbox(op_id, entity, entity_id, kind, fields, hlc, user_id, created_at_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert->bind_all(uuid_v7(replica_.clock()), op->entity, op->entity_id, op->kind, fields_text,
                   replica_.hlc().now().encode(), who.user_id, replica_.clock().now_ms());
  SIMPUL_TRY(insert->exec());
  const std::int64_t new_seq = db.last_insert_rowid();
  auto retire = db.prepare("UPDATE outbox SET state = 'discarded', result = ?2 WHERE seq = ?1");
  retire->bind_all(seq, "resent:" + std::to_string(new_seq));
  SIMPUL_TRY(retire->exec());
  for (const std::int64_t f : folded) {
    retire->reset();
    retire->bind_all(f, "folded:" + std::to_string(new_seq));
    SIMPUL_TRY(retire->exec());
  }

  // Show the content locally again (a pull may have overwritten it since the rejection); apply_remote
  // re-applies the unconfirmed ops, the new one included, over the row as it is.
  if (op->kind == "delete") {
    SIMPUL_TRY(replica_.apply_remote(op->entity, op->entity_id, nullptr));
  } else {
    auto current = replica_.load(op->entity, op->entity_id);
    if (!current.ok()) return current.error();
    Fields row = current->has_value() ? **current : Fields::object();
    SIMPUL_TRY(replica_.apply_remote(op->entity, op->entity_id, &row));
  }
  Fields after = op_summary(*op);
  after["new_seq"] = new_seq;
  SIMPUL_TRY(replica_.append_audit(who, op->entity, op->entity_id, "outbox-resend", op_summary(*op), after));
  SIMPUL_TRY(tx->commit());
  return new_seq;
}

Status NeedsAttention::discard(std::int64_t seq, const storage::Actor& who) {
  auto& db = replica_.db();
  auto tx = storage::Transaction::begin(db);
  if (!tx.ok()) return tx.error();
  auto op = rejected_op(db, seq);
  if (!op.ok()) return op.error();
  SIMPUL_TRY(storage::Outbox(db).discard(seq));
  SIMPUL_TRY(db.exec("UPDATE sync_state SET last_digest_at_ms = NULL WHERE singleton = 1"));
  Fields before = op_summary(*op);
  before["fields"] = Fields::parse(op->fields, nullptr, false);
  SIMPUL_TRY(replica_.append_audit(who, op->entity, op->entity_id, "outbox-discard", before, Fields()));
  return tx->commit();
}

}  // namespace simpul::sync
