#pragma once
// Visits recorded at the poli, the participant's service history, and their ratings (docs/CARE.md).
//
// - A visit is an append-only fact (`visit` entity): participant, facility, poli, day, complaint, vitals
//   (JSON object), up to three ICD-10 diagnoses from the catalogue (JSON array of codes, the first is the
//   main one), outcome home | referred, clinician, notes, and optionally the queue entry it
//   came from. Written through Replica::upsert, so it syncs to the server and the facility's devices.
// - A rating is one per visit (`rating` entity, id "rating-<visit id>"): stars 1–5 and a comment. Rating
//   again replaces the stars and comment through upsert on that id; two devices rating the same visit
//   offline merge field by field (newest wins) on the server.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simpul/core/date.hpp"
#include "simpul/core/icd10.hpp"
#include "simpul/core/message.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

inline constexpr std::size_t kMaxDiagnoses = 3;

// Vitals keys as stored (the demo data uses the same): systolic_mmhg, diastolic_mmhg, pulse_bpm,
// temperature_c, weight_kg, height_cm, respiratory_rate, spo2_percent. Input may also use the short
// names sbp, dbp, pulse, temp, weight, height, rr, spo2. normalize_vitals maps short names to the stored
// ones and checks each value against a plausible range (field "vitals.<key>"); unknown keys are refused.
struct VitalsCheck {
  nlohmann::json vitals = nlohmann::json::object();  // normalised
  Findings findings;
};
VitalsCheck normalize_vitals(const nlohmann::json& input);

struct NewVisit {
  std::string participant_id;
  std::string poli;                 // PCare code, e.g. "001"
  std::optional<Date> day;          // default: today (WIB)
  std::string complaint;
  nlohmann::json vitals = nlohmann::json::object();
  std::vector<std::string> diagnoses;  // ICD-10 codes, up to kMaxDiagnoses; "j069" is accepted for "J06.9"
  std::string outcome = "home";        // home | referred
  std::string clinician;               // name as shown
  std::string notes;
  std::string queue_entry_id;          // optional link to today's queue entry
  std::string facility;                // default: this replica's facility
};

struct VisitDiagnosis {
  std::string code;
  std::string name_id;  // empty when the code is not in the catalogue (older data)
  std::string name_en;
};

struct VisitRating {
  int stars = 0;
  std::string comment;
  std::string rated_at;  // ISO date-time (UTC)
};

struct Visit {
  std::string id;
  std::string participant_id;
  std::string facility;
  std::string facility_name;
  std::string poli;
  std::string poli_name;
  Date day;
  std::string complaint;
  nlohmann::json vitals = nlohmann::json::object();
  std::vector<VisitDiagnosis> diagnoses;
  std::string outcome;
  std::string clinician;
  std::string notes;
  std::string queue_entry_id;
  std::optional<VisitRating> rating;
};
nlohmann::json to_json(const Visit& v);

struct VisitOutcome {
  Findings refusals;  // nothing written when not empty
  Visit saved;
  bool accepted() const { return refusals.empty(); }
};

struct RatingOutcome {
  Findings refusals;
  VisitRating saved;
  std::string id;  // "rating-<visit id>"
  bool accepted() const { return refusals.empty(); }
};

class Visits {
 public:
  // `catalog` validates diagnoses and names them in the history; it must outlive this object. Without it,
  // codes are only checked for shape.
  explicit Visits(Replica& replica, const Icd10Catalog* catalog = nullptr) : r_(replica), catalog_(catalog) {}

  // Checks the request (participant known, poli of the facility when its record is on the replica,
  // diagnoses, vitals, outcome, queue entry of the same participant) and stores the visit.
  Result<VisitOutcome> record(const Actor& who, const NewVisit& request);

  Result<std::optional<Visit>> get(const std::string& id);
  // The participant's service history: newest first (day, then id), diagnoses with names, ratings.
  Result<std::vector<Visit>> history(const std::string& participant_id, std::size_t limit = 200);

  // Rates a visit (1–5 stars, optional comment up to 1000 characters). Rating again replaces.
  Result<RatingOutcome> rate(const Actor& who, const std::string& visit_id, int stars, const std::string& comment);

  static std::string rating_id(const std::string& visit_id) { return "rating-" + visit_id; }

 private:
  Result<std::vector<Visit>> query(const std::string& where, const std::vector<std::string>& args);
  Replica& r_;
  const Icd10Catalog* catalog_;
};

}  // namespace simpul::storage
