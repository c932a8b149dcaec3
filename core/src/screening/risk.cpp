#include "simpul/core/screening/risk.hpp"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace simpul::screening {
namespace {

FactRange known(int value) {
  return {value, value};
}

FactRange flag(bool value) {
  return known(value ? 1 : 0);
}

template <class E>
FactRange measured(const std::optional<E>& value, E highest) {
  if (value) return known(static_cast<int>(*value));
  return {0, static_cast<int>(highest)};
}

// "The fact is at least `threshold`" as a 0/1 range.
FactRange at_least(FactRange r, int threshold) {
  return {r.lo >= threshold ? 1 : 0, r.hi >= threshold ? 1 : 0};
}

// Logical or of 0/1 ranges.
FactRange any_of(std::initializer_list<FactRange> parts) {
  FactRange out;
  for (const auto& p : parts) {
    out.lo = std::max(out.lo, p.lo);
    out.hi = std::max(out.hi, p.hi);
  }
  return out;
}

FactRange glucose(const RiskFacts& f) {
  const auto fasting = static_cast<int>(f.fasting_glucose.value_or(GlucoseCategory::normal));
  const auto post_meal = static_cast<int>(f.post_meal_glucose.value_or(GlucoseCategory::normal));
  return known(std::max(fasting, post_meal));
}

FactRange blood_pressure(const RiskFacts& f) {
  return measured(f.blood_pressure, BpCategory::hypertension);
}

struct Matches {
  int certain = 0;   // conditions that hold
  int possible = 0;  // conditions that hold or could once the missing measurements are known
};

Matches match(const RiskFacts& facts, const RiskRule& rule) {
  Matches m;
  for (const auto& c : rule.conditions) {
    const FactRange r = fact_range(facts, c.fact);
    if (r.lo >= c.at_least) ++m.certain;
    if (r.hi >= c.at_least) ++m.possible;
  }
  return m;
}

}  // namespace

const char* risk_level_code(RiskLevel level) {
  switch (level) {
    case RiskLevel::low:
      return "low";
    case RiskLevel::medium:
      return "medium";
    case RiskLevel::high:
      return "high";
  }
  return "";
}

std::optional<RiskLevel> parse_risk_level(std::string_view code) {
  for (const RiskLevel l : {RiskLevel::low, RiskLevel::medium, RiskLevel::high}) {
    if (code == risk_level_code(l)) return l;
  }
  return std::nullopt;
}

const char* risk_level_text(RiskLevel level, const std::string& lang) {
  const bool en = lang == "en";
  switch (level) {
    case RiskLevel::low:
      return en ? "low" : "rendah";
    case RiskLevel::medium:
      return en ? "medium" : "sedang";
    case RiskLevel::high:
      return en ? "high" : "tinggi";
  }
  return "";
}

const char* disease_code(Disease d) {
  switch (d) {
    case Disease::type2_diabetes:
      return "type2_diabetes";
    case Disease::hypertension:
      return "hypertension";
    case Disease::chronic_kidney_disease:
      return "chronic_kidney_disease";
    case Disease::coronary_heart_disease:
      return "coronary_heart_disease";
  }
  return "";
}

std::optional<Disease> parse_disease(std::string_view code) {
  for (const Disease d : kDiseases) {
    if (code == disease_code(d)) return d;
  }
  return std::nullopt;
}

const char* disease_name(Disease d, const std::string& lang) {
  const bool en = lang == "en";
  switch (d) {
    case Disease::type2_diabetes:
      return en ? "Type 2 diabetes" : "Diabetes melitus tipe 2";
    case Disease::hypertension:
      return en ? "Hypertension" : "Hipertensi (darah tinggi)";
    case Disease::chronic_kidney_disease:
      return en ? "Chronic kidney disease" : "Penyakit ginjal kronik";
    case Disease::coronary_heart_disease:
      return en ? "Coronary heart disease" : "Penyakit jantung koroner";
  }
  return "";
}

const char* smoking_code(Smoking s) {
  switch (s) {
    case Smoking::never:
      return "never";
    case Smoking::former:
      return "former";
    case Smoking::current:
      return "current";
  }
  return "";
}

std::optional<Smoking> parse_smoking(std::string_view code) {
  for (const Smoking s : {Smoking::never, Smoking::former, Smoking::current}) {
    if (code == smoking_code(s)) return s;
  }
  return std::nullopt;
}

