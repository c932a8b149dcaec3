#pragma once
// The screening questionnaire as the evaluator knows it (ids, types, options, ranges), the answers, and
// `evaluate`: answers + birth date + sex + day → FINDRISC, measurements, per-disease risk and advice.
//
// Wording lives in assets/screening/questionnaire-<version>.json (Indonesian and English), which the
// app and storage layers parse; core only knows the ids. A test checks that every id below exists in the
// JSON file of the same version.
//
// Versions. A screening is stored with its version string and its raw answers, and is always evaluated
// by that version's code: evaluate(answers, …, "v1") gives the same result next year as today. To add
// "v2": write assets/screening/questionnaire-v2.json, a new core/src/screening/v2.cpp with its question
// list, facts mapping and rule table (copy v1 and change what v2 changes), add one row to the version
// table in evaluate.cpp, and make kCurrentVersion "v2". Never edit v1's questions or rules: results of
// screenings already given would change under them.
//
// Usage (kiosk or poli):
//   screening::Answers a{{"physical_activity", "yes"}, {"family_diabetes", "first"}, …,
//                        {"height_cm", 158}, {"weight_kg", 63.5}};
//   auto r = screening::evaluate(a, participant.birth_date, participant.sex, today,
//   screening::kCurrentVersion); if (!r) show(r.error().message);      // or check_answers() for per-question
//   messages else for (auto& d : r->risks) …        // level, reasons, provisional; r->advice for the next
//   steps
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/result.hpp"
#include "simpul/core/screening/cutoffs.hpp"
#include "simpul/core/screening/findrisc.hpp"
#include "simpul/core/screening/risk.hpp"

namespace simpul::screening {

// The version new screenings are given under.
inline constexpr std::string_view kCurrentVersion = "v1";
std::vector<std::string_view> supported_versions();

// Screening is offered to participants aged 15 and over. (BPJS describes Skrining Riwayat Kesehatan as
// for participants aged 15+; this is from BPJS's public statements, not from our seed documents.)
inline constexpr int kMinAgeYears = 15;

// ---- Questions -----------------------------------------------------------------------------------------
enum class QuestionType { yes_no, choice, number };
const char* question_type_code(QuestionType t);  // "yes_no", "choice", "number" (as in the JSON)

// `self`: asked of the participant in simple words, at the kiosk or by poli staff.
// `measurement`: measured by poli staff (never at the kiosk).
enum class QuestionMode { self, measurement };
const char* question_mode_code(QuestionMode m);  // "self", "measurement"

struct QuestionSpec {
  std::string_view id;
  QuestionType type;
  QuestionMode mode;
  bool required;                          // self questions are required; measurements are optional
  std::vector<std::string_view> options;  // option ids ("yes", "no" for yes_no)
  double min = 0;                         // number questions: accepted range, inclusive
  double max = 0;
  bool whole = false;            // number must be a whole number (mmHg)
  std::string_view unit;         // "cm", "kg", "mmHg", "mg/dL"
  std::string_view paired_with;  // answered together or not at all (height/weight, BP)
};

// The questions of a version in questionnaire order; nullptr for an unknown version.
const std::vector<QuestionSpec>* questions(std::string_view version);

// v1 question ids (the JSON uses the same).
namespace v1 {
inline constexpr std::string_view kPhysicalActivity = "physical_activity";
inline constexpr std::string_view kVegetablesFruit = "vegetables_fruit";
inline constexpr std::string_view kBpMedicine = "bp_medicine";
inline constexpr std::string_view kHighGlucoseHistory = "high_glucose_history";
inline constexpr std::string_view kFamilyDiabetes = "family_diabetes";  // none, second, first
inline constexpr std::string_view kDiagnosedDiabetes = "diagnosed_diabetes";
inline constexpr std::string_view kDiagnosedHypertension = "diagnosed_hypertension";
inline constexpr std::string_view kDiagnosedKidney = "diagnosed_kidney";
inline constexpr std::string_view kDiagnosedHeart = "diagnosed_heart";
inline constexpr std::string_view kFamilyHypertension = "family_hypertension";
inline constexpr std::string_view kFamilyKidney = "family_kidney";
inline constexpr std::string_view kFamilyPrematureHeart = "family_premature_heart";
inline constexpr std::string_view kSmoking = "smoking";  // never, former, current
inline constexpr std::string_view kPainkillersLongTerm = "painkillers_long_term";
inline constexpr std::string_view kHerbalLongTerm = "herbal_long_term";
inline constexpr std::string_view kSwelling = "swelling";
inline constexpr std::string_view kFoamyUrine = "foamy_urine";
inline constexpr std::string_view kChestPainExertion = "chest_pain_exertion";
inline constexpr std::string_view kHeightCm = "height_cm";
inline constexpr std::string_view kWeightKg = "weight_kg";
inline constexpr std::string_view kWaistCm = "waist_cm";
inline constexpr std::string_view kSystolic = "systolic_mmhg";
inline constexpr std::string_view kDiastolic = "diastolic_mmhg";
inline constexpr std::string_view kFastingGlucose = "fasting_glucose_mgdl";
inline constexpr std::string_view kPostMealGlucose = "post_meal_glucose_mgdl";
}  // namespace v1

// ---- Answers -------------------------------------------------------------------------------------------
// One answer: an option id ("yes", "no", "first") or a number (cm, kg, mmHg, mg/dL). Stored as
// given, with the version, so it can be evaluated again later. In JSON: a string or a number.
class Answer {
 public:
  Answer(std::string option) : value_(std::move(option)) {}    // NOLINT(google-explicit-constructor)
  Answer(const char* option) : value_(std::string(option)) {}  // NOLINT(google-explicit-constructor)
  Answer(double number) : value_(number) {}                    // NOLINT(google-explicit-constructor)
  Answer(int number) : value_(static_cast<double>(number)) {}  // NOLINT(google-explicit-constructor)

