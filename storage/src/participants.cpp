#include "simpul/storage/participants.hpp"

#include <algorithm>
#include <cctype>

#include "simpul/core/uuid.hpp"
#include "simpul/storage/codec.hpp"

namespace simpul::storage {
namespace {

std::string participant_columns(const std::string& alias) {
  std::string cols = alias + "id";
  for (const auto& c : find_entity("participant")->columns) cols += ", " + alias + c.name;
  return cols;
}

Fields row_fields(const Statement& st) {
  const auto& cols = find_entity("participant")->columns;
  Fields f = Fields::object();
  f["id"] = st.text(0);
  for (std::size_t i = 0; i < cols.size(); ++i) f[cols[i].name] = column_json(st, static_cast<int>(i + 1));
  return f;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string today_iso(const Clock& clock) { return Date::from_epoch_ms(clock.now_ms()).iso(); }

}  // namespace

std::string fts_prefix_query(const std::string& text) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += " AND ";
    out += "\"" + word + "\"*";
    word.clear();
  };
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    // Letters (including UTF-8 bytes of accented letters), digits and apostrophes make words;
    // everything else (and FTS syntax such as quotes) separates them.
    if (std::isalnum(c) != 0 || c >= 0x80) {
      word.push_back(static_cast<char>(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

Result<std::string> Participants::create(const Actor& who, Participant p) {
  if (p.id.empty()) p.id = uuid_v7(r_.clock());
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto existing = by_nik(p.nik);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) {
    return make_error(ErrorKind::conflict, "participant.nik_exists",
                      "a participant with NIK " + p.nik + " already exists (" + (*existing)->name + ")");
  }
  Fields f = to_fields(p);
  f["registered_at"] = today_iso(r_.clock());
  auto w = r_.upsert(who, "participant", p.id, f);
  if (!w.ok()) return w.error();
  if (!p.kk_number.empty()) {
    auto k = r_.upsert(who, "kk_history", uuid_v7(r_.clock()),
                       Fields{{"participant_id", p.id}, {"kk_number", p.kk_number}, {"valid_from", today_iso(r_.clock())}});
    if (!k.ok()) return k.error();
  }
  SIMPUL_TRY(tx->commit());
  return p.id;
}

Result<bool> Participants::update(const Actor& who, const std::string& id, const Fields& changes) {
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto before = r_.load("participant", id);
  if (!before.ok()) return before.error();
  if (!before->has_value()) return make_error(ErrorKind::not_found, "participant.not_found", "no participant " + id);
  auto changed = r_.upsert(who, "participant", id, changes);
  if (!changed.ok()) return changed.error();
  auto kk = changes.find("kk_number");
  if (changed.value() && kk != changes.end() && kk->is_string() && (**before)["kk_number"] != *kk) {
    const std::string today = today_iso(r_.clock());
    // The previous KK entry is a fact; the new entry records when the family card changed.
    auto k = r_.upsert(who, "kk_history", uuid_v7(r_.clock()),
                       Fields{{"participant_id", id}, {"kk_number", *kk}, {"valid_from", today}});
    if (!k.ok()) return k.error();
  }
  SIMPUL_TRY(tx->commit());
  return changed.value();
}

Result<std::optional<Participant>> Participants::one(const std::string& sql, const std::string& arg) {
  auto st = r_.db().prepare(sql);
  st->bind(1, arg);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!row.value()) return std::optional<Participant>{};
  auto p = participant_from(row_fields(*st));
  if (!p.ok()) return p.error();
  return std::optional<Participant>{std::move(p).value()};
}

Result<std::vector<Participant>> Participants::many(const std::string& sql, const std::vector<std::string>& args,
                                                    std::int64_t limit, std::int64_t offset) {
  auto st = r_.db().prepare(sql);
  int i = 0;
  for (const auto& a : args) st->bind(++i, a);
  st->bind(++i, limit);
  st->bind(++i, offset);
  std::vector<Participant> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!row.value()) break;
    auto p = participant_from(row_fields(*st));
    if (!p.ok()) return p.error();
    out.push_back(std::move(p).value());
  }
  return out;
}

Result<std::optional<Participant>> Participants::get(const std::string& id) {
  return one("SELECT " + participant_columns("") + " FROM participants WHERE id = ?1", id);
}
Result<std::optional<Participant>> Participants::by_nik(const std::string& nik) {
  return one("SELECT " + participant_columns("") + " FROM participants WHERE nik = ?1", nik);
}
Result<std::optional<Participant>> Participants::by_card(const std::string& card) {
  return one("SELECT " + participant_columns("") + " FROM participants WHERE card_number = ?1", card);
}

