#include "simpul/storage/queue.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/identity.hpp"
#include "simpul/core/uuid.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::storage {
namespace {

using queue::QueueEntry;
using queue::QueueEvent;
using queue::QueueEventKind;
using queue::QueueState;

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

std::string text_of(const Fields& row, const char* name) {
  auto it = row.find(name);
  if (it == row.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return it->dump();
}

std::int64_t int_of(const Fields& row, const char* name) {
  auto it = row.find(name);
  if (it == row.end() || it->is_null()) return 0;
  if (it->is_number()) return it->get<std::int64_t>();
  if (it->is_string()) {
    try {
      return std::stoll(it->get<std::string>());
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

nlohmann::json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

// "SELECT id, <columns in EntityDef order> FROM <table>" for reading whole rows as Fields.
std::string select_columns(const EntityDef& def, const std::string& alias) {
  std::string sql = "SELECT " + alias + ".id";
  for (const auto& c : def.columns) sql += ", " + alias + "." + c.name;
  return sql;
}

Fields row_fields(const Statement& st, const EntityDef& def) {
  Fields f = Fields::object();
  f["id"] = st.text(0);
  for (std::size_t i = 0; i < def.columns.size(); ++i) {
    f[def.columns[i].name] = column_json(st, static_cast<int>(i + 1));
  }
  return f;
}

const EntityDef& entry_def() { return *find_entity("queue_entry"); }
const EntityDef& event_def() { return *find_entity("queue_event"); }

// Where an entry stands in a list: waiting (in service order) first, then the ones at the door,
// in the room, on the skipped list, and the finished ones last.
int state_rank(QueueState s) {
  switch (s) {
    case QueueState::waiting: return 0;
    case QueueState::called: return 1;
    case QueueState::serving: return 2;
    case QueueState::skipped: return 3;
    case QueueState::done: return 4;
    case QueueState::no_show: return 5;
    case QueueState::cancelled: return 6;
  }
  return 7;
}

}  // namespace

// ---- rows <-> values ----

Fields to_fields(const QueueEntry& e) {
  return Fields{{"facility", e.facility},
                {"poli", e.poli},
                {"day", e.day.iso()},
                {"number", text_or_null(e.number)},
                {"seq_no", e.seq_no},
                {"priority", queue::priority_code(e.priority)},
                {"participant_id", text_or_null(e.participant_id)},
                {"card_number", text_or_null(e.card_number)},
                {"source", queue::source_code(e.source)},
                {"state", queue::state_code(e.state)},
                {"arrival_hlc", text_or_null(e.arrival_hlc)},
                {"complaint", text_or_null(e.complaint)},
                {"device", text_or_null(e.device)}};
}

Result<QueueEntry> queue_entry_from(const Fields& row) {
  QueueEntry e;
  e.id = text_of(row, "id");
  e.facility = text_of(row, "facility");
  e.poli = text_of(row, "poli");
  auto day = Date::parse(text_of(row, "day"));
  if (!day) return make_error(ErrorKind::corrupt, "queue.bad_row", "queue entry " + e.id + " has no valid day");
  e.day = *day;
  e.number = text_of(row, "number");
  e.seq_no = static_cast<int>(int_of(row, "seq_no"));
  e.priority = queue::parse_priority(text_of(row, "priority")).value_or(queue::Priority::regular);
  e.participant_id = text_of(row, "participant_id");
  e.card_number = text_of(row, "card_number");
  e.source = queue::parse_source(text_of(row, "source")).value_or(queue::Source::desk);
  e.state = queue::parse_state(text_of(row, "state")).value_or(QueueState::waiting);
  e.arrival_hlc = text_of(row, "arrival_hlc");
  e.complaint = text_of(row, "complaint");
  e.device = text_of(row, "device");
  return e;
}

Fields to_fields(const QueueEvent& e) {
  return Fields{{"entry_id", e.entry_id},
                {"event", queue::event_code(e.kind)},
                {"at_ms", e.at_ms},
                {"user_id", text_or_null(e.user_id)},
                {"device", text_or_null(e.device)}};
}

std::optional<QueueEvent> queue_event_from(const Fields& row) {
  auto kind = queue::parse_event(text_of(row, "event"));
  if (!kind) return std::nullopt;
  QueueEvent e;
  e.id = text_of(row, "id");
  e.entry_id = text_of(row, "entry_id");
  e.kind = *kind;
  e.at_ms = int_of(row, "at_ms");
  e.user_id = text_of(row, "user_id");
  e.device = text_of(row, "device");
  return e;
}

nlohmann::json to_json(const QueueEntry& e) {
  return {{"id", e.id},
          {"number", e.number},
          {"seq_no", e.seq_no},
          {"facility", e.facility},
          {"poli", e.poli},
          {"day", e.day.iso()},
          {"state", queue::state_code(e.state)},
          {"source", queue::source_code(e.source)},
          {"priority", queue::priority_letter(e.priority)},
          {"card_number", text_or_null(e.card_number)},
          {"participant_id", text_or_null(e.participant_id)},
          {"arrival_hlc", text_or_null(e.arrival_hlc)},
          {"complaint", text_or_null(e.complaint)},
          {"device", text_or_null(e.device)}};
}

// ---- the repository ----

Queue::Queue(Replica& replica, QueueOptions options) : r_(replica), options_(std::move(options)) {}

Date Queue::today() const {
  const std::int64_t now = r_.hlc().physical_now_ms();
  return Date::from_epoch_ms(now, options_.utc_offset_minutes);
}

int Queue::minute_now() const {
  const std::int64_t local = r_.hlc().physical_now_ms() +
                             static_cast<std::int64_t>(options_.utc_offset_minutes) * kMinuteMs;
  return static_cast<int>(((local % kDayMs) + kDayMs) % kDayMs / kMinuteMs);
}

std::string Queue::device_name() {
  const DeviceInfo d = r_.device();
  return d.enrolled() ? d.device_id : d.install_id;
}

Result<int> Queue::slot() {
  const DeviceInfo d = r_.device();
  if (!d.enrolled()) return queue::kUnenrolledSlot;
  auto st = r_.db().prepare("SELECT slot, released_at_ms FROM queue_slots WHERE id = ?1");
  st->bind(1, d.device_id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!row.value()) {
    return make_error(ErrorKind::permanent, "queue.slot_pending",
                      "this device is enrolled but has not received its queue-number slot from the server yet: "
                      "sync once (simpulctl sync) before issuing queue numbers");
  }
  if (st->is_null(0) || !st->is_null(1) || st->int32(0) < queue::kFirstDeviceSlot ||
      st->int32(0) > queue::kLastDeviceSlot) {
    return make_error(ErrorKind::permanent, "queue.no_slot",
                      "the server had no free queue-number slot for this device (a facility has 8 for issuing "
                      "devices): ask the operator to revoke a device that is no longer used; its slot then "
                      "passes to this one");
  }
  return st->int32(0);
}

Result<std::string> Queue::facility() {
  const DeviceInfo d = r_.device();
  if (!d.facility.empty()) return d.facility;
  if (auto f = r_.setting("queue.facility"); f && !f->empty()) return *f;
  return make_error(ErrorKind::invalid, "queue.no_facility",
                    "this replica belongs to no facility yet: enroll it (simpulctl enroll) or, for a single "
                    "unenrolled device, name the facility once (simpulctl queue add --facility CODE)");
}

Result<Poli> Queue::poli(const std::string& code) {
  auto fac = facility();
  if (!fac.ok()) return fac.error();
  auto f = Facilities(r_).get(*fac);
  if (!f.ok()) return f.error();
  if (!f->has_value()) {
    return make_error(ErrorKind::not_found, "queue.facility_unknown",
                      "facility " + *fac + " is not on this replica (sync, or load the demo data)");
  }
  for (const auto& p : (*f)->polis) {
    if (p.code == code) return p;
  }
  std::string known;
  for (const auto& p : (*f)->polis) known += (known.empty() ? "" : ", ") + p.code + " " + p.name;
  return make_error(ErrorKind::not_found, "queue.unknown_poli",
                    "facility " + *fac + " has no poli " + code + (known.empty() ? "" : " (it has " + known + ")"));
}

Result<std::vector<QueueEvent>> Queue::events_of(const std::string& entry_id) {
  auto st = r_.db().prepare(select_columns(event_def(), "v") + " FROM queue_events v WHERE v.entry_id = ?1");
  st->bind(1, entry_id);
  std::vector<QueueEvent> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!row.value()) break;
    if (auto e = queue_event_from(row_fields(*st, event_def()))) out.push_back(std::move(*e));
  }
  return out;
}

namespace {
constexpr const char* kDayWhere = " WHERE e.facility = ?1 AND e.day = ?2 AND (?3 = '' OR e.poli = ?3)";
}  // namespace

Result<std::vector<QueueEvent>> Queue::load_events(const std::string& facility, const Date& day,
                                                   const std::string& poli) {
  auto st = r_.db().prepare(select_columns(event_def(), "v") +
                            " FROM queue_events v JOIN queue_entries e ON e.id = v.entry_id" + kDayWhere +
                            " ORDER BY v.at_ms, v.id");
  st->bind_all(facility, day.iso(), poli);
  std::vector<QueueEvent> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!row.value()) break;
    if (auto e = queue_event_from(row_fields(*st, event_def()))) out.push_back(std::move(*e));
  }
  return out;
}

