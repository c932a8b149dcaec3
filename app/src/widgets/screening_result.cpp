#include "widgets/screening_result.hpp"

#include "simpul/core/screening/findrisc.hpp"
#include "simpul/core/screening/risk.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/form_controls.hpp"
#include "widgets/number_text.hpp"

namespace simpul::widgets {
namespace {

ImVec4 level_colour(const std::string& code) {
  if (code == "high") return ui::palette::kError;
  if (code == "medium") return ui::palette::kWarning;
  return ui::palette::kSuccess;
}

}  // namespace

ScreeningResultView screening_result_view(const screening::ScreeningResult& r, const std::string& lang,
                                          bool with_reasons) {
  ScreeningResultView v;
  for (const screening::DiseaseRisk& d : r.risks) {
    RiskLine line;
    line.disease = screening::disease_name(d.disease, lang);
    line.level_code = screening::risk_level_code(d.level);
    line.level_text = screening::risk_level_text(d.level, lang);
    line.provisional = d.provisional;
    if (with_reasons)
      for (const screening::RiskReason& reason : d.reasons) line.reasons.push_back(reason.text(lang));
    v.risks.push_back(std::move(line));
  }
  const std::string band = screening::band_code(r.findrisc.band);
  v.findrisc = "FINDRISC " + std::to_string(r.findrisc.score) + " / " +
               std::to_string(r.findrisc_complete() ? screening::kFindriscMaxScore : r.findrisc_max_score) + " \xC2\xB7 " +
               std::string(tr(("screening.band." + band).c_str())) + " (" +
               screening::band_risk_text(r.findrisc.band, lang) + ")";
  if (!r.findrisc_complete()) v.findrisc += " \xC2\xB7 " + std::string(tr("screening.findrisc.partial"));
  if (r.bmi && r.bmi_category)
    v.bmi = std::string(tr("screening.bmi")) + " " + one_decimal(*r.bmi) + " (" +
            std::string(tr((std::string("screening.bmi.") + screening::bmi_category_code(*r.bmi_category)).c_str())) +
            ")";
  v.follow_up = r.follow_up;
  for (const screening::Advice& a : r.advice) v.advice.push_back(a.text(lang));
  return v;
}

void draw_screening_result(const ScreeningResultView& view, bool large) {
  for (const RiskLine& line : view.risks) {
    if (large) ImGui::PushFont(ui::current_fonts().title);
    ui::text(line.disease + ":");
    ImGui::SameLine();
    ui::text_colored(level_colour(line.level_code), line.level_text + (line.provisional ? " *" : ""));
    if (large) ImGui::PopFont();
    ImGui::Indent(ui::em(1.0f));
    for (const std::string& reason : line.reasons) wrapped("\xE2\x80\xA2 " + reason, ui::palette::kTextMuted);
    ImGui::Unindent(ui::em(1.0f));
  }
  bool provisional = false;
  for (const RiskLine& line : view.risks) provisional = provisional || line.provisional;
  if (provisional) wrapped(tr("screening.provisional_note"), ui::palette::kTextMuted);
  ui::gap(0.3f);
  if (!large) {
    ui::text_bold(view.findrisc);
    if (!view.bmi.empty()) ui::text(view.bmi);
    ui::gap(0.3f);
  }
  for (const std::string& advice : view.advice) wrapped(advice, ui::palette::kText);
}

}  // namespace simpul::widgets
