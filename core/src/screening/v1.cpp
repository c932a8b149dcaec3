// Questionnaire v1: its questions (ids, types, options, ranges) and how its answers become a result.
// Frozen once released: changes go into a new version (questionnaire.hpp explains how).
#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "simpul/core/rules/findings.hpp"
#include "simpul/core/screening/questionnaire.hpp"
#include "versions.hpp"

namespace simpul::screening::detail::v1 {
namespace {

using namespace ::simpul::screening::v1;

QuestionSpec yes_no(std::string_view id) {
  return QuestionSpec{id, QuestionType::yes_no, QuestionMode::self, true, {"yes", "no"}, 0, 0, false, {}, {}};
}

QuestionSpec choice(std::string_view id, std::initializer_list<std::string_view> options) {
  return QuestionSpec{id, QuestionType::choice, QuestionMode::self, true, options, 0, 0, false, {}, {}};
}

QuestionSpec measurement(std::string_view id, double min, double max, bool whole, std::string_view unit,
                         std::string_view paired_with = {}) {
  return QuestionSpec{id,   QuestionType::number, QuestionMode::measurement, false, {}, min, max, whole,
                      unit, paired_with};
}

bool yes(const Answers& a, std::string_view id) {
  const auto it = a.find(id);
  return it != a.end() && it->second.option() != nullptr && *it->second.option() == "yes";
}

std::string option(const Answers& a, std::string_view id) {
  const auto it = a.find(id);
  return it != a.end() && it->second.option() != nullptr ? *it->second.option() : std::string();
}

std::optional<double> number(const Answers& a, std::string_view id) {
  const auto it = a.find(id);
  if (it == a.end() || it->second.number() == nullptr) return std::nullopt;
  return *it->second.number();
}

// Leaves an unmeasured item out of the FINDRISC items and counts its maximum towards the upper bound.
void drop_unmeasured(ScreeningResult& r, std::string_view item, int max_points) {
  auto& items = r.findrisc.items;
  items.erase(std::remove_if(items.begin(), items.end(), [&](const auto& i) { return i.first == item; }),
              items.end());
  r.findrisc_missing.emplace_back(item);
  r.findrisc_max_score += max_points;
}

}  // namespace

const std::vector<QuestionSpec>& question_list() {
  static const std::vector<QuestionSpec> list{
      // Lifestyle
      yes_no(kPhysicalActivity),
      yes_no(kVegetablesFruit),
      choice(kSmoking, {"never", "former", "current"}),
      // Health history
      yes_no(kHighGlucoseHistory),
      yes_no(kBpMedicine),
      yes_no(kDiagnosedDiabetes),
      yes_no(kDiagnosedHypertension),
      yes_no(kDiagnosedKidney),
      yes_no(kDiagnosedHeart),
      yes_no(kPainkillersLongTerm),
      yes_no(kHerbalLongTerm),
      // Family
      choice(kFamilyDiabetes, {"none", "second", "first"}),
      yes_no(kFamilyHypertension),
      yes_no(kFamilyKidney),
      yes_no(kFamilyPrematureHeart),
      // Complaints
      yes_no(kSwelling),
      yes_no(kFoamyUrine),
      yes_no(kChestPainExertion),
      // Poli measurements
      measurement(kHeightCm, 80, 230, false, "cm", kWeightKg),
      measurement(kWeightKg, 20, 300, false, "kg", kHeightCm),
      measurement(kWaistCm, 40, 200, false, "cm"),
      measurement(kSystolic, 60, 300, true, "mmHg", kDiastolic),
      measurement(kDiastolic, 30, 200, true, "mmHg", kSystolic),
      measurement(kFastingGlucose, 20, 800, false, "mg/dL"),
      measurement(kPostMealGlucose, 20, 800, false, "mg/dL"),
  };
  return list;
}

Findings check(const Answers& answers) {
  Findings out;
  const auto systolic = number(answers, kSystolic);
  const auto diastolic = number(answers, kDiastolic);
  if (systolic && diastolic && *systolic <= *diastolic) {
    out.push_back(rules::error_finding(
        std::string(kSystolic), "screening.bp_order",
        "Tekanan sistolik (angka atas) harus lebih tinggi dari diastolik (angka bawah). Mohon periksa "
        "urutannya.",
        "Systolic pressure (the upper number) must be higher than diastolic (the lower number). Please check "
        "the order."));
  }
  return out;
}

ScreeningResult evaluate(const Answers& a, const Subject& subject) {
  ScreeningResult r;
  r.version = "v1";
  r.age_years = subject.age_years;
  r.sex = subject.sex;

  const auto height = number(a, kHeightCm);
  const auto weight = number(a, kWeightKg);
  if (height && weight) {
    r.bmi = bmi(*weight, *height);
    r.bmi_category = bmi_category(*r.bmi);
  }
  r.waist_cm = number(a, kWaistCm);
  if (r.waist_cm) r.central_obesity = central_obesity(subject.sex, *r.waist_cm);
  const auto systolic = number(a, kSystolic);
  const auto diastolic = number(a, kDiastolic);
  if (systolic && diastolic) {
    r.systolic_mmhg = static_cast<int>(std::lround(*systolic));
    r.diastolic_mmhg = static_cast<int>(std::lround(*diastolic));
    r.blood_pressure = bp_category(*r.systolic_mmhg, *r.diastolic_mmhg);
  }
  if (const auto g = number(a, kFastingGlucose)) r.fasting_glucose = fasting_glucose_category(*g);
  if (const auto g = number(a, kPostMealGlucose)) r.post_meal_glucose = post_meal_glucose_category(*g);

  FindriscInput in;
  in.age_years = subject.age_years;
  in.sex = subject.sex;
  in.bmi = r.bmi.value_or(0);
  in.waist_cm = r.waist_cm.value_or(0);
  in.active_daily = yes(a, kPhysicalActivity);
  in.vegetables_daily = yes(a, kVegetablesFruit);
  in.bp_drugs_ever = yes(a, kBpMedicine);
  in.high_glucose_ever = yes(a, kHighGlucoseHistory);
  in.family = parse_family_diabetes(option(a, kFamilyDiabetes)).value_or(FamilyDiabetes::none);
  r.findrisc = findrisc(in);
  r.findrisc_max_score = r.findrisc.score;
  if (!r.bmi) drop_unmeasured(r, kItemBmi, kFindriscMaxBmiPoints);
  if (!r.waist_cm) drop_unmeasured(r, kItemWaist, kFindriscMaxWaistPoints);

  RiskFacts f;
  f.age_years = subject.age_years;
  f.sex = subject.sex;
  f.findrisc_band = r.findrisc.band;
  if (!r.findrisc_complete()) f.findrisc_band_upper = findrisc_band(r.findrisc_max_score);
  f.bmi = r.bmi_category;
  f.central_obesity = r.central_obesity;
  f.blood_pressure = r.blood_pressure;
  f.fasting_glucose = r.fasting_glucose;
  f.post_meal_glucose = r.post_meal_glucose;
  f.bp_drugs = in.bp_drugs_ever;
  f.diagnosed_diabetes = yes(a, kDiagnosedDiabetes);
  f.diagnosed_hypertension = yes(a, kDiagnosedHypertension);
  f.diagnosed_kidney = yes(a, kDiagnosedKidney);
  f.diagnosed_heart = yes(a, kDiagnosedHeart);
  f.family_hypertension = yes(a, kFamilyHypertension);
  f.family_kidney = yes(a, kFamilyKidney);
  f.family_premature_heart = yes(a, kFamilyPrematureHeart);
  f.smoking = parse_smoking(option(a, kSmoking)).value_or(Smoking::never);
  f.painkillers_long_term = yes(a, kPainkillersLongTerm);
  f.herbal_long_term = yes(a, kHerbalLongTerm);
  f.swelling = yes(a, kSwelling);
  f.foamy_urine = yes(a, kFoamyUrine);
  f.chest_pain_exertion = yes(a, kChestPainExertion);

  r.risks = assess_risks(f, risk_rules_v1());
  r.follow_up = std::any_of(r.risks.begin(), r.risks.end(),
                            [](const DiseaseRisk& d) { return d.level != RiskLevel::low; });
  r.advice = advise(r, f);
  return r;
}

}  // namespace simpul::screening::detail::v1
