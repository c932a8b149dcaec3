#include "screens/screening/presenter.hpp"

#include "simpul/core/screening/cutoffs.hpp"
#include "simpul/core/screening/findrisc.hpp"
#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"
#include "widgets/number_text.hpp"

namespace simpul::screens::screening {

namespace sc = simpul::screening;

ParsedAnswers parse_answers(const Form& form, std::string_view version) {
  ParsedAnswers out;
  const auto* questions = sc::questions(version);
  if (questions == nullptr) return out;
  for (const sc::QuestionSpec& q : *questions) {
    auto it = form.answers.find(std::string(q.id));
    if (it == form.answers.end() || it->second.find_first_not_of(' ') == std::string::npos) continue;
    if (q.type != sc::QuestionType::number) {
      out.answers.emplace(std::string(q.id), it->second);
    } else if (auto number = widgets::parse_decimal(it->second)) {
      out.answers.emplace(std::string(q.id), *number);
    } else {
      out.not_numbers.push_back(
          widgets::desk_finding(std::string(q.id), Severity::error, "screening.error.not_number", it->second));
    }
  }
  return out;
}

Findings check_form(const ParsedAnswers& parsed, std::string_view version, bool submitted) {
  Findings out = parsed.not_numbers;
  for (Finding& f : sc::check_answers(parsed.answers, version)) {
    if (!submitted && f.code == "screening.missing_answer") continue;
    // A number typed but not a number is already said; core would only add "missing".
    bool said = false;
    for (const Finding& n : parsed.not_numbers) said = said || n.field == f.field;
    if (!said) out.push_back(std::move(f));
  }
  return out;
}

namespace {

const std::string* option(const sc::Answers& a, std::string_view id) {
  auto it = a.find(id);
  return it == a.end() ? nullptr : it->second.option();
}
const double* number(const sc::Answers& a, std::string_view id) {
  auto it = a.find(id);
  return it == a.end() ? nullptr : it->second.number();
}
bool in_range(const double* v, std::string_view id) {
  if (v == nullptr) return false;
  for (const sc::QuestionSpec& q : *sc::questions(sc::kCurrentVersion))
    if (q.id == id) return *v >= q.min && *v <= q.max;
  return false;
}

}  // namespace

std::string live_bmi(const sc::Answers& a) {
  const double* h = number(a, sc::v1::kHeightCm);
  const double* w = number(a, sc::v1::kWeightKg);
  if (!in_range(h, sc::v1::kHeightCm) || !in_range(w, sc::v1::kWeightKg)) return {};
  const double bmi = sc::bmi(*w, *h);
  return std::string(tr("screening.bmi")) + " " + widgets::one_decimal(bmi) + " (" +
         tr((std::string("screening.bmi.") + sc::bmi_category_code(sc::bmi_category(bmi))).c_str()) + ")";
}

std::string live_findrisc(const sc::Answers& a, const Date& birth, Sex sex, const Date& today) {
  int score = sc::findrisc_age_points(birth.years_until(today));
  int items = 1;
  const int all = 8;
  const double* h = number(a, sc::v1::kHeightCm);
  const double* w = number(a, sc::v1::kWeightKg);
  if (in_range(h, sc::v1::kHeightCm) && in_range(w, sc::v1::kWeightKg)) {
    score += sc::findrisc_bmi_points(sc::bmi(*w, *h));
    ++items;
  }
  if (const double* waist = number(a, sc::v1::kWaistCm); in_range(waist, sc::v1::kWaistCm)) {
    score += sc::findrisc_waist_points(sex, *waist);
    ++items;
  }
  auto yes_no = [&](std::string_view id, auto points, bool yes_is_true) {
    if (const std::string* o = option(a, id); o != nullptr && (*o == "yes" || *o == "no")) {
      score += points((*o == "yes") == yes_is_true);
      ++items;
    }
  };
  yes_no(sc::v1::kPhysicalActivity, sc::findrisc_activity_points, true);
  yes_no(sc::v1::kVegetablesFruit, sc::findrisc_vegetable_points, true);
  yes_no(sc::v1::kBpMedicine, sc::findrisc_bp_drug_points, true);
  yes_no(sc::v1::kHighGlucoseHistory, sc::findrisc_high_glucose_points, true);
  if (const std::string* o = option(a, sc::v1::kFamilyDiabetes)) {
    if (auto family = sc::parse_family_diabetes(*o)) {
      score += sc::findrisc_family_points(*family);
      ++items;
    }
  }
  std::string text = "FINDRISC " + std::to_string(score);
  if (items == all) {
    text += " \xC2\xB7 " + std::string(tr(("screening.band." + std::string(sc::band_code(sc::findrisc_band(score)))).c_str()));
  } else {
    std::string so_far = tr("screening.findrisc.so_far");  // "({n} of {all} items so far)"
    if (auto at = so_far.find("{n}"); at != std::string::npos) so_far.replace(at, 3, std::to_string(items));
    if (auto at = so_far.find("{all}"); at != std::string::npos) so_far.replace(at, 5, std::to_string(all));
    text += " " + so_far;
  }
  return text;
}

}  // namespace simpul::screens::screening
