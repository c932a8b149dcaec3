// Indonesian cut-offs at their edges: BMI (Kemenkes), central obesity, blood pressure (PERHI), glucose
// (PERKENI).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "simpul/core/screening/cutoffs.hpp"

using namespace simpul;
using namespace simpul::screening;

namespace {

TEST(ScreeningCutoffs, BmiIsRoundedToOneDecimal) {
  EXPECT_DOUBLE_EQ(bmi(72.25, 170), 25.0);  // exactly 25.0
  EXPECT_DOUBLE_EQ(bmi(70, 175), 22.9);     // 22.857…
  EXPECT_DOUBLE_EQ(bmi(86.7, 170), 30.0);   // 86.7 / 1.7² = 30 up to floating-point noise
  EXPECT_DOUBLE_EQ(bmi(87, 170), 30.1);     // 30.103…
  EXPECT_DOUBLE_EQ(bmi(45, 160), 17.6);     // 17.578…
}

TEST(ScreeningCutoffs, BmiCategoriesAtTheKemenkesEdges) {
  const std::vector<std::pair<double, BmiCategory>> cases{
      {16.0, BmiCategory::underweight}, {18.4, BmiCategory::underweight}, {18.5, BmiCategory::normal},
      {22.0, BmiCategory::normal},      {25.0, BmiCategory::normal},      {25.1, BmiCategory::overweight},
      {27.0, BmiCategory::overweight},  {27.1, BmiCategory::obese},       {35.0, BmiCategory::obese},
  };
  for (const auto& [value, category] : cases) {
    SCOPED_TRACE("BMI " + std::to_string(value));
    EXPECT_EQ(bmi_category(value), category);
  }
  EXPECT_FALSE(above_normal(BmiCategory::underweight));
  EXPECT_FALSE(above_normal(BmiCategory::normal));
  EXPECT_TRUE(above_normal(BmiCategory::overweight));
  EXPECT_TRUE(above_normal(BmiCategory::obese));
  EXPECT_STREQ(bmi_category_code(BmiCategory::overweight), "overweight");
}

TEST(ScreeningCutoffs, CentralObesityAbove90MenAnd80Women) {
  EXPECT_FALSE(central_obesity(Sex::male, 89.5));
  EXPECT_FALSE(central_obesity(Sex::male, 90.0));
  EXPECT_TRUE(central_obesity(Sex::male, 90.5));
  EXPECT_FALSE(central_obesity(Sex::female, 79.5));
  EXPECT_FALSE(central_obesity(Sex::female, 80.0));
  EXPECT_TRUE(central_obesity(Sex::female, 80.5));
  EXPECT_FALSE(central_obesity(Sex::male, 85.0));
  EXPECT_TRUE(central_obesity(Sex::female, 85.0));
}

TEST(ScreeningCutoffs, BloodPressureEitherNumberDecides) {
  struct Case {
    int systolic;
    int diastolic;
    BpCategory category;
  };
  const std::vector<Case> cases{
      {110, 70, BpCategory::normal},       {129, 84, BpCategory::normal},
      {130, 70, BpCategory::elevated},     {120, 85, BpCategory::elevated},
      {139, 89, BpCategory::elevated},     {140, 70, BpCategory::hypertension},
      {120, 90, BpCategory::hypertension}, {139, 90, BpCategory::hypertension},
      {140, 89, BpCategory::hypertension}, {185, 115, BpCategory::hypertension},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.systolic) + "/" + std::to_string(c.diastolic));
    EXPECT_EQ(bp_category(c.systolic, c.diastolic), c.category);
  }
  EXPECT_STREQ(bp_category_code(BpCategory::elevated), "elevated");
}

TEST(ScreeningCutoffs, FastingGlucoseEdges) {
  const std::vector<std::pair<double, GlucoseCategory>> cases{
      {70, GlucoseCategory::normal},          {99, GlucoseCategory::normal},
      {99.9, GlucoseCategory::normal},        {100, GlucoseCategory::impaired},
      {125, GlucoseCategory::impaired},       {125.9, GlucoseCategory::impaired},
      {126, GlucoseCategory::diabetes_range}, {250, GlucoseCategory::diabetes_range},
  };
  for (const auto& [value, category] : cases) {
    SCOPED_TRACE("fasting " + std::to_string(value));
    EXPECT_EQ(fasting_glucose_category(value), category);
  }
}

TEST(ScreeningCutoffs, PostMealGlucoseEdges) {
  const std::vector<std::pair<double, GlucoseCategory>> cases{
      {100, GlucoseCategory::normal},         {139, GlucoseCategory::normal},
      {140, GlucoseCategory::impaired},       {199, GlucoseCategory::impaired},
      {200, GlucoseCategory::diabetes_range}, {320, GlucoseCategory::diabetes_range},
  };
  for (const auto& [value, category] : cases) {
    SCOPED_TRACE("2-hour " + std::to_string(value));
    EXPECT_EQ(post_meal_glucose_category(value), category);
  }
  EXPECT_STREQ(glucose_category_code(GlucoseCategory::diabetes_range), "diabetes_range");
}

}  // namespace
