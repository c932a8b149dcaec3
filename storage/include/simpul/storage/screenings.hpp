#pragma once
// Yearly health screenings on the replica (docs/CARE.md "Screening", rules in docs/SCREENING.md).
//
// - A screening is an append-only fact (`screening` entity): participant, day, questionnaire version,
//   the raw answers, the result core evaluated for that version, mode (kiosk | poli), who recorded it and
//   the HLC it was recorded at. Written through Replica::upsert, so it syncs.
// - Once per 12 months is enforced offline before anything is written: core check_screening_allowed over
//   the days of this participant's screenings that COUNT.
// - Which screenings count is decided by core resolve_concurrent over all of the participant's screenings
//   (ordered by day, HLC, id — the same answer on every device and in any sync order). The standing is
//   derived data kept in the local table `screening_standings`; a trigger marks a participant dirty when
//   a screening row arrives (locally or from sync) and every read here re-resolves dirty participants
//   first, so the rule is re-checked after each sync without a hook in the sync engine.
// - Two devices that screened the same person offline: both rows are kept; the later one (by day, HLC,
//   id) is a duplicate of the one that counts and shows up in duplicates() until the desk marks it
//   reviewed. A duplicate never moves the next allowed date.
// - A kiosk screening (self questions only) that the poli completes with measurements on the same day is
//   not a second screening: the poli's record names it in `completes`, and the kiosk record is then
//   superseded (kept, readable, neither counting nor a duplicate).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/screening/questionnaire.hpp"
#include "simpul/core/screening/yearly.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

enum class ScreeningMode { kiosk, poli };
const char* screening_mode_code(ScreeningMode m);  // "kiosk", "poli"
std::optional<ScreeningMode> parse_screening_mode(std::string_view code);

// ---- answers and results as JSON (stored in screenings.answers / screenings.result) ----
// {"question_id": "yes" | 72.5, ...}. A value that is neither a string nor a number is an `invalid` Error.
Result<screening::Answers> answers_from_json(const nlohmann::json& answers);
nlohmann::json answers_to_json(const screening::Answers& answers);
// The evaluated result: version, age_years, sex, measurements and their categories, findrisc {score, band,
// max_score, complete, items {name: points}, missing [..]}, risks [{disease, level, provisional, reasons
// [{code, level, id, en}]}], follow_up, advice [{code, id, en}]. Stable snake_case keys.
nlohmann::json result_to_json(const screening::ScreeningResult& r);

struct NewScreening {
  std::string participant_id;
  std::optional<Date> day;  // default: today (WIB) from the replica's clock
  std::string version = std::string(screening::kCurrentVersion);
  screening::Answers answers;
  ScreeningMode mode = ScreeningMode::poli;
  std::string facility;  // default: this replica's facility
};

struct StoredScreening {
  std::string id;
  std::string participant_id;
  std::string facility;
  Date day;
  std::string version;
  std::string mode;
  std::string user_id;
  std::string recorded_hlc;
  std::string completes;  // the kiosk screening this poli record completes ("" when none)
  nlohmann::json answers;
  nlohmann::json result;
  // Standing (derived, local):
  bool counts = true;
  std::string duplicate_of;   // when a duplicate: the screening that counts for its period
  std::string superseded_by;  // when a kiosk record was completed by a poli record
  bool reviewed = false;      // a duplicate the desk has looked at
  bool duplicate() const { return !counts && superseded_by.empty(); }
};
nlohmann::json to_json(const StoredScreening& s);

struct ScreeningOutcome {
  Findings refusals;                // screening.too_soon, screening.* answer problems, …: nothing written
  std::optional<Date> next_allowed;  // with screening.too_soon
  StoredScreening saved;
  bool accepted() const { return refusals.empty(); }
};

// Counting screenings with their risk levels, for reports: per disease, how many low / medium / high; and
// the FINDRISC bands.
struct RiskDistribution {
  struct Row {
    std::string disease;  // screening::disease_code
    int low = 0, medium = 0, high = 0;
  };
  std::vector<Row> diseases;                    // in screening::kDiseases order
  std::vector<std::pair<std::string, int>> findrisc_bands;  // band code -> count, low .. very_high
  int screenings = 0;                           // counting screenings in the range
  int follow_up = 0;                            // with follow_up (any medium or high)
};

class Screenings {
 public:
  explicit Screenings(Replica& replica) : r_(replica) {}

  // Checks the yearly rule (and, for kiosk mode, that no measurement was given) and the answers, evaluates
  // them with core for the participant's age and sex on `day`, and stores the fact. Refusals are an outcome;
  // an Error only for storage problems or an unknown participant (not_found).
  Result<ScreeningOutcome> record(const Actor& who, const NewScreening& request);

  // Empty when `participant_id` may be screened on `day`; otherwise the screening.too_soon finding.
  Result<Findings> check_allowed(const std::string& participant_id, const Date& day);
  // The first day the next screening is allowed (nullopt: now).
  Result<std::optional<Date>> next_allowed(const std::string& participant_id);

  Result<std::optional<StoredScreening>> get(const std::string& id);
  // Newest first (day, then HLC).
  Result<std::vector<StoredScreening>> for_participant(const std::string& participant_id);
  // Duplicates (two devices screened one person within 12 months) for the desk's review list, oldest
  // first; reviewed ones only when asked.
  Result<std::vector<StoredScreening>> duplicates(bool include_reviewed = false);
  // The desk has looked at a duplicate (local note; the standing itself does not change).
  Status mark_reviewed(const Actor& who, const std::string& screening_id);

  // Re-runs resolve_concurrent for participants whose screenings changed since the last run (after a
  // sync). Every read above calls it first; the sync caller may call it too. Returns how many participants
  // were resolved.
  Result<int> resolve_pending();

  // Counting screenings with day in [from, to], given at `facility` ("" = all on the replica).
  Result<RiskDistribution> risk_distribution(const Date& from, const Date& to, const std::string& facility = "");

 private:
  Status resolve_participant(const std::string& participant_id);
  Result<std::vector<StoredScreening>> query(const std::string& where, const std::vector<std::string>& args);
  Result<std::vector<Date>> counting_days(const std::string& participant_id);

  Replica& r_;
};

}  // namespace simpul::storage
