#include "simpul/core/screening/cutoffs.hpp"

#include <cmath>

namespace simpul::screening {

double bmi(double weight_kg, double height_cm) {
  const double metres = height_cm / 100.0;
  return std::round(weight_kg / (metres * metres) * 10.0) / 10.0;
}

const char* bmi_category_code(BmiCategory c) {
  switch (c) {
    case BmiCategory::underweight:
      return "underweight";
    case BmiCategory::normal:
      return "normal";
    case BmiCategory::overweight:
      return "overweight";
    case BmiCategory::obese:
      return "obese";
  }
  return "";
}

BmiCategory bmi_category(double value) {
  if (value < 18.5) return BmiCategory::underweight;
  if (value <= 25.0) return BmiCategory::normal;
  if (value <= 27.0) return BmiCategory::overweight;
  return BmiCategory::obese;
}

bool central_obesity(Sex sex, double waist_cm) {
  return waist_cm > (sex == Sex::male ? kCentralObesityWaistMenCm : kCentralObesityWaistWomenCm);
}

const char* bp_category_code(BpCategory c) {
  switch (c) {
    case BpCategory::normal:
      return "normal";
    case BpCategory::elevated:
      return "elevated";
    case BpCategory::hypertension:
      return "hypertension";
  }
  return "";
}

BpCategory bp_category(int systolic_mmhg, int diastolic_mmhg) {
  if (systolic_mmhg >= 140 || diastolic_mmhg >= 90) return BpCategory::hypertension;
  if (systolic_mmhg >= 130 || diastolic_mmhg >= 85) return BpCategory::elevated;
  return BpCategory::normal;
}

const char* glucose_category_code(GlucoseCategory c) {
  switch (c) {
    case GlucoseCategory::normal:
      return "normal";
    case GlucoseCategory::impaired:
      return "impaired";
    case GlucoseCategory::diabetes_range:
      return "diabetes_range";
  }
  return "";
}

GlucoseCategory fasting_glucose_category(double mg_dl) {
  if (mg_dl >= 126.0) return GlucoseCategory::diabetes_range;
  if (mg_dl >= 100.0) return GlucoseCategory::impaired;
  return GlucoseCategory::normal;
}

GlucoseCategory post_meal_glucose_category(double mg_dl) {
  if (mg_dl >= 200.0) return GlucoseCategory::diabetes_range;
  if (mg_dl >= 140.0) return GlucoseCategory::impaired;
  return GlucoseCategory::normal;
}

}  // namespace simpul::screening
