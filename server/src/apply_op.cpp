#include "apply_op.hpp"

#include "queue_server.hpp"
#include "registration.hpp"
#include "simpul/core/uuid.hpp"
#include "values.hpp"

namespace simpul::server {
namespace {

using sync::Verdict;

std::string text_field(const StoredRow& row, const char* name) {
  auto it = row.fields.find(name);
  return (it != row.fields.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

const nlohmann::json& field_or_null(const Fields& f, const std::string& name) {
  static const nlohmann::json kNull;
  auto it = f.find(name);
  return it == f.end() ? kNull : *it;
}

std::string newest_hlc(const FieldClocks& clocks) {
  std::string out;
  for (const auto& [field, c] : clocks) {
    if (c.hlc > out) out = c.hlc;
  }
  return out;
}

StoredRow empty_row(const EntityDef& def, const std::string& id) {
  StoredRow row;
  row.id = id;
  for (const auto& c : def.columns) row.fields[c.name] = nullptr;
  return row;
}

}  // namespace

HlcTimestamp corrected_stamp(const HlcTimestamp& ts, std::int64_t skew_ms, std::int64_t now_ms) {
  HlcTimestamp out = ts;
  out.wall_ms = ts.wall_ms + skew_ms;
  // An op cannot have been made after it arrived. A stamp that is still in the future after the correction
  // (a desk whose HLC ran ahead of its clock, e.g. after its clock jumped) would be stored, pulled by every
  // desk of the facility and drag their HLCs ahead with it: keep it at the server's now.
  if (out.wall_ms > now_ms) out.wall_ms = now_ms;
  if (out.wall_ms < 0) out.wall_ms = 0;
  return out;
}

bool newer(const HlcTimestamp& a, const std::string& b_text) {
  HlcTimestamp b;
  if (!HlcTimestamp::decode(b_text, b)) return true;
  return a > b;
}

sync::OpResult OpApplier::reject(Op& op, const std::string& code, const std::string& text) {
  sync::OpResult r;
  r.seq = op.wire->seq;
  r.verdict = Verdict::rejected;
  r.reason = code + ": " + text;
  return r;
}

FieldClock OpApplier::op_clock(const Op& op) const {
  return FieldClock{op.stamp_text, author_.device_id, ctx_.tx().tx()};
}

Result<sync::OpResult> OpApplier::apply(const sync::WireOp& wire) {
  auto r = apply_one(wire);
  if (r.ok() && (r->verdict == Verdict::applied || r->verdict == Verdict::merged)) SIMPUL_TRY(after_apply(wire));
  return r;
}

Status OpApplier::after_apply(const sync::WireOp& wire) {
  if (wire.kind != "upsert") return {};
  if (wire.entity == "queue_entry") return refresh_queue_state(ctx_, wire.entity_id);
  if (wire.entity == "queue_event") {
    auto ev = ctx_.tx().load(*storage::find_entity("queue_event"), wire.entity_id);
    if (!ev.ok()) return ev.error();
    if (ev->has_value()) {
      if (auto entry = text_field(**ev, "entry_id"); !entry.empty()) return refresh_queue_state(ctx_, entry);
    }
  }
  return {};
}

Result<sync::OpResult> OpApplier::apply_one(const sync::WireOp& wire) {
  conflicts_.clear();
  Op op;
  op.wire = &wire;
  op.result.seq = wire.seq;
  op.def = storage::find_entity(wire.entity);
  if (op.def == nullptr) return reject(op, "entity.unknown", "unknown entity '" + wire.entity + "'");
  if (wire.kind != "upsert" && wire.kind != "delete") {
    return reject(op, "op.kind", "unknown op kind '" + wire.kind + "' (upsert or delete)");
  }
  if (!valid_id(wire.entity_id)) return reject(op, "id.malformed", "record id is empty, too long or has odd characters");
  HlcTimestamp ts;
  if (!HlcTimestamp::decode(wire.hlc, ts)) return reject(op, "hlc.malformed", "the op's timestamp cannot be read");
  op.stamp = corrected_stamp(ts, author_.skew_ms, ctx_.now_ms());
  op.stamp_text = op.stamp.encode();
  op.id = wire.entity_id;
  if (op.def->entity == "participant") {
    auto canonical = ctx_.tx().alias_of(op.id);
    if (!canonical.ok()) return canonical.error();
    if (canonical->has_value()) {
      op.id = **canonical;
      op.result.canonical_id = **canonical;
    }
  }
  if (wire.kind == "delete") return remove(op);

  const auto fields = nlohmann::json::parse(wire.fields, nullptr, false);
  if (!fields.is_object()) return reject(op, "fields.malformed", "the op's fields are not a JSON object");
  for (const auto& [name, raw] : fields.items()) {
    if (name == "id") continue;
    const storage::ColumnDef* col = op.def->column(name);
    if (col == nullptr) return reject(op, "field.unknown", "unknown field " + op.def->entity + "." + name);
    nlohmann::json value;
    if (auto err = coerce_value(*op.def, *col, raw, value)) return reject(op, err->code, err->text);
    op.sent[name] = value;
    op.values[name] = std::move(value);
  }
  // References to a participant merged into another point at the canonical record from now on.
  for (const auto& ref : references(*op.def)) {
    if (std::string(ref.entity) != "participant") continue;
    auto it = op.values.find(ref.column);
    if (it == op.values.end() || !it->is_string()) continue;
    auto canonical = ctx_.tx().alias_of(it->get<std::string>());
    if (!canonical.ok()) return canonical.error();
    if (canonical->has_value()) *it = **canonical;
  }

  auto existing = ctx_.tx().load(*op.def, op.id);
  if (!existing.ok()) return existing.error();
  if (!existing->has_value()) return create(op);
  if ((*existing)->deleted) return update_tombstone(op, **existing);
  return upsert_existing(op, **existing);
}

bool OpApplier::merge_into(Op& op, StoredRow& row, bool detect) {
  bool changed = false;
  // Each field is read before it is written and visited once, so `row` still holds what was stored.
  for (const auto& [name, value] : op.values.items()) {
    const storage::ColumnDef* col = op.def->column(name);
    if (col == nullptr || col->server_owned) continue;  // server-owned: the device's value is ignored
    const nlohmann::json& stored = field_or_null(row.fields, name);
    if (value == stored) continue;
    auto ck = row.clocks.find(name);
    // Concurrent: another writer changed this field after what the op's author had seen.
    const bool concurrent = detect && ck != row.clocks.end() && ck->second.device != author_.device_id &&
                            ck->second.tx > op.wire->base_cursor;
    const bool op_wins = ck == row.clocks.end() || newer(op.stamp, ck->second.hlc);
    if (op_wins) {
      if (concurrent) {
        conflicts_.push_back({op.def, row.id, name, value_text(value), value_text(stored), op.stamp_text,
                              ck->second.hlc});
      }
      row.fields[name] = value;
      row.clocks[name] = op_clock(op);
      changed = true;
    } else if (concurrent) {
      conflicts_.push_back({op.def, row.id, name, value_text(stored), value_text(value), ck->second.hlc,
                            op.stamp_text});
    }
  }
  return changed;
}

Result<bool> OpApplier::anchored(const Op& op, const StoredRow& row) {
  if (op.def->entity == "participant" || op.def->entity == "conflict" || is_shared(*op.def)) return true;
  auto want = scope_.desired(*op.def, row);
  if (!want.ok()) return want.error();
  return want->count(author_.facility) != 0;
}

Status OpApplier::touch_owner(const EntityDef& def, const StoredRow& row) {
  if (def.entity == "participant") return scope_.touch(author_.facility, row.id);
  if (def.column("participant_id") != nullptr) {
    if (auto p = text_field(row, "participant_id"); !p.empty()) return scope_.touch(author_.facility, p);
  }
  return {};
}

Status OpApplier::finish_write(Op& op, StoredRow& row, const StoredRow* before) {
  row.tx = ctx_.tx().tx();
  row.hlc = newest_hlc(row.clocks);
  SIMPUL_TRY(ctx_.tx().write(*op.def, row));
  SIMPUL_TRY(touch_owner(*op.def, row));
  SIMPUL_TRY(scope_.after_write(*op.def, row, before));
  return write_conflicts();
}

Status OpApplier::write_conflicts() {
  const EntityDef& cdef = *storage::find_entity("conflict");
  for (const auto& c : conflicts_) {
    StoredRow row = empty_row(cdef, uuid_v7(ctx_.clock()));
    row.fields["entity"] = c.def->entity;
    row.fields["entity_id"] = c.entity_id;
    row.fields["field"] = c.field;
    row.fields["winner_value"] = c.winner_value;
    row.fields["loser_value"] = c.loser_value;
    row.fields["winner_hlc"] = c.winner_hlc;
    row.fields["loser_hlc"] = c.loser_hlc;
    row.fields["detected_at_ms"] = ctx_.now_ms();
    for (const auto& col : cdef.columns) {
      if (col.server_owned) row.clocks[col.name] = ctx_.server_clock();
    }
    // resolved/resolution belong to the desks: no clock, so the first resolution always wins.
    apply_defaults(cdef, row.fields);
    row.tx = ctx_.tx().tx();
    row.hlc = newest_hlc(row.clocks);
    SIMPUL_TRY(ctx_.tx().write(cdef, row));
    std::set<std::string> where;
    if (is_shared(*c.def)) {
      where.insert(author_.facility);
    } else {
      auto s = scope_.desired(cdef, row);
      if (!s.ok()) return s.error();
      where = *s;
      where.insert(author_.facility);
    }
    SIMPUL_TRY(scope_.place(cdef, row, where));
  }
  conflicts_.clear();
  return {};
}

sync::OpResult OpApplier::conclude(Op& op, const StoredRow& final_row, const StoredRow* before) {
  nlohmann::json winning = nlohmann::json::object();
  for (const auto& [name, value] : op.sent.items()) {
    const auto& stored = field_or_null(final_row.fields, name);
    if (stored != value) winning[name] = stored;
  }
  // Merged: something the device sent is not what is stored now (lost to a newer value, server-owned,
  // or re-pointed), or the record itself was merged into another.
  const bool merged = !winning.empty() || !op.result.canonical_id.empty();
  // Values the server assigned in this op (registration results) flow back in the answer too.
  for (const auto& col : op.def->columns) {
    if (!col.server_owned) continue;
    const auto& now = field_or_null(final_row.fields, col.name);
    const auto& was = before != nullptr ? field_or_null(before->fields, col.name) : nlohmann::json();
    if (now != was && !now.is_null()) winning[col.name] = now;
  }
  sync::OpResult r = op.result;
  if (!winning.empty()) r.winning = winning.dump();
  r.verdict = merged ? Verdict::merged : Verdict::applied;
  return r;
}

Result<sync::OpResult> OpApplier::upsert_existing(Op& op, const StoredRow& existing) {
  const EntityDef& def = *op.def;
  if (is_shared(def)) {
    if (op.id != author_.facility) {
      return reject(op, "scope.reference_data",
                    "facilities are reference data: a device may only edit its own facility's record");
    }
  } else {
    auto sees = scope_.sees(def, op.id, author_.facility);
    if (!sees.ok()) return sees.error();
    if (!*sees) return reject(op, "scope.out_of_scope", def.entity + " " + op.id + " is not in this facility's scope");
  }
  if (def.append_only) {
    for (const auto& [name, value] : op.values.items()) {
      const storage::ColumnDef* col = def.column(name);
      if (col != nullptr && !col->server_owned && field_or_null(existing.fields, name) != value) {
        return reject(op, "append_only", def.entity + " records are facts and cannot be changed: record a new one");
      }
    }
    sync::OpResult r = op.result;
    r.verdict = Verdict::duplicate;
    return r;
  }
  StoredRow row = existing;
  bool changed = merge_into(op, row, /*detect=*/true);
  auto ok = anchored(op, row);
  if (!ok.ok()) return ok.error();
  if (!*ok) return reject(op, "scope.out_of_scope", "the record would point outside this facility's scope");
  if (def.entity == "participant") {
    const std::string nik = text_field(row, "nik");
    if (nik != text_field(existing, "nik")) {
      auto other = ctx_.tx().participant_by_nik(nik, row.id);
      if (!other.ok()) return other.error();
      if (other->has_value()) {
        return reject(op, "nik.duplicate",
                      "NIK sudah terdaftar untuk peserta lain / this NIK is already registered to participant " +
                          **other + ": open that record instead");
      }
    }
    // A rejected registration whose identity data was corrected is checked again.
    const bool identity_changed = nik != text_field(existing, "nik") ||
                                  text_field(row, "name") != text_field(existing, "name") ||
                                  text_field(row, "birth_date") != text_field(existing, "birth_date");
    const std::string verification = text_field(row, "verification");
    if (identity_changed && (verification == "rejected" || verification == "pending")) {
      SIMPUL_TRY(verify_registration(ctx_, row));
      changed = true;
    }
  }
  if (changed) {
    SIMPUL_TRY(finish_write(op, row, &existing));
  } else {
    SIMPUL_TRY(touch_owner(def, row));
    SIMPUL_TRY(write_conflicts());
  }
  return conclude(op, row, &existing);
}

Result<sync::OpResult> OpApplier::update_tombstone(Op& op, const StoredRow& existing) {
  if (!is_shared(*op.def)) {
    auto sees = scope_.sees(*op.def, op.id, author_.facility);
    if (!sees.ok()) return sees.error();
    if (!*sees) {
      return reject(op, "scope.out_of_scope", op.def->entity + " " + op.id + " is not in this facility's scope");
    }
  }
  if (op.def->append_only) {
    return reject(op, "append_only", op.def->entity + " records are facts and cannot be changed: record a new one");
  }
  // No resurrection: the edit is kept as a conflict record for review.
  auto del = existing.clocks.find("_deleted");
  conflicts_.push_back({op.def, op.id, "_deleted", "deleted", op.sent.dump(),
                        del != existing.clocks.end() ? del->second.hlc : existing.hlc, op.stamp_text});
  SIMPUL_TRY(write_conflicts());
  sync::OpResult r = op.result;
  r.verdict = Verdict::merged;
  r.winning = nlohmann::json{{"_deleted", 1}}.dump();
  r.reason = "deleted: the record was deleted on the server; this change is kept as a conflict record for review";
  return r;
}

Result<sync::OpResult> OpApplier::create(Op& op) {
  const EntityDef& def = *op.def;
  if (def.entity == "conflict") {
    return reject(op, "conflict.server_only", "conflict records are created by the server; a desk can only resolve them");
  }
  if (def.entity == "queue_slot") {
    return reject(op, "queue_slot.server_only", "queue-number slots are assigned by the server at enrollment");
  }
  if (is_shared(def)) {
    return reject(op, "scope.reference_data", "facilities are reference data managed by the central server");
  }
  for (const auto& name : required_columns(def)) {
    auto it = op.values.find(name);
    if (it == op.values.end() || it->is_null()) {
      return reject(op, "field.required", def.entity + "." + name + " is required for a new record");
    }
  }
  if (def.entity == "participant") {
    auto other = ctx_.tx().participant_by_nik(value_text(op.values["nik"]), op.id);
    if (!other.ok()) return other.error();
    if (other->has_value()) return merge_duplicate(op, **other);
  }
  StoredRow row = empty_row(def, op.id);
  merge_into(op, row, /*detect=*/false);
  apply_defaults(def, row.fields);
  if (def.entity == "complaint") {
    row.fields["status"] = "open";
    row.clocks["status"] = ctx_.server_clock();
  }
  auto ok = anchored(op, row);
  if (!ok.ok()) return ok.error();
  if (!*ok) return reject(op, "scope.out_of_scope", def.entity + " " + op.id + " does not belong to this facility's scope");
  if (def.entity == "participant") SIMPUL_TRY(verify_registration(ctx_, row));
  SIMPUL_TRY(finish_write(op, row, nullptr));
  return conclude(op, row, nullptr);
}

Result<sync::OpResult> OpApplier::merge_duplicate(Op& op, const std::string& canonical_id) {
  const EntityDef& def = *op.def;
  auto loaded = ctx_.tx().load(def, canonical_id);
  if (!loaded.ok()) return loaded.error();
  if (!loaded->has_value()) std::abort();  // participant_by_nik returned a row that load cannot find: a store bug
  const StoredRow existing = **loaded;
  const std::string alias_id = op.id;
  SIMPUL_TRY(ctx_.tx().add_alias(alias_id, canonical_id));
  op.id = canonical_id;
  op.result.canonical_id = canonical_id;
  StoredRow row = existing;
  // Both desks registered the same person without seeing each other: newer values win field by field;
  // the single duplicate_registration record below is what a reviewer looks at.
  merge_into(op, row, /*detect=*/false);
  if (text_field(row, "verification") == "rejected") SIMPUL_TRY(verify_registration(ctx_, row));
  auto nik_clock = existing.clocks.find("nik");
  conflicts_.push_back({&def, canonical_id, "duplicate_registration", canonical_id, alias_id,
                        nik_clock != existing.clocks.end() ? nik_clock->second.hlc : existing.hlc, op.stamp_text});
  // Devices of this facility hold the alias id: tell them to re-point and drop it.
  ctx_.log(author_.facility, index_of(def), alias_id, sync::ChangeKind::alias, canonical_id);
  SIMPUL_TRY(finish_write(op, row, &existing));
  return conclude(op, row, &existing);
}

Result<sync::OpResult> OpApplier::remove(Op& op) {
  const EntityDef& def = *op.def;
  if (!op.result.canonical_id.empty()) {
    // The record was merged into another registration: there is nothing of its own left to delete.
    sync::OpResult r = op.result;
    r.verdict = Verdict::merged;
    r.reason = "alias: merged into " + op.result.canonical_id + "; the canonical record was not deleted";
    return r;
  }
  auto loaded = ctx_.tx().load(def, op.id);
  if (!loaded.ok()) return loaded.error();
  sync::OpResult done = op.result;
  done.verdict = Verdict::applied;
  if (!loaded->has_value() || (*loaded)->deleted) return done;  // nothing (left) to delete
  const StoredRow existing = **loaded;
  if (is_shared(def)) return reject(op, "scope.reference_data", "facilities are reference data managed by the central server");
  auto sees = scope_.sees(def, op.id, author_.facility);
  if (!sees.ok()) return sees.error();
  if (!*sees) return reject(op, "scope.out_of_scope", def.entity + " " + op.id + " is not in this facility's scope");
  if (def.append_only) return reject(op, "append_only", def.entity + " records are facts and cannot be deleted");
  if (def.entity == "conflict") return reject(op, "conflict.server_only", "resolve a conflict record instead of deleting it");
  if (def.entity == "queue_slot") {
    return reject(op, "queue_slot.server_only", "queue-number slots are released by revoking the device");
  }
  // Edits by others that this device had not seen are lost with the row: keep them for review.
  nlohmann::json lost = nlohmann::json::object();
  std::string lost_hlc;
  for (const auto& [name, ck] : existing.clocks) {
    if (name == "_deleted" || ck.device == author_.device_id || ck.device == kServerWriter) continue;
    if (ck.tx <= op.wire->base_cursor) continue;
    lost[name] = field_or_null(existing.fields, name);
    if (ck.hlc > lost_hlc) lost_hlc = ck.hlc;
  }
  if (!lost.empty()) conflicts_.push_back({&def, op.id, "_deleted", "deleted", lost.dump(), op.stamp_text, lost_hlc});
  StoredRow row = existing;
  row.deleted = true;
  row.clocks["_deleted"] = op_clock(op);
  SIMPUL_TRY(finish_write(op, row, &existing));
  return done;
}

}  // namespace simpul::server