Result<std::vector<QueueEvent>> Queue::events(const Date& day, const std::string& poli) {
  auto fac = facility();
  if (!fac.ok()) return fac.error();
  return load_events(*fac, day, poli);
}

Result<Queue::Day> Queue::load_day(const std::string& facility, const Date& day, const std::string& poli) {
  Day out;
  const std::string where = kDayWhere;
  {
    auto st = r_.db().prepare(select_columns(entry_def(), "e") + " FROM queue_entries e" + where + " ORDER BY e.id");
    st->bind_all(facility, day.iso(), poli);
    for (;;) {
      auto row = st->step();
      if (!row.ok()) return row.error();
      if (!row.value()) break;
      auto e = queue_entry_from(row_fields(*st, entry_def()));
      if (!e.ok()) return e.error();
      out.entries.push_back(std::move(e).value());
    }
  }
  auto events = load_events(facility, day, poli);
  if (!events.ok()) return events.error();
  out.events = std::move(events).value();
  out.entries = queue::with_replayed_states(std::move(out.entries), out.events);
  return out;
}

std::vector<QueueItem> Queue::items(const Poli& poli, const Day& day) const {
  std::vector<QueueEntry> mine;
  std::set<std::string> ids;
  for (const auto& e : day.entries) {
    if (e.poli != poli.code) continue;
    mine.push_back(e);
    ids.insert(e.id);
  }
  std::vector<QueueEvent> my_events;
  for (const auto& ev : day.events) {
    if (ids.count(ev.entry_id) != 0) my_events.push_back(ev);
  }
  const queue::ServicePace pace = queue::service_pace(poli, my_events, options_.wait);
  std::map<std::string, std::size_t> order;
  const auto waiting = queue::service_order(mine, options_.order);
  for (std::size_t i = 0; i < waiting.size(); ++i) order[waiting[i].id] = i;
  std::vector<QueueItem> out;
  for (const auto& e : mine) {
    QueueItem item;
    item.entry = e;
    item.people_ahead = std::max(0, queue::people_ahead(mine, e.id, options_.order));
    item.estimated_wait_minutes = queue::estimated_wait_minutes(item.people_ahead, pace);
    out.push_back(std::move(item));
  }
  std::sort(out.begin(), out.end(), [&](const QueueItem& a, const QueueItem& b) {
    const int ra = state_rank(a.entry.state), rb = state_rank(b.entry.state);
    if (ra != rb) return ra < rb;
    if (ra == 0) return order[a.entry.id] < order[b.entry.id];
    if (a.entry.arrival_hlc != b.entry.arrival_hlc) return a.entry.arrival_hlc < b.entry.arrival_hlc;
    return a.entry.id < b.entry.id;
  });
  return out;
}

