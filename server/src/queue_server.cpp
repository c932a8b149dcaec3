#include "queue_server.hpp"

#include <algorithm>
#include <set>

#include "server_rows.hpp"
#include "simpul/storage/queue.hpp"

namespace simpul::server {
namespace {

const EntityDef& entry_def() { return *storage::find_entity("queue_entry"); }
const EntityDef& event_def() { return *storage::find_entity("queue_event"); }
const EntityDef& slot_def() { return *storage::find_entity("queue_slot"); }

Fields with_id(const StoredRow& row) {
  Fields f = row.fields;
  f["id"] = row.id;
  return f;
}

std::optional<std::int64_t> int_field(const StoredRow& row, const char* name) {
  auto it = row.fields.find(name);
  if (it == row.fields.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

Result<std::vector<queue::QueueEvent>> events_of(StoreRead& read, const std::string& entry_id) {
  auto ids = read.find_ids(event_def(), "entry_id", entry_id);
  if (!ids.ok()) return ids.error();
  std::vector<queue::QueueEvent> out;
  for (const auto& id : *ids) {
    auto row = read.load(event_def(), id);
    if (!row.ok()) return row.error();
    if (!row->has_value() || (*row)->deleted) continue;
    if (auto e = storage::queue_event_from(with_id(**row))) out.push_back(std::move(*e));
  }
  return out;
}

// The facility's slot rows that still hold a slot, with their device ids.
Result<std::vector<StoredRow>> slot_rows(StoreRead& read, const std::string& facility) {
  auto ids = read.find_ids(slot_def(), "facility", facility);
  if (!ids.ok()) return ids.error();
  std::vector<StoredRow> out;
  for (const auto& id : *ids) {
    auto row = read.load(slot_def(), id);
    if (!row.ok()) return row.error();
    if (row->has_value() && !(*row)->deleted) out.push_back(std::move(**row));
  }
  return out;
}

Result<bool> revoked(StoreRead& read, const std::string& device_id) {
  auto d = read.device(device_id);
  if (!d.ok()) return d.error();
  return !d->has_value() || (*d)->revoked_at_ms.has_value();
}

}  // namespace

Result<QueueDay> load_queue_day(StoreRead& read, const std::string& facility, const Date& day) {
  auto ids = read.find_ids_where(entry_def(), {{"facility", facility}, {"day", day.iso()}});
  if (!ids.ok()) return ids.error();
  QueueDay out;
  for (const auto& id : *ids) {
    auto row = read.load(entry_def(), id);
    if (!row.ok()) return row.error();
    if (!row->has_value() || (*row)->deleted) continue;
    auto e = storage::queue_entry_from(with_id(**row));
    if (!e.ok()) continue;  // a row without a readable day: not part of any day's queue
    auto events = events_of(read, id);
    if (!events.ok()) return events.error();
    out.entries.push_back(std::move(e).value());
    out.events.insert(out.events.end(), events->begin(), events->end());
  }
  out.entries = queue::with_replayed_states(std::move(out.entries), out.events);
  return out;
}

Status refresh_queue_state(WriteContext& ctx, const std::string& entry_id) {
  // Events first: a new entry has none, and then the entry need not be read at all.
  auto events = events_of(ctx.tx(), entry_id);
  if (!events.ok()) return events.error();
  if (events->empty()) return {};
  auto row = ctx.tx().load(entry_def(), entry_id);
  if (!row.ok()) return row.error();
  if (!row->has_value() || (*row)->deleted) return {};
  const std::string state = queue::state_code(queue::replay(*events).state);
  auto stored = (*row)->fields.find("state");
  if (stored != (*row)->fields.end() && *stored == state) return {};
  auto written = write_server_fields(ctx, entry_def(), entry_id, Fields{{"state", state}});
  if (!written.ok()) return written.error();
  return {};
}

Result<std::optional<int>> assign_queue_slot(WriteContext& ctx, const DeviceRecord& device) {
  auto rows = slot_rows(ctx.tx(), device.facility);
  if (!rows.ok()) return rows.error();
  std::set<std::int64_t> held;
  for (const auto& r : *rows) {
    if (r.id == device.device_id || int_field(r, "released_at_ms")) continue;
    auto slot = int_field(r, "slot");
    if (!slot) continue;
    auto gone = revoked(ctx.tx(), r.id);
    if (!gone.ok()) return gone.error();
    if (!*gone) held.insert(*slot);
  }
  std::optional<int> slot;
  for (int s = queue::kFirstDeviceSlot; s <= queue::kLastDeviceSlot && !slot; ++s) {
    if (held.count(s) == 0) slot = s;
  }
  Fields f = {{"facility", device.facility},
              {"slot", slot ? nlohmann::json(*slot) : nlohmann::json()},
              {"install_id", device.install_id},
              {"device_name", device.name},
              {"assigned_at_ms", ctx.now_ms()},
              {"released_at_ms", nullptr}};
  auto written = write_server_fields(ctx, slot_def(), device.device_id, f);
  if (!written.ok()) return written.error();
  return slot;
}

Result<bool> has_queue_slot_row(StoreRead& read, const std::string& device_id) {
  auto row = read.load(slot_def(), device_id);
  if (!row.ok()) return row.error();
  return row->has_value();
}

Status release_queue_slot(WriteContext& ctx, const std::string& device_id) {
  auto row = ctx.tx().load(slot_def(), device_id);
  if (!row.ok()) return row.error();
  if (!row->has_value() || int_field(**row, "released_at_ms")) return {};
  const auto slot = int_field(**row, "slot");
  const std::string facility = (*row)->fields.value("facility", "");
  auto released = write_server_fields(ctx, slot_def(), device_id, Fields{{"released_at_ms", ctx.now_ms()}});
  if (!released.ok()) return released.error();
  if (!slot) return {};
  // The freed slot goes to the facility's oldest live device still waiting for one.
  auto rows = slot_rows(ctx.tx(), facility);
  if (!rows.ok()) return rows.error();
  const StoredRow* heir = nullptr;
  for (const auto& r : *rows) {
    if (r.id == device_id || int_field(r, "slot") || int_field(r, "released_at_ms")) continue;
    auto gone = revoked(ctx.tx(), r.id);
    if (!gone.ok()) return gone.error();
    if (*gone) continue;
    if (heir == nullptr || int_field(r, "assigned_at_ms").value_or(0) < int_field(*heir, "assigned_at_ms").value_or(0)) {
      heir = &r;
    }
  }
  if (heir == nullptr) return {};
  auto given = write_server_fields(ctx, slot_def(), heir->id, Fields{{"slot", *slot}, {"assigned_at_ms", ctx.now_ms()}});
  if (!given.ok()) return given.error();
  return {};
}

}  // namespace simpul::server
