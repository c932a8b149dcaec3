// FINDRISC: every item at each boundary of DOMAIN.md's table, every band edge, the maximum, and the
// CLI's flag mapping.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "simpul/core/screening/findrisc.hpp"

using namespace simpul;
using namespace simpul::screening;

namespace {

// All items at 0 points: a young, lean, active person with no history.
FindriscInput zero_input(Sex sex = Sex::male) {
  FindriscInput in;
  in.age_years = 30;
  in.sex = sex;
  in.bmi = 22.0;
  in.waist_cm = 70.0;
  in.active_daily = true;
  in.vegetables_daily = true;
  in.bp_drugs_ever = false;
  in.high_glucose_ever = false;
  in.family = FamilyDiabetes::none;
  return in;
}

int points_of(const FindriscResult& r, std::string_view item) {
  for (const auto& [name, points] : r.items) {
    if (name == item) return points;
  }
  ADD_FAILURE() << "no item " << item;
  return -1;
}

TEST(FindriscItems, AgeAtEveryBoundary) {
  const std::vector<std::pair<int, int>> cases{{0, 0},  {35, 0}, {44, 0}, {45, 2}, {54, 2},
                                               {55, 3}, {64, 3}, {65, 4}, {99, 4}};
  for (const auto& [age, points] : cases) {
    SCOPED_TRACE("age " + std::to_string(age));
    EXPECT_EQ(findrisc_age_points(age), points);
    FindriscInput in = zero_input();
    in.age_years = age;
    const auto r = findrisc(in);
    EXPECT_EQ(points_of(r, kItemAge), points);
    EXPECT_EQ(r.score, points);
  }
}

TEST(FindriscItems, BmiAtEveryBoundaryWithTheMiddleRangeClosed) {
  // "25–30" is read as 25 ≤ BMI ≤ 30 → 1 point; only above 30 scores 3.
  const std::vector<std::pair<double, int>> cases{{15.0, 0},  {24.9, 0}, {24.99, 0}, {25.0, 1},
                                                  {25.1, 1},  {27.5, 1}, {29.9, 1},  {30.0, 1},
                                                  {30.01, 3}, {30.1, 3}, {45.0, 3}};
  for (const auto& [bmi, points] : cases) {
    SCOPED_TRACE("BMI " + std::to_string(bmi));
    EXPECT_EQ(findrisc_bmi_points(bmi), points);
    FindriscInput in = zero_input();
    in.bmi = bmi;
    EXPECT_EQ(points_of(findrisc(in), kItemBmi), points);
  }
}

struct WaistCase {
  Sex sex;
  double waist;
  int points;
};

TEST(FindriscItems, WaistPerSexAtEveryBoundary) {
  const std::vector<WaistCase> cases{
      // Men: < 94 → 0, 94–102 → 3, > 102 → 4.
      {Sex::male, 60.0, 0},
      {Sex::male, 93.5, 0},
      {Sex::male, 93.9, 0},
      {Sex::male, 94.0, 3},
      {Sex::male, 98.0, 3},
      {Sex::male, 102.0, 3},
      {Sex::male, 102.1, 4},
      {Sex::male, 102.5, 4},
      {Sex::male, 130.0, 4},
      // Women: < 80 → 0, 80–88 → 3, > 88 → 4.
      {Sex::female, 60.0, 0},
      {Sex::female, 79.5, 0},
      {Sex::female, 79.9, 0},
      {Sex::female, 80.0, 3},
      {Sex::female, 84.0, 3},
      {Sex::female, 88.0, 3},
      {Sex::female, 88.1, 4},
      {Sex::female, 88.5, 4},
      // The same waist scores differently by sex.
      {Sex::male, 85.0, 0},
      {Sex::female, 85.0, 3},
      {Sex::male, 90.0, 0},
      {Sex::female, 90.0, 4},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(sex_code(c.sex)) + " waist " + std::to_string(c.waist));
    EXPECT_EQ(findrisc_waist_points(c.sex, c.waist), c.points);
    FindriscInput in = zero_input(c.sex);
    in.waist_cm = c.waist;
    EXPECT_EQ(points_of(findrisc(in), kItemWaist), c.points);
  }
}

