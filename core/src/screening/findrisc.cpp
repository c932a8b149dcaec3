#include "simpul/core/screening/findrisc.hpp"

#include <array>

#include "text.hpp"

namespace simpul::screening {
namespace {

constexpr std::array<std::pair<FamilyDiabetes, const char*>, 3> kFamilyCodes{
    {{FamilyDiabetes::none, "none"},
     {FamilyDiabetes::second_degree, "second"},
     {FamilyDiabetes::first_degree, "first"}}};

constexpr std::array<std::pair<FindriscBand, const char*>, 5> kBandCodes{
    {{FindriscBand::low, "low"},
     {FindriscBand::slightly_elevated, "slightly_elevated"},
     {FindriscBand::moderate, "moderate"},
     {FindriscBand::high, "high"},
     {FindriscBand::very_high, "very_high"}}};

template <class E, std::size_t N>
const char* code_of(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [e, code] : table) {
    if (e == value) return code;
  }
  return "";
}

template <class E, std::size_t N>
std::optional<E> parse_code(const std::array<std::pair<E, const char*>, N>& table, std::string_view code) {
  for (const auto& [e, c] : table) {
    if (code == c) return e;
  }
  return std::nullopt;
}

// Plausible values for the CLI; anything outside is a typo, not a person.
constexpr int kMaxAge = 130;
constexpr double kMinBmi = 10, kMaxBmi = 80;
constexpr double kMinWaist = 30, kMaxWaist = 250;

Error flag_error(std::string_view flag, std::string_view what, const std::string& message) {
  std::string name(flag);
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return make_error(ErrorKind::invalid, "findrisc." + std::string(what) + "_" + name, message);
}

const std::string* flag(const FindriscFlags& flags, std::string_view name) {
  const auto it = flags.find(name);
  return it == flags.end() ? nullptr : &it->second;
}

Result<bool> yes_no(const FindriscFlags& flags, std::string_view name) {
  const std::string* v = flag(flags, name);
  if (v == nullptr) return flag_error(name, "missing", "--" + std::string(name) + " yes|no is required");
  if (*v == "yes") return true;
  if (*v == "no") return false;
  return flag_error(name, "bad", "--" + std::string(name) + " must be yes or no, not '" + *v + "'");
}

Result<double> number(const FindriscFlags& flags, std::string_view name, double min, double max) {
  const std::string* v = flag(flags, name);
  if (v == nullptr) return flag_error(name, "missing", "--" + std::string(name) + " is required");
  const auto x = detail::parse_number(*v);
  if (!x || *x < min || *x > max) {
    return flag_error(name, "bad",
                      "--" + std::string(name) + " must be a number from " + detail::number_text_en(min) +
                          " to " + detail::number_text_en(max) + ", not '" + *v + "'");
  }
  return *x;
}

}  // namespace

const char* family_diabetes_code(FamilyDiabetes f) {
  return code_of(kFamilyCodes, f);
}
std::optional<FamilyDiabetes> parse_family_diabetes(std::string_view code) {
  return parse_code(kFamilyCodes, code);
}

const char* band_code(FindriscBand band) {
  return code_of(kBandCodes, band);
}
std::optional<FindriscBand> parse_band(std::string_view code) {
  return parse_code(kBandCodes, code);
}

FindriscBand findrisc_band(int score) {
  if (score < 7) return FindriscBand::low;
  if (score <= 11) return FindriscBand::slightly_elevated;
  if (score <= 14) return FindriscBand::moderate;
  if (score <= 20) return FindriscBand::high;
  return FindriscBand::very_high;
}

std::string band_risk_text(FindriscBand band, const std::string& lang) {
  int in = 100;
  switch (band) {
    case FindriscBand::low:
      in = 100;
      break;
    case FindriscBand::slightly_elevated:
      in = 25;
      break;
    case FindriscBand::moderate:
      in = 6;
      break;
    case FindriscBand::high:
      in = 3;
      break;
    case FindriscBand::very_high:
      in = 2;
      break;
  }
  return (lang == "en" ? "1 in " : "1 dari ") + std::to_string(in);
}

int findrisc_age_points(int age_years) {
  if (age_years < 45) return 0;
  if (age_years <= 54) return 2;
  if (age_years <= 64) return 3;
  return 4;
}

