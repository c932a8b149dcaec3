#pragma once
// Indonesian cut-offs for the measurements a poli adds to a screening. Each function is one published
// threshold table; boundaries are spelled out because a value on the line decides a referral.
#include <optional>
#include <string_view>

#include "simpul/core/model.hpp"

namespace simpul::screening {

// ---- Body-mass index -------------------------------------------------------------------------------
// BMI in kg/m² from weight and height, rounded to one decimal (the precision of the Kemenkes table
// below). Both FINDRISC and the Indonesian category use this rounded value, so a participant who is
// shown "25,0" is scored as 25.0. Precondition: height_cm > 0.
double bmi(double weight_kg, double height_cm);

// Kemenkes (P2PTM, "Klasifikasi IMT" for Indonesian adults; Pedoman Gizi Seimbang 2014):
//   underweight < 18.5 ≤ normal ≤ 25.0 < overweight ≤ 27.0 < obese
// The table prints "18,5–25,0 normal, > 25,0–27,0 gemuk ringan, > 27,0 gemuk berat"; it also splits
// underweight at 17.0, which screening does not need.
enum class BmiCategory { underweight, normal, overweight, obese };
const char* bmi_category_code(BmiCategory c);  // "underweight", "normal", "overweight", "obese"
BmiCategory bmi_category(double bmi);
inline bool above_normal(BmiCategory c) {
  return c == BmiCategory::overweight || c == BmiCategory::obese;
}

// ---- Central obesity ---------------------------------------------------------------------------------
// Kemenkes / Riskesdas definition (the Asian cut-off of the IDF): waist > 90 cm in men, > 80 cm in women.
// Exactly 90 (men) or 80 (women) is not central obesity. Note FINDRISC's own waist table differs
// (women's 80 cm already scores 3 points): each table is applied as published.
inline constexpr double kCentralObesityWaistMenCm = 90.0;
inline constexpr double kCentralObesityWaistWomenCm = 80.0;
bool central_obesity(Sex sex, double waist_cm);

// ---- Blood pressure ----------------------------------------------------------------------------------
// PERHI 2019 consensus (Perhimpunan Dokter Hipertensi Indonesia) as DOMAIN.md summarises it:
//   hypertension: systolic ≥ 140 or diastolic ≥ 90
//   elevated ("normal-tinggi"): systolic ≥ 130 or diastolic ≥ 85 (and not hypertension)
//   normal: otherwise
// One reading at a screening is not a diagnosis of hypertension: the advice asks for a re-check.
enum class BpCategory { normal, elevated, hypertension };
const char* bp_category_code(BpCategory c);  // "normal", "elevated", "hypertension"
BpCategory bp_category(int systolic_mmhg, int diastolic_mmhg);

// ---- Blood glucose (optional at screening) -----------------------------------------------------------
// PERKENI 2021 (Pedoman Pengelolaan dan Pencegahan Diabetes Melitus Tipe 2 di Indonesia), plasma
// glucose in mg/dL:
//   fasting (GDP):        < 100 normal, 100–125 impaired (GDPT), ≥ 126 diabetes range
//   2 h after a meal or a 75 g glucose load (TTGO/GD2PP):
//                         < 140 normal, 140–199 impaired (TGT), ≥ 200 diabetes range
// "Diabetes range" is a screening finding; the diagnosis needs a repeat test by the doctor.
enum class GlucoseCategory { normal, impaired, diabetes_range };
const char* glucose_category_code(GlucoseCategory c);  // "normal", "impaired", "diabetes_range"
GlucoseCategory fasting_glucose_category(double mg_dl);
GlucoseCategory post_meal_glucose_category(double mg_dl);

}  // namespace simpul::screening