TEST(FindriscItems, YesNoItemsAndFamily) {
  EXPECT_EQ(findrisc_activity_points(true), 0);
  EXPECT_EQ(findrisc_activity_points(false), 2);
  EXPECT_EQ(findrisc_vegetable_points(true), 0);
  EXPECT_EQ(findrisc_vegetable_points(false), 1);
  EXPECT_EQ(findrisc_bp_drug_points(false), 0);
  EXPECT_EQ(findrisc_bp_drug_points(true), 2);
  EXPECT_EQ(findrisc_high_glucose_points(false), 0);
  EXPECT_EQ(findrisc_high_glucose_points(true), 5);
  EXPECT_EQ(findrisc_family_points(FamilyDiabetes::none), 0);
  EXPECT_EQ(findrisc_family_points(FamilyDiabetes::second_degree), 3);
  EXPECT_EQ(findrisc_family_points(FamilyDiabetes::first_degree), 5);

  FindriscInput in = zero_input();
  in.active_daily = false;
  EXPECT_EQ(points_of(findrisc(in), kItemActivity), 2);
  in = zero_input();
  in.vegetables_daily = false;
  EXPECT_EQ(points_of(findrisc(in), kItemVegetables), 1);
  in = zero_input();
  in.bp_drugs_ever = true;
  EXPECT_EQ(points_of(findrisc(in), kItemBpDrugs), 2);
  in = zero_input();
  in.high_glucose_ever = true;
  EXPECT_EQ(points_of(findrisc(in), kItemHighGlucose), 5);
  in = zero_input();
  in.family = FamilyDiabetes::second_degree;
  EXPECT_EQ(points_of(findrisc(in), kItemFamily), 3);
  in.family = FamilyDiabetes::first_degree;
  EXPECT_EQ(points_of(findrisc(in), kItemFamily), 5);
}

TEST(FindriscScore, ListsEveryItemInQuestionnaireOrder) {
  const auto r = findrisc(zero_input());
  std::vector<std::string> names;
  for (const auto& item : r.items) names.push_back(item.first);
  EXPECT_EQ(names, (std::vector<std::string>{"age", "bmi", "waist", "activity", "vegetables", "bp_drugs",
                                             "high_glucose", "family"}));
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.band, FindriscBand::low);
}

TEST(FindriscScore, MaximumIs26ForBothSexes) {
  for (const Sex sex : {Sex::male, Sex::female}) {
    FindriscInput in;
    in.age_years = 70;
    in.sex = sex;
    in.bmi = 35.0;
    in.waist_cm = 120.0;
    in.active_daily = false;
    in.vegetables_daily = false;
    in.bp_drugs_ever = true;
    in.high_glucose_ever = true;
    in.family = FamilyDiabetes::first_degree;
    const auto r = findrisc(in);
    EXPECT_EQ(r.score, kFindriscMaxScore);
    EXPECT_EQ(r.score, 26);
    EXPECT_EQ(r.band, FindriscBand::very_high);
    int sum = 0;
    for (const auto& item : r.items) sum += item.second;
    EXPECT_EQ(sum, r.score);
  }
}

TEST(FindriscBands, EveryEdge) {
  const std::vector<std::pair<int, FindriscBand>> cases{
      {0, FindriscBand::low},
      {6, FindriscBand::low},
      {7, FindriscBand::slightly_elevated},
      {11, FindriscBand::slightly_elevated},
      {12, FindriscBand::moderate},
      {14, FindriscBand::moderate},
      {15, FindriscBand::high},
      {20, FindriscBand::high},
      {21, FindriscBand::very_high},
      {26, FindriscBand::very_high},
  };
  for (const auto& [score, band] : cases) {
    SCOPED_TRACE("score " + std::to_string(score));
    EXPECT_EQ(findrisc_band(score), band);
  }
}