Result<QueueAddOutcome> Queue::add(const Actor& who, const NewQueueEntry& request) {
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  QueueAddOutcome out;
  if (!request.card_number.empty()) {
    Findings card = rules::check_card_number(request.card_number);
    if (has_errors(card)) {
      out.refusals = std::move(card);
      return out;
    }
  }
  auto fac = facility();
  if (!fac.ok()) return fac.error();
  auto poli = this->poli(request.poli);
  if (!poli.ok()) {
    if (poli.error().code != "queue.unknown_poli") return poli.error();
    out.refusals.push_back(rules::error_finding("poli", "queue.unknown_poli",
                                                "Poli " + request.poli + " tidak ada di faskes ini.",
                                                poli.error().message + "."));
    return out;
  }
  auto slot = this->slot();
  if (!slot.ok()) return slot.error();
  auto day = load_day(*fac, request.day, "");
  if (!day.ok()) return day.error();
  out.refusals = queue::check_booking(*poli, request.day, today(), minute_now(), day->entries, request.card_number,
                                      options_.booking);
  if (has_errors(out.refusals)) return out;
  out.refusals.clear();  // warnings do not stop a booking

  // The next number of this device's slot: from the day's entries and from every number this replica
  // ever issued for that day (the ledger survives a client reset that dropped unsynced rows).
  std::vector<QueueEntry> known = day->entries;
  {
    auto st = r_.db().prepare("SELECT number FROM queue_issued WHERE facility = ?1 AND poli = ?2 AND day = ?3");
    st->bind_all(*fac, poli->code, request.day.iso());
    for (;;) {
      auto row = st->step();
      if (!row.ok()) return row.error();
      if (!row.value()) break;
      QueueEntry issued;
      issued.poli = poli->code;
      issued.day = request.day;
      issued.number = st->text(0);
      known.push_back(std::move(issued));
    }
  }
  const queue::QueueNumber number = queue::NumberAllocator{*slot}.next(*poli, request.day, known);

  QueueEntry e;
  e.id = uuid_v7(r_.clock());
  e.facility = *fac;
  e.poli = poli->code;
  e.day = request.day;
  e.number = number.text;
  e.seq_no = number.seq_no;
  e.priority = request.priority;
  e.participant_id = request.participant_id;
  if (e.participant_id.empty() && !request.card_number.empty()) {
    auto p = Participants(r_).by_card(request.card_number);
    if (!p.ok()) return p.error();
    if (p->has_value()) e.participant_id = (*p)->id;
  }
  e.card_number = request.card_number;
  e.source = request.source;
  e.state = QueueState::waiting;
  e.arrival_hlc = r_.hlc().now().encode();
  e.complaint = request.complaint;
  e.device = device_name();
  {
    auto st = r_.db().prepare(
        "INSERT INTO queue_issued(facility, poli, day, number, entry_id, issued_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st->bind_all(e.facility, e.poli, e.day.iso(), e.number, e.id, r_.clock().now_ms());
    auto done = st->exec();
    if (!done.ok()) {
      // The ledger's primary key refused a number issued before: a bug in the allocation, never input.
      return make_error(ErrorKind::conflict, "queue.number_taken",
                        "queue number " + e.number + " was already issued on this device: nothing was saved");
    }
  }
  auto written = r_.upsert(who, "queue_entry", e.id, to_fields(e));
  if (!written.ok()) return written.error();
  SIMPUL_TRY(tx->commit());

  Day after = std::move(day).value();
  after.entries.push_back(e);
  for (auto& item : items(*poli, after)) {
    if (item.entry.id == e.id) out.ticket = std::move(item);
  }
  return out;
}

Result<QueueEventOutcome> Queue::record(const Actor& who, const std::string& entry_id, QueueEventKind kind) {
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto row = r_.load("queue_entry", entry_id);
  if (!row.ok()) return row.error();
  if (!row->has_value()) return make_error(ErrorKind::not_found, "queue.not_found", "no queue entry " + entry_id);
  auto entry = queue_entry_from(**row);
  if (!entry.ok()) return entry.error();
  auto events = events_of(entry_id);
  if (!events.ok()) return events.error();
  QueueEventOutcome out;
  const QueueState before = events->empty() ? entry->state : queue::replay(*events).state;
  out.refusals = queue::check_event(before, kind);
  if (!out.refusals.empty()) {
    out.entry = *entry;
    out.entry.state = before;
    return out;
  }
  QueueEvent ev;
  ev.id = uuid_v7(r_.clock());
  ev.entry_id = entry_id;
  ev.kind = kind;
  // The HLC wall time, and never before an event this device has already seen for the entry: staff
  // act on what the screen shows, so their event must replay after it.
  ev.at_ms = r_.hlc().now().wall_ms;
  for (const auto& seen : *events) ev.at_ms = std::max(ev.at_ms, seen.at_ms + 1);
  ev.user_id = who.user_id;
  ev.device = device_name();
  auto written = r_.upsert(who, "queue_event", ev.id, to_fields(ev));
  if (!written.ok()) return written.error();
  events->push_back(ev);
  const QueueState after = queue::replay(*events).state;
  {
    auto st = r_.db().prepare("UPDATE queue_entries SET state = ?2 WHERE id = ?1 AND state IS NOT ?2");
    st->bind_all(entry_id, queue::state_code(after));
    SIMPUL_TRY(st->exec());
  }
  SIMPUL_TRY(tx->commit());
  out.entry = std::move(entry).value();
  out.entry.state = after;
  out.event = std::move(ev);
  return out;
}

Result<std::optional<QueueEntry>> Queue::get(const std::string& entry_id) {
  auto row = r_.load("queue_entry", entry_id);
  if (!row.ok()) return row.error();
  if (!row->has_value()) return std::optional<QueueEntry>{};
  auto entry = queue_entry_from(**row);
  if (!entry.ok()) return entry.error();
  auto events = events_of(entry_id);
  if (!events.ok()) return events.error();
  if (!events->empty()) entry->state = queue::replay(*events).state;
  return std::optional<QueueEntry>{std::move(entry).value()};
}

Result<std::optional<QueueEntry>> Queue::by_number(const std::string& poli, const Date& day,
                                                   const std::string& number) {
  auto fac = facility();
  if (!fac.ok()) return fac.error();
  auto st = r_.db().prepare(
      "SELECT id FROM queue_entries WHERE facility = ?1 AND poli = ?2 AND day = ?3 AND number = ?4 ORDER BY id LIMIT 1");
  st->bind_all(*fac, poli, day.iso(), number);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!row.value()) return std::optional<QueueEntry>{};
  const std::string id = st->text(0);
  st->reset();
  return get(id);
}

