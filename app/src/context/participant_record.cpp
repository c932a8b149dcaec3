#include "context/participant_record.hpp"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "simpul/core/uuid.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/outbox.hpp"

namespace simpul::context {
namespace {

// Walks the rows of a cached statement; `row` reads the current one.
template <class F>
Status each_row(storage::CachedStatement& st, F&& row) {
  for (;;) {
    auto step = st->step();
    if (!step.ok()) return step.error();
    if (!*step) return {};
    row(*st);
  }
}

std::string poli_name(const Facility* facility, const std::string& code) {
  if (facility != nullptr)
    for (const Poli& p : facility->polis)
      if (p.code == code) return p.name;
  return code;
}

Status load_bills(storage::Replica& r, ParticipantRecord& out, const Date& today) {
  auto st = r.db().prepare(
      "SELECT id, period, amount, due_date, status FROM bills WHERE participant_id = ?1 ORDER BY period DESC "
      "LIMIT 36");
  st->bind(1, out.person.id);
  const std::string today_iso = today.iso();
  return each_row(st, [&](storage::Statement& s) {
    BillLine b;
    b.id = s.text(0);
    b.period = s.text(1);
    b.amount = s.int64(2);
    b.due_date = s.opt_text(3).value_or("");
    b.paid = s.text(4) == "paid";
    b.overdue = !b.paid && !b.due_date.empty() && b.due_date < today_iso;
    if (b.overdue) {
      out.arrears += b.amount;
      ++out.overdue_months;
    }
    out.bills.push_back(std::move(b));
  });
}

Status load_payments(storage::Replica& r, ParticipantRecord& out, const Date& today) {
  auto st = r.db().prepare(
      "SELECT p.paid_on, p.amount, p.channel, b.period FROM payments p LEFT JOIN bills b ON b.id = p.bill_id "
      "WHERE p.participant_id = ?1 AND p.paid_on >= ?2 ORDER BY p.paid_on DESC");
  st->bind(1, out.person.id).bind(2, today.add_months(-3).iso());
  return each_row(st, [&](storage::Statement& s) {
    out.payments.push_back(
        PaymentLine{s.text(0), s.int64(1), s.opt_text(2).value_or(""), s.opt_text(3).value_or("")});
  });
}

Status load_visits(const RecordSources& src, ParticipantRecord& out,
                   const std::unordered_map<std::string, Facility>& facilities) {
  auto st = src.replica.db().prepare(
      "SELECT id, day, facility, poli, complaint, diagnoses, outcome, clinician FROM visits WHERE participant_id = ?1 "
      "ORDER BY day DESC LIMIT 100");
  st->bind(1, out.person.id);
  SIMPUL_TRY(each_row(st, [&](storage::Statement& s) {
    VisitLine v;
    v.id = s.text(0);
    v.day = s.text(1);
    const std::string code = s.opt_text(2).value_or("");
    auto it = facilities.find(code);
    const Facility* facility = it != facilities.end() ? &it->second : nullptr;
    v.facility = facility != nullptr ? facility->name : code;
    v.poli = poli_name(facility, s.opt_text(3).value_or(""));
    v.complaint = s.opt_text(4).value_or("");
    const auto codes = nlohmann::json::parse(s.opt_text(5).value_or("[]"), nullptr, false);
    if (codes.is_array()) {
      for (const auto& c : codes) {
        if (!c.is_string()) continue;
        DiagnosisLine d{c.get<std::string>(), {}};
        if (const Diagnosis* known = src.icd10.find(d.code)) d.name = src.language == "en" ? known->name_en : known->name_id;
        v.diagnoses.push_back(std::move(d));
      }
    }
    v.referred = s.opt_text(6).value_or("") == "referred";
    v.clinician = s.opt_text(7).value_or("");
    out.visits.push_back(std::move(v));
  }));
  auto ratings = src.replica.db().prepare("SELECT id, visit_id, stars, comment FROM ratings WHERE participant_id = ?1");
  ratings->bind(1, out.person.id);
  return each_row(ratings, [&](storage::Statement& s) {
    const std::string visit = s.text(1);
    for (VisitLine& v : out.visits) {
      if (v.id != visit) continue;
      v.rating_id = s.text(0);
      v.stars = s.int32(2);
      v.comment = s.opt_text(3).value_or("");
    }
  });
}

}  // namespace

Result<ParticipantRecord> load_participant_record(const RecordSources& src, const std::string& participant_id) {
  storage::Participants participants(src.replica);
  auto person = participants.get(participant_id);
  if (!person.ok()) return person.error();
  if (!*person) return make_error(ErrorKind::not_found, "participant.not_found", "no participant " + participant_id);
  ParticipantRecord out;
  out.person = std::move(**person);

  std::unordered_map<std::string, Facility> facilities;
  if (auto all = storage::Facilities(src.replica).list(); all.ok())
    for (Facility& f : *all) facilities.emplace(f.code, std::move(f));
  if (auto it = facilities.find(out.person.fktp); it != facilities.end()) {
    out.fktp_name = it->second.name;
    out.fktp_type = it->second.type;
  }
  if (auto it = facilities.find(out.person.dental_fktp); it != facilities.end()) out.dental_name = it->second.name;
  out.region = src.regions.describe(out.person.address.village_code);

  if (!out.person.kk_number.empty()) {
    auto family = participants.family(out.person.kk_number);
    if (!family.ok()) return family.error();
    out.family = std::move(family).value();
  }
  SIMPUL_TRY(load_bills(src.replica, out, src.today));
  SIMPUL_TRY(load_payments(src.replica, out, src.today));
  SIMPUL_TRY(load_visits(src, out, facilities));
  auto audit = participants.audit_trail(participant_id, 50);
  if (!audit.ok()) return audit.error();
  out.audit = std::move(audit).value();

  storage::Outbox outbox(src.replica.db());
  auto state = outbox.record_state("participant", participant_id);
  if (!state.ok()) return state.error();
  out.sync.state = *state;
  if (out.sync.state == "rejected") {
    if (auto rejected = outbox.list("rejected"); rejected.ok()) {
      for (const auto& op : *rejected)
        if (op.entity == "participant" && op.entity_id == participant_id) out.sync.reason = op.reason;
    }
  }
  return out;
}

Result<std::string> save_rating(storage::Replica& replica, const storage::Actor& who, const RatingInput& input,
                                const std::string& rated_at_iso) {
  if (input.stars < 1 || input.stars > 5)
    return make_error(ErrorKind::invalid, "rating.stars", "a rating has 1 to 5 stars");
  const std::string id = input.rating_id.empty() ? uuid_v7(replica.clock()) : input.rating_id;
  auto tx = storage::Transaction::begin(replica.db());
  if (!tx.ok()) return tx.error();
  auto written = replica.upsert(who, "rating", id,
                                storage::Fields{{"visit_id", input.visit_id},
                                                {"participant_id", input.participant_id},
                                                {"stars", input.stars},
                                                {"comment", input.comment},
                                                {"rated_at", rated_at_iso}});
  if (!written.ok()) return written.error();
  SIMPUL_TRY(tx->commit());
  return id;
}

}  // namespace simpul::context