int findrisc_bmi_points(double bmi) {
  if (bmi < 25.0) return 0;
  if (bmi <= 30.0) return 1;  // "25–30": both ends belong to the middle category
  return 3;
}

int findrisc_waist_points(Sex sex, double waist_cm) {
  const double low = sex == Sex::male ? 94.0 : 80.0;
  const double high = sex == Sex::male ? 102.0 : 88.0;
  if (waist_cm < low) return 0;
  if (waist_cm <= high) return 3;  // "94–102" / "80–88": both ends belong to the middle category
  return 4;
}

int findrisc_activity_points(bool active_daily) {
  return active_daily ? 0 : 2;
}
int findrisc_vegetable_points(bool vegetables_daily) {
  return vegetables_daily ? 0 : 1;
}
int findrisc_bp_drug_points(bool bp_drugs_ever) {
  return bp_drugs_ever ? 2 : 0;
}
int findrisc_high_glucose_points(bool high_glucose_ever) {
  return high_glucose_ever ? 5 : 0;
}
int findrisc_family_points(FamilyDiabetes family) {
  switch (family) {
    case FamilyDiabetes::none:
      return 0;
    case FamilyDiabetes::second_degree:
      return 3;
    case FamilyDiabetes::first_degree:
      return 5;
  }
  return 0;
}

FindriscResult findrisc(const FindriscInput& in) {
  FindriscResult r;
  r.items = {
      {std::string(kItemAge), findrisc_age_points(in.age_years)},
      {std::string(kItemBmi), findrisc_bmi_points(in.bmi)},
      {std::string(kItemWaist), findrisc_waist_points(in.sex, in.waist_cm)},
      {std::string(kItemActivity), findrisc_activity_points(in.active_daily)},
      {std::string(kItemVegetables), findrisc_vegetable_points(in.vegetables_daily)},
      {std::string(kItemBpDrugs), findrisc_bp_drug_points(in.bp_drugs_ever)},
      {std::string(kItemHighGlucose), findrisc_high_glucose_points(in.high_glucose_ever)},
      {std::string(kItemFamily), findrisc_family_points(in.family)},
  };
  for (const auto& item : r.items) r.score += item.second;
  r.band = findrisc_band(r.score);
  return r;
}

Result<FindriscInput> parse_findrisc_input(const FindriscFlags& flags) {
  FindriscInput in;

  const std::string* age = flag(flags, "age");
  if (age == nullptr) return flag_error("age", "missing", "--age is required (whole years)");
  const auto years = detail::parse_whole(*age);
  if (!years || *years < 0 || *years > kMaxAge) {
    return flag_error("age", "bad", "--age must be whole years from 0 to 130, not '" + *age + "'");
  }
  in.age_years = *years;

  const std::string* sex = flag(flags, "sex");
  if (sex == nullptr) return flag_error("sex", "missing", "--sex L|P is required");
  const auto parsed_sex = parse_sex(*sex);
  if (!parsed_sex) return flag_error("sex", "bad", "--sex must be L or P, not '" + *sex + "'");
  in.sex = *parsed_sex;

  const auto bmi = number(flags, "bmi", kMinBmi, kMaxBmi);
  if (!bmi) return bmi.error();
  in.bmi = *bmi;
  const auto waist = number(flags, "waist", kMinWaist, kMaxWaist);
  if (!waist) return waist.error();
  in.waist_cm = *waist;

  const auto active = yes_no(flags, "active");
  if (!active) return active.error();
  in.active_daily = *active;
  const auto vegetables = yes_no(flags, "vegetables");
  if (!vegetables) return vegetables.error();
  in.vegetables_daily = *vegetables;
  const auto bp_drugs = yes_no(flags, "bp-drugs");
  if (!bp_drugs) return bp_drugs.error();
  in.bp_drugs_ever = *bp_drugs;
  const auto high_glucose = yes_no(flags, "high-glucose");
  if (!high_glucose) return high_glucose.error();
  in.high_glucose_ever = *high_glucose;

  const std::string* family = flag(flags, "family");
  if (family == nullptr) return flag_error("family", "missing", "--family none|second|first is required");
  const auto parsed_family = parse_family_diabetes(*family);
  if (!parsed_family) {
    return flag_error("family", "bad", "--family must be none, second or first, not '" + *family + "'");
  }
  in.family = *parsed_family;
  return in;
}

}  // namespace simpul::screening