// Whole inputs whose scores land on each side of each band edge.
TEST(FindriscBands, EdgesReachedThroughRealInputs) {
  struct Case {
    std::string name;
    FindriscInput input;
    int score;
    FindriscBand band;
  };
  auto with = [](auto change) {
    FindriscInput in = zero_input();
    change(in);
    return in;
  };
  // clang-format off
  const std::vector<Case> cases{
      {"6: 45 y, inactive, BP drugs", with([](FindriscInput& i) { i.age_years = 45; i.active_daily = false; i.bp_drugs_ever = true; }), 6, FindriscBand::low},
      {"7: + no vegetables", with([](FindriscInput& i) { i.age_years = 45; i.active_daily = false; i.bp_drugs_ever = true; i.vegetables_daily = false; }), 7, FindriscBand::slightly_elevated},
      {"11: 55 y, BMI 30, high glucose, inactive", with([](FindriscInput& i) { i.age_years = 55; i.bmi = 30.0; i.high_glucose_ever = true; i.active_daily = false; }), 11, FindriscBand::slightly_elevated},
      {"12: + no vegetables", with([](FindriscInput& i) { i.age_years = 55; i.bmi = 30.0; i.high_glucose_ever = true; i.active_daily = false; i.vegetables_daily = false; }), 12, FindriscBand::moderate},
      {"14: 54 y, BMI 25, waist 94, first-degree family, no veg, inactive", with([](FindriscInput& i) { i.age_years = 54; i.waist_cm = 94.0; i.family = FamilyDiabetes::first_degree; i.vegetables_daily = false; i.bmi = 25.0; i.active_daily = false; }), 14, FindriscBand::moderate},
      {"15: woman 65, waist 80, second-degree family, BMI 25, BP drugs", with([](FindriscInput& i) { i.sex = Sex::female; i.age_years = 65; i.waist_cm = 80.0; i.family = FamilyDiabetes::second_degree; i.bmi = 25.0; i.bp_drugs_ever = true; i.active_daily = false; }), 15, FindriscBand::high},
      {"20: 64 y, BMI 31, waist 103, high glucose, no veg, inactive, BP drugs", with([](FindriscInput& i) { i.age_years = 64; i.bmi = 31.0; i.waist_cm = 103.0; i.high_glucose_ever = true; i.vegetables_daily = false; i.active_daily = false; i.bp_drugs_ever = true; }), 20, FindriscBand::high},
      {"21: 65 y instead of 64", with([](FindriscInput& i) { i.age_years = 65; i.bmi = 31.0; i.waist_cm = 103.0; i.high_glucose_ever = true; i.vegetables_daily = false; i.active_daily = false; i.bp_drugs_ever = true; }), 21, FindriscBand::very_high},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = findrisc(c.input);
    EXPECT_EQ(r.score, c.score);
    EXPECT_EQ(r.band, c.band);
  }
}

TEST(FindriscBands, CodesAreStableAndRoundTrip) {
  const std::vector<std::pair<FindriscBand, std::string>> codes{
      {FindriscBand::low, "low"},
      {FindriscBand::slightly_elevated, "slightly_elevated"},
      {FindriscBand::moderate, "moderate"},
      {FindriscBand::high, "high"},
      {FindriscBand::very_high, "very_high"}};
  for (const auto& [band, code] : codes) {
    EXPECT_EQ(band_code(band), code);
    EXPECT_EQ(parse_band(code), band);
  }
  EXPECT_EQ(parse_band("slightly elevated"), std::nullopt);
  EXPECT_EQ(parse_band("HIGH"), std::nullopt);
  EXPECT_EQ(parse_band(""), std::nullopt);
  EXPECT_EQ(band_risk_text(FindriscBand::moderate, "en"), "1 in 6");
  EXPECT_EQ(band_risk_text(FindriscBand::very_high, "id"), "1 dari 2");
}

FindriscFlags issue_example() {
  return {{"age", "52"},      {"sex", "P"},           {"bmi", "27.5"},
          {"waist", "86"},    {"active", "no"},       {"vegetables", "yes"},
          {"bp-drugs", "no"}, {"high-glucose", "no"}, {"family", "second"}};
}