Result<std::vector<QueueItem>> Queue::list(const Date& day, const std::string& poli) {
  auto fac = facility();
  if (!fac.ok()) return fac.error();
  auto loaded = load_day(*fac, day, poli);
  if (!loaded.ok()) return loaded.error();
  std::set<std::string> codes;
  for (const auto& e : loaded->entries) codes.insert(e.poli);
  std::vector<QueueItem> out;
  for (const auto& code : codes) {
    auto p = this->poli(code);
    Poli known = p.ok() ? *p : Poli{code, code, "", 8 * 60, 14 * 60, 60};  // a poli since removed: still listed
    for (auto& item : items(known, *loaded)) out.push_back(std::move(item));
  }
  return out;
}

Result<QueueBoard> Queue::board(const std::string& poli_code, const Date& day) {
  auto fac = facility();
  if (!fac.ok()) return fac.error();
  auto poli = this->poli(poli_code);
  if (!poli.ok()) return poli.error();
  auto loaded = load_day(*fac, day, poli_code);
  if (!loaded.ok()) return loaded.error();
  QueueBoard b;
  b.poli = *poli;
  b.day = day;
  b.summary = queue::summarize(*poli, loaded->entries, loaded->events, options_.wait);
  b.recent_calls = queue::recent_calls(loaded->entries, loaded->events, 5);
  std::map<std::string, std::int64_t> last_call;
  for (const auto& [id, rr] : queue::replay_by_entry(loaded->events)) {
    if (rr.last_called_ms) last_call[id] = *rr.last_called_ms;
  }
  for (auto& item : items(*poli, *loaded)) {
    if (item.entry.state == QueueState::waiting) b.waiting.push_back(std::move(item));
    else if (item.entry.state == QueueState::called) b.called.push_back(std::move(item));
  }
  std::stable_sort(b.called.begin(), b.called.end(), [&](const QueueItem& a, const QueueItem& c) {
    return last_call[a.entry.id] > last_call[c.entry.id];
  });
  b.estimated_wait_minutes = queue::estimated_wait_minutes(b.summary.remaining, b.summary.pace);
  return b;
}

Result<int> Queue::refresh_states(const Date& day) {
  auto fac = facility();
  if (!fac.ok()) return fac.error();
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto loaded = load_day(*fac, day, "");
  if (!loaded.ok()) return loaded.error();
  int changed = 0;
  auto st = r_.db().prepare("UPDATE queue_entries SET state = ?2 WHERE id = ?1 AND state IS NOT ?2");
  for (const auto& e : loaded->entries) {
    st->bind_all(e.id, queue::state_code(e.state));
    SIMPUL_TRY(st->exec());
    changed += r_.db().changes();
    st->reset();
  }
  SIMPUL_TRY(tx->commit());
  return changed;
}

}  // namespace simpul::storage