  const std::string* option() const { return std::get_if<std::string>(&value_); }
  const double* number() const { return std::get_if<double>(&value_); }
  bool operator==(const Answer&) const = default;

 private:
  std::variant<std::string, double> value_;
};

// Question id → answer. A question left out is unanswered (allowed for measurements only).
using Answers = std::map<std::string, Answer, std::less<>>;

// Problems with the answers, one Finding per problem, `field` = the question id. Codes:
//   screening.unknown_version, screening.unknown_question, screening.wrong_type, screening.unknown_option,
//   screening.out_of_range, screening.not_whole, screening.missing_answer, screening.incomplete_pair
//   (height without weight, systolic without diastolic, or the reverse), screening.bp_order
//   (systolic not above diastolic). All are errors. For forms: highlight each field.
Findings check_answers(const Answers& answers, std::string_view version);

// ---- Result --------------------------------------------------------------------------------------------
// Bilingual advice shown with the result; `code` is stable ("advice.follow_up", …).
struct Advice {
  std::string code;
  std::string id;
  std::string en;
  const std::string& text(const std::string& lang) const { return lang == "en" ? en : id; }
};

struct ScreeningResult {
  std::string version;
  int age_years = 0;
  Sex sex = Sex::male;

  // Measurements as given and their categories; empty when not measured (kiosk).
  std::optional<double> bmi;  // rounded to one decimal
  std::optional<BmiCategory> bmi_category;
  std::optional<double> waist_cm;
  std::optional<bool> central_obesity;
  std::optional<int> systolic_mmhg;
  std::optional<int> diastolic_mmhg;
  std::optional<BpCategory> blood_pressure;
  std::optional<GlucoseCategory> fasting_glucose;
  std::optional<GlucoseCategory> post_meal_glucose;

  // FINDRISC over the items that could be scored. Without measurements the BMI and waist items are left
  // out of `findrisc.items` and listed in `findrisc_missing`; `findrisc_max_score` is what the score
  // would be if they scored their maximum (equal to the score when complete).
  FindriscResult findrisc;
  std::vector<std::string> findrisc_missing;
  int findrisc_max_score = 0;
  bool findrisc_complete() const { return findrisc_missing.empty(); }

  std::vector<DiseaseRisk> risks;  // one per disease, in kDiseases order
  const DiseaseRisk& risk(Disease d) const;
  bool follow_up = false;      // some disease is medium or high: come to the FKTP
  std::vector<Advice> advice;  // ends with the disclaimer
};

// Evaluates answers given under `version` for a participant born on `birth` screened on `today`.
// Errors: unknown version (permanent, "screening.unknown_version"); bad answers (invalid, the first
// check_answers code, all messages joined); birth date missing/after today ("screening.bad_birth_date");
// younger than kMinAgeYears ("screening.too_young").
Result<ScreeningResult> evaluate(const Answers& answers, const Date& birth, Sex sex, const Date& today,
                                 std::string_view version);

}  // namespace simpul::screening
