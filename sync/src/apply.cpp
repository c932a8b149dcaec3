#include "apply.hpp"

#include <map>
#include <optional>
#include <set>
#include <type_traits>
#include <unordered_set>
#include <variant>

#include "simpul/storage/schema.hpp"
#include "simpul/sync/rows.hpp"
#include "simpul/sync/sync_state.hpp"

namespace simpul::sync::detail {

using storage::EntityDef;
using storage::Fields;

namespace {

struct Reference {
  const EntityDef* from;
  std::string column;
};

// Columns that hold the id of an `entity` row: "<entity>_id" by convention, plus the queue's entry_id.
std::vector<Reference> references_to(const std::string& entity) {
  std::vector<Reference> refs;
  for (const auto& def : storage::entities()) {
    for (const auto& col : def.columns) {
      if (col.name == entity + "_id" || (entity == "queue_entry" && col.name == "entry_id")) {
        refs.push_back(Reference{&def, col.name});
      }
    }
  }
  return refs;
}

Status rewrite_op_field(storage::Database& db, const Reference& ref, const std::string& alias,
                        const std::string& canonical) {
  auto st = db.prepare(
      "SELECT seq, fields FROM outbox WHERE entity = ?1 AND state IN ('pending', 'sent') AND instr(fields, ?2) > 0");
  st->bind_all(ref.from->entity, alias);
  std::vector<std::pair<std::int64_t, std::string>> rewrites;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) break;
    auto fields = Fields::parse(st->text(1), nullptr, false);
    auto it = fields.is_object() ? fields.find(ref.column) : fields.end();
    if (it == fields.end() || *it != alias) continue;
    *it = canonical;
    rewrites.emplace_back(st->int64(0), fields.dump());
  }
  auto up = db.prepare("UPDATE outbox SET fields = ?2 WHERE seq = ?1");
  for (const auto& [seq, text] : rewrites) {
    up->bind_all(seq, text);
    SIMPUL_TRY(up->exec());
    up->reset();
  }
  return {};
}

}  // namespace

Result<bool> has_unconfirmed_ops(storage::Database& db, const std::string& entity, const std::string& id) {
  auto st = db.prepare(
      "SELECT EXISTS (SELECT 1 FROM outbox WHERE entity = ?1 AND entity_id = ?2 AND state IN ('pending', 'sent'))");
  st->bind_all(entity, id);
  auto r = st->step();
  if (!r.ok()) return r.error();
  return st->int64(0) != 0;
}

Status repoint_alias(storage::Replica& replica, const EntityDef& def, const std::string& alias,
                     const std::string& canonical) {
  if (alias.empty() || canonical.empty() || alias == canonical) return {};
  auto& db = replica.db();
  for (const auto& ref : references_to(def.entity)) {
    auto st = db.prepare("UPDATE " + ref.from->table + " SET " + ref.column + " = ?1 WHERE " + ref.column + " = ?2");
    st->bind_all(canonical, alias);
    SIMPUL_TRY(st->exec());
    SIMPUL_TRY(rewrite_op_field(db, ref, alias, canonical));
  }
  // Our unconfirmed edits of the alias now target the canonical record, as the server does for ops
  // that arrive after the merge. Ops it already applied come back as duplicates, whatever they hold.
  {
    auto st = db.prepare(
        "UPDATE outbox SET entity_id = ?1 WHERE entity = ?2 AND entity_id = ?3 AND state IN ('pending', 'sent')");
    st->bind_all(canonical, def.entity, alias);
    SIMPUL_TRY(st->exec());
  }
  SIMPUL_TRY(replica.apply_remote(def.entity, alias, nullptr));
  return replica.append_audit(storage::Actor::system(), def.entity, alias, "sync-alias", Fields(),
                              Fields{{"canonical_id", canonical}});
}

namespace {

Status apply_row(storage::Replica& replica, const EntityDef& def, const EntityBlock& block, const WireRow& row,
                 PageCounts& counts) {
  switch (row.kind) {
    case ChangeKind::upsert: {
      const Fields fields = fields_from_wire(def, block, row);
      SIMPUL_TRY(replica.apply_remote(def.entity, row.id, &fields));
      ++counts.upserts;
      break;
    }
    case ChangeKind::remove:
      SIMPUL_TRY(replica.apply_remote(def.entity, row.id, nullptr));
      ++counts.removes;
      break;
    case ChangeKind::leave:
      SIMPUL_TRY(replica.apply_remote(def.entity, row.id, nullptr));
      ++counts.leaves;
      break;
    case ChangeKind::alias:
      SIMPUL_TRY(repoint_alias(replica, def, row.id, row.canonical_id));
      ++counts.aliases;
      break;
  }
  return {};
}

void observe_hlc(const WireRow& row, PageCounts& counts) {
  HlcTimestamp ts;
  if (row.hlc > counts.newest_hlc && HlcTimestamp::decode(row.hlc, ts)) counts.newest_hlc = row.hlc;
}

// Ids of `entity` with ops the server has not confirmed: those rows keep the per-row path, which puts the
// local edits back on top of the server's state (or leaves a locally deleted row deleted).
Result<std::unordered_set<std::string>> unconfirmed_ids(storage::Database& db, const std::string& entity) {
  auto st = db.prepare("SELECT entity_id FROM outbox WHERE entity = ?1 AND state IN ('pending', 'sent')");
  st->bind(1, entity);
  std::unordered_set<std::string> ids;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!r.value()) break;
    ids.insert(st->text(0));
  }
  return ids;
}

