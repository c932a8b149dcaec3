#include "simpul/server/jkn_antrean.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "queue_server.hpp"
#include "scope.hpp"
#include "server_rows.hpp"
#include "simpul/core/queue/queue.hpp"
#include "simpul/core/rules/identity.hpp"
#include "simpul/core/uuid.hpp"
#include "simpul/storage/codec.hpp"
#include "simpul/storage/queue.hpp"
#include "simpul/storage/users.hpp"

namespace simpul::server {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;
// Mobile JKN books days ahead and at any hour: only the day's closing time limits a same-day booking.
constexpr int kAcceptAnyTimeBeforeOpen = 24 * 60;
constexpr const char* kComeEarly = "Peserta harap datang 30 menit lebih awal guna pencatatan administrasi.";

using Json = nlohmann::ordered_json;

Json metadata(int code, const std::string& message) {
  return {{"code", code}, {"message", message}};
}

JknReply ok(Json response) {
  JknReply r;
  r.body = {{"response", std::move(response)}, {"metadata", metadata(200, "Ok")}};
  return r;
}

JknReply ok_without_response() {
  JknReply r;
  r.body = {{"metadata", metadata(200, "Ok")}};
  return r;
}

// A refusal the caller can act on: metadata code 201 (202: register the patient first).
JknReply refused(const std::string& log_code, const std::string& message, int code = 201, int http_status = 200) {
  JknReply r;
  r.http_status = http_status;
  r.body = {{"metadata", metadata(code, message)}};
  r.log_code = log_code;
  return r;
}

// A server fault: the detail goes to the log as a code only.
JknReply fault(const Error& e) {
  const bool busy = e.kind == ErrorKind::transient;
  return refused(e.code.empty() ? "server_error" : e.code,
                 busy ? "Server sedang sibuk, silakan coba lagi" : "Terjadi kesalahan pada server", 201,
                 busy ? 503 : 500);
}

std::string hhmm(std::int64_t local_ms) {
  const std::int64_t minute = ((local_ms % kDayMs) + kDayMs) % kDayMs / kMinuteMs;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minute / 60), static_cast<int>(minute % 60));
  return buf;
}

std::string ddmmyyyy(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day, d.month, d.year);
  return buf;
}

