#include "simpul/storage/bulk.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "simpul/storage/codec.hpp"

namespace simpul::storage {
namespace {

std::string insert_sql(const EntityDef& def, const std::vector<std::string>& columns) {
  std::string sql = "INSERT INTO " + def.table + " (id";
  std::string params = "?1";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += ", " + columns[i];
    params += ", ?" + std::to_string(i + 2);
  }
  return sql + ") VALUES (" + params + ")";
}

std::vector<std::string> all_columns(const EntityDef& def) {
  std::vector<std::string> out;
  for (const auto& c : def.columns) out.push_back(c.name);
  return out;
}

Error with_row(Error e, const EntityDef& def, const std::string& id) {
  e.message = def.entity + " " + id + ": " + e.message;
  return e;
}

std::optional<std::string> opt_date(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(d->iso()) : std::nullopt;
}

// Rows of the demo's own record types, bound straight from values: the columns are named once (and checked
// against the schema), and no JSON object is built per row.
class RowInserter {
 public:
  RowInserter(Database& db, const char* entity, std::vector<std::string> columns)
      : def_(*find_entity(entity)), columns_(std::move(columns)), st_(db.prepare(insert_sql(def_, columns_))) {
    for (const auto& c : columns_) {
      if (def_.column(c) == nullptr) std::abort();  // a typo in this file, not bad input
    }
  }
  // Values in the order the columns were named.
  template <class... V>
  Status insert(const std::string& id, const V&... values) {
    if (sizeof...(V) != columns_.size()) std::abort();
    st_->bind_all(id, values...);
    Status s = st_->exec();
    st_->reset();
    return s.ok() ? s : with_row(s.error(), def_, id);
  }

 private:
  const EntityDef& def_;
  std::vector<std::string> columns_;
  CachedStatement st_;
};

// Collects Fields rows of one entity and inserts them in chunks, so a million participants never sit in
// memory as JSON all at once.
class ChunkedInsert {
 public:
  ChunkedInsert(Database& db, const char* entity) : db_(db), def_(*find_entity(entity)) { rows_.reserve(kChunk); }
  Status add(Fields row) {
    rows_.push_back(std::move(row));
    return rows_.size() >= kChunk ? flush() : Status{};
  }
  Status flush() {
    Status s = bulk_insert(db_, def_, rows_);
    rows_.clear();
    return s;
  }

 private:
  static constexpr std::size_t kChunk = 4096;
  Database& db_;
  const EntityDef& def_;
  std::vector<Fields> rows_;
};

// A big page cache while loading: with SQLite's default (2 MB) a load of this size spills pages to the
// WAL over and over.
class BigCache {
 public:
  explicit BigCache(Database& db) : db_(db) {
    auto current = db.query_int("PRAGMA cache_size");
    saved_ = current.ok() ? current->value_or(-2000) : -2000;
    (void)db_.exec("PRAGMA cache_size = -262144");  // 256 MiB
  }
  ~BigCache() { (void)db_.exec("PRAGMA cache_size = " + std::to_string(saved_)); }
  BigCache(const BigCache&) = delete;
  BigCache& operator=(const BigCache&) = delete;

 private:
  Database& db_;
  std::int64_t saved_ = -2000;
};

// The name index (FTS5) is kept by a trigger per inserted participant. Within one big transaction that is
// slow twice over: each insert writes to the index, and once the index has joined the transaction every
// later statement makes FTS5 flush at its savepoint. So the load takes the trigger out, inserts, rebuilds
// the index once from the table and puts the trigger back, all inside the transaction (DDL is
// transactional in SQLite: a rollback restores the trigger too).
class NameIndexPause {
 public:
  static Result<NameIndexPause> begin(Database& db) {
    auto sql = db.query_text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '" +
                             std::string(kTrigger) + "'");
    if (!sql.ok()) return sql.error();
    NameIndexPause paused(db, sql->value_or(""));
    if (!paused.trigger_sql_.empty()) SIMPUL_TRY(db.exec("DROP TRIGGER " + std::string(kTrigger)));
    return paused;
  }
  Status end() {
    if (trigger_sql_.empty()) return {};
    SIMPUL_TRY(db_.exec("INSERT INTO participants_fts(participants_fts) VALUES ('rebuild')"));
    return db_.exec(trigger_sql_);
  }

 private:
  static constexpr const char* kTrigger = "participants_fts_ai";
  NameIndexPause(Database& db, std::string sql) : db_(db), trigger_sql_(std::move(sql)) {}
  Database& db_;
  std::string trigger_sql_;  // empty: no such trigger, nothing to pause
};

}  // namespace

