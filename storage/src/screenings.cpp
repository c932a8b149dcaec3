#include "simpul/storage/screenings.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "care_common.hpp"
#include "simpul/core/uuid.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::storage {
namespace {

using nlohmann::json;
using namespace simpul::screening;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(); }
json opt(const std::optional<int>& v) { return v ? json(*v) : json(); }
json opt(const std::optional<bool>& v) { return v ? json(*v) : json(); }
template <class E, class F>
json opt_code(const std::optional<E>& v, F code) {
  return v ? json(code(*v)) : json();
}

constexpr const char* kSelect =
    "SELECT s.id, s.participant_id, s.facility, s.day, s.questionnaire, s.mode, s.user_id, s.recorded_hlc, "
    "s.completes, s.answers, s.result, st.counts, st.duplicate_of, st.superseded_by, st.reviewed_at_ms "
    "FROM screenings s LEFT JOIN screening_standings st ON st.screening_id = s.id ";

StoredScreening screening_from(const Statement& st) {
  StoredScreening s;
  s.id = st.text(0);
  s.participant_id = st.text(1);
  s.facility = st.text(2);
  s.day = Date::parse(st.text(3)).value_or(Date{});
  s.version = st.text(4);
  s.mode = st.text(5);
  s.user_id = st.text(6);
  s.recorded_hlc = st.text(7);
  s.completes = st.text(8);
  s.answers = care::parse_json(st.opt_text(9), json::object());
  s.result = care::parse_json(st.opt_text(10), json::object());
  s.counts = st.is_null(11) || st.int64(11) != 0;
  s.duplicate_of = st.text(12);
  s.superseded_by = st.text(13);
  s.reviewed = !st.is_null(14);
  return s;
}

// An evaluate() error as a refusal the form can show, in both languages.
Finding evaluation_refusal(const Error& e) {
  if (e.code == "screening.too_young") {
    return care::error_finding("participant", e.code,
                               "Skrining untuk peserta berusia " + std::to_string(kMinAgeYears) + " tahun ke atas.",
                               "Screening is for participants aged " + std::to_string(kMinAgeYears) + " and over.");
  }
  if (e.code == "screening.bad_birth_date") {
    return care::error_finding("participant", e.code, "Tanggal lahir peserta tidak diketahui atau tidak valid.",
                               "The participant's birth date is missing or invalid.");
  }
  if (e.code == "screening.unknown_version") {
    return care::error_finding("version", e.code, "Versi kuesioner tidak dikenal aplikasi ini.",
                               "This application does not know that questionnaire version.");
  }
  return care::error_finding("answers", e.code, e.message, e.message);
}

// Kiosk screenings are self-reported: measurements belong to the poli.
Findings kiosk_refusals(const Answers& answers, std::string_view version) {
  Findings out;
  const auto* qs = questions(version);
  if (qs == nullptr) return out;
  for (const auto& q : *qs) {
    if (q.mode == QuestionMode::measurement && answers.count(q.id) != 0) {
      out.push_back(care::error_finding(std::string(q.id), "screening.kiosk_measurement",
                                        "Pengukuran diisi oleh petugas poli, bukan di kios.",
                                        "Measurements are taken by poli staff, not at the kiosk."));
    }
  }
  return out;
}

}  // namespace

const char* screening_mode_code(ScreeningMode m) { return m == ScreeningMode::kiosk ? "kiosk" : "poli"; }

std::optional<ScreeningMode> parse_screening_mode(std::string_view code) {
  if (code == "kiosk") return ScreeningMode::kiosk;
  if (code == "poli") return ScreeningMode::poli;
  return std::nullopt;
}

Result<Answers> answers_from_json(const json& in) {
  if (!in.is_object()) return make_error(ErrorKind::invalid, "screening.answers_not_object", "answers must be a JSON object");
  Answers out;
  for (const auto& [id, v] : in.items()) {
    if (v.is_string()) {
      out.emplace(id, Answer(v.get<std::string>()));
    } else if (v.is_number()) {
      out.emplace(id, Answer(v.get<double>()));
    } else if (v.is_boolean()) {
      out.emplace(id, Answer(v.get<bool>() ? "yes" : "no"));  // tolerate true/false for yes/no questions
    } else {
      return make_error(ErrorKind::invalid, "screening.answer_type",
                        "answer to '" + id + "' must be an option id (text) or a number");
    }
  }
  return out;
}

