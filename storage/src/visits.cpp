#include "simpul/storage/visits.hpp"

#include <cmath>
#include <cstdlib>
#include <map>

#include "care_common.hpp"
#include "simpul/core/uuid.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::storage {
namespace {

using nlohmann::json;

struct VitalSpec {
  const char* key;    // as stored
  const char* alias;  // short input name
  double min;
  double max;
  bool whole;
  const char* id;  // name in Indonesian, for messages
  const char* en;
};

constexpr VitalSpec kVitals[] = {
    {"systolic_mmhg", "sbp", 50, 300, true, "Tekanan darah sistolik", "Systolic blood pressure"},
    {"diastolic_mmhg", "dbp", 20, 200, true, "Tekanan darah diastolik", "Diastolic blood pressure"},
    {"pulse_bpm", "pulse", 20, 250, true, "Nadi", "Pulse"},
    {"temperature_c", "temp", 30, 45, false, "Suhu", "Temperature"},
    {"weight_kg", "weight", 0.5, 400, false, "Berat badan", "Weight"},
    {"height_cm", "height", 20, 250, false, "Tinggi badan", "Height"},
    {"respiratory_rate", "rr", 4, 80, true, "Frekuensi napas", "Respiratory rate"},
    {"spo2_percent", "spo2", 50, 100, true, "Saturasi oksigen", "Oxygen saturation"},
};

std::string number_text(double v) {
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// A number, or text holding exactly one ("37.5"); nullopt otherwise.
std::optional<double> number_of(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

// Poli names of a facility record (its `polis` JSON).
std::string poli_name(const std::optional<std::string>& polis_json, const std::string& code) {
  const json polis = care::parse_json(polis_json, json::array());
  if (!polis.is_array()) return {};
  for (const auto& p : polis) {
    if (p.is_object() && p.value("code", "") == code) return p.value("name", "");
  }
  return {};
}

}  // namespace

VitalsCheck normalize_vitals(const json& input) {
  VitalsCheck out;
  if (input.is_null()) return out;
  if (!input.is_object()) {
    out.findings.push_back(care::error_finding("vitals", "vitals.not_object", "Tanda vital harus berupa objek JSON.",
                                               "Vitals must be a JSON object."));
    return out;
  }
  for (const auto& [key, value] : input.items()) {
    const VitalSpec* spec = nullptr;
    for (const auto& s : kVitals) {
      if (key == s.key || key == s.alias) spec = &s;
    }
    if (spec == nullptr) {
      out.findings.push_back(care::error_finding("vitals." + key, "vitals.unknown",
                                                 "Tanda vital tidak dikenal: " + key, "Unknown vital sign: " + key));
      continue;
    }
    if (value.is_null()) continue;
    const std::string field = std::string("vitals.") + spec->key;
    const std::optional<double> number = number_of(value);
    if (!number) {
      out.findings.push_back(care::error_finding(field, "vitals.not_number", std::string(spec->id) + " harus berupa angka.",
                                                 std::string(spec->en) + " must be a number."));
      continue;
    }
    const double v = *number;
    if (!std::isfinite(v) || v < spec->min || v > spec->max) {
      const std::string range = number_text(spec->min) + "–" + number_text(spec->max);
      out.findings.push_back(care::error_finding(field, "vitals.out_of_range",
                                                 std::string(spec->id) + " di luar rentang " + range + ".",
                                                 std::string(spec->en) + " is outside " + range + "."));
      continue;
    }
    if (spec->whole) {
      if (std::floor(v) != v) {
        out.findings.push_back(care::error_finding(field, "vitals.not_whole",
                                                   std::string(spec->id) + " harus bilangan bulat.",
                                                   std::string(spec->en) + " must be a whole number."));
        continue;
      }
      out.vitals[spec->key] = static_cast<std::int64_t>(v);
    } else {
      out.vitals[spec->key] = v;
    }
  }
  const bool sbp = out.vitals.contains("systolic_mmhg");
  const bool dbp = out.vitals.contains("diastolic_mmhg");
  if (sbp != dbp) {
    out.findings.push_back(care::error_finding("vitals.diastolic_mmhg", "vitals.incomplete_bp",
                                               "Tekanan darah diisi sistolik dan diastolik sekaligus.",
                                               "Give both systolic and diastolic blood pressure."));
  } else if (sbp && out.vitals["systolic_mmhg"].get<std::int64_t>() <= out.vitals["diastolic_mmhg"].get<std::int64_t>()) {
    out.findings.push_back(care::error_finding("vitals.systolic_mmhg", "vitals.bp_order",
                                               "Sistolik harus lebih tinggi dari diastolik.",
                                               "Systolic must be higher than diastolic."));
  }
  return out;
}

json to_json(const Visit& v) {
  json diagnoses = json::array();
  for (const auto& d : v.diagnoses) diagnoses.push_back({{"code", d.code}, {"name_id", d.name_id}, {"name_en", d.name_en}});
  json rating;
  if (v.rating) rating = {{"stars", v.rating->stars}, {"comment", v.rating->comment}, {"rated_at", v.rating->rated_at}};
  return {{"id", v.id},
          {"participant_id", v.participant_id},
          {"facility", v.facility},
          {"facility_name", v.facility_name},
          {"poli", v.poli},
          {"poli_name", v.poli_name},
          {"day", v.day.iso()},
          {"complaint", v.complaint},
          {"vitals", v.vitals},
          {"diagnoses", diagnoses},
          {"outcome", v.outcome},
          {"clinician", v.clinician},
          {"notes", v.notes},
          {"queue_entry_id", v.queue_entry_id.empty() ? json() : json(v.queue_entry_id)},
          {"rating", rating}};
}

Result<std::vector<Visit>> Visits::query(const std::string& where, const std::vector<std::string>& args) {
  std::vector<Visit> out;
  SIMPUL_TRY(care::each_row(
      r_.db(),
      "SELECT v.id, v.participant_id, v.facility, f.name, f.polis, v.poli, v.day, v.complaint, v.vitals, "
      "v.diagnoses, v.outcome, v.clinician, v.notes, v.queue_entry_id, r.stars, r.comment, r.rated_at "
      "FROM visits v LEFT JOIN facilities f ON f.id = v.facility LEFT JOIN ratings r ON r.id = 'rating-' || v.id " +
          where,
      args, [&](const Statement& st) {
        Visit v;
        v.id = st.text(0);
        v.participant_id = st.text(1);
        v.facility = st.text(2);
        v.facility_name = st.text(3);
        v.poli = st.text(5);
        v.poli_name = poli_name(st.opt_text(4), v.poli);
        v.day = Date::parse(st.text(6)).value_or(Date{});
        v.complaint = st.text(7);
        v.vitals = care::parse_json(st.opt_text(8), json::object());
        const json codes = care::parse_json(st.opt_text(9), json::array());
        if (codes.is_array()) {
          for (const auto& c : codes) {
            if (!c.is_string()) continue;
            VisitDiagnosis d{c.get<std::string>(), "", ""};
            if (catalog_ != nullptr) {
              if (const Diagnosis* known = catalog_->find(d.code)) {
                d.name_id = known->name_id;
                d.name_en = known->name_en;
              }
            }
            v.diagnoses.push_back(std::move(d));
          }
        }
        v.outcome = st.text(10);
        v.clinician = st.text(11);
        v.notes = st.text(12);
        v.queue_entry_id = st.text(13);
        if (!st.is_null(14)) v.rating = VisitRating{st.int32(14), st.text(15), st.text(16)};
        out.push_back(std::move(v));
      }));
  return out;
}

Result<std::optional<Visit>> Visits::get(const std::string& id) {
  auto rows = query("WHERE v.id = ?1", {id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Visit>{};
  return std::optional<Visit>{std::move(rows->front())};
}

Result<std::vector<Visit>> Visits::history(const std::string& participant_id, std::size_t limit) {
  return query("WHERE v.participant_id = ?1 ORDER BY v.day DESC, v.id DESC LIMIT " + std::to_string(limit),
               {participant_id});
}

Result<VisitOutcome> Visits::record(const Actor& who, const NewVisit& req) {
  auto participant = Participants(r_).get(req.participant_id);
  if (!participant.ok()) return participant.error();
  if (!participant->has_value()) {
    return make_error(ErrorKind::not_found, "participant.not_found", "no participant with id " + req.participant_id);
  }
  VisitOutcome out;
  Findings& bad = out.refusals;
  const Date today = Date::from_epoch_ms(r_.clock().now_ms());
  const Date day = req.day.value_or(today);
  if (day > today) {
    bad.push_back(care::error_finding("day", "visit.future_day", "Tanggal kunjungan tidak boleh di masa depan.",
                                      "A visit cannot be dated in the future."));
  }
  const std::string facility = req.facility.empty() ? care::replica_facility(r_) : req.facility;
  if (req.poli.empty()) {
    bad.push_back(care::error_finding("poli", "visit.no_poli", "Poli wajib diisi.", "The poli is required."));
  } else if (!facility.empty()) {
    std::optional<std::string> polis;
    bool known_facility = false;
    SIMPUL_TRY(care::each_row(r_.db(), "SELECT polis FROM facilities WHERE id = ?1", {facility},
                              [&](const Statement& st) {
                                known_facility = true;
                                polis = st.opt_text(0);
                              }));
    const json list = care::parse_json(polis, json::array());
    if (known_facility && list.is_array() && !list.empty() && poli_name(polis, req.poli).empty()) {
      bad.push_back(care::error_finding("poli", "visit.unknown_poli", "Poli " + req.poli + " tidak ada di fasilitas ini.",
                                        "Poli " + req.poli + " is not a poli of this facility."));
    }
  }
  if (req.complaint.size() > 2000) {
    bad.push_back(care::error_finding("complaint", "visit.complaint_too_long", "Keluhan terlalu panjang (maks. 2000).",
                                      "The complaint is too long (at most 2000 characters)."));
  }
  // Diagnoses: catalogue codes, at most three, no repeats.
  json codes = json::array();
  if (req.diagnoses.size() > kMaxDiagnoses) {
    bad.push_back(care::error_finding("diagnoses", "visit.too_many_diagnoses", "Paling banyak 3 diagnosis.",
                                      "At most 3 diagnoses."));
  }
  for (std::size_t i = 0; i < req.diagnoses.size() && i < kMaxDiagnoses; ++i) {
    const std::string& given = req.diagnoses[i];
    const std::string field = "diagnoses[" + std::to_string(i) + "]";
    std::string code = given;
    if (catalog_ != nullptr) {
      const Diagnosis* d = catalog_->find(given);
      if (d == nullptr) {
        bad.push_back(care::error_finding(field, "visit.unknown_diagnosis",
                                          "Kode ICD-10 " + given + " tidak ada di daftar diagnosis FKTP.",
                                          "ICD-10 code " + given + " is not in the FKTP diagnosis list."));
        continue;
      }
      code = d->code;
    } else if (!Icd10Catalog::valid_code(given)) {
      bad.push_back(care::error_finding(field, "visit.bad_diagnosis", "Kode ICD-10 tidak valid: " + given,
                                        "Not an ICD-10 code: " + given));
      continue;
    }
    for (const auto& c : codes) {
      if (c == code) {
        bad.push_back(care::error_finding(field, "visit.repeated_diagnosis", "Diagnosis " + code + " diisi dua kali.",
                                          "Diagnosis " + code + " is given twice."));
      }
    }
    codes.push_back(code);
  }
  VitalsCheck vitals = normalize_vitals(req.vitals);
  bad.insert(bad.end(), vitals.findings.begin(), vitals.findings.end());
  if (req.outcome != "home" && req.outcome != "referred") {
    bad.push_back(care::error_finding("outcome", "visit.bad_outcome", "Hasil kunjungan: home (pulang) atau referred (dirujuk).",
                                      "Outcome must be home or referred."));
  }
  if (!req.queue_entry_id.empty()) {
    bool found = false;
    std::string entry_participant;
    SIMPUL_TRY(care::each_row(r_.db(), "SELECT participant_id FROM queue_entries WHERE id = ?1", {req.queue_entry_id},
                              [&](const Statement& st) {
                                found = true;
                                entry_participant = st.text(0);
                              }));
    if (!found) {
      bad.push_back(care::error_finding("queue_entry_id", "visit.unknown_queue_entry", "Nomor antrean tidak ditemukan.",
                                        "No such queue entry."));
    } else if (!entry_participant.empty() && entry_participant != req.participant_id) {
      bad.push_back(care::error_finding("queue_entry_id", "visit.queue_entry_other_participant",
                                        "Nomor antrean ini milik peserta lain.",
                                        "This queue entry belongs to another participant."));
    }
  }
  if (!bad.empty()) return out;

  const std::string id = uuid_v7(r_.clock());
  auto opt_text = [](const std::string& s) { return s.empty() ? json() : json(s); };
  Fields fields{{"participant_id", req.participant_id},
                {"facility", opt_text(facility)},
                {"poli", req.poli},
                {"day", day.iso()},
                {"queue_entry_id", opt_text(req.queue_entry_id)},
                {"complaint", opt_text(req.complaint)},
                {"vitals", vitals.vitals.dump()},
                {"diagnoses", codes.dump()},
                {"outcome", req.outcome},
                {"clinician", opt_text(req.clinician)},
                {"notes", opt_text(req.notes)}};
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto w = r_.upsert(who, "visit", id, fields);
  if (!w.ok()) return w.error();
  SIMPUL_TRY(tx->commit());
  auto saved = get(id);
  if (!saved.ok()) return saved.error();
  out.saved = std::move(**saved);
  return out;
}

Result<RatingOutcome> Visits::rate(const Actor& who, const std::string& visit_id, int stars, const std::string& comment) {
  auto visit = get(visit_id);
  if (!visit.ok()) return visit.error();
  if (!visit->has_value()) return make_error(ErrorKind::not_found, "visit.not_found", "no visit with id " + visit_id);
  RatingOutcome out;
  out.id = rating_id(visit_id);
  if (stars < 1 || stars > 5) {
    out.refusals.push_back(care::error_finding("stars", "rating.stars", "Nilai bintang 1 sampai 5.",
                                               "Stars must be 1 to 5."));
  }
  if (comment.size() > 1000) {
    out.refusals.push_back(care::error_finding("comment", "rating.comment_too_long",
                                               "Komentar terlalu panjang (maks. 1000).",
                                               "The comment is too long (at most 1000 characters)."));
  }
  if (!out.refusals.empty()) return out;
  out.saved = VisitRating{stars, comment, care::iso_utc(r_.clock().now_ms())};
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto w = r_.upsert(who, "rating", out.id,
                     Fields{{"visit_id", visit_id},
                            {"participant_id", (*visit)->participant_id},
                            {"stars", stars},
                            {"comment", comment},
                            {"rated_at", out.saved.rated_at}});
  if (!w.ok()) return w.error();
  SIMPUL_TRY(tx->commit());
  return out;
}

}  // namespace simpul::storage
