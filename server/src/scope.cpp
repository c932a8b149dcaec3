#include "scope.hpp"

#include <algorithm>

#include "simpul/sync/rows.hpp"
#include "values.hpp"

namespace simpul::server {
namespace {

using sync::ChangeKind;

// Scope changes cascade participant -> queue entry -> queue event -> conflict at most.
constexpr int kMaxDepth = 6;

std::string text_field(const StoredRow& row, const char* name) {
  auto it = row.fields.find(name);
  return (it != row.fields.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

const EntityDef& participant_def() { return *storage::find_entity("participant"); }
const EntityDef& conflict_def() { return *storage::find_entity("conflict"); }

}  // namespace

bool is_shared(const EntityDef& def) { return def.entity == "facility"; }
std::uint32_t index_of(const EntityDef& def) { return static_cast<std::uint32_t>(sync::entity_index(def)); }

Result<std::set<std::string>> ScopeKeeper::participant_scope(const StoredRow& p) {
  std::vector<StoredRow> members;
  if (!p.deleted) members.push_back(p);
  const std::string kk = text_field(p, "kk_number");
  if (!kk.empty()) {
    auto ids = ctx_.tx().find_ids(participant_def(), "kk_number", kk);
    if (!ids.ok()) return ids.error();
    for (const auto& id : *ids) {
      if (id == p.id) continue;
      auto q = ctx_.tx().load(participant_def(), id);
      if (!q.ok()) return q.error();
      if (q->has_value() && !(*q)->deleted) members.push_back(std::move(**q));
    }
  }
  std::set<std::string> out;
  for (const auto& q : members) {
    if (auto fktp = text_field(q, "fktp"); !fktp.empty()) out.insert(fktp);
    auto touched = ctx_.tx().touching_facilities(q.id);
    if (!touched.ok()) return touched.error();
    out.insert(touched->begin(), touched->end());
  }
  return out;
}

Result<std::set<std::string>> ScopeKeeper::desired(const EntityDef& def, const StoredRow& row) {
  std::set<std::string> out;
  if (is_shared(def)) return out;
  if (def.entity == "participant") return participant_scope(row);
  if (def.entity == "conflict") {
    // A conflict is seen by whoever sees the record it is about (or keeps where it was placed when that
    // record is shared reference data).
    const EntityDef* ref = storage::find_entity(text_field(row, "entity"));
    if (ref == nullptr || is_shared(*ref)) {
      auto have = ctx_.tx().scope_of(index_of(def), row.id);
      if (!have.ok()) return have.error();
      return std::set<std::string>(have->begin(), have->end());
    }
    auto s = ctx_.tx().scope_of(index_of(*ref), text_field(row, "entity_id"));
    if (!s.ok()) return s.error();
    return std::set<std::string>(s->begin(), s->end());
  }
  for (const auto& r : references(def)) {
    const std::string parent = text_field(row, r.column);
    if (parent.empty()) continue;
    auto s = ctx_.tx().scope_of(index_of(*storage::find_entity(r.entity)), parent);
    if (!s.ok()) return s.error();
    out.insert(s->begin(), s->end());
  }
  if (def.column("facility") != nullptr) {
    if (auto f = text_field(row, "facility"); !f.empty()) out.insert(f);
  }
  return out;
}

Result<bool> ScopeKeeper::sees(const EntityDef& def, const std::string& id, const std::string& facility) {
  if (is_shared(def)) return true;
  auto s = ctx_.tx().scope_of(index_of(def), id);
  if (!s.ok()) return s.error();
  return std::find(s->begin(), s->end(), facility) != s->end();
}

Status ScopeKeeper::reconcile(const EntityDef& def, const StoredRow& row, const std::set<std::string>& want,
                              int depth) {
  const std::uint32_t e = index_of(def);
  auto have_list = ctx_.tx().scope_of(e, row.id);
  if (!have_list.ok()) return have_list.error();
  const std::set<std::string> have(have_list->begin(), have_list->end());
  bool changed = false;
  for (const auto& f : want) {
    if (have.count(f) != 0) continue;
    SIMPUL_TRY(ctx_.tx().add_scope(e, row.id, f));
    if (!row.deleted) ctx_.log(f, e, row.id, ChangeKind::upsert);
    changed = true;
  }
  for (const auto& f : have) {
    if (want.count(f) != 0) continue;
    SIMPUL_TRY(ctx_.tx().remove_scope(e, row.id, f));
    ctx_.log(f, e, row.id, ChangeKind::leave);
    changed = true;
  }
  if (changed) return cascade(def, row.id, depth + 1);
  return {};
}

Status ScopeKeeper::refresh(const EntityDef& def, const std::string& id, int depth) {
  if (depth > kMaxDepth || is_shared(def)) return {};
  auto row = ctx_.tx().load(def, id);
  if (!row.ok()) return row.error();
  if (!row->has_value()) return {};
  auto kept = refresh_row(def, **row, depth);
  if (!kept.ok()) return kept.error();
  return {};
}

Result<std::optional<std::set<std::string>>> ScopeKeeper::refresh_row(const EntityDef& def, const StoredRow& row,
                                                                      int depth) {
  using Membership = std::optional<std::set<std::string>>;
  // A deleted participant keeps the scope it had: its tombstone reached those facilities.
  if (row.deleted && def.entity == "participant") return Membership{};
  auto want = desired(def, row);
  if (!want.ok()) return want.error();
  SIMPUL_TRY(reconcile(def, row, *want, depth));
  return Membership{std::move(want).value()};
}

Status ScopeKeeper::cascade(const EntityDef& def, const std::string& id, int depth) {
  if (depth > kMaxDepth) return {};
  for (const auto& child : storage::entities()) {
    for (const auto& r : references(child)) {
      if (def.entity != r.entity) continue;
      auto ids = ctx_.tx().find_ids(child, r.column, id);
      if (!ids.ok()) return ids.error();
      for (const auto& cid : *ids) SIMPUL_TRY(refresh(child, cid, depth));
    }
  }
  auto conflicts = ctx_.tx().find_ids(conflict_def(), "entity_id", id);
  if (!conflicts.ok()) return conflicts.error();
  for (const auto& cid : *conflicts) {
    auto c = ctx_.tx().load(conflict_def(), cid);
    if (!c.ok()) return c.error();
    if (c->has_value() && text_field(**c, "entity") == def.entity) SIMPUL_TRY(refresh(conflict_def(), cid, depth));
  }
  return {};
}

Status ScopeKeeper::refresh_family(const std::string& kk_number, int depth) {
  if (kk_number.empty()) return {};
  auto ids = ctx_.tx().find_ids(participant_def(), "kk_number", kk_number);
  if (!ids.ok()) return ids.error();
  for (const auto& id : *ids) SIMPUL_TRY(refresh(participant_def(), id, depth));
  return {};
}

Status ScopeKeeper::after_write(const EntityDef& def, const StoredRow& row, const StoredRow* before) {
  const std::uint32_t e = index_of(def);
  const ChangeKind kind = row.deleted ? ChangeKind::remove : ChangeKind::upsert;
  if (is_shared(def)) {
    ctx_.log(kSharedScope, e, row.id, kind);
    return {};
  }
  // `row` is what was just written, so it is refreshed as it is rather than loaded again.
  std::optional<std::set<std::string>> now;
  if (def.entity == "participant") {
    const std::string kk = text_field(row, "kk_number");
    const std::string old_kk = before != nullptr ? text_field(*before, "kk_number") : std::string();
    const bool family_changed = before == nullptr || row.deleted || old_kk != kk ||
                                text_field(row, "fktp") != text_field(*before, "fktp");
    auto kept = refresh_row(def, row, 0);
    if (!kept.ok()) return kept.error();
    if (family_changed) {
      // The family's refresh may place this participant again: ask the store below.
      SIMPUL_TRY(refresh_family(kk, 0));
      if (old_kk != kk) SIMPUL_TRY(refresh_family(old_kk, 0));
    } else {
      now = std::move(kept).value();
    }
  } else if (!row.deleted) {
    // The cascade only moves rows below this one, so its membership is what it was brought to.
    auto kept = refresh_row(def, row, 0);
    if (!kept.ok()) return kept.error();
    now = std::move(kept).value();
  }
  if (!now) {
    auto facilities = ctx_.tx().scope_of(e, row.id);
    if (!facilities.ok()) return facilities.error();
    now.emplace(facilities->begin(), facilities->end());
  }
  // std::set keeps byte order, as scope_of does: the log order is the same either way.
  for (const auto& f : *now) ctx_.log(f, e, row.id, kind);
  return {};
}

Status ScopeKeeper::touch(const std::string& facility, const std::string& participant_id) {
  auto added = ctx_.tx().add_touch(facility, participant_id);
  if (!added.ok()) return added.error();
  if (!*added) return {};
  auto p = ctx_.tx().load(participant_def(), participant_id);
  if (!p.ok()) return p.error();
  if (!p->has_value() || (*p)->deleted) return {};
  SIMPUL_TRY(refresh(participant_def(), participant_id, 0));
  return refresh_family(text_field(**p, "kk_number"), 0);
}

Status ScopeKeeper::place(const EntityDef& def, const StoredRow& row, const std::set<std::string>& facilities) {
  const std::uint32_t e = index_of(def);
  for (const auto& f : facilities) {
    SIMPUL_TRY(ctx_.tx().add_scope(e, row.id, f));
    ctx_.log(f, e, row.id, ChangeKind::upsert);
  }
  return {};
}

}  // namespace simpul::server