json answers_to_json(const Answers& answers) {
  json out = json::object();
  for (const auto& [id, a] : answers) {
    if (const auto* o = a.option()) {
      out[id] = *o;
    } else if (const auto* n = a.number()) {
      out[id] = *n;
    }
  }
  return out;
}

json result_to_json(const ScreeningResult& r) {
  json items = json::object();
  for (const auto& [name, points] : r.findrisc.items) items[name] = points;
  json risks = json::array();
  for (const auto& d : r.risks) {
    json reasons = json::array();
    for (const auto& why : d.reasons) {
      reasons.push_back({{"code", why.code}, {"level", risk_level_code(why.level)}, {"id", why.id}, {"en", why.en}});
    }
    risks.push_back({{"disease", disease_code(d.disease)},
                     {"level", risk_level_code(d.level)},
                     {"provisional", d.provisional},
                     {"reasons", reasons}});
  }
  json advice = json::array();
  for (const auto& a : r.advice) advice.push_back({{"code", a.code}, {"id", a.id}, {"en", a.en}});
  return {{"version", r.version},
          {"age_years", r.age_years},
          {"sex", sex_code(r.sex)},
          {"bmi", opt(r.bmi)},
          {"bmi_category", opt_code(r.bmi_category, bmi_category_code)},
          {"waist_cm", opt(r.waist_cm)},
          {"central_obesity", opt(r.central_obesity)},
          {"systolic_mmhg", opt(r.systolic_mmhg)},
          {"diastolic_mmhg", opt(r.diastolic_mmhg)},
          {"blood_pressure", opt_code(r.blood_pressure, bp_category_code)},
          {"fasting_glucose", opt_code(r.fasting_glucose, glucose_category_code)},
          {"post_meal_glucose", opt_code(r.post_meal_glucose, glucose_category_code)},
          {"findrisc",
           {{"score", r.findrisc.score},
            {"band", band_code(r.findrisc.band)},
            {"max_score", r.findrisc_max_score},
            {"complete", r.findrisc_complete()},
            {"items", items},
            {"missing", r.findrisc_missing}}},
          {"risks", risks},
          {"follow_up", r.follow_up},
          {"advice", advice}};
}

json to_json(const StoredScreening& s) {
  return {{"id", s.id},
          {"participant_id", s.participant_id},
          {"facility", s.facility},
          {"day", s.day.iso()},
          {"version", s.version},
          {"mode", s.mode},
          {"user_id", s.user_id},
          {"recorded_hlc", s.recorded_hlc},
          {"completes", s.completes.empty() ? json() : json(s.completes)},
          {"counts", s.counts},
          {"duplicate", s.duplicate()},
          {"duplicate_of", s.duplicate_of.empty() ? json() : json(s.duplicate_of)},
          {"superseded_by", s.superseded_by.empty() ? json() : json(s.superseded_by)},
          {"reviewed", s.reviewed},
          {"answers", s.answers},
          {"result", s.result}};
}

// ---- standing -------------------------------------------------------------------------------------------