std::string snapshot_insert_sql(const EntityDef& def) {
  std::string sql = "INSERT INTO " + def.table + " (id";
  std::string marks = "?1";
  for (std::size_t i = 0; i < def.columns.size(); ++i) {
    sql += ", " + def.columns[i].name;
    marks += ", ?" + std::to_string(i + 2);
  }
  return sql + ") VALUES (" + marks + ") ON CONFLICT(id) DO NOTHING";
}

// A snapshot block: what the per-row path would do for a row that is new here and has no local ops (insert
// every column, NULL for those the server did not send), without reading, diffing or JSON. A row that is
// already here goes the per-row way, so the result never depends on which path a row took.
Status apply_snapshot_block(storage::Replica& replica, const EntityDef& def, const EntityBlock& block,
                            PageCounts& counts) {
  auto& db = replica.db();
  auto mine = unconfirmed_ids(db, def.entity);
  if (!mine.ok()) return mine.error();
  // Local column j takes wire value at[j] (none: NULL).
  std::vector<std::optional<std::size_t>> at(def.columns.size());
  for (std::size_t i = 0; i < block.columns.size(); ++i) {
    for (std::size_t j = 0; j < def.columns.size(); ++j) {
      if (def.columns[j].name == block.columns[i]) at[j] = i;
    }
  }
  auto insert = db.prepare(snapshot_insert_sql(def));
  std::uint64_t inserted = 0;
  const std::string* first_id = nullptr;
  const std::string* last_id = nullptr;
  for (const auto& row : block.rows) {
    observe_hlc(row, counts);
    if (row.kind != ChangeKind::upsert || (!mine->empty() && mine->count(row.id) != 0)) {
      SIMPUL_TRY(apply_row(replica, def, block, row, counts));
      continue;
    }
    insert->bind(1, row.id);
    for (std::size_t j = 0; j < def.columns.size(); ++j) {
      const int index = static_cast<int>(j + 2);
      if (!at[j] || *at[j] >= row.values.size()) {
        insert->bind_null(index);
        continue;
      }
      std::visit(
          [&](const auto& v) {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::nullptr_t>) {
              insert->bind_null(index);
            } else {
              insert->bind(index, v);
            }
          },
          wire_value(def.columns[j], row, *at[j]));
    }
    const Status done = insert->exec();
    insert->reset();
    if (!done.ok()) return done;
    if (db.changes() == 0) {  // already here (written on this desk, its ops confirmed): diff it row by row
      SIMPUL_TRY(apply_row(replica, def, block, row, counts));
      continue;
    }
    ++counts.upserts;
    ++inserted;
    if (first_id == nullptr || row.id < *first_id) first_id = &row.id;
    if (last_id == nullptr || row.id > *last_id) last_id = &row.id;
  }
  if (inserted == 0) return {};
  // One entry for the rows inserted here: a record's history finds it by its id within [first_id, last_id].
  return replica.append_audit(storage::Actor::system(), def.entity, "", storage::kBootstrapAuditAction, Fields(),
                              Fields{{"rows", inserted}, {"first_id", *first_id}, {"last_id", *last_id}});
}

}  // namespace

Result<PageCounts> apply_blocks(storage::Replica& replica, const std::vector<EntityBlock>& blocks,
                                PageSource source) {
  PageCounts counts;
  for (const auto& block : blocks) {
    const EntityDef* def = storage::find_entity(block.entity);
    if (def == nullptr) continue;  // an entity a newer server knows and we do not
    if (source == PageSource::snapshot) {
      SIMPUL_TRY(apply_snapshot_block(replica, *def, block, counts));
      continue;
    }
    for (const auto& row : block.rows) {
      SIMPUL_TRY(apply_row(replica, *def, block, row, counts));
      observe_hlc(row, counts);
    }
  }
  return counts;
}

