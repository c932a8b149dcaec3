#include "simpul/storage/complaints.hpp"

#include <algorithm>

#include "care_common.hpp"
#include "simpul/core/uuid.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::storage {
namespace {

using nlohmann::json;

constexpr std::size_t kMinText = 10;
constexpr std::size_t kMaxText = 4000;

bool one_of(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

const std::vector<std::string>& complaint_categories() {
  static const std::vector<std::string> k = {"layanan", "administrasi", "iuran", "kepesertaan", "informasi", "lainnya"};
  return k;
}

const std::vector<std::string>& complaint_contacts() {
  static const std::vector<std::string> k = {"phone", "email", "none"};
  return k;
}

json to_json(const Complaint& c) {
  auto opt = [](const std::string& s) { return s.empty() ? json() : json(s); };
  return {{"id", c.id},
          {"participant_id", opt(c.participant_id)},
          {"facility", opt(c.facility)},
          {"category", c.category},
          {"text", c.text},
          {"contact", c.contact},
          {"status", c.status},
          {"answer", opt(c.answer)},
          {"answered_at", opt(c.answered_at)},
          {"created_at", c.created_at},
          {"synced", c.synced}};
}

Result<std::vector<Complaint>> Complaints::query(const std::string& where, const std::vector<std::string>& args) {
  std::vector<Complaint> out;
  SIMPUL_TRY(care::each_row(
      r_.db(),
      "SELECT id, participant_id, facility, category, text, contact, status, answer, answered_at, created_at "
      "FROM complaints " + where,
      args, [&](const Statement& st) {
        Complaint c;
        c.id = st.text(0);
        c.participant_id = st.text(1);
        c.facility = st.text(2);
        c.category = st.text(3);
        c.text = st.text(4);
        c.contact = st.text(5);
        c.synced = !st.is_null(6);
        c.status = c.synced ? st.text(6) : "open";
        c.answer = st.text(7);
        c.answered_at = st.text(8);
        c.created_at = st.text(9);
        out.push_back(std::move(c));
      }));
  return out;
}

Result<std::optional<Complaint>> Complaints::get(const std::string& id) {
  auto rows = query("WHERE id = ?1", {id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Complaint>{};
  return std::optional<Complaint>{std::move(rows->front())};
}

Result<std::vector<Complaint>> Complaints::for_participant(const std::string& participant_id) {
  return query("WHERE participant_id = ?1 ORDER BY created_at DESC, id DESC", {participant_id});
}

Result<std::vector<Complaint>> Complaints::for_facility(const std::string& facility, const std::string& status) {
  const std::string f = facility.empty() ? care::replica_facility(r_) : facility;
  // Not yet seen by the server counts as open.
  return query(
      "WHERE (?1 = '' OR facility = ?1) AND (?2 = '' OR coalesce(status, 'open') = ?2) ORDER BY created_at DESC, id DESC",
      {f, status});
}

Result<ComplaintOutcome> Complaints::record(const Actor& who, const NewComplaint& req) {
  ComplaintOutcome out;
  Findings& bad = out.refusals;
  if (!req.participant_id.empty()) {
    auto p = Participants(r_).get(req.participant_id);
    if (!p.ok()) return p.error();
    if (!p->has_value()) {
      return make_error(ErrorKind::not_found, "participant.not_found", "no participant with id " + req.participant_id);
    }
  }
  if (!one_of(complaint_categories(), req.category)) {
    bad.push_back(care::error_finding("category", "complaint.category", "Kategori: " + join(complaint_categories()) + ".",
                                      "Category must be one of: " + join(complaint_categories()) + "."));
  }
  std::string text = req.text;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (text.size() < kMinText || text.size() > kMaxText) {
    bad.push_back(care::error_finding("text", "complaint.text_length",
                                      "Isi pengaduan 10 sampai 4000 karakter.",
                                      "The complaint text must be 10 to 4000 characters."));
  }
  if (!one_of(complaint_contacts(), req.contact)) {
    bad.push_back(care::error_finding("contact", "complaint.contact", "Cara dihubungi: phone, email atau none.",
                                      "Contact preference must be phone, email or none."));
  }
  const std::string facility = req.facility.empty() ? care::replica_facility(r_) : req.facility;
  if (facility.empty()) {
    bad.push_back(care::error_finding("facility", "complaint.no_facility",
                                      "Replika ini belum terdaftar ke fasilitas mana pun.",
                                      "This replica belongs to no facility yet: enroll it first."));
  }
  if (!bad.empty()) return out;
  const std::string id = uuid_v7(r_.clock());
  Fields fields{{"participant_id", req.participant_id.empty() ? json() : json(req.participant_id)},
                {"facility", facility},
                {"category", req.category},
                {"text", text},
                {"contact", req.contact},
                {"created_at", care::iso_utc(r_.clock().now_ms())}};
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto w = r_.upsert(who, "complaint", id, fields);
  if (!w.ok()) return w.error();
  SIMPUL_TRY(tx->commit());
  auto saved = get(id);
  if (!saved.ok()) return saved.error();
  out.saved = std::move(**saved);
  return out;
}

}  // namespace simpul::storage