Status Screenings::resolve_participant(const std::string& participant_id) {
  struct Row {
    std::string id, day, hlc, completes;
  };
  std::vector<Row> rows;
  SIMPUL_TRY(care::each_row(r_.db(), "SELECT id, day, recorded_hlc, completes FROM screenings WHERE participant_id = ?1",
                            {participant_id}, [&](const Statement& st) {
                              rows.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
                            }));
  // A kiosk record completed by a poli record of the same participant is superseded by it.
  std::map<std::string, std::string> superseded_by;
  std::set<std::string> ids;
  for (const auto& r : rows) ids.insert(r.id);
  for (const auto& r : rows) {
    if (!r.completes.empty() && r.completes != r.id && ids.count(r.completes) != 0) {
      auto [it, fresh] = superseded_by.emplace(r.completes, r.id);
      if (!fresh && r.id < it->second) it->second = r.id;  // two completions of one record: the lower id, everywhere
    }
  }
  std::vector<ScreeningRecord> records;
  for (const auto& r : rows) {
    if (superseded_by.count(r.id) != 0) continue;
    ScreeningRecord rec;
    rec.id = r.id;
    rec.participant_id = participant_id;
    rec.day = Date::parse(r.day).value_or(Date{});
    HlcTimestamp::decode(r.hlc, rec.hlc);  // an unreadable stamp sorts first within its day; the id still orders
    records.push_back(std::move(rec));
  }
  const std::vector<ScreeningStanding> standings = resolve_concurrent(records);

  // Keep the desk's review notes of duplicates whose standing did not change.
  std::map<std::string, std::pair<std::string, std::pair<std::int64_t, std::string>>> reviewed;
  SIMPUL_TRY(care::each_row(
      r_.db(),
      "SELECT screening_id, duplicate_of, reviewed_at_ms, reviewed_by FROM screening_standings "
      "WHERE participant_id = ?1 AND reviewed_at_ms IS NOT NULL",
      {participant_id}, [&](const Statement& st) {
        reviewed[st.text(0)] = {st.text(1), {st.int64(2), st.text(3)}};
      }));
  auto del = r_.db().prepare("DELETE FROM screening_standings WHERE participant_id = ?1");
  del->bind(1, participant_id);
  SIMPUL_TRY(del->exec());
  auto ins = r_.db().prepare(
      "INSERT INTO screening_standings(screening_id, participant_id, counts, duplicate_of, superseded_by, "
      "reviewed_at_ms, reviewed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  auto put = [&](const std::string& id, bool counts, const std::string& dup, const std::string& sup) -> Status {
    ins->bind(1, id).bind(2, participant_id).bind(3, counts ? 1 : 0);
    if (dup.empty()) ins->bind_null(4); else ins->bind(4, dup);
    if (sup.empty()) ins->bind_null(5); else ins->bind(5, sup);
    auto note = reviewed.find(id);
    if (note != reviewed.end() && !dup.empty() && note->second.first == dup) {
      ins->bind(6, note->second.second.first).bind(7, note->second.second.second);
    } else {
      ins->bind_null(6).bind_null(7);
    }
    auto done = ins->exec();
    ins->reset();
    return done;
  };
  for (const auto& s : standings) SIMPUL_TRY(put(s.id, s.counts, s.duplicate_of, ""));
  for (const auto& [kiosk, poli] : superseded_by) SIMPUL_TRY(put(kiosk, false, "", poli));
  auto clean = r_.db().prepare("DELETE FROM screening_dirty WHERE participant_id = ?1");
  clean->bind(1, participant_id);
  return clean->exec();
}

Result<int> Screenings::resolve_pending() {
  std::vector<std::string> dirty;
  SIMPUL_TRY(care::each_row(r_.db(), "SELECT participant_id FROM screening_dirty", {},
                            [&](const Statement& st) { dirty.push_back(st.text(0)); }));
  if (dirty.empty()) return 0;
  std::optional<Transaction> tx;
  if (!r_.db().in_transaction()) {
    auto t = Transaction::begin(r_.db());
    if (!t.ok()) return t.error();
    tx.emplace(std::move(t).value());
  }
  for (const auto& p : dirty) SIMPUL_TRY(resolve_participant(p));
  if (tx) SIMPUL_TRY(tx->commit());
  return static_cast<int>(dirty.size());
}

// ---- reads ----------------------------------------------------------------------------------------------

Result<std::vector<StoredScreening>> Screenings::query(const std::string& where, const std::vector<std::string>& args) {
  auto resolved = resolve_pending();
  if (!resolved.ok()) return resolved.error();
  std::vector<StoredScreening> out;
  SIMPUL_TRY(care::each_row(r_.db(), kSelect + where, args,
                            [&](const Statement& st) { out.push_back(screening_from(st)); }));
  return out;
}