Result<std::vector<Participant>> Participants::family(const std::string& kk) {
  return many("SELECT " + participant_columns("") +
                  " FROM participants WHERE kk_number = ?1 ORDER BY CASE relation WHEN 'head' THEN 0 "
                  "WHEN 'spouse' THEN 1 WHEN 'child' THEN 2 ELSE 3 END, birth_date LIMIT ?2 OFFSET ?3",
              {kk}, 100, 0);
}

Result<std::vector<KkRecord>> Participants::kk_history(const std::string& participant_id) {
  auto st = r_.db().prepare(
      "SELECT kk_number, valid_from FROM kk_history WHERE participant_id = ?1 ORDER BY valid_from, rowid");
  st->bind(1, participant_id);
  std::vector<KkRecord> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!row.value()) break;
    KkRecord rec;
    rec.kk_number = st->text(0);
    rec.from = Date::parse(st->text(1)).value_or(Date{});
    if (!out.empty()) out.back().until = rec.from;
    out.push_back(rec);
  }
  return out;
}

Result<std::vector<AuditEntry>> Participants::audit_trail(const std::string& participant_id, std::size_t limit) {
  auto st = r_.db().prepare(
      "SELECT at_ms, username, action, before, after FROM audit_log WHERE entity = 'participant' AND (entity_id = ?1 "
      "OR (entity_id = '' AND action = ?3 AND ?1 BETWEEN json_extract(after, '$.first_id') AND "
      "json_extract(after, '$.last_id'))) ORDER BY id DESC LIMIT ?2");
  st->bind(1, participant_id).bind(2, static_cast<std::int64_t>(limit)).bind(3, kBootstrapAuditAction);
  std::vector<AuditEntry> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!row.value()) break;
    AuditEntry e;
    e.at_ms = st->int64(0);
    e.username = st->text(1);
    e.action = st->text(2);
    // A bootstrap page's entry describes the page, not this record's fields: it says only when the record came.
    const bool page = e.action == kBootstrapAuditAction;
    e.before = st->is_null(3) || page ? Fields() : Fields::parse(st->text(3), nullptr, false);
    e.after = st->is_null(4) || page ? Fields() : Fields::parse(st->text(4), nullptr, false);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::int64_t> Participants::count() {
  auto n = r_.db().query_int("SELECT count(*) FROM participants");
  if (!n.ok()) return n.error();
  return n->value_or(0);
}

Result<SearchPage> Participants::search(const std::string& raw, std::size_t limit, std::size_t offset) {
  const std::string q = trim(raw);
  SearchPage page;
  if (q.empty()) return page;
  const auto lim = static_cast<std::int64_t>(limit + 1);  // one extra row tells whether there is more
  const auto off = static_cast<std::int64_t>(offset);
  Result<std::vector<Participant>> rows = std::vector<Participant>{};
  const std::string cols = participant_columns("");
  if (all_digits(q) && q.size() == 16) {
    rows = many("SELECT " + cols + " FROM participants WHERE nik = ?1 LIMIT ?2 OFFSET ?3", {q}, lim, off);
  } else if (all_digits(q)) {
    // Digits sort as text, so "q" <= x < "q;" (';' follows '9') is exactly the prefix range: index range scans.
    // NIK matches come first in NIK order, then card-number matches whose NIK does not match, in card order.
    // Each half reads only the rows up to the end of the page from its index, so a one-digit prefix that
    // matches every participant costs no more than a long one (a UNION sorted as a whole read them all).
    const std::string hi = q + ";";
    rows = many("SELECT " + cols + " FROM (SELECT * FROM (SELECT 0 AS half, nik AS key, " + cols +
                    " FROM participants WHERE nik >= ?1 AND nik < ?2 ORDER BY nik LIMIT ?3 + ?4)"
                    " UNION ALL SELECT * FROM (SELECT 1, card_number, " + cols +
                    " FROM participants WHERE card_number >= ?1 AND card_number < ?2 AND NOT (nik >= ?1 AND nik < ?2)"
                    " ORDER BY card_number LIMIT ?3 + ?4)) ORDER BY half, key LIMIT ?3 OFFSET ?4",
                {q, hi}, lim, off);
  } else {
    const std::string fts = fts_prefix_query(q);
    if (fts.empty()) return page;
    // Matches in rowid order (stable paging, no sort of a huge match set), then each page is sorted by name.
    rows = many("SELECT " + participant_columns("p.") +
                    " FROM participants_fts f JOIN participants p ON p.rowid = f.rowid WHERE participants_fts MATCH ?1 "
                    "ORDER BY f.rowid LIMIT ?2 OFFSET ?3",
                {fts}, lim, off);
  }
  if (!rows.ok()) return rows.error();
  page.items = std::move(rows).value();
  if (page.items.size() > limit) {
    page.more = true;
    page.items.pop_back();
  }
  std::stable_sort(page.items.begin(), page.items.end(),
                   [](const Participant& a, const Participant& b) { return a.name < b.name; });
  return page;
}

}  // namespace simpul::storage
