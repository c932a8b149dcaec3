// evaluate(): version dispatch, answer checks, kiosk (no measurements) and poli results, and a pinned v1
// result so a later change cannot silently alter screenings already given.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "simpul/core/rules/findings.hpp"
#include "simpul/core/screening/questionnaire.hpp"

using namespace simpul;
using namespace simpul::screening;

namespace {

const Date kToday{2026, 3, 10};

// Every self question answered "no" / the lowest option.
Answers all_no() {
  Answers a;
  for (const auto& q : *questions("v1")) {
    if (q.mode == QuestionMode::self)
      a.emplace(std::string(q.id), std::string(q.options.front() == "yes" ? "no" : q.options.front()));
  }
  return a;
}

// A 52-year-old woman at the kiosk: inactive, smoker, family diabetes (parent), family hypertension.
Answers kiosk_answers() {
  Answers a = all_no();
  a.insert_or_assign("physical_activity", "no");
  a.insert_or_assign("vegetables_fruit", "yes");
  a.insert_or_assign("smoking", "current");
  a.insert_or_assign("family_diabetes", "first");
  a.insert_or_assign("family_hypertension", "yes");
  return a;
}

Answers poli_answers() {
  Answers a = kiosk_answers();
  a.insert_or_assign("height_cm", 155.0);
  a.insert_or_assign("weight_kg", 66.5);  // BMI 27.7: obese by Kemenkes, 1 FINDRISC point
  a.insert_or_assign("waist_cm", 86.0);   // woman: 3 FINDRISC points, central obesity
  a.insert_or_assign("systolic_mmhg", 142);
  a.insert_or_assign("diastolic_mmhg", 88);
  a.insert_or_assign("fasting_glucose_mgdl", 108);
  return a;
}

const Date kBirth52{1973, 11, 2};

std::vector<std::string> advice_codes(const ScreeningResult& r) {
  std::vector<std::string> out;
  for (const auto& a : r.advice) out.push_back(a.code);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(ScreeningVersions, DispatchOnTheVersionString) {
  EXPECT_EQ(kCurrentVersion, "v1");
  EXPECT_EQ(supported_versions(), std::vector<std::string_view>{"v1"});
  ASSERT_NE(questions("v1"), nullptr);
  EXPECT_EQ(questions("v1")->size(), 25U);
  for (const std::string bad : {"v2", "V1", "", "v1 ", "1"}) {
    SCOPED_TRACE("'" + bad + "'");
    EXPECT_EQ(questions(bad), nullptr);
    const auto r = evaluate(kiosk_answers(), kBirth52, Sex::female, kToday, bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "screening.unknown_version");
    EXPECT_EQ(r.error().kind, ErrorKind::permanent);
    EXPECT_EQ(rules::codes_of(check_answers(kiosk_answers(), bad)),
              std::vector<std::string>{"screening.unknown_version"});
  }
  const auto ok = evaluate(kiosk_answers(), kBirth52, Sex::female, kToday, "v1");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->version, "v1");
}

TEST(ScreeningEvaluate, KioskAnswersGiveAProvisionalResult) {
  const auto r = evaluate(kiosk_answers(), kBirth52, Sex::female, kToday, "v1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->age_years, 52);
  EXPECT_FALSE(r->bmi);
  EXPECT_FALSE(r->central_obesity);
  EXPECT_FALSE(r->blood_pressure);
  // age 2 + inactive 2 + family first-degree 5 = 9 without BMI and waist (at most 9 + 3 + 4 = 16).
  EXPECT_EQ(r->findrisc.score, 9);
  EXPECT_EQ(r->findrisc.band, FindriscBand::slightly_elevated);
  EXPECT_FALSE(r->findrisc_complete());
  EXPECT_EQ(r->findrisc_missing, (std::vector<std::string>{"bmi", "waist"}));
  EXPECT_EQ(r->findrisc_max_score, 16);
  EXPECT_EQ(r->findrisc.items.size(), 6U);

  EXPECT_EQ(r->risk(Disease::type2_diabetes).level, RiskLevel::low);
  EXPECT_TRUE(r->risk(Disease::type2_diabetes).provisional);
  // Family hypertension + age ≥ 45.
  EXPECT_EQ(r->risk(Disease::hypertension).level, RiskLevel::medium);
  EXPECT_TRUE(r->risk(Disease::hypertension).provisional);  // BP could be ≥ 140/90
  EXPECT_TRUE(r->follow_up);
  const auto codes = advice_codes(*r);
  EXPECT_TRUE(has(codes, "advice.follow_up"));
  EXPECT_TRUE(has(codes, "advice.measure"));
  EXPECT_TRUE(has(codes, "advice.stop_smoking"));
  EXPECT_FALSE(has(codes, "advice.keep_healthy"));
  EXPECT_EQ(codes.back(), "advice.disclaimer");
}

TEST(ScreeningEvaluate, PoliMeasurementsCompleteTheScore) {
  const auto r = evaluate(poli_answers(), kBirth52, Sex::female, kToday, "v1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->bmi);
  EXPECT_DOUBLE_EQ(*r->bmi, 27.7);
  EXPECT_EQ(r->bmi_category, BmiCategory::obese);
  EXPECT_EQ(r->central_obesity, true);
  EXPECT_EQ(r->systolic_mmhg, 142);
  EXPECT_EQ(r->diastolic_mmhg, 88);
  EXPECT_EQ(r->blood_pressure, BpCategory::hypertension);
  EXPECT_EQ(r->fasting_glucose, GlucoseCategory::impaired);
  EXPECT_FALSE(r->post_meal_glucose);
  EXPECT_TRUE(r->findrisc_complete());
  EXPECT_EQ(r->findrisc.items.size(), 8U);
  // 9 + BMI 1 + waist 3 = 13, moderate.
  EXPECT_EQ(r->findrisc.score, 13);
  EXPECT_EQ(r->findrisc_max_score, 13);
  EXPECT_EQ(r->findrisc.band, FindriscBand::moderate);
  for (const auto& d : r->risks) EXPECT_FALSE(d.provisional) << disease_code(d.disease);
  // Impaired fasting glucose + moderate FINDRISC → high.
  EXPECT_EQ(r->risk(Disease::type2_diabetes).level, RiskLevel::high);
  EXPECT_EQ(r->risk(Disease::hypertension).level, RiskLevel::high);
  // Hypertension (measured) → CKD medium.
  EXPECT_EQ(r->risk(Disease::chronic_kidney_disease).level, RiskLevel::medium);
  // Smoking, hypertension, central obesity → 3 factors (a woman of 52 is under the age factor).
  EXPECT_EQ(r->risk(Disease::coronary_heart_disease).level, RiskLevel::high);
  const auto codes = advice_codes(*r);
  EXPECT_TRUE(has(codes, "advice.see_doctor"));
  EXPECT_TRUE(has(codes, "advice.check_glucose"));  // post-meal glucose not yet tested
  EXPECT_TRUE(has(codes, "advice.recheck_bp"));
  EXPECT_FALSE(has(codes, "advice.measure"));
  const auto see = std::find_if(r->advice.begin(), r->advice.end(),
                                [](const Advice& a) { return a.code == "advice.see_doctor"; });
  EXPECT_NE(see->id.find("diabetes melitus tipe 2, hipertensi (darah tinggi) dan penyakit jantung koroner"),
            std::string::npos)
      << see->id;
  EXPECT_NE(see->en.find("type 2 diabetes, hypertension and coronary heart disease"), std::string::npos)
      << see->en;
}

TEST(ScreeningEvaluate, MatchesFindriscForTheSameInputs) {
  const auto r = evaluate(poli_answers(), kBirth52, Sex::female, kToday, "v1");
  ASSERT_TRUE(r.ok());
  FindriscInput in;
  in.age_years = 52;
  in.sex = Sex::female;
  in.bmi = 27.7;
  in.waist_cm = 86;
  in.active_daily = false;
  in.vegetables_daily = true;
  in.family = FamilyDiabetes::first_degree;
  const auto direct = findrisc(in);
  EXPECT_EQ(r->findrisc.score, direct.score);
  EXPECT_EQ(r->findrisc.items, direct.items);
}

TEST(ScreeningEvaluate, BmiExactly25FromWeightAndHeight) {
  Answers a = all_no();
  a.insert_or_assign("height_cm", 170);
  a.insert_or_assign("weight_kg", 72.25);
  a.insert_or_assign("waist_cm", 80);
  const auto r = evaluate(a, Date{1990, 1, 1}, Sex::male, kToday, "v1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_DOUBLE_EQ(*r->bmi, 25.0);
  EXPECT_EQ(r->bmi_category, BmiCategory::normal);
  EXPECT_EQ(r->findrisc.items[1], (std::pair<std::string, int>{"bmi", 1}));
}

TEST(ScreeningEvaluate, AgeComesFromBirthDateOnTheDay) {
  Answers a = all_no();
  const auto before = evaluate(a, Date{1981, 3, 11}, Sex::male, kToday, "v1");  // 44 until tomorrow
  const auto on = evaluate(a, Date{1981, 3, 10}, Sex::male, kToday, "v1");      // 45 today
  ASSERT_TRUE(before.ok() && on.ok());
  EXPECT_EQ(before->age_years, 44);
  EXPECT_EQ(on->age_years, 45);
  EXPECT_EQ(before->findrisc.items[0].second, 0);
  EXPECT_EQ(on->findrisc.items[0].second, 2);
}

TEST(ScreeningEvaluate, HealthyYoungAdultAllLow) {
  Answers a = all_no();
  a.insert_or_assign("physical_activity", "yes");
  a.insert_or_assign("vegetables_fruit", "yes");
  a.insert_or_assign("height_cm", 165);
  a.insert_or_assign("weight_kg", 58);
  a.insert_or_assign("waist_cm", 74);
  a.insert_or_assign("systolic_mmhg", 118);
  a.insert_or_assign("diastolic_mmhg", 76);
  const auto r = evaluate(a, Date{2000, 6, 1}, Sex::male, kToday, "v1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->findrisc.score, 0);
  for (const auto& d : r->risks) {
    EXPECT_EQ(d.level, RiskLevel::low) << disease_code(d.disease);
    EXPECT_TRUE(d.reasons.empty());
    EXPECT_FALSE(d.provisional);
  }
  EXPECT_FALSE(r->follow_up);
  EXPECT_EQ(advice_codes(*r), (std::vector<std::string>{"advice.keep_healthy", "advice.disclaimer"}));
}

TEST(ScreeningEvaluate, ChestPainAndKnownConditionsGetTheirAdvice) {
  Answers a = all_no();
  a.insert_or_assign("chest_pain_exertion", "yes");
  a.insert_or_assign("diagnosed_diabetes", "yes");
  const auto r = evaluate(a, Date{1960, 5, 5}, Sex::male, kToday, "v1");
  ASSERT_TRUE(r.ok());
  const auto codes = advice_codes(*r);
  EXPECT_EQ(codes.front(), "advice.chest_pain");
  EXPECT_TRUE(has(codes, "advice.continue_care"));
  EXPECT_NE(r->advice.front().id.find("119"), std::string::npos);
}

struct BadAnswers {
  std::string name;
  Answers answers;
  std::string code;
  std::string field;
};

TEST(ScreeningAnswers, EachProblemIsReportedOnItsQuestion) {
  auto with = [](std::string id, Answer value) {
    Answers a = all_no();
    a.insert_or_assign(std::move(id), std::move(value));
    return a;
  };
  auto without = [](std::string id) {
    Answers a = all_no();
    a.erase(id);
    return a;
  };
  Answers bp_reversed = all_no();
  bp_reversed.insert_or_assign("systolic_mmhg", 80);
  bp_reversed.insert_or_assign("diastolic_mmhg", 120);
  const std::vector<BadAnswers> cases{
      {"unanswered", without("smoking"), "screening.missing_answer", "smoking"},
      {"unknown question", with("favourite_colour", "blue"), "screening.unknown_question",
       "favourite_colour"},
      {"number for a yes/no", with("swelling", 1), "screening.wrong_type", "swelling"},
      {"text for a number", with("waist_cm", "88"), "screening.wrong_type", "waist_cm"},
      {"option of another question", with("smoking", "yes"), "screening.unknown_option", "smoking"},
      {"Indonesian instead of the id", with("swelling", "ya"), "screening.unknown_option", "swelling"},
      {"waist in metres", with("waist_cm", 0.9), "screening.out_of_range", "waist_cm"},
      {"glucose in mmol/L", with("fasting_glucose_mgdl", 5.6), "screening.out_of_range",
       "fasting_glucose_mgdl"},
      {"waist above its range", with("waist_cm", 250), "screening.out_of_range", "waist_cm"},
      {"height without weight", with("height_cm", 160), "screening.incomplete_pair", "weight_kg"},
      {"diastolic without systolic", with("diastolic_mmhg", 80), "screening.incomplete_pair",
       "systolic_mmhg"},
      {"systolic below diastolic", bp_reversed, "screening.bp_order", "systolic_mmhg"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings f = check_answers(c.answers, "v1");
    ASSERT_EQ(f.size(), 1U) << rules::codes_of(f).size();
    EXPECT_EQ(f[0].code, c.code);
    EXPECT_EQ(f[0].field, c.field);
    EXPECT_FALSE(f[0].id.empty());
    EXPECT_FALSE(f[0].en.empty());
    const auto r = evaluate(c.answers, kBirth52, Sex::female, kToday, "v1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  }
}

TEST(ScreeningAnswers, WholeNumbersForBloodPressure) {
  Answers a = all_no();
  a.insert_or_assign("systolic_mmhg", 120.5);
  a.insert_or_assign("diastolic_mmhg", 80);
  EXPECT_EQ(rules::codes_of(check_answers(a, "v1")), std::vector<std::string>{"screening.not_whole"});
}

TEST(ScreeningAnswers, AllProblemsAreListedAndJoinedInTheError) {
  Answers a;  // nothing answered
  a.insert_or_assign("height_cm", 10);
  const Findings f = check_answers(a, "v1");
  EXPECT_EQ(rules::codes_of(f).size(), 18U + 1U + 1U);  // 18 unanswered, out of range, missing weight
  const auto r = evaluate(a, kBirth52, Sex::female, kToday, "v1");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("'physical_activity' has no answer"), std::string::npos);
  EXPECT_NE(r.error().message.find("'weight_kg' must be given together with 'height_cm'"), std::string::npos);
}

TEST(ScreeningAnswers, MeasurementsAtTheEdgesOfTheirRangeAreAccepted) {
  Answers a = all_no();
  a.insert_or_assign("height_cm", 80);
  a.insert_or_assign("weight_kg", 300);
  a.insert_or_assign("waist_cm", 200);
  a.insert_or_assign("systolic_mmhg", 300);
  a.insert_or_assign("diastolic_mmhg", 200);
  EXPECT_TRUE(check_answers(a, "v1").empty());
}

TEST(ScreeningEvaluate, BirthDateAndAgeLimits) {
  const Answers a = all_no();
  const auto future = evaluate(a, Date{2026, 3, 11}, Sex::male, kToday, "v1");
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code, "screening.bad_birth_date");
  const auto invalid = evaluate(a, Date{2001, 2, 29}, Sex::male, kToday, "v1");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, "screening.bad_birth_date");
  const auto fourteen = evaluate(a, Date{2011, 3, 11}, Sex::male, kToday, "v1");
  ASSERT_FALSE(fourteen.ok());
  EXPECT_EQ(fourteen.error().code, "screening.too_young");
  const auto fifteen = evaluate(a, Date{2011, 3, 10}, Sex::male, kToday, "v1");
  EXPECT_TRUE(fifteen.ok());
}

// Pinned: these answers under v1 give exactly this, now and after any future release. If this test fails,
// a change altered v1's results: put the change in a new version instead.
TEST(ScreeningVersions, V1ResultIsPinned) {
  const auto r = evaluate(poli_answers(), kBirth52, Sex::female, kToday, "v1");
  ASSERT_TRUE(r.ok());
  std::vector<std::string> summary;
  for (const auto& d : r->risks) {
    std::string line = std::string(disease_code(d.disease)) + "=" + risk_level_code(d.level) + ":";
    for (const auto& reason : d.reasons) line += " " + reason.code;
    summary.push_back(line);
  }
  EXPECT_EQ(r->findrisc.score, 13);
  EXPECT_EQ(summary,
            (std::vector<std::string>{
                "type2_diabetes=high: dm.glucose_and_findrisc dm.findrisc_moderate dm.glucose_impaired",
                "hypertension=high: ht.measured_hypertension ht.measured_elevated ht.risk_factors",
                "chronic_kidney_disease=medium: ckd.hypertension",
                "coronary_heart_disease=high: chd.risk_factors_3 chd.risk_factors_2",
            }));
}

}  // namespace
