#pragma once
// Per-disease risk (type 2 diabetes, hypertension, chronic kidney disease, coronary heart disease) as a
// rule table plus one small evaluator.
//
// This is triage for follow-up at the FKTP, not a diagnosis. The rules are Simpul's own documented
// screening heuristics built from the published risk factors (docs/SCREENING.md gives each rule's
// source); they are not a validated score, except FINDRISC which the diabetes rules use.
//
// How a level is decided:
//   * Every rule names facts, a threshold per fact ("at least"), and the level it implies.
//   * A rule holds when at least `min_matches` of its conditions hold (all of them unless it says so).
//   * A disease's level is the highest level of the rules that hold; `low` when none holds.
// All conditions are "at least" on facts that grow with risk, so the rules are monotone: more risk never
// lowers a level. That is what makes "highest wins" sound, and it lets the evaluator tell when a missing
// measurement could still raise a level (DiseaseRisk::provisional).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/model.hpp"
#include "simpul/core/screening/cutoffs.hpp"
#include "simpul/core/screening/findrisc.hpp"

namespace simpul::screening {

enum class RiskLevel { low, medium, high };
const char* risk_level_code(RiskLevel level);  // "low", "medium", "high"
std::optional<RiskLevel> parse_risk_level(std::string_view code);
// "rendah"/"sedang"/"tinggi" or "low"/"medium"/"high".
const char* risk_level_text(RiskLevel level, const std::string& lang);

enum class Disease { type2_diabetes, hypertension, chronic_kidney_disease, coronary_heart_disease };
inline constexpr Disease kDiseases[] = {Disease::type2_diabetes, Disease::hypertension,
                                        Disease::chronic_kidney_disease, Disease::coronary_heart_disease};
// "type2_diabetes", "hypertension", "chronic_kidney_disease", "coronary_heart_disease".
const char* disease_code(Disease d);
std::optional<Disease> parse_disease(std::string_view code);
// "Diabetes melitus tipe 2" / "Type 2 diabetes", …
const char* disease_name(Disease d, const std::string& lang);

enum class Smoking { never, former, current };
const char* smoking_code(Smoking s);  // "never", "former", "current"
std::optional<Smoking> parse_smoking(std::string_view code);

// What the rules know about a person: answers, measurements and the FINDRISC band. Measurements are
// optional: the kiosk has none.
struct RiskFacts {
  int age_years = 0;
  Sex sex = Sex::male;

  // FINDRISC band of the score. When BMI or waist was not measured, `findrisc_band` is the band of the
  // items that were scored and `findrisc_band_upper` the band if every missing item scored its maximum.
  FindriscBand findrisc_band = FindriscBand::low;
  std::optional<FindriscBand> findrisc_band_upper;

  std::optional<BmiCategory> bmi;                  // from measured height and weight
  std::optional<bool> central_obesity;             // from measured waist
  std::optional<BpCategory> blood_pressure;        // from measured BP
  std::optional<GlucoseCategory> fasting_glucose;  // optional laboratory/glucometer values
  std::optional<GlucoseCategory> post_meal_glucose;

  bool bp_drugs = false;            // ever on blood-pressure medicine (FINDRISC item)
  bool diagnosed_diabetes = false;  // ever told by a doctor or nurse
  bool diagnosed_hypertension = false;
  bool diagnosed_kidney = false;
  bool diagnosed_heart = false;
  bool family_hypertension = false;     // parent or sibling
  bool family_kidney = false;           // parent or sibling with kidney disease or on dialysis
  bool family_premature_heart = false;  // father/brother before 55, mother/sister before 65
  Smoking smoking = Smoking::never;
  bool painkillers_long_term = false;  // NSAIDs (pain/joint medicine) most days for months
  bool herbal_long_term = false;       // jamu or other herbal remedies most days for months
  bool swelling = false;               // swollen legs or eyelids
  bool foamy_urine = false;
  bool chest_pain_exertion = false;  // chest pain or pressure on exertion, easing with rest
};

// The facts a rule can test. Booleans are 0/1; categories are their enum order (which grows with risk).
enum class Fact {
  age_years,
  findrisc_band,  // FindriscBand
  glucose,        // the worse of fasting and post-meal GlucoseCategory; not measured → normal
  bmi,            // BmiCategory
  central_obesity,
  blood_pressure,  // BpCategory
  bp_drugs,
  diagnosed_diabetes,
  diagnosed_hypertension,
  diagnosed_kidney,
  diagnosed_heart,
  family_hypertension,
  family_kidney,
  family_premature_heart,
  smoking,  // Smoking
  painkillers_long_term,
  herbal_long_term,
  chest_pain_exertion,
  // Derived facts: small functions of the ones above.
  chd_age_sex,             // a man aged ≥ 45 or a woman aged ≥ 55
  diabetes_condition,      // diagnosed diabetes or a glucose in the diabetes range
  hypertension_condition,  // diagnosed hypertension, on BP medicine, or measured ≥ 140/90
  excess_weight,           // BMI above normal (> 25.0) or central obesity
  kidney_symptom,          // swelling or foamy urine
};
const char* fact_code(Fact f);  // the enumerator's name, for docs and logs

// A fact's value, or the range it could take when a measurement is missing (lo == hi when known).
// Glucose is optional even at the poli, so a missing glucose counts as normal and never makes a result
// provisional; the follow-up advice asks for it instead.
struct FactRange {
  int lo = 0;
  int hi = 0;
};
FactRange fact_range(const RiskFacts& facts, Fact fact);

struct Condition {
  Fact fact;
  int at_least;
};

struct RiskRule {
  std::string_view code;  // stable, e.g. "ckd.family"
  Disease disease;
  RiskLevel level;  // the level this rule implies
  int min_matches;  // how many conditions must hold; 0 means all of them
  std::vector<Condition> conditions;
  std::string_view id;  // why, in Bahasa Indonesia (shown to staff and participant)
  std::string_view en;  // why, in English
};

// The v1 rule table (docs/SCREENING.md prints it). Frozen: a changed rule is a new questionnaire version.
const std::vector<RiskRule>& risk_rules_v1();

struct RiskReason {
  std::string code;
  RiskLevel level;
  std::string id;
  std::string en;
  const std::string& text(const std::string& lang) const { return lang == "en" ? en : id; }
};

struct DiseaseRisk {
  Disease disease = Disease::type2_diabetes;
  RiskLevel level = RiskLevel::low;
  std::vector<RiskReason> reasons;  // every rule that holds, highest level first, then table order
  // True when a missing measurement (height/weight, waist, blood pressure) could still raise the level:
  // the result is a lower bound until the poli measures.
  bool provisional = false;
};

// One DiseaseRisk per disease, in kDiseases order.
std::vector<DiseaseRisk> assess_risks(const RiskFacts& facts, const std::vector<RiskRule>& rules);

}  // namespace simpul::screening
