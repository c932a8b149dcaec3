#include <string>

#include "screens/visit/model.hpp"
#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/care_screen.hpp"
#include "widgets/form_controls.hpp"

namespace simpul::screens::visit {
namespace {

void saved_panel(const View& view, Intents& intents) {
  ui::text_colored(ui::palette::kSuccess, tr("visit.saved"));
  ui::text(view.saved_summary);
  ui::gap(0.5f);
  if (ui::primary_button(ui::t("visit.open_history"))) intents.open_participant = true;
  ImGui::SameLine();
  if (view.can_screen) {
    if (ui::button(ui::t("visit.open_screening"))) intents.open_screening = true;
    ImGui::SameLine();
  }
  if (ui::button(ui::t("common.back"))) intents.back = true;
  if (ui::submit_pressed()) intents.back = true;
}

void left_column(const View& view, Form& form) {
  widgets::heading(tr("visit.poli"));
  for (std::size_t i = 0; i < view.polis.size(); ++i) {
    const PoliOption& p = view.polis[i];
    if (i > 0) ImGui::SameLine();
    const std::string id = "visit.poli." + p.code;
    if (ui::choice_button({id.c_str(), p.name.c_str()}, p.code == view.poli_code)) form.poli_code = p.code;
  }
  widgets::findings(view.findings, "poli");

  const bool focus = form.focus_pending;
  form.focus_pending = false;
  ui::input_text(ui::t("visit.complaint"), form.complaint, {.hint = tr("visit.complaint_hint"), .request_focus = focus});
  widgets::findings(view.findings, "complaint");

  widgets::heading(tr("visit.vitals"));
  widgets::Columns columns("visit.vitals.columns", 2);
  int n = 0;
  for (const VitalField& field : kVitals) {
    if (n++ % 4 == 0) columns.next();
    const std::string label = std::string(tr(field.label)) + " (" + field.unit + ")";
    const std::string id = std::string("visit.vital.") + field.key;
    ui::input_text({id.c_str(), label.c_str()}, form.vitals[field.key]);
    widgets::findings(view.findings, std::string("vitals.") + field.key);
  }
}

void right_column(const View& view, Form& form, bool& enter_taken) {
  widgets::heading(tr("visit.diagnoses"));
  for (std::size_t i = 0; i < view.picked.size(); ++i) {
    const DiagnosisRow& d = view.picked[i];
    ui::text_bold((i == 0 ? std::string(tr("visit.main")) + " " : std::to_string(i + 1) + ". ") + d.code);
    ImGui::SameLine();
    ui::text(d.name);
    ImGui::SameLine();
    const std::string id = "visit.dx.remove." + d.code;
    if (ui::button({id.c_str(), tr("visit.remove")})) {
      form.diagnoses.erase(form.diagnoses.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  widgets::findings(view.findings, "diagnoses");
  for (const Finding& f : view.findings)
    if (f.field.starts_with("diagnoses[")) widgets::wrapped(widgets::finding_text(f), ui::palette::kError);
  if (form.diagnoses.size() < 3) {
    ui::input_text(ui::t("visit.diagnosis_search"), form.diagnosis_query,
                   {.hint = tr("visit.diagnosis_hint"), .keep_arrows = true});
    // Enter in the search picks the first match (and does not save the form).
    const bool in_search = ImGui::IsItemActive() || ImGui::IsItemDeactivated();
    if (in_search && ui::submit_pressed()) {
      enter_taken = true;
      if (!view.matches.empty()) {
        form.diagnoses.push_back(view.matches.front().code);
        form.diagnosis_query.clear();
      }
    }
    for (const DiagnosisRow& d : view.matches) {
      const std::string id = "visit.dx." + d.code;
      const std::string text = d.code + "  " + d.name;
      if (widgets::selectable({id.c_str(), text.c_str()}, false)) {
        form.diagnoses.push_back(d.code);
        form.diagnosis_query.clear();
      }
    }
    if (view.search_empty) ui::text_muted(tr("visit.diagnosis_none"));
  } else {
    ui::text_muted(tr("visit.diagnosis_full"));
  }

  widgets::heading(tr("visit.outcome"));
  if (ui::choice_button(ui::t("visit.outcome.home"), !form.referred)) form.referred = false;
  ImGui::SameLine();
  if (ui::choice_button(ui::t("visit.outcome.referred"), form.referred)) form.referred = true;
  ui::input_text(ui::t("visit.notes"), form.notes);
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  const bool popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  if (!widgets::care_screen_top(tr("visit.title"), "visit.not_allowed", view.allowed, view.error_key,
                                popup_open, intents.back))
    return intents;
  ui::text_bold(view.person);
  if (!view.queue_number.empty()) {
    ImGui::SameLine();
    ui::text_muted(std::string(tr("visit.queue_number")) + " " + view.queue_number);
  }
  ImGui::Separator();
  if (view.saved) {
    saved_panel(view, intents);
    return intents;
  }
  bool enter_taken = false;
  {
    widgets::Columns columns("visit.columns", {1.0f, 1.2f});
    columns.next();
    left_column(view, form);
    columns.next();
    right_column(view, form, enter_taken);
  }
  ui::gap(0.5f);
  // Findings no field shows (a storage refusal about the queue entry, ...).
  for (const Finding& f : view.findings)
    if (f.field != "poli" && f.field != "complaint" && f.field != "diagnoses" && !f.field.starts_with("vitals.") &&
        !f.field.starts_with("diagnoses["))
      widgets::wrapped(widgets::finding_text(f), ui::palette::kError);
  if (ui::primary_button(ui::t("visit.save"))) intents.save = true;
  ImGui::SameLine();
  if (view.can_screen) {
    if (ui::button(ui::t("visit.open_screening"))) intents.open_screening = true;
    ImGui::SameLine();
  }
  if (ui::button(ui::t("common.back"))) intents.back = true;
  if (!enter_taken && !popup_open && ui::submit_pressed()) intents.save = true;
  return intents;
}

}  // namespace simpul::screens::visit
