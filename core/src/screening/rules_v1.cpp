// The v1 per-disease rule table. Frozen with questionnaire v1: a change here changes the results of
// screenings already given, so a changed rule goes into a new version instead (see questionnaire.hpp).
// Sources and reasoning per rule: docs/SCREENING.md.
#include "simpul/core/screening/risk.hpp"

namespace simpul::screening {
namespace {

constexpr int kBandModerate = static_cast<int>(FindriscBand::moderate);
constexpr int kBandHigh = static_cast<int>(FindriscBand::high);
constexpr int kGlucoseImpaired = static_cast<int>(GlucoseCategory::impaired);
constexpr int kGlucoseDiabetes = static_cast<int>(GlucoseCategory::diabetes_range);
constexpr int kBpElevated = static_cast<int>(BpCategory::elevated);
constexpr int kBpHypertension = static_cast<int>(BpCategory::hypertension);
constexpr int kCurrentSmoker = static_cast<int>(Smoking::current);
constexpr int kAll = 0;

constexpr Disease kDm = Disease::type2_diabetes;
constexpr Disease kHt = Disease::hypertension;
constexpr Disease kCkd = Disease::chronic_kidney_disease;
constexpr Disease kChd = Disease::coronary_heart_disease;
constexpr RiskLevel kHigh = RiskLevel::high;
constexpr RiskLevel kMedium = RiskLevel::medium;

}  // namespace

const std::vector<RiskRule>& risk_rules_v1() {
  // Coronary risk factors, counted together (NCEP ATP III counts risk factors the same way).
  static const std::vector<Condition> chd_factors{
      {Fact::chd_age_sex, 1},        {Fact::smoking, kCurrentSmoker},
      {Fact::diabetes_condition, 1}, {Fact::hypertension_condition, 1},
      {Fact::central_obesity, 1},    {Fact::family_premature_heart, 1}};
  // Kidney risk factors, counted together (KDIGO's groups at risk plus local long-term exposures).
  static const std::vector<Condition> ckd_factors{
      {Fact::diabetes_condition, 1}, {Fact::hypertension_condition, 1}, {Fact::age_years, 60},
      {Fact::family_kidney, 1},      {Fact::painkillers_long_term, 1},  {Fact::herbal_long_term, 1},
      {Fact::kidney_symptom, 1}};
  // clang-format off
  static const std::vector<RiskRule> rules{
      // ---- Type 2 diabetes: FINDRISC band, upgraded by a measured glucose ----
      {"dm.diagnosed", kDm, kHigh, kAll, {{Fact::diagnosed_diabetes, 1}},
       "Pernah didiagnosis diabetes (kencing manis) oleh dokter atau perawat.",
       "Previously diagnosed with diabetes by a doctor or nurse."},
      {"dm.findrisc_high", kDm, kHigh, kAll, {{Fact::findrisc_band, kBandHigh}},
       "Skor FINDRISC 15 atau lebih: risiko tinggi terkena diabetes dalam 10 tahun.",
       "FINDRISC score of 15 or more: high risk of diabetes within 10 years."},
      {"dm.glucose_diabetes_range", kDm, kHigh, kAll, {{Fact::glucose, kGlucoseDiabetes}},
       "Gula darah dalam rentang diabetes (puasa 126 mg/dL atau lebih, atau 2 jam setelah makan 200 mg/dL "
       "atau lebih).",
       "Blood glucose in the diabetes range (fasting 126 mg/dL or more, or 2 hours after a meal 200 mg/dL "
       "or more)."},
      {"dm.glucose_and_findrisc", kDm, kHigh, kAll,
       {{Fact::glucose, kGlucoseImpaired}, {Fact::findrisc_band, kBandModerate}},
       "Gula darah di atas normal dan skor FINDRISC 12 atau lebih.",
       "Blood glucose above normal and a FINDRISC score of 12 or more."},
      {"dm.findrisc_moderate", kDm, kMedium, kAll, {{Fact::findrisc_band, kBandModerate}},
       "Skor FINDRISC 12 atau lebih: risiko sedang terkena diabetes dalam 10 tahun.",
       "FINDRISC score of 12 or more: moderate risk of diabetes within 10 years."},
      {"dm.glucose_impaired", kDm, kMedium, kAll, {{Fact::glucose, kGlucoseImpaired}},
       "Gula darah di atas normal (puasa 100 mg/dL atau lebih, atau 2 jam setelah makan 140 mg/dL atau "
       "lebih).",
       "Blood glucose above normal (fasting 100 mg/dL or more, or 2 hours after a meal 140 mg/dL or more)."},

      // ---- Hypertension: measured blood pressure, treatment history, family and weight ----
      {"ht.diagnosed", kHt, kHigh, kAll, {{Fact::diagnosed_hypertension, 1}},
       "Pernah didiagnosis darah tinggi oleh dokter atau perawat.",
       "Previously diagnosed with high blood pressure by a doctor or nurse."},
      {"ht.bp_medicine", kHt, kHigh, kAll, {{Fact::bp_drugs, 1}},
       "Pernah minum obat darah tinggi secara rutin.",
       "Has taken blood-pressure medicine regularly."},
      {"ht.measured_hypertension", kHt, kHigh, kAll, {{Fact::blood_pressure, kBpHypertension}},
       "Tekanan darah yang diukur 140/90 mmHg atau lebih.",
       "Measured blood pressure of 140/90 mmHg or more."},
      {"ht.measured_elevated", kHt, kMedium, kAll, {{Fact::blood_pressure, kBpElevated}},
       "Tekanan darah yang diukur 130/85 mmHg atau lebih (normal-tinggi).",
       "Measured blood pressure of 130/85 mmHg or more (high-normal)."},
      {"ht.risk_factors", kHt, kMedium, 2,
       {{Fact::family_hypertension, 1}, {Fact::excess_weight, 1}, {Fact::age_years, 45}},
       "Dua atau lebih faktor risiko: orang tua atau saudara kandung dengan darah tinggi, berat badan atau "
       "lingkar perut berlebih, usia 45 tahun atau lebih.",
       "Two or more risk factors: a parent or sibling with high blood pressure, excess weight or waist, "
       "age 45 or over."},

      // ---- Chronic kidney disease: diabetes/hypertension, age, family, long-term remedies, symptoms ----
      {"ckd.diagnosed", kCkd, kHigh, kAll, {{Fact::diagnosed_kidney, 1}},
       "Pernah didiagnosis penyakit ginjal oleh dokter.",
       "Previously diagnosed with kidney disease by a doctor."},
      {"ckd.symptom_with_diabetes", kCkd, kHigh, kAll,
       {{Fact::kidney_symptom, 1}, {Fact::diabetes_condition, 1}},
       "Ada bengkak atau urine berbusa, dan ada diabetes.",
       "Swelling or foamy urine together with diabetes."},
      {"ckd.symptom_with_hypertension", kCkd, kHigh, kAll,
       {{Fact::kidney_symptom, 1}, {Fact::hypertension_condition, 1}},
       "Ada bengkak atau urine berbusa, dan ada darah tinggi.",
       "Swelling or foamy urine together with high blood pressure."},
      {"ckd.many_factors", kCkd, kHigh, 3, ckd_factors,
       "Tiga atau lebih faktor risiko penyakit ginjal (diabetes, darah tinggi, usia 60 tahun atau lebih, "
       "keluarga dengan penyakit ginjal, obat anti nyeri atau jamu jangka panjang, bengkak atau urine "
       "berbusa).",
       "Three or more risk factors for kidney disease (diabetes, high blood pressure, age 60 or over, "
       "kidney disease in the family, long-term painkillers or herbal remedies, swelling or foamy urine)."},
      {"ckd.diabetes", kCkd, kMedium, kAll, {{Fact::diabetes_condition, 1}},
       "Diabetes dapat merusak ginjal.",
       "Diabetes can damage the kidneys."},
      {"ckd.hypertension", kCkd, kMedium, kAll, {{Fact::hypertension_condition, 1}},
       "Darah tinggi dapat merusak ginjal.",
       "High blood pressure can damage the kidneys."},
      {"ckd.age", kCkd, kMedium, kAll, {{Fact::age_years, 60}},
       "Usia 60 tahun atau lebih.",
       "Aged 60 or over."},
      {"ckd.family", kCkd, kMedium, kAll, {{Fact::family_kidney, 1}},
       "Orang tua atau saudara kandung dengan penyakit ginjal atau cuci darah.",
       "A parent or sibling with kidney disease or on dialysis."},
      {"ckd.painkillers", kCkd, kMedium, kAll, {{Fact::painkillers_long_term, 1}},
       "Minum obat anti nyeri hampir setiap hari selama berbulan-bulan.",
       "Takes painkillers most days for months."},
      {"ckd.herbal", kCkd, kMedium, kAll, {{Fact::herbal_long_term, 1}},
       "Minum jamu atau obat herbal hampir setiap hari selama berbulan-bulan.",
       "Takes jamu or herbal remedies most days for months."},
      {"ckd.symptom", kCkd, kMedium, kAll, {{Fact::kidney_symptom, 1}},
       "Ada bengkak di kaki atau kelopak mata, atau urine berbusa.",
       "Swollen legs or eyelids, or foamy urine."},

      // ---- Coronary heart disease: symptoms, history, counted risk factors ----
      {"chd.diagnosed", kChd, kHigh, kAll, {{Fact::diagnosed_heart, 1}},
       "Pernah didiagnosis penyakit jantung oleh dokter.",
       "Previously diagnosed with heart disease by a doctor."},
      {"chd.chest_pain", kChd, kHigh, kAll, {{Fact::chest_pain_exertion, 1}},
       "Nyeri atau rasa tertekan di dada saat beraktivitas yang hilang saat istirahat.",
       "Chest pain or pressure on exertion that eases with rest."},
      {"chd.risk_factors_3", kChd, kHigh, 3, chd_factors,
       "Tiga atau lebih faktor risiko penyakit jantung koroner (laki-laki 45 tahun ke atas atau perempuan "
       "55 tahun ke atas, merokok, diabetes, darah tinggi, lingkar perut berlebih, keluarga dengan serangan "
       "jantung di usia muda).",
       "Three or more risk factors for coronary heart disease (a man aged 45+ or a woman aged 55+, "
       "smoking, diabetes, high blood pressure, excess waist, early heart attack in the family)."},
      {"chd.risk_factors_2", kChd, kMedium, 2, chd_factors,
       "Dua atau lebih faktor risiko penyakit jantung koroner (laki-laki 45 tahun ke atas atau perempuan "
       "55 tahun ke atas, merokok, diabetes, darah tinggi, lingkar perut berlebih, keluarga dengan serangan "
       "jantung di usia muda).",
       "Two or more risk factors for coronary heart disease (a man aged 45+ or a woman aged 55+, smoking, "
       "diabetes, high blood pressure, excess waist, early heart attack in the family)."},
      {"chd.diabetes", kChd, kMedium, kAll, {{Fact::diabetes_condition, 1}},
       "Diabetes meningkatkan risiko penyakit jantung koroner.",
       "Diabetes raises the risk of coronary heart disease."},
  };
  // clang-format on
  return rules;
}

}  // namespace simpul::screening