Result<std::optional<StoredScreening>> Screenings::get(const std::string& id) {
  auto rows = query("WHERE s.id = ?1", {id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<StoredScreening>{};
  return std::optional<StoredScreening>{std::move(rows->front())};
}

Result<std::vector<StoredScreening>> Screenings::for_participant(const std::string& participant_id) {
  return query("WHERE s.participant_id = ?1 ORDER BY s.day DESC, s.recorded_hlc DESC, s.id DESC", {participant_id});
}

Result<std::vector<StoredScreening>> Screenings::duplicates(bool include_reviewed) {
  return query(std::string("WHERE st.counts = 0 AND st.superseded_by IS NULL") +
                   (include_reviewed ? "" : " AND st.reviewed_at_ms IS NULL") +
                   " ORDER BY s.day, s.recorded_hlc, s.id",
               {});
}

Result<std::vector<Date>> Screenings::counting_days(const std::string& participant_id) {
  std::vector<Date> days;
  SIMPUL_TRY(care::each_row(r_.db(),
                            "SELECT s.day FROM screenings s JOIN screening_standings st ON st.screening_id = s.id "
                            "WHERE s.participant_id = ?1 AND st.counts = 1",
                            {participant_id}, [&](const Statement& st) {
                              if (auto d = Date::parse(st.text(0))) days.push_back(*d);
                            }));
  return days;
}

Result<Findings> Screenings::check_allowed(const std::string& participant_id, const Date& day) {
  auto resolved = resolve_pending();
  if (!resolved.ok()) return resolved.error();
  auto days = counting_days(participant_id);
  if (!days.ok()) return days.error();
  return check_screening_allowed(*days, day);
}

Result<std::optional<Date>> Screenings::next_allowed(const std::string& participant_id) {
  auto resolved = resolve_pending();
  if (!resolved.ok()) return resolved.error();
  auto days = counting_days(participant_id);
  if (!days.ok()) return days.error();
  return next_screening_allowed(*days);
}

Status Screenings::mark_reviewed(const Actor& who, const std::string& screening_id) {
  auto s = get(screening_id);
  if (!s.ok()) return s.error();
  if (!s->has_value()) return make_error(ErrorKind::not_found, "screening.not_found", "no screening " + screening_id);
  if (!(*s)->duplicate()) {
    return make_error(ErrorKind::invalid, "screening.not_duplicate",
                      "screening " + screening_id + " is not a duplicate: nothing to review");
  }
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto st = r_.db().prepare(
      "UPDATE screening_standings SET reviewed_at_ms = ?1, reviewed_by = ?2 WHERE screening_id = ?3");
  st->bind_all(r_.clock().now_ms(), who.username, screening_id);
  SIMPUL_TRY(st->exec());
  SIMPUL_TRY(r_.append_audit(who, "screening", screening_id, "review", json(),
                             json{{"duplicate_of", (*s)->duplicate_of}}));
  return tx->commit();
}

// ---- record ---------------------------------------------------------------------------------------------

Result<ScreeningOutcome> Screenings::record(const Actor& who, const NewScreening& request) {
  auto participant = Participants(r_).get(request.participant_id);
  if (!participant.ok()) return participant.error();
  if (!participant->has_value()) {
    return make_error(ErrorKind::not_found, "participant.not_found", "no participant with id " + request.participant_id);
  }
  const Participant& p = **participant;
  const Date day = request.day.value_or(Date::from_epoch_ms(r_.clock().now_ms()));

  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  SIMPUL_TRY(resolve_participant(p.id));

  ScreeningOutcome out;
  // A poli screening the same day as a kiosk screening that counts completes it instead of repeating it.
  std::string completes;
  if (request.mode == ScreeningMode::poli) {
    SIMPUL_TRY(care::each_row(r_.db(),
                              "SELECT s.id FROM screenings s JOIN screening_standings st ON st.screening_id = s.id "
                              "WHERE s.participant_id = ?1 AND s.day = ?2 AND s.mode = 'kiosk' AND st.counts = 1 "
                              "ORDER BY s.id LIMIT 1",
                              {p.id, day.iso()}, [&](const Statement& st) { completes = st.text(0); }));
  }
  auto days = counting_days(p.id);
  if (!days.ok()) return days.error();
  if (!completes.empty()) {
    // The kiosk record's day is today: it is being completed, so it does not block.
    std::vector<Date> others;
    bool skipped = false;
    for (const auto& d : *days) {
      if (!skipped && d == day) {
        skipped = true;
        continue;
      }
      others.push_back(d);
    }
    *days = std::move(others);
  }
  out.refusals = check_screening_allowed(*days, day);
  if (!out.refusals.empty()) {
    out.next_allowed = next_screening_allowed(*days);
    return out;
  }
  if (request.mode == ScreeningMode::kiosk) out.refusals = kiosk_refusals(request.answers, request.version);
  if (out.refusals.empty()) out.refusals = check_answers(request.answers, request.version);
  if (!out.refusals.empty()) return out;
  auto result = evaluate(request.answers, p.birth_date, p.sex, day, request.version);
  if (!result.ok()) {
    if (result.error().kind != ErrorKind::invalid && result.error().kind != ErrorKind::permanent) return result.error();
    out.refusals.push_back(evaluation_refusal(result.error()));
    return out;
  }

  const std::string id = uuid_v7(r_.clock());
  std::string facility = request.facility.empty() ? care::replica_facility(r_) : request.facility;
  Fields fields{{"participant_id", p.id},
                {"facility", facility.empty() ? json() : json(facility)},
                {"day", day.iso()},
                {"questionnaire", request.version},
                {"answers", answers_to_json(request.answers).dump()},
                {"result", result_to_json(*result).dump()},
                {"mode", screening_mode_code(request.mode)},
                {"user_id", who.user_id.empty() ? json(who.username) : json(who.user_id)},
                {"recorded_hlc", r_.hlc().now().encode()},
                {"completes", completes.empty() ? json() : json(completes)}};
  auto written = r_.upsert(who, "screening", id, fields);
  if (!written.ok()) return written.error();
  SIMPUL_TRY(resolve_participant(p.id));
  SIMPUL_TRY(tx->commit());
  auto saved = get(id);
  if (!saved.ok()) return saved.error();
  out.saved = std::move(**saved);
  return out;
}

// ---- reports --------------------------------------------------------------------------------------------

Result<RiskDistribution> Screenings::risk_distribution(const Date& from, const Date& to, const std::string& facility) {
  auto resolved = resolve_pending();
  if (!resolved.ok()) return resolved.error();
  RiskDistribution out;
  for (const Disease d : kDiseases) out.diseases.push_back({disease_code(d)});
  for (const auto band : {FindriscBand::low, FindriscBand::slightly_elevated, FindriscBand::moderate,
                          FindriscBand::high, FindriscBand::very_high}) {
    out.findrisc_bands.emplace_back(band_code(band), 0);
  }
  SIMPUL_TRY(care::each_row(
      r_.db(),
      "SELECT s.result FROM screenings s JOIN screening_standings st ON st.screening_id = s.id "
      "WHERE st.counts = 1 AND s.day BETWEEN ?1 AND ?2 AND (?3 = '' OR s.facility = ?3)",
      {from.iso(), to.iso(), facility}, [&](const Statement& st) {
        const json r = care::parse_json(st.opt_text(0), json::object());
        ++out.screenings;
        if (r.value("follow_up", false)) ++out.follow_up;
        if (r.contains("risks") && r["risks"].is_array()) {
          for (const auto& risk : r["risks"]) {
            if (!risk.is_object()) continue;
            const std::string disease = risk.value("disease", "");
            const std::string level = risk.value("level", "");
            for (auto& row : out.diseases) {
              if (row.disease != disease) continue;
              if (level == "low") ++row.low;
              else if (level == "medium") ++row.medium;
              else if (level == "high") ++row.high;
            }
          }
        }
        if (r.contains("findrisc") && r["findrisc"].is_object()) {
          const std::string band = r["findrisc"].value("band", "");
          for (auto& [code, n] : out.findrisc_bands) {
            if (code == band) ++n;
          }
        }
      }));
  return out;
}

}  // namespace simpul::storage