TEST(FindriscCli, FlagsMapToTheInputInOneCall) {
  const auto in = parse_findrisc_input(issue_example());
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_EQ(in->age_years, 52);
  EXPECT_EQ(in->sex, Sex::female);
  EXPECT_DOUBLE_EQ(in->bmi, 27.5);
  EXPECT_DOUBLE_EQ(in->waist_cm, 86.0);
  EXPECT_FALSE(in->active_daily);
  EXPECT_TRUE(in->vegetables_daily);
  EXPECT_FALSE(in->bp_drugs_ever);
  EXPECT_FALSE(in->high_glucose_ever);
  EXPECT_EQ(in->family, FamilyDiabetes::second_degree);
  const auto r = findrisc(*in);
  // age 2 + BMI 1 + waist (woman, 80–88) 3 + inactive 2 + family second-degree 3 = 11.
  EXPECT_EQ(r.score, 11);
  EXPECT_STREQ(band_code(r.band), "slightly_elevated");
}

TEST(FindriscCli, AcceptsADecimalCommaAndEveryFlagName) {
  auto flags = issue_example();
  flags["bmi"] = "30,1";
  const auto in = parse_findrisc_input(flags);
  ASSERT_TRUE(in.ok());
  EXPECT_DOUBLE_EQ(in->bmi, 30.1);
  for (const auto name : kFindriscFlagNames) EXPECT_TRUE(issue_example().count(name) == 1) << name;
}

TEST(FindriscCli, MissingOrMalformedFlagsNameTheFlag) {
  const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> bad{
      {{"age", "52.5"}, "findrisc.bad_age"},         {{"age", "-1"}, "findrisc.bad_age"},
      {{"age", "131"}, "findrisc.bad_age"},          {{"sex", "X"}, "findrisc.bad_sex"},
      {{"sex", "female"}, "findrisc.bad_sex"},       {{"bmi", "abc"}, "findrisc.bad_bmi"},
      {{"bmi", "1e2"}, "findrisc.bad_bmi"},          {{"bmi", "9.9"}, "findrisc.bad_bmi"},
      {{"bmi", "27.5kg"}, "findrisc.bad_bmi"},       {{"waist", "nan"}, "findrisc.bad_waist"},
      {{"active", "ya"}, "findrisc.bad_active"},     {{"vegetables", "Yes"}, "findrisc.bad_vegetables"},
      {{"bp-drugs", "1"}, "findrisc.bad_bp_drugs"},  {{"high-glucose", ""}, "findrisc.bad_high_glucose"},
      {{"family", "parent"}, "findrisc.bad_family"},
  };
  for (const auto& [flag, code] : bad) {
    SCOPED_TRACE(flag.first + "=" + flag.second);
    auto flags = issue_example();
    flags[flag.first] = flag.second;
    const auto in = parse_findrisc_input(flags);
    ASSERT_FALSE(in.ok());
    EXPECT_EQ(in.error().code, code);
    EXPECT_EQ(in.error().kind, ErrorKind::invalid);
    EXPECT_NE(in.error().message.find("--" + flag.first), std::string::npos) << in.error().message;
  }
  for (const auto name : kFindriscFlagNames) {
    SCOPED_TRACE(std::string(name));
    auto flags = issue_example();
    flags.erase(flags.find(name));
    const auto in = parse_findrisc_input(flags);
    ASSERT_FALSE(in.ok());
    std::string code = "findrisc.missing_" + std::string(name);
    for (char& c : code) {
      if (c == '-') c = '_';
    }
    EXPECT_EQ(in.error().code, code);
  }
}

TEST(FindriscCli, FamilyCodesRoundTrip) {
  for (const auto f : {FamilyDiabetes::none, FamilyDiabetes::second_degree, FamilyDiabetes::first_degree}) {
    EXPECT_EQ(parse_family_diabetes(family_diabetes_code(f)), f);
  }
  EXPECT_STREQ(family_diabetes_code(FamilyDiabetes::first_degree), "first");
  EXPECT_EQ(parse_family_diabetes("first_degree"), std::nullopt);
}

}  // namespace