bool all_digits(const std::string& s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string str(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return it->dump();
}

Date parse_day(const std::string& text) {
  return Date::parse(text).value_or(Date{0, 0, 0});  // invalid: check_booking says booking.bad_date
}

const EntityDef& facility_def() { return *storage::find_entity("facility"); }
const EntityDef& participant_def() { return *storage::find_entity("participant"); }
const EntityDef& entry_def() { return *storage::find_entity("queue_entry"); }
const EntityDef& event_def() { return *storage::find_entity("queue_event"); }

Result<std::optional<Facility>> load_facility(StoreRead& read, const std::string& code) {
  auto row = read.load(facility_def(), code);
  if (!row.ok()) return row.error();
  if (!row->has_value() || (*row)->deleted) return std::optional<Facility>{};
  Fields f = (*row)->fields;
  f["id"] = code;
  auto facility = storage::facility_from(f);
  if (!facility.ok()) return facility.error();
  return std::optional<Facility>{std::move(facility).value()};
}

const Poli* find_poli(const Facility& f, const std::string& code) {
  for (const auto& p : f.polis) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

std::string poli_name(const Poli& p) { return p.name.empty() ? p.code : p.name; }

// A participant the server has with this card number (not deleted), if any.
Result<std::optional<StoredRow>> participant_by_card(StoreRead& read, const std::string& card) {
  auto ids = read.find_ids(participant_def(), "card_number", card);
  if (!ids.ok()) return ids.error();
  for (const auto& id : *ids) {
    auto row = read.load(participant_def(), id);
    if (!row.ok()) return row.error();
    if (row->has_value() && !(*row)->deleted) return std::optional<StoredRow>{std::move(**row)};
  }
  return std::optional<StoredRow>{};
}

std::string text_field(const StoredRow& row, const char* name) {
  auto it = row.fields.find(name);
  return (it != row.fields.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// The card belongs to a patient of this facility: a participant the facility's devices see (its FKTP,
// or one they served), or a patient Mobile JKN registered here through POST /peserta.
Result<bool> known_patient(StoreRead& read, const std::string& facility, const std::string& card) {
  auto registered = read.jkn_patient(facility, card);
  if (!registered.ok()) return registered.error();
  if (registered->has_value()) return true;
  auto p = participant_by_card(read, card);
  if (!p.ok()) return p.error();
  if (!p->has_value()) return false;
  auto where = read.scope_of(index_of(participant_def()), (*p)->id);
  if (!where.ok()) return where.error();
  return std::find(where->begin(), where->end(), facility) != where->end();
}

std::string called_or_dash(const std::vector<queue::QueueEntry>& entries, const std::vector<queue::QueueEvent>& events) {
  const std::string n = queue::called_number(entries, events);
  return n.empty() ? "-" : n;
}

std::vector<queue::QueueEvent> events_of_poli(const QueueDay& day, const std::string& poli) {
  std::vector<queue::QueueEvent> out;
  for (const auto& ev : day.events) {
    for (const auto& e : day.entries) {
      if (e.id == ev.entry_id && e.poli == poli) {
        out.push_back(ev);
        break;
      }
    }
  }
  return out;
}

std::vector<queue::QueueEntry> entries_of_poli(const QueueDay& day, const std::string& poli) {
  std::vector<queue::QueueEntry> out;
  for (const auto& e : day.entries) {
    if (e.poli == poli) out.push_back(e);
  }
  return out;
}

std::string join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + " " + b;
}

std::string state_note(queue::QueueState s) {
  switch (s) {
    case queue::QueueState::waiting: return "";
    case queue::QueueState::called: return "Nomor antrean Anda sedang dipanggil.";
    case queue::QueueState::serving: return "Anda sedang dilayani.";
    case queue::QueueState::done: return "Anda sudah dilayani.";
    case queue::QueueState::skipped: return "Nomor antrean Anda terlewat; silakan lapor ke petugas poli.";
    case queue::QueueState::no_show: return "Nomor antrean Anda ditandai tidak hadir.";
    case queue::QueueState::cancelled: return "Antrean sudah dibatalkan.";
  }
  return "";
}

}  // namespace

JknAntrean::JknAntrean(SyncService& service, JknOptions options) : service_(service), options_(std::move(options)) {
  if (sodium_init() < 0) std::abort();
}

// ---- session helpers (file-local so the header stays small) ----

namespace {

struct Ctx {
  SyncService& service;
  const JknOptions& options;

  std::int64_t now() const { return service.clock().now_ms(); }
  std::int64_t local(std::int64_t ms) const { return ms + static_cast<std::int64_t>(options.utc_offset_minutes) * kMinuteMs; }
  Date today() const { return Date::from_epoch_ms(now(), options.utc_offset_minutes); }
  int minute_now() const { return static_cast<int>(((local(now()) % kDayMs) + kDayMs) % kDayMs / kMinuteMs); }

  // The facility, or the refusal to send (unknown code: the base URL Mobile JKN was given is wrong).
  std::optional<JknReply> facility(StoreRead& read, const std::string& code, Facility& out) const {
    auto f = load_facility(read, code);
    if (!f.ok()) return fault(f.error());
    if (!f->has_value()) return refused("jkn.unknown_facility", "Kode faskes tidak dikenal", 201, 404);
    out = std::move(**f);
    return std::nullopt;
  }

  // Checks x-token and x-username: nullopt when the session is good, else the refusal.
  std::optional<JknReply> session(const std::string& facility, const JknHeaders& h) const {
    if (h.token.empty() || h.username.empty()) {
      return refused("jkn.no_token", "Header x-token dan x-username wajib diisi");
    }
    auto read = service.store().read();
    if (!read.ok()) return fault(read.error());
    auto t = (*read)->jkn_token(sha256_hex(h.token));
    if (!t.ok()) return fault(t.error());
    if (!t->has_value() || (*t)->facility != facility || (*t)->username != h.username) {
      return refused("jkn.bad_token", "Token tidak valid");
    }
    if ((*t)->expires_at_ms <= now()) {
      return refused("jkn.token_expired", "Token sudah kedaluwarsa, silakan minta token baru");
    }
    return std::nullopt;
  }

  // "Data antrean terakhir diperbarui pukul 09:12 WIB; status dapat berubah." when no device of the
  // facility has talked to the server for longer than options.stale_after_ms; "" otherwise.
  Result<std::string> staleness(StoreRead& read, const std::string& facility) const {
    auto devices = read.devices();
    if (!devices.ok()) return devices.error();
    std::optional<std::int64_t> last;
    for (const auto& d : *devices) {
      if (d.facility != facility || d.revoked_at_ms || !d.last_seen_ms) continue;
      last = std::max(last.value_or(0), *d.last_seen_ms);
    }
    if (!last) return std::string("Data antrean dari faskes belum pernah diterima; status dapat berubah.");
    if (now() - *last <= options.stale_after_ms) return std::string();
    const Date day = Date::from_epoch_ms(*last, options.utc_offset_minutes);
    const std::string when = (day == today() ? std::string() : "tanggal " + ddmmyyyy(day) + " ") + "pukul " +
                             hhmm(local(*last)) + " " + options.zone;
    return "Data antrean terakhir diperbarui " + when + "; status dapat berubah.";
  }
};

}  // namespace

Status JknAntrean::set_credentials(const std::string& facility, const std::string& username,
                                   const std::string& password) {
  if (username.empty()) return make_error(ErrorKind::invalid, "jkn.username", "the username must not be empty");
  if (password.size() < 8) {
    return make_error(ErrorKind::invalid, "jkn.password", "the password must have at least 8 characters");
  }
  auto hash = storage::hash_password(password);
  if (!hash.ok()) return hash.error();
  auto tx = service_.store().write(service_.clock().now_ms());
  if (!tx.ok()) return tx.error();
  auto f = load_facility(**tx, facility);
  if (!f.ok()) return f.error();
  if (!f->has_value()) return make_error(ErrorKind::not_found, "facility.unknown", "no facility with code " + facility);
  SIMPUL_TRY((*tx)->put_jkn_credential(JknCredential{facility, username, *hash, service_.clock().now_ms()}));
  return (*tx)->commit();
}

JknReply JknAntrean::auth(const std::string& facility, const JknHeaders& h) {
  const Ctx c{service_, options_};
  if (h.username.empty() || h.password.empty()) {
    return refused("jkn.no_credentials", "Header x-username dan x-password wajib diisi");
  }
  std::optional<JknCredential> cred;
  {
    auto read = service_.store().read();
    if (!read.ok()) return fault(read.error());
    Facility f;
    if (auto refusal = c.facility(**read, facility, f)) return *refusal;
    auto stored = (*read)->jkn_credential(facility);
    if (!stored.ok()) return fault(stored.error());
    cred = *stored;
  }
  // The same answer whether the username, the password or the whole account is wrong.
  const bool good = cred && cred->username == h.username && storage::verify_password(cred->password_hash, h.password);
  if (!good) return refused(cred ? "jkn.bad_password" : "jkn.no_account", "Username atau password tidak sesuai");
  const std::string token = random_hex(32);
  const std::int64_t now = c.now();
  auto tx = service_.store().write(now);
  if (!tx.ok()) return fault(tx.error());
  if (auto s = (*tx)->put_jkn_token(JknToken{sha256_hex(token), facility, h.username, now, now + options_.token_ttl_ms}, now);
      !s.ok()) {
    return fault(s.error());
  }
  if (auto s = (*tx)->commit(); !s.ok()) return fault(s.error());
  return ok({{"token", token}});
}

JknReply JknAntrean::status(const std::string& facility, const JknHeaders& h, const std::string& poli_code,
                            const std::string& date) {
  const Ctx c{service_, options_};
  if (auto refusal = c.session(facility, h)) return *refusal;
  auto read = service_.store().read();
  if (!read.ok()) return fault(read.error());
  Facility f;
  if (auto refusal = c.facility(**read, facility, f)) return *refusal;
  const Poli* poli = find_poli(f, poli_code);
  if (poli == nullptr) return refused("jkn.unknown_poli", "Poli tidak ditemukan");
  auto day = Date::parse(date);
  if (!day) return refused("booking.bad_date", "Tanggal periksa tidak berlaku");
  auto loaded = load_queue_day(**read, facility, *day);
  if (!loaded.ok()) return fault(loaded.error());
  auto note = c.staleness(**read, facility);
  if (!note.ok()) return fault(note.error());
  const auto summary = queue::summarize(*poli, loaded->entries, loaded->events);
  return ok({{"namapoli", poli_name(*poli)},
             {"totalantrean", summary.total},
             {"sisaantrean", summary.remaining},
             {"antreanpanggil", summary.called_number.empty() ? "-" : summary.called_number},
             {"keterangan", *note}});
}

JknReply JknAntrean::take(const std::string& facility, const JknHeaders& h, const std::string& text) {
  const Ctx c{service_, options_};
  if (auto refusal = c.session(facility, h)) return *refusal;
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (!body.is_object()) return refused("jkn.bad_body", "Format permintaan tidak valid (JSON)");
  const std::string card = str(body, "nomorkartu");
  const std::string nik = str(body, "nik");
  const std::string poli_code = str(body, "kodepoli");
  const std::string complaint = str(body, "keluhan");
  if (!all_digits(card, 13)) return refused("jkn.bad_card", "Nomor kartu tidak valid (13 digit)");
  if (!nik.empty() && !all_digits(nik, 16)) return refused("jkn.bad_nik", "NIK tidak valid (16 digit)");
  const Date day = parse_day(str(body, "tanggalperiksa"));

  const std::int64_t now = c.now();
  auto tx = service_.store().write(now);
  if (!tx.ok()) return fault(tx.error());
  StoreTx& t = **tx;
  Facility f;
  if (auto refusal = c.facility(t, facility, f)) return *refusal;
  const Poli* poli = find_poli(f, poli_code);
  if (poli == nullptr) return refused("jkn.unknown_poli", "Poli tidak ditemukan");
  auto known = known_patient(t, facility, card);
  if (!known.ok()) return fault(known.error());
  if (!*known) {
    return refused("jkn.new_patient",
                   "Peserta belum terdaftar sebagai pasien di faskes ini; daftarkan dahulu (POST /peserta)", 202);
  }
  auto person = participant_by_card(t, card);
  if (!person.ok()) return fault(person.error());
  if (*person && !nik.empty() && text_field(**person, "nik") != nik) {
    return refused("jkn.nik_mismatch", "NIK tidak sesuai dengan nomor kartu");
  }
  auto loaded = load_queue_day(t, facility, day.valid() ? day : c.today());
  if (!loaded.ok()) return fault(loaded.error());
  queue::BookingPolicy policy;
  policy.schedule = options_.schedule;
  policy.accept_before_open_minutes = kAcceptAnyTimeBeforeOpen;
  const Findings refusals =
      queue::check_booking(*poli, day, c.today(), c.minute_now(), loaded->entries, card, policy);
  if (has_errors(refusals)) {
    for (const auto& r : refusals) {
      if (r.severity == Severity::error) return refused(r.code, queue::ws_message(r));
    }
  }

  const queue::QueueNumber number = queue::NumberAllocator{queue::kServerSlot}.next(*poli, day, loaded->entries);
  queue::QueueEntry e;
  e.id = uuid_v7(service_.clock());
  e.facility = facility;
  e.poli = poli->code;
  e.day = day;
  e.number = number.text;
  e.seq_no = number.seq_no;
  if (*person) {
    e.participant_id = (*person)->id;
    if (auto birth = Date::parse(text_field(**person, "birth_date"))) {
      e.priority = queue::classify(*birth, day, false, false);
    }
  }
  e.card_number = card;
  e.source = queue::Source::mobile_jkn;
  e.state = queue::QueueState::waiting;
  e.arrival_hlc = service_.hlc().now().encode();  // the booking keeps the place it reserved
  e.complaint = complaint;
  e.device = kServerWriter;
  WriteContext ctx(t, service_.clock(), service_.hlc());
  auto written = write_server_fields(ctx, entry_def(), e.id, storage::to_fields(e));
  if (!written.ok()) return fault(written.error());
  if (auto s = ctx.flush(); !s.ok()) return fault(s.error());
  auto note = c.staleness(t, facility);
  if (!note.ok()) return fault(note.error());
  if (auto s = t.commit(); !s.ok()) return fault(s.error());

  auto entries = entries_of_poli(*loaded, poli->code);
  entries.push_back(e);
  const auto events = events_of_poli(*loaded, poli->code);
  const int ahead = std::max(0, queue::people_ahead(entries, e.id));
  const int wait = queue::estimated_wait_minutes(ahead, queue::service_pace(*poli, events));
  std::string keterangan = kComeEarly;
  if (ahead > 0) keterangan = join(keterangan, "Perkiraan waktu tunggu " + std::to_string(wait) + " menit.");
  return ok({{"nomorantrean", e.number},
             {"angkaantrean", e.seq_no},
             {"namapoli", poli_name(*poli)},
             {"sisaantrean", ahead},
             {"antreanpanggil", called_or_dash(entries, events)},
             {"keterangan", join(keterangan, *note)}});
}

JknReply JknAntrean::remaining(const std::string& facility, const JknHeaders& h, const std::string& card,
                               const std::string& poli_code, const std::string& date) {
  const Ctx c{service_, options_};
  if (auto refusal = c.session(facility, h)) return *refusal;
  auto read = service_.store().read();
  if (!read.ok()) return fault(read.error());
  Facility f;
  if (auto refusal = c.facility(**read, facility, f)) return *refusal;
  const Poli* poli = find_poli(f, poli_code);
  if (poli == nullptr) return refused("jkn.unknown_poli", "Poli tidak ditemukan");
  auto day = Date::parse(date);
  if (!day) return refused("booking.bad_date", "Tanggal periksa tidak berlaku");
  auto loaded = load_queue_day(**read, facility, *day);
  if (!loaded.ok()) return fault(loaded.error());
  const queue::QueueEntry* mine = queue::find_booking(loaded->entries, card, poli->code, *day);
  if (mine == nullptr) return refused("booking.not_found", "Antrean tidak ditemukan");
  auto note = c.staleness(**read, facility);
  if (!note.ok()) return fault(note.error());
  const auto entries = entries_of_poli(*loaded, poli->code);
  const auto events = events_of_poli(*loaded, poli->code);
  const int ahead = std::max(0, queue::people_ahead(entries, mine->id));
  std::string keterangan = state_note(mine->state);
  if (mine->state == queue::QueueState::waiting && ahead > 0) {
    const int wait = queue::estimated_wait_minutes(ahead, queue::service_pace(*poli, events));
    keterangan = "Perkiraan waktu tunggu " + std::to_string(wait) + " menit.";
  }
  return ok({{"nomorantrean", mine->number},
             {"namapoli", poli_name(*poli)},
             {"sisaantrean", ahead},
             {"antreanpanggil", called_or_dash(entries, events)},
             {"keterangan", join(keterangan, *note)}});
}

JknReply JknAntrean::cancel(const std::string& facility, const JknHeaders& h, const std::string& text) {
  const Ctx c{service_, options_};
  if (auto refusal = c.session(facility, h)) return *refusal;
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (!body.is_object()) return refused("jkn.bad_body", "Format permintaan tidak valid (JSON)");
  const std::string card = str(body, "nomorkartu");
  const std::string poli_code = str(body, "kodepoli");
  auto day = Date::parse(str(body, "tanggalperiksa"));
  if (!all_digits(card, 13)) return refused("jkn.bad_card", "Nomor kartu tidak valid (13 digit)");
  if (!day) return refused("booking.bad_date", "Tanggal periksa tidak berlaku");

  auto tx = service_.store().write(c.now());
  if (!tx.ok()) return fault(tx.error());
  StoreTx& t = **tx;
  Facility f;
  if (auto refusal = c.facility(t, facility, f)) return *refusal;
  if (find_poli(f, poli_code) == nullptr) return refused("jkn.unknown_poli", "Poli tidak ditemukan");
  auto loaded = load_queue_day(t, facility, *day);
  if (!loaded.ok()) return fault(loaded.error());
  const Findings refusals = queue::check_cancel(loaded->entries, card, poli_code, *day);
  for (const auto& r : refusals) {
    if (r.severity == Severity::error) return refused(r.code, queue::ws_message(r));
  }
  const queue::QueueEntry* mine = queue::find_booking(loaded->entries, card, poli_code, *day);
  if (mine == nullptr) return refused("booking.not_found", "Antrean tidak ditemukan");
  queue::QueueEvent ev;
  ev.id = uuid_v7(service_.clock());
  ev.entry_id = mine->id;
  ev.kind = queue::QueueEventKind::cancel;
  ev.at_ms = service_.hlc().now().wall_ms;
  for (const auto& seen : loaded->events) {
    if (seen.entry_id == mine->id) ev.at_ms = std::max(ev.at_ms, seen.at_ms + 1);
  }
  ev.device = kServerWriter;
  WriteContext ctx(t, service_.clock(), service_.hlc());
  auto written = write_server_fields(ctx, event_def(), ev.id, storage::to_fields(ev));
  if (!written.ok()) return fault(written.error());
  if (auto s = refresh_queue_state(ctx, mine->id); !s.ok()) return fault(s.error());
  if (auto s = ctx.flush(); !s.ok()) return fault(s.error());
  if (auto s = t.commit(); !s.ok()) return fault(s.error());
  return ok_without_response();
}

JknReply JknAntrean::new_patient(const std::string& facility, const JknHeaders& h, const std::string& text) {
  const Ctx c{service_, options_};
  if (auto refusal = c.session(facility, h)) return *refusal;
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (!body.is_object()) return refused("jkn.bad_body", "Format permintaan tidak valid (JSON)");
  const std::string card = str(body, "nomorkartu");
  const std::string nik = str(body, "nik");
  const std::string name = str(body, "nama");
  const std::string sex = str(body, "jeniskelamin");
  if (!all_digits(card, 13)) return refused("jkn.bad_card", "Nomor kartu tidak valid (13 digit)");
  if (!all_digits(nik, 16)) return refused("jkn.bad_nik", "NIK tidak valid (16 digit)");
  if (name.empty()) return refused("jkn.bad_name", "Nama wajib diisi");
  if (sex != "L" && sex != "P") return refused("jkn.bad_sex", "Jenis kelamin harus L atau P");
  if (!Date::parse(str(body, "tanggallahir"))) return refused("jkn.bad_birth_date", "Tanggal lahir tidak valid");

  auto tx = service_.store().write(c.now());
  if (!tx.ok()) return fault(tx.error());
  StoreTx& t = **tx;
  Facility f;
  if (auto refusal = c.facility(t, facility, f)) return *refusal;
  auto existing = t.jkn_patient(facility, card);
  if (!existing.ok()) return fault(existing.error());
  if (existing->has_value()) return ok({{"norm", (*existing)->norm}});  // asked again: the same number
  auto person = participant_by_card(t, card);
  if (!person.ok()) return fault(person.error());
  if (*person && text_field(**person, "nik") != nik) {
    return refused("jkn.nik_mismatch", "NIK tidak sesuai dengan nomor kartu");
  }
  auto n = t.next_counter("jkn_norm/" + facility, 1);
  if (!n.ok()) return fault(n.error());
  char norm[16];
  std::snprintf(norm, sizeof norm, "M%06lld", static_cast<long long>(*n));
  JknPatient p;
  p.facility = facility;
  p.card_number = card;
  p.norm = norm;
  p.participant_id = *person ? (*person)->id : std::string();
  p.data = body.dump();
  p.created_at_ms = c.now();
  if (auto s = t.put_jkn_patient(p); !s.ok()) return fault(s.error());
  if (*person) {
    // The facility will serve this participant: its devices receive the record on their next sync.
    WriteContext ctx(t, service_.clock(), service_.hlc());
    ScopeKeeper scope(ctx);
    if (auto s = scope.touch(facility, (*person)->id); !s.ok()) return fault(s.error());
    if (auto s = ctx.flush(); !s.ok()) return fault(s.error());
  }
  if (auto s = t.commit(); !s.ok()) return fault(s.error());
  return ok({{"norm", p.norm}});
}

}  // namespace simpul::server
