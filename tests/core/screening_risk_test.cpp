// Per-disease risk: the v1 rule table's shape, and realistic profiles for each disease.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "simpul/core/screening/risk.hpp"

using namespace simpul;
using namespace simpul::screening;

namespace {

// A 30-year-old man, measured at the poli, everything normal.
RiskFacts healthy(int age = 30, Sex sex = Sex::male) {
  RiskFacts f;
  f.age_years = age;
  f.sex = sex;
  f.findrisc_band = FindriscBand::low;
  f.bmi = BmiCategory::normal;
  f.central_obesity = false;
  f.blood_pressure = BpCategory::normal;
  return f;
}

// The same person at the kiosk: no measurements.
RiskFacts unmeasured(RiskFacts f, FindriscBand upper) {
  f.bmi.reset();
  f.central_obesity.reset();
  f.blood_pressure.reset();
  f.findrisc_band_upper = upper;
  return f;
}

DiseaseRisk risk_of(const RiskFacts& f, Disease d) {
  for (auto& r : assess_risks(f, risk_rules_v1())) {
    if (r.disease == d) return r;
  }
  ADD_FAILURE() << "no result for " << disease_code(d);
  return {};
}

RiskLevel level(const RiskFacts& f, Disease d) {
  return risk_of(f, d).level;
}

std::vector<std::string> reasons(const RiskFacts& f, Disease d) {
  std::vector<std::string> out;
  for (const auto& r : risk_of(f, d).reasons) out.push_back(r.code);
  return out;
}

TEST(ScreeningRiskRules, TableIsWellFormed) {
  const auto& rules = risk_rules_v1();
  std::set<std::string> codes;
  std::set<Disease> covered;
  for (const auto& r : rules) {
    SCOPED_TRACE(std::string(r.code));
    EXPECT_TRUE(codes.insert(std::string(r.code)).second) << "duplicate code";
    covered.insert(r.disease);
    EXPECT_FALSE(r.conditions.empty());
    EXPECT_GE(r.min_matches, 0);
    EXPECT_LE(r.min_matches, static_cast<int>(r.conditions.size()));
    EXPECT_NE(r.level, RiskLevel::low) << "a rule that implies low never changes anything";
    EXPECT_FALSE(r.id.empty());
    EXPECT_FALSE(r.en.empty());
    const std::string prefix = r.disease == Disease::type2_diabetes           ? "dm."
                               : r.disease == Disease::hypertension           ? "ht."
                               : r.disease == Disease::chronic_kidney_disease ? "ckd."
                                                                              : "chd.";
    EXPECT_EQ(std::string(r.code).rfind(prefix, 0), 0U);
    for (const auto& c : r.conditions) EXPECT_STRNE(fact_code(c.fact), "");
  }
  EXPECT_EQ(covered.size(), 4U);
}

TEST(ScreeningRiskRules, CodesRoundTrip) {
  for (const Disease d : kDiseases) {
    EXPECT_EQ(parse_disease(disease_code(d)), d);
    EXPECT_STRNE(disease_name(d, "id"), disease_name(d, "en"));
  }
  for (const auto l : {RiskLevel::low, RiskLevel::medium, RiskLevel::high}) {
    EXPECT_EQ(parse_risk_level(risk_level_code(l)), l);
  }
  EXPECT_STREQ(risk_level_text(RiskLevel::medium, "id"), "sedang");
  EXPECT_STREQ(risk_level_text(RiskLevel::medium, "en"), "medium");
  for (const auto s : {Smoking::never, Smoking::former, Smoking::current})
    EXPECT_EQ(parse_smoking(smoking_code(s)), s);
  EXPECT_EQ(parse_risk_level("sedang"), std::nullopt);
}

TEST(ScreeningRiskFacts, DerivedFactsAndUnknownMeasurements) {
  RiskFacts f = healthy(45);
  EXPECT_EQ(fact_range(f, Fact::chd_age_sex).lo, 1);  // man 45
  f.sex = Sex::female;
  EXPECT_EQ(fact_range(f, Fact::chd_age_sex).lo, 0);  // woman 45
  f.age_years = 55;
  EXPECT_EQ(fact_range(f, Fact::chd_age_sex).lo, 1);  // woman 55

  RiskFacts k = unmeasured(healthy(), FindriscBand::moderate);
  EXPECT_EQ(fact_range(k, Fact::findrisc_band).lo, 0);
  EXPECT_EQ(fact_range(k, Fact::findrisc_band).hi, 2);
  EXPECT_EQ(fact_range(k, Fact::blood_pressure).hi, 2);
  EXPECT_EQ(fact_range(k, Fact::excess_weight).lo, 0);
  EXPECT_EQ(fact_range(k, Fact::excess_weight).hi, 1);
  EXPECT_EQ(fact_range(k, Fact::hypertension_condition).hi, 1);  // BP could be ≥ 140/90
  // Glucose is optional: not measured counts as normal and never as "could be".
  EXPECT_EQ(fact_range(k, Fact::glucose).hi, 0);
  EXPECT_EQ(fact_range(k, Fact::diabetes_condition).hi, 0);
  k.bp_drugs = true;
  EXPECT_EQ(fact_range(k, Fact::hypertension_condition).lo, 1);
  k.post_meal_glucose = GlucoseCategory::diabetes_range;
  EXPECT_EQ(fact_range(k, Fact::glucose).lo, 2);
  EXPECT_EQ(fact_range(k, Fact::diabetes_condition).lo, 1);
}

TEST(ScreeningRiskDiabetes, FollowsTheFindriscBand) {
  const std::vector<std::pair<FindriscBand, RiskLevel>> cases{
      {FindriscBand::low, RiskLevel::low},
      {FindriscBand::slightly_elevated, RiskLevel::low},
      {FindriscBand::moderate, RiskLevel::medium},
      {FindriscBand::high, RiskLevel::high},
      {FindriscBand::very_high, RiskLevel::high}};
  for (const auto& [band, expected] : cases) {
    SCOPED_TRACE(band_code(band));
    RiskFacts f = healthy(50);
    f.findrisc_band = band;
    EXPECT_EQ(level(f, Disease::type2_diabetes), expected);
    EXPECT_FALSE(risk_of(f, Disease::type2_diabetes).provisional);
  }
}

TEST(ScreeningRiskDiabetes, GlucoseUpgradesTheBand) {
  RiskFacts f = healthy(50);
  f.findrisc_band = FindriscBand::slightly_elevated;
  f.fasting_glucose = GlucoseCategory::impaired;  // 110 mg/dL
  EXPECT_EQ(level(f, Disease::type2_diabetes), RiskLevel::medium);
  EXPECT_EQ(reasons(f, Disease::type2_diabetes), std::vector<std::string>{"dm.glucose_impaired"});

  f.findrisc_band = FindriscBand::moderate;  // impaired glucose + moderate band → high
  EXPECT_EQ(level(f, Disease::type2_diabetes), RiskLevel::high);
  EXPECT_EQ(
      reasons(f, Disease::type2_diabetes),
      (std::vector<std::string>{"dm.glucose_and_findrisc", "dm.findrisc_moderate", "dm.glucose_impaired"}));

  RiskFacts g = healthy(35);
  g.post_meal_glucose = GlucoseCategory::diabetes_range;  // 2-hour 230 mg/dL, low band
  EXPECT_EQ(level(g, Disease::type2_diabetes), RiskLevel::high);
  EXPECT_EQ(reasons(g, Disease::type2_diabetes).front(), "dm.glucose_diabetes_range");
}

TEST(ScreeningRiskDiabetes, KioskResultIsALowerBoundUntilMeasured) {
  // Score 9 without BMI and waist (could reach 16): slightly elevated now, high possible.
  RiskFacts f = unmeasured(healthy(50), FindriscBand::high);
  f.findrisc_band = FindriscBand::slightly_elevated;
  const auto r = risk_of(f, Disease::type2_diabetes);
  EXPECT_EQ(r.level, RiskLevel::low);
  EXPECT_TRUE(r.provisional);

  // Score 2 (could reach 9): no measurement can lift it past slightly elevated.
  RiskFacts g = unmeasured(healthy(), FindriscBand::slightly_elevated);
  EXPECT_FALSE(risk_of(g, Disease::type2_diabetes).provisional);

  // Already high: nothing missing can raise it further.
  RiskFacts h = unmeasured(healthy(60), FindriscBand::very_high);
  h.findrisc_band = FindriscBand::high;
  EXPECT_EQ(level(h, Disease::type2_diabetes), RiskLevel::high);
  EXPECT_FALSE(risk_of(h, Disease::type2_diabetes).provisional);
}

TEST(ScreeningRiskDiabetes, KnownDiabetesIsHigh) {
  RiskFacts f = healthy(48, Sex::female);
  f.diagnosed_diabetes = true;
  EXPECT_EQ(level(f, Disease::type2_diabetes), RiskLevel::high);
  EXPECT_EQ(reasons(f, Disease::type2_diabetes).front(), "dm.diagnosed");
}

TEST(ScreeningRiskHypertension, Profiles) {
  RiskFacts measured_high = healthy(52);
  measured_high.blood_pressure = BpCategory::hypertension;  // 146/92
  EXPECT_EQ(level(measured_high, Disease::hypertension), RiskLevel::high);

  RiskFacts high_normal = healthy(38, Sex::female);
  high_normal.blood_pressure = BpCategory::elevated;  // 134/86
  EXPECT_EQ(level(high_normal, Disease::hypertension), RiskLevel::medium);
  EXPECT_EQ(reasons(high_normal, Disease::hypertension), std::vector<std::string>{"ht.measured_elevated"});

  RiskFacts on_drugs = healthy(60, Sex::female);
  on_drugs.bp_drugs = true;  // controlled 128/80 on medicine
  EXPECT_EQ(level(on_drugs, Disease::hypertension), RiskLevel::high);

  RiskFacts family_and_weight = healthy(35);
  family_and_weight.family_hypertension = true;
  family_and_weight.bmi = BmiCategory::obese;
  EXPECT_EQ(level(family_and_weight, Disease::hypertension), RiskLevel::medium);
  EXPECT_EQ(reasons(family_and_weight, Disease::hypertension), std::vector<std::string>{"ht.risk_factors"});

  RiskFacts family_and_age = healthy(47, Sex::female);
  family_and_age.family_hypertension = true;
  EXPECT_EQ(level(family_and_age, Disease::hypertension), RiskLevel::medium);

  RiskFacts family_only = healthy(30);
  family_only.family_hypertension = true;
  EXPECT_EQ(level(family_only, Disease::hypertension), RiskLevel::low);
  EXPECT_FALSE(risk_of(family_only, Disease::hypertension).provisional);
  // At the kiosk the same answers could still reach high once BP is measured.
  const auto kiosk = risk_of(unmeasured(family_only, FindriscBand::slightly_elevated), Disease::hypertension);
  EXPECT_EQ(kiosk.level, RiskLevel::low);
  EXPECT_TRUE(kiosk.provisional);
}

TEST(ScreeningRiskKidney, Profiles) {
  EXPECT_EQ(level(healthy(40), Disease::chronic_kidney_disease), RiskLevel::low);

  RiskFacts diabetic = healthy(50);
  diabetic.diagnosed_diabetes = true;
  EXPECT_EQ(level(diabetic, Disease::chronic_kidney_disease), RiskLevel::medium);
  diabetic.foamy_urine = true;
  EXPECT_EQ(level(diabetic, Disease::chronic_kidney_disease), RiskLevel::high);
  EXPECT_EQ(reasons(diabetic, Disease::chronic_kidney_disease).front(), "ckd.symptom_with_diabetes");

  RiskFacts hypertensive_swelling = healthy(45, Sex::female);
  hypertensive_swelling.blood_pressure = BpCategory::hypertension;
  hypertensive_swelling.swelling = true;
  EXPECT_EQ(level(hypertensive_swelling, Disease::chronic_kidney_disease), RiskLevel::high);

  RiskFacts farmer = healthy(62);  // 62, painkillers for joint pain and jamu for years
  farmer.painkillers_long_term = true;
  farmer.herbal_long_term = true;
  EXPECT_EQ(level(farmer, Disease::chronic_kidney_disease), RiskLevel::high);
  EXPECT_EQ(reasons(farmer, Disease::chronic_kidney_disease).front(), "ckd.many_factors");

  EXPECT_EQ(level(healthy(59), Disease::chronic_kidney_disease), RiskLevel::low);
  EXPECT_EQ(level(healthy(60), Disease::chronic_kidney_disease), RiskLevel::medium);

  RiskFacts family = healthy(33, Sex::female);
  family.family_kidney = true;
  EXPECT_EQ(level(family, Disease::chronic_kidney_disease), RiskLevel::medium);

  RiskFacts known = healthy(55);
  known.diagnosed_kidney = true;
  EXPECT_EQ(level(known, Disease::chronic_kidney_disease), RiskLevel::high);
}

TEST(ScreeningRiskHeart, Profiles) {
  RiskFacts chest_pain = healthy(40);
  chest_pain.chest_pain_exertion = true;
  EXPECT_EQ(level(chest_pain, Disease::coronary_heart_disease), RiskLevel::high);

  RiskFacts smoker = healthy(50);  // man over 45 who smokes: two factors
  smoker.smoking = Smoking::current;
  EXPECT_EQ(level(smoker, Disease::coronary_heart_disease), RiskLevel::medium);
  smoker.blood_pressure = BpCategory::hypertension;  // three
  EXPECT_EQ(level(smoker, Disease::coronary_heart_disease), RiskLevel::high);

  RiskFacts former = healthy(50);
  former.smoking = Smoking::former;  // ATP III counts current smoking only
  EXPECT_EQ(level(former, Disease::coronary_heart_disease), RiskLevel::low);

  RiskFacts woman = healthy(50, Sex::female);  // a woman of 50 who smokes: one factor
  woman.smoking = Smoking::current;
  EXPECT_EQ(level(woman, Disease::coronary_heart_disease), RiskLevel::low);
  woman.central_obesity = true;
  EXPECT_EQ(level(woman, Disease::coronary_heart_disease), RiskLevel::medium);

  RiskFacts diabetic = healthy(38, Sex::female);
  diabetic.diagnosed_diabetes = true;
  EXPECT_EQ(level(diabetic, Disease::coronary_heart_disease), RiskLevel::medium);

  RiskFacts family = healthy(58);
  family.family_premature_heart = true;
  family.central_obesity = true;
  family.smoking = Smoking::current;
  EXPECT_EQ(level(family, Disease::coronary_heart_disease), RiskLevel::high);
}

TEST(ScreeningRiskLevels, HighestWinsAndReasonsListHighestFirst) {
  RiskFacts f = healthy(63);
  f.diagnosed_hypertension = true;
  f.herbal_long_term = true;
  const auto r = risk_of(f, Disease::chronic_kidney_disease);
  EXPECT_EQ(r.level, RiskLevel::high);  // hypertension + age + herbal = 3 factors
  ASSERT_GE(r.reasons.size(), 2U);
  EXPECT_EQ(r.reasons.front().level, RiskLevel::high);
  EXPECT_TRUE(std::is_sorted(r.reasons.begin(), r.reasons.end(),
                             [](const RiskReason& a, const RiskReason& b) { return a.level > b.level; }));
  EXPECT_EQ(r.reasons.front().text("en"), r.reasons.front().en);
  EXPECT_EQ(r.reasons.front().text("id"), r.reasons.front().id);
}

TEST(ScreeningRiskLevels, MoreRiskNeverLowersALevel) {
  // Monotone: adding any single risk to a profile keeps every disease at least where it was.
  const RiskFacts base = healthy(50);
  const auto before = assess_risks(base, risk_rules_v1());
  std::vector<RiskFacts> worse(8, base);
  worse[0].diagnosed_diabetes = true;
  worse[1].blood_pressure = BpCategory::hypertension;
  worse[2].central_obesity = true;
  worse[3].smoking = Smoking::current;
  worse[4].findrisc_band = FindriscBand::very_high;
  worse[5].age_years = 70;
  worse[6].swelling = true;
  worse[7].fasting_glucose = GlucoseCategory::diabetes_range;
  for (const auto& w : worse) {
    const auto after = assess_risks(w, risk_rules_v1());
    for (std::size_t i = 0; i < after.size(); ++i) EXPECT_GE(after[i].level, before[i].level);
  }
}

}  // namespace