const char* fact_code(Fact f) {
  switch (f) {
    case Fact::age_years:
      return "age_years";
    case Fact::findrisc_band:
      return "findrisc_band";
    case Fact::glucose:
      return "glucose";
    case Fact::bmi:
      return "bmi";
    case Fact::central_obesity:
      return "central_obesity";
    case Fact::blood_pressure:
      return "blood_pressure";
    case Fact::bp_drugs:
      return "bp_drugs";
    case Fact::diagnosed_diabetes:
      return "diagnosed_diabetes";
    case Fact::diagnosed_hypertension:
      return "diagnosed_hypertension";
    case Fact::diagnosed_kidney:
      return "diagnosed_kidney";
    case Fact::diagnosed_heart:
      return "diagnosed_heart";
    case Fact::family_hypertension:
      return "family_hypertension";
    case Fact::family_kidney:
      return "family_kidney";
    case Fact::family_premature_heart:
      return "family_premature_heart";
    case Fact::smoking:
      return "smoking";
    case Fact::painkillers_long_term:
      return "painkillers_long_term";
    case Fact::herbal_long_term:
      return "herbal_long_term";
    case Fact::chest_pain_exertion:
      return "chest_pain_exertion";
    case Fact::chd_age_sex:
      return "chd_age_sex";
    case Fact::diabetes_condition:
      return "diabetes_condition";
    case Fact::hypertension_condition:
      return "hypertension_condition";
    case Fact::excess_weight:
      return "excess_weight";
    case Fact::kidney_symptom:
      return "kidney_symptom";
  }
  return "";
}

FactRange fact_range(const RiskFacts& f, Fact fact) {
  switch (fact) {
    case Fact::age_years:
      return known(f.age_years);
    case Fact::findrisc_band:
      return {static_cast<int>(f.findrisc_band),
              static_cast<int>(f.findrisc_band_upper.value_or(f.findrisc_band))};
    case Fact::glucose:
      return glucose(f);
    case Fact::bmi:
      return measured(f.bmi, BmiCategory::obese);
    case Fact::central_obesity:
      return f.central_obesity ? flag(*f.central_obesity) : FactRange{0, 1};
    case Fact::blood_pressure:
      return blood_pressure(f);
    case Fact::bp_drugs:
      return flag(f.bp_drugs);
    case Fact::diagnosed_diabetes:
      return flag(f.diagnosed_diabetes);
    case Fact::diagnosed_hypertension:
      return flag(f.diagnosed_hypertension);
    case Fact::diagnosed_kidney:
      return flag(f.diagnosed_kidney);
    case Fact::diagnosed_heart:
      return flag(f.diagnosed_heart);
    case Fact::family_hypertension:
      return flag(f.family_hypertension);
    case Fact::family_kidney:
      return flag(f.family_kidney);
    case Fact::family_premature_heart:
      return flag(f.family_premature_heart);
    case Fact::smoking:
      return known(static_cast<int>(f.smoking));
    case Fact::painkillers_long_term:
      return flag(f.painkillers_long_term);
    case Fact::herbal_long_term:
      return flag(f.herbal_long_term);
    case Fact::chest_pain_exertion:
      return flag(f.chest_pain_exertion);
    case Fact::chd_age_sex:
      return flag(f.age_years >= (f.sex == Sex::male ? 45 : 55));
    case Fact::diabetes_condition:
      return any_of({flag(f.diagnosed_diabetes),
                     at_least(glucose(f), static_cast<int>(GlucoseCategory::diabetes_range))});
    case Fact::hypertension_condition:
      return any_of({flag(f.diagnosed_hypertension), flag(f.bp_drugs),
                     at_least(blood_pressure(f), static_cast<int>(BpCategory::hypertension))});
    case Fact::excess_weight:
      return any_of({at_least(fact_range(f, Fact::bmi), static_cast<int>(BmiCategory::overweight)),
                     fact_range(f, Fact::central_obesity)});
    case Fact::kidney_symptom:
      return flag(f.swelling || f.foamy_urine);
  }
  return {};
}

std::vector<DiseaseRisk> assess_risks(const RiskFacts& facts, const std::vector<RiskRule>& rules) {
  std::vector<DiseaseRisk> out;
  for (const Disease disease : kDiseases) {
    DiseaseRisk risk;
    risk.disease = disease;
    RiskLevel could_reach = RiskLevel::low;
    for (const auto& rule : rules) {
      if (rule.disease != disease) continue;
      const int needed = rule.min_matches > 0 ? rule.min_matches : static_cast<int>(rule.conditions.size());
      const Matches m = match(facts, rule);
      if (m.certain >= needed) {
        risk.level = std::max(risk.level, rule.level);
        risk.reasons.push_back(
            RiskReason{std::string(rule.code), rule.level, std::string(rule.id), std::string(rule.en)});
      }
      if (m.possible >= needed) could_reach = std::max(could_reach, rule.level);
    }
    std::stable_sort(risk.reasons.begin(), risk.reasons.end(),
                     [](const RiskReason& a, const RiskReason& b) { return a.level > b.level; });
    risk.provisional = could_reach > risk.level;
    out.push_back(std::move(risk));
  }
  return out;
}

}  // namespace simpul::screening