Status begin_client_reset(storage::Replica& replica) {
  auto& db = replica.db();
  // Keep what the user entered and the server does not have yet. Rows kept by an earlier reset whose
  // bootstrap never finished stay in reset_keep.
  {
    auto st = db.prepare(
        "SELECT DISTINCT entity, entity_id FROM outbox WHERE state IN ('pending', 'sent') ORDER BY entity, entity_id");
    std::vector<std::pair<std::string, std::string>> keys;
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      keys.emplace_back(st->text(0), st->text(1));
    }
    auto keep = db.prepare("INSERT OR REPLACE INTO reset_keep(entity, id, fields) VALUES (?1, ?2, ?3)");
    for (const auto& [entity, id] : keys) {
      if (storage::find_entity(entity) == nullptr) continue;
      auto row = replica.load(entity, id);
      if (!row.ok()) return row.error();
      if (!row->has_value()) continue;  // deleted locally: the delete op itself is kept in the outbox
      keep->bind_all(entity, id, (**row).dump());
      SIMPUL_TRY(keep->exec());
      keep->reset();
    }
  }
  for (const auto& def : storage::entities()) SIMPUL_TRY(db.exec("DELETE FROM " + def.table));
  SIMPUL_TRY(save_position(db, 0, SnapshotPos{}));
  SIMPUL_TRY(db.exec(
      "UPDATE sync_state SET bootstrap_done = 0, reset_pending = 1, last_cycle_complete = 0 WHERE singleton = 1"));
  return replica.append_audit(storage::Actor::system(), "replica", "", "sync-reset", Fields(), Fields());
}

Status restore_kept_rows(storage::Replica& replica) {
  auto& db = replica.db();
  std::vector<std::tuple<std::string, std::string, std::string>> kept;
  {
    auto st = db.prepare("SELECT entity, id, fields FROM reset_keep ORDER BY entity, id");
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      kept.emplace_back(st->text(0), st->text(1), st->text(2));
    }
  }
  for (const auto& [entity, id, text] : kept) {
    auto present = replica.load(entity, id);
    if (!present.ok()) return present.error();
    if (present->has_value()) continue;  // the server had it: apply_remote already re-applied our ops
    const Fields fields = Fields::parse(text, nullptr, false);
    if (!fields.is_object()) continue;
    SIMPUL_TRY(replica.apply_remote(entity, id, &fields));
  }
  SIMPUL_TRY(db.exec("DELETE FROM reset_keep"));
  return db.exec("UPDATE sync_state SET reset_pending = 0 WHERE singleton = 1");
}

Result<RepairCounts> replace_buckets(storage::Replica& replica, const DigestResponse& response) {
  RepairCounts counts;
  auto& db = replica.db();
  const auto& all = storage::entities();
  const std::set<std::uint32_t> differing(response.differing_buckets.begin(), response.differing_buckets.end());
  std::map<std::size_t, std::set<std::string>> server_ids;  // per entity index
  for (const auto& block : response.blocks) {
    if (const EntityDef* def = storage::find_entity(block.entity)) {
      for (const auto& row : block.rows) server_ids[entity_index(*def)].insert(row.id);
    }
  }
  // Local rows in a differing bucket that the server does not have go, unless we have unconfirmed ops
  // for them (the server will hear about those when they are pushed).
  const auto buckets = static_cast<std::uint32_t>(kDigestBuckets);
  std::set<std::size_t> entities_touched;
  for (const auto b : differing) entities_touched.insert(b / buckets);
  for (const std::size_t e : entities_touched) {
    if (e >= all.size()) continue;
    const EntityDef& def = all[e];
    std::vector<std::string> stale;
    auto st = db.prepare("SELECT id FROM " + def.table + " ORDER BY id");
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      std::string id = st->text(0);
      const auto bucket = static_cast<std::uint32_t>(e) * buckets + digest_bucket(id);
      if (differing.count(bucket) != 0 && server_ids[e].count(id) == 0) stale.push_back(std::move(id));
    }
    for (const auto& id : stale) {
      auto mine = has_unconfirmed_ops(db, def.entity, id);
      if (!mine.ok()) return mine.error();
      if (*mine) {
        ++counts.kept;
        continue;
      }
      SIMPUL_TRY(replica.apply_remote(def.entity, id, nullptr));
      ++counts.removed;
    }
  }
  // The server's content of those buckets; apply_remote keeps our unconfirmed edits on top.
  for (const auto& block : response.blocks) {
    const EntityDef* def = storage::find_entity(block.entity);
    if (def == nullptr) continue;
    for (const auto& row : block.rows) {
      if (row.kind != ChangeKind::upsert) continue;
      const Fields fields = fields_from_wire(*def, block, row);
      SIMPUL_TRY(replica.apply_remote(def->entity, row.id, &fields));
      ++counts.written;
    }
  }
  return counts;
}

}  // namespace simpul::sync::detail