Status bulk_insert(Database& db, const EntityDef& def, const std::vector<Fields>& rows) {
  if (!db.in_transaction()) {
    return make_error(ErrorKind::invalid, "bulk.no_transaction", "bulk_insert must run inside a transaction");
  }
  if (rows.empty()) return {};
  auto st = db.prepare(insert_sql(def, all_columns(def)));
  // Column names sorted with their parameter numbers: a row's keys (sorted too) are matched in one pass.
  std::vector<std::pair<std::string_view, int>> params;
  params.emplace_back("id", 1);
  for (std::size_t i = 0; i < def.columns.size(); ++i) params.emplace_back(def.columns[i].name, static_cast<int>(i + 2));
  std::sort(params.begin(), params.end());
  for (const Fields& row : rows) {
    if (!row.is_object()) return make_error(ErrorKind::invalid, "fields.not_object", "a row must be an object");
    const auto id = row.find("id");
    if (id == row.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
      return make_error(ErrorKind::invalid, "entity.no_id", "a " + def.entity + " row needs an id");
    }
    auto param = params.begin();
    for (const auto& [key, value] : row.items()) {
      while (param != params.end() && param->first < key) ++param;
      if (param == params.end() || param->first != key) {
        return make_error(ErrorKind::invalid, "field.unknown", "unknown field " + def.entity + "." + key);
      }
      bind_field(*st, param->second, value);  // columns the row leaves out stay NULL (reset clears bindings)
    }
    Status s = st->exec();
    st->reset();
    if (!s.ok()) return with_row(s.error(), def, id->get<std::string>());
  }
  return {};
}

Status load_demo(Replica& replica, const demo::DemoData& data, const std::string& facility_code) {
  Database& db = replica.db();
  const BigCache cache(db);
  auto tx = Transaction::begin(db);
  if (!tx.ok()) return tx.error();
  auto name_index = NameIndexPause::begin(db);
  if (!name_index.ok()) return name_index.error();

  ChunkedInsert facilities(db, "facility");
  for (const Facility& f : data.facilities) {
    Fields row = to_fields(f);
    row["id"] = f.code;
    SIMPUL_TRY(facilities.add(std::move(row)));
  }
  SIMPUL_TRY(facilities.flush());

  std::vector<bool> keep(data.participants.size(), true);
  if (!facility_code.empty()) {
    for (std::size_t i = 0; i < keep.size(); ++i) {
      const Participant& p = data.participants[i];
      keep[i] = p.fktp == facility_code || p.dental_fktp == facility_code;
    }
  }
  auto id_of = [&data](std::uint32_t participant) -> const std::string& { return data.participants[participant].id; };

  ChunkedInsert participants(db, "participant");
  for (std::size_t i = 0; i < data.participants.size(); ++i) {
    if (!keep[i]) continue;
    const Participant& p = data.participants[i];
    Fields row = to_fields(p);
    row["id"] = p.id;
    if (p.active_from) row["registered_at"] = p.active_from->iso();
    SIMPUL_TRY(participants.add(std::move(row)));
  }
  SIMPUL_TRY(participants.flush());

  RowInserter kk(db, "kk_history", {"participant_id", "kk_number", "valid_from", "valid_until"});
  for (const demo::KkEntry& k : data.kk_history) {
    if (!keep[k.participant]) continue;
    SIMPUL_TRY(kk.insert(k.id.text(), id_of(k.participant), k.kk_number, k.valid_from.iso(), opt_date(k.valid_until)));
  }

  RowInserter bills(db, "bill", {"participant_id", "period", "amount", "due_date", "status"});
  for (const demo::Bill& b : data.bills) {
    if (!keep[b.participant]) continue;
    SIMPUL_TRY(bills.insert(b.id.text(), id_of(b.participant), demo::period_text(b), b.amount, b.due_date.iso(),
                            demo::status_text(b)));
  }

  RowInserter payments(db, "payment", {"participant_id", "bill_id", "paid_on", "amount", "channel"});
  for (const demo::Payment& p : data.payments) {
    if (!keep[p.participant]) continue;
    SIMPUL_TRY(payments.insert(p.id.text(), id_of(p.participant), data.bills[p.bill].id.text(), p.paid_on.iso(),
                               p.amount, p.channel));
  }

  RowInserter visits(db, "visit", {"participant_id", "facility", "poli", "day", "complaint", "vitals", "diagnoses",
                                   "outcome", "clinician", "notes"});
  for (const demo::PastVisit& v : data.visits) {
    if (!keep[v.participant]) continue;
    SIMPUL_TRY(visits.insert(v.id.text(), id_of(v.participant), data.facilities[v.facility].code, v.poli,
                             v.day.iso(), v.complaint, demo::vitals_json(v.vitals), demo::diagnoses_json(v),
                             demo::outcome_text(v), data.clinicians[v.clinician].name, v.notes));
  }

  SIMPUL_TRY(name_index->end());
  return tx->commit();
}

}  // namespace simpul::storage
