#include "simpul/storage/replica.hpp"

#include <sqlite3.h>

#include "simpul/core/uuid.hpp"

namespace simpul::storage {

void bind_field(Statement& st, int index, const nlohmann::json& v) {
  if (v.is_null()) {
    st.bind_null(index);
  } else if (v.is_number_integer() || v.is_boolean()) {
    st.bind(index, v.is_boolean() ? static_cast<std::int64_t>(v.get<bool>()) : v.get<std::int64_t>());
  } else if (v.is_number()) {
    st.bind(index, v.get<double>());
  } else if (v.is_string()) {
    st.bind(index, v.get_ref<const std::string&>());
  } else {
    st.bind(index, v.dump());  // nested JSON is stored as text
  }
}

nlohmann::json column_json(const Statement& st, int col) {
  switch (st.column_type(col)) {
    case SQLITE_INTEGER: return st.int64(col);
    case SQLITE_FLOAT: return st.real(col);
    case SQLITE_NULL: return nullptr;
    default: return st.text(col);
  }
}

namespace {

std::string select_sql(const EntityDef& def) {
  std::string sql = "SELECT id";
  for (const auto& c : def.columns) sql += ", " + c.name;
  sql += " FROM " + def.table + " WHERE id = ?1";
  return sql;
}

// Normalises a field value to the column's type so that "3" and 3 compare equal for an INTEGER column.
nlohmann::json coerce(const ColumnDef& col, const nlohmann::json& v) {
  if (v.is_null()) return v;
  switch (col.type) {
    case ColumnType::integer:
      if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
      if (v.is_number()) return static_cast<std::int64_t>(v.get<double>());
      if (v.is_string()) {
        try {
          std::size_t pos = 0;
          const auto& s = v.get_ref<const std::string&>();
          const long long n = std::stoll(s, &pos);
          if (pos == s.size()) return n;
        } catch (const std::exception&) {
        }
      }
      return v;
    case ColumnType::real:
      if (v.is_number()) return v.get<double>();
      return v;
    case ColumnType::text:
      if (v.is_string()) return v;
      if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
      return v.dump();
  }
  return v;
}

}  // namespace

Replica::Replica(Database db, const Clock& clock) : db_(std::move(db)), clock_(&clock) {}

Result<std::unique_ptr<Replica>> Replica::open(const std::string& path, const Clock& clock,
                                               const OpenOptions& options) {
  auto db = Database::open(path, options);
  if (!db.ok()) return db.error();
  SIMPUL_TRY(migrate(*db));
  std::unique_ptr<Replica> r(new Replica(std::move(db).value(), clock));
  // First open: give this installation its own id (the HLC node id).
  {
    auto st = r->db_.prepare("INSERT OR IGNORE INTO device(singleton, install_id) VALUES (1, ?1)");
    st->bind(1, uuid_v7(clock));
    SIMPUL_TRY(st->exec());
    auto sync = r->db_.prepare("INSERT OR IGNORE INTO sync_state(singleton) VALUES (1)");
    SIMPUL_TRY(sync->exec());
  }
  const DeviceInfo info = r->device();
  r->hlc_ = std::make_unique<HybridClock>(clock, info.install_id);
  // Time never runs backwards across restarts: resume after the last timestamp this device issued.
  {
    auto st = r->db_.prepare("SELECT max(hlc) FROM outbox");
    auto row = st->step();
    if (row.ok() && row.value() && !st->is_null(0)) {
      HlcTimestamp last;
      if (HlcTimestamp::decode(st->text(0), last)) r->hlc_->restore(last);
    }
    auto off = r->db_.prepare("SELECT clock_offset_ms, hlc_seen FROM sync_state WHERE singleton = 1");
    auto orow = off->step();
    if (orow.ok() && orow.value()) {
      r->hlc_->set_offset_ms(off->int64(0));
      // The sync engine records the newest timestamp it pulled; resume after it too.
      HlcTimestamp seen;
      if (!off->is_null(1) && HlcTimestamp::decode(off->text(1), seen)) r->hlc_->restore(seen);
    }
    if (const auto text = r->setting(kClockAnchorSetting)) {
      if (const auto anchor = ClockAnchor::decode(*text)) r->hlc_->restore_anchor(*anchor);
    }
  }
  return r;
}

DeviceInfo Replica::device() {
  DeviceInfo info;
  auto st = db_.prepare(
      "SELECT install_id, device_id, facility, server_url, enrolled_at_ms FROM device WHERE singleton = 1");
  auto row = st->step();
  if (row.ok() && row.value()) {
    info.install_id = st->text(0);
    info.device_id = st->text(1);
    info.facility = st->text(2);
    info.server_url = st->text(3);
    if (!st->is_null(4)) info.enrolled_at_ms = st->int64(4);
  }
  return info;
}

Status Replica::save_enrollment(const DeviceInfo& info, const std::string& token) {
  auto st = db_.prepare(
      "UPDATE device SET device_id = ?1, facility = ?2, server_url = ?3, token = ?4, enrolled_at_ms = ?5 "
      "WHERE singleton = 1");
  st->bind_all(info.device_id, info.facility, info.server_url, token, clock_->now_ms());
  return st->exec();
}

Status Replica::adopt_facility(const std::string& facility) {
  for (const EntityDef& def : entities()) {
    if (def.column("facility") == nullptr) continue;
    auto rows = db_.prepare("UPDATE " + def.table + " SET facility = ?1 WHERE facility IS NULL OR facility = ''");
    rows->bind(1, facility);
    SIMPUL_TRY(rows->exec());
    auto ops = db_.prepare("SELECT seq, fields FROM outbox WHERE entity = ?1 AND state = 'pending' AND kind = 'upsert'");
    ops->bind(1, def.entity);
    std::vector<std::pair<std::int64_t, std::string>> stamped;
    for (;;) {
      auto row = ops->step();
      if (!row.ok()) return row.error();
      if (!row.value()) break;
      Fields f = Fields::parse(ops->text(1), nullptr, false);
      if (!f.is_object()) continue;
      auto it = f.find("facility");
      if (it == f.end() || !(it->is_null() || (it->is_string() && it->get<std::string>().empty()))) continue;
      *it = facility;
      stamped.emplace_back(ops->int64(0), f.dump());
    }
    auto update = db_.prepare("UPDATE outbox SET fields = ?2 WHERE seq = ?1");
    for (const auto& [seq, text] : stamped) {
      update->reset();
      update->bind_all(seq, text);
      SIMPUL_TRY(update->exec());
    }
  }
  return {};
}

std::string Replica::device_token() {
  auto st = db_.prepare("SELECT token FROM device WHERE singleton = 1");
  auto row = st->step();
  return (row.ok() && row.value()) ? st->text(0) : std::string();
}

Result<std::optional<Fields>> Replica::load(std::string_view entity, const std::string& id) {
  const EntityDef* def = find_entity(entity);
  if (def == nullptr) return make_error(ErrorKind::invalid, "entity.unknown", "unknown entity " + std::string(entity));
  auto st = db_.prepare(select_sql(*def));
  st->bind(1, id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!row.value()) return std::optional<Fields>{};
  Fields f = Fields::object();
  f["id"] = st->text(0);
  for (std::size_t i = 0; i < def->columns.size(); ++i) {
    f[def->columns[i].name] = column_json(*st, static_cast<int>(i + 1));
  }
  return std::optional<Fields>{std::move(f)};
}

Status Replica::write_row(const EntityDef& def, const std::string& id, const Fields& fields, bool exists) {
  std::string sql;
  std::vector<const nlohmann::json*> values;
  if (exists) {
    sql = "UPDATE " + def.table + " SET ";
    bool first = true;
    for (const auto& [k, v] : fields.items()) {
      if (!first) sql += ", ";
      first = false;
      sql += k + " = ?" + std::to_string(values.size() + 2);
      values.push_back(&v);
    }
    sql += " WHERE id = ?1";
  } else {
    sql = "INSERT INTO " + def.table + " (id";
    std::string params = "?1";
    for (const auto& [k, v] : fields.items()) {
      sql += ", " + k;
      params += ", ?" + std::to_string(values.size() + 2);
      values.push_back(&v);
    }
    sql += ") VALUES (" + params + ")";
  }
  auto st = db_.prepare(sql);
  st->bind(1, id);
  for (std::size_t i = 0; i < values.size(); ++i) bind_field(*st, static_cast<int>(i + 2), *values[i]);
  return st->exec();
}

Status Replica::append_audit(const Actor& who, std::string_view entity, const std::string& id,
                             std::string_view action, const Fields& before, const Fields& after) {
  auto st = db_.prepare(
      "INSERT INTO audit_log(at_ms, user_id, username, entity, entity_id, action, before, after) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st->bind_all(clock_->now_ms(), who.user_id, who.username, entity, id, action);
  if (before.is_null()) st->bind_null(7); else st->bind(7, before.dump());
  if (after.is_null()) st->bind_null(8); else st->bind(8, after.dump());
  return st->exec();
}

Result<bool> Replica::upsert(const Actor& who, std::string_view entity, const std::string& id,
                             const Fields& fields) {
  const EntityDef* def = find_entity(entity);
  if (def == nullptr) return make_error(ErrorKind::invalid, "entity.unknown", "unknown entity " + std::string(entity));
  if (id.empty()) return make_error(ErrorKind::invalid, "entity.no_id", "a record needs an id");
  if (!fields.is_object()) return make_error(ErrorKind::invalid, "fields.not_object", "fields must be an object");
  auto before_row = load(entity, id);
  if (!before_row.ok()) return before_row.error();
  const bool exists = before_row->has_value();
  if (exists && def->append_only) {
    return make_error(ErrorKind::invalid, "entity.append_only", def->entity + " records are facts and cannot be edited");
  }
  Fields changed = Fields::object();
  Fields before = Fields::object();
  for (const auto& [k, v] : fields.items()) {
    if (k == "id") continue;
    const ColumnDef* col = def->column(k);
    if (col == nullptr) return make_error(ErrorKind::invalid, "field.unknown", "unknown field " + def->entity + "." + k);
    nlohmann::json value = coerce(*col, v);
    if (exists) {
      const auto& old = (**before_row)[k];
      if (old == value) continue;
      before[k] = old;
    } else if (value.is_null()) {
      continue;
    }
    changed[k] = std::move(value);
  }
  if (changed.empty()) {
    if (exists) return false;
  }
  SIMPUL_TRY(write_row(*def, id, changed, exists));
  auto op = db_.prepare(
      "INSERT INTO outbox(op_id, entity, entity_id, kind, fields, hlc, user_id, created_at_ms) "
      "VALUES (?1, ?2, ?3, 'upsert', ?4, ?5, ?6, ?7)");
  op->bind_all(uuid_v7(*clock_), def->entity, id, changed.dump(), hlc_->now().encode(), who.user_id,
               clock_->now_ms());
  SIMPUL_TRY(op->exec());
  SIMPUL_TRY(append_audit(who, def->entity, id, exists ? "update" : "create", exists ? before : Fields(), changed));
  return true;
}

Status Replica::remove(const Actor& who, std::string_view entity, const std::string& id) {
  const EntityDef* def = find_entity(entity);
  if (def == nullptr) return make_error(ErrorKind::invalid, "entity.unknown", "unknown entity " + std::string(entity));
  auto before = load(entity, id);
  if (!before.ok()) return before.error();
  if (!before->has_value()) return make_error(ErrorKind::not_found, "entity.not_found", def->entity + " " + id + " not found");
  auto del = db_.prepare("DELETE FROM " + def->table + " WHERE id = ?1");
  del->bind(1, id);
  SIMPUL_TRY(del->exec());
  auto op = db_.prepare(
      "INSERT INTO outbox(op_id, entity, entity_id, kind, fields, hlc, user_id, created_at_ms) "
      "VALUES (?1, ?2, ?3, 'delete', '{}', ?4, ?5, ?6)");
  op->bind_all(uuid_v7(*clock_), def->entity, id, hlc_->now().encode(), who.user_id, clock_->now_ms());
  SIMPUL_TRY(op->exec());
  return append_audit(who, def->entity, id, "delete", **before, Fields());
}

Status Replica::audit_view(const Actor& who, std::string_view entity, const std::string& id) {
  return append_audit(who, entity, id, "view", Fields(), Fields());
}

Status Replica::apply_remote(std::string_view entity, const std::string& id, const Fields* fields) {
  const EntityDef* def = find_entity(entity);
  if (def == nullptr) return make_error(ErrorKind::invalid, "entity.unknown", "unknown entity " + std::string(entity));
  auto before = load(entity, id);
  if (!before.ok()) return before.error();
  const bool exists = before->has_value();
  if (fields == nullptr) {
    if (!exists) return {};
    auto del = db_.prepare("DELETE FROM " + def->table + " WHERE id = ?1");
    del->bind(1, id);
    SIMPUL_TRY(del->exec());
    return append_audit(Actor::system(), def->entity, id, "sync-delete", **before, Fields());
  }
  Fields row = Fields::object();
  for (const auto& col : def->columns) {
    auto it = fields->find(col.name);
    row[col.name] = it == fields->end() ? nlohmann::json() : coerce(col, *it);
  }
  // Local ops the server has not confirmed yet win locally until the server answers for them.
  auto pending = db_.prepare(
      "SELECT kind, fields FROM outbox WHERE entity = ?1 AND entity_id = ?2 AND state IN ('pending', 'sent') "
      "ORDER BY seq");
  pending->bind_all(def->entity, id);
  bool locally_deleted = false;
  for (;;) {
    auto r = pending->step();
    if (!r.ok()) return r.error();
    if (!r.value()) break;
    if (pending->text(0) == "delete") {
      locally_deleted = true;
      continue;
    }
    locally_deleted = false;
    auto local = Fields::parse(pending->text(1), nullptr, false);
    if (!local.is_object()) continue;
    for (const auto& [k, v] : local.items()) {
      if (const ColumnDef* col = def->column(k); col != nullptr && !col->server_owned) row[k] = v;
    }
  }
  if (locally_deleted) return {};
  Fields changed = Fields::object();
  for (const auto& [k, v] : row.items()) {
    if (!exists || (**before)[k] != v) changed[k] = v;
  }
  if (exists && changed.empty()) return {};
  SIMPUL_TRY(write_row(*def, id, exists ? changed : row, exists));
  Fields old = Fields::object();
  if (exists) {
    for (const auto& [k, v] : changed.items()) old[k] = (**before)[k];
  }
  return append_audit(Actor::system(), def->entity, id, "sync", exists ? old : Fields(), changed);
}

std::optional<std::string> Replica::setting(const std::string& key) {
  auto st = db_.prepare("SELECT value FROM settings WHERE key = ?1");
  st->bind(1, key);
  auto row = st->step();
  if (row.ok() && row.value()) return st->text(0);
  return std::nullopt;
}

Status Replica::set_setting(const std::string& key, const std::string& value) {
  auto st = db_.prepare("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
  st->bind_all(key, value);
  return st->exec();
}

}  // namespace simpul::storage
