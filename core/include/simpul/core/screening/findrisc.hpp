#pragma once
// FINDRISC, the Finnish Diabetes Risk Score: eight items, 0–26 points, five bands.
//
// The table is DOMAIN.md's (Lindström & Tuomilehto, Diabetes Care 2003;26:725–731, in the form of the
// published FINDRISC questionnaire, which adds family history to the paper's 0–20 score):
//   age            < 45 → 0, 45–54 → 2, 55–64 → 3, > 64 → 4             (whole years)
//   BMI            < 25 → 0, 25–30 → 1, > 30 → 3                         (kg/m²)
//   waist, men     < 94 → 0, 94–102 → 3, > 102 → 4                       (cm)
//   waist, women   < 80 → 0, 80–88 → 3, > 88 → 4                         (cm)
//   ≥ 30 min physical activity every day: no → 2
//   vegetables, fruit or berries every day: no → 1
//   ever on blood-pressure drugs regularly: yes → 2
//   ever told of high blood glucose (check-up, illness, pregnancy): yes → 5
//   diabetes in the family: grandparent/aunt/uncle/first cousin → 3, parent/sibling/own child → 5
// Bands: < 7 low, 7–11 slightly elevated, 12–14 moderate, 15–20 high, > 20 very high.
//
// Boundaries. The questionnaire writes the middle categories as closed ranges ("25–30 kg/m²",
// "94–102 cm", "80–88 cm"), so a value exactly on a printed boundary belongs to the middle category:
//   BMI 25.0 → 1, 30.0 → 1, 30.1 → 3;  men's waist 94 → 3, 102 → 3, 102.5 → 4;  women's 80 → 3, 88 → 3.
// Values are compared exactly as given: callers that compute BMI from weight and height round it to one
// decimal first (cutoffs.hpp `bmi`), so the score uses the number that is shown to the participant.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpul/core/model.hpp"
#include "simpul/core/result.hpp"

namespace simpul::screening {

enum class FamilyDiabetes {
  none,
  second_degree,  // grandparent, aunt, uncle or first cousin (but no parent, sibling or child)
  first_degree,   // parent, brother, sister or own child
};
const char* family_diabetes_code(FamilyDiabetes f);  // "none", "second", "first": CLI words, v1 option ids
std::optional<FamilyDiabetes> parse_family_diabetes(std::string_view code);

enum class FindriscBand { low, slightly_elevated, moderate, high, very_high };
// "low", "slightly_elevated", "moderate", "high", "very_high": stable, used in JSON and reports.
const char* band_code(FindriscBand band);
std::optional<FindriscBand> parse_band(std::string_view code);
FindriscBand findrisc_band(int score);
// The paper's estimate of the 10-year risk for the band, for display: "1 in 100", "1 in 25", "1 in 6",
// "1 in 3", "1 in 2" (Indonesian: "1 dari 100", …).
std::string band_risk_text(FindriscBand band, const std::string& lang);

struct FindriscInput {
  int age_years = 0;               // whole years on the day of screening
  Sex sex = Sex::male;             // selects the waist table
  double bmi = 0;                  // kg/m²
  double waist_cm = 0;             // measured midway between the lowest rib and the iliac crest
  bool active_daily = true;        // at least 30 minutes of physical activity every day (work or leisure)
  bool vegetables_daily = true;    // vegetables, fruit or berries every day
  bool bp_drugs_ever = false;      // ever taken blood-pressure medicine regularly
  bool high_glucose_ever = false;  // ever told of high blood glucose
  FamilyDiabetes family = FamilyDiabetes::none;
};

// Item names in FindriscResult::items, in questionnaire order.
inline constexpr std::string_view kItemAge = "age";
inline constexpr std::string_view kItemBmi = "bmi";
inline constexpr std::string_view kItemWaist = "waist";
inline constexpr std::string_view kItemActivity = "activity";
inline constexpr std::string_view kItemVegetables = "vegetables";
inline constexpr std::string_view kItemBpDrugs = "bp_drugs";
inline constexpr std::string_view kItemHighGlucose = "high_glucose";
inline constexpr std::string_view kItemFamily = "family";

inline constexpr int kFindriscMaxScore = 26;
inline constexpr int kFindriscMaxBmiPoints = 3;
inline constexpr int kFindriscMaxWaistPoints = 4;

struct FindriscResult {
  int score = 0;
  FindriscBand band = FindriscBand::low;
  std::vector<std::pair<std::string, int>> items;  // every item with its points (0 included), in order
};

// Points of one item.
int findrisc_age_points(int age_years);
int findrisc_bmi_points(double bmi);
int findrisc_waist_points(Sex sex, double waist_cm);
int findrisc_activity_points(bool active_daily);
int findrisc_vegetable_points(bool vegetables_daily);
int findrisc_bp_drug_points(bool bp_drugs_ever);
int findrisc_high_glucose_points(bool high_glucose_ever);
int findrisc_family_points(FamilyDiabetes family);

FindriscResult findrisc(const FindriscInput& input);

// The `simpulctl findrisc` flags, as typed, keyed by flag name without dashes:
//   age (whole years), sex (L|P), bmi (kg/m², "27.5"), waist (cm), active, vegetables, bp-drugs,
//   high-glucose (yes|no), family (none|second|first).
// A missing or malformed value is an `invalid` Error whose code names it ("findrisc.bad_bmi",
// "findrisc.missing_waist", …). The CLI is then one call each:
//   auto input = parse_findrisc_input(flags);          // error → usage error, exit 2
//   auto r = findrisc(*input);                          // {"score": r.score, "band": band_code(r.band)}
using FindriscFlags = std::map<std::string, std::string, std::less<>>;
inline constexpr std::string_view kFindriscFlagNames[] = {
    "age", "sex", "bmi", "waist", "active", "vegetables", "bp-drugs", "high-glucose", "family"};
Result<FindriscInput> parse_findrisc_input(const FindriscFlags& flags);

}  // namespace simpul::screening
