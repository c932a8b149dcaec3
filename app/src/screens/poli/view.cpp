#include <algorithm>

#include "screens/poli/model.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/big_text.hpp"

namespace simpul::screens::poli {
namespace {

const char* action_key(Action action) {
  switch (action) {
    case Action::recall: return "poli.action.recall";
    case Action::skip: return "poli.action.skip";
    case Action::serve: return "poli.action.serve";
    case Action::done: return "poli.action.done";
    case Action::no_show: return "poli.action.no_show";
  }
  return "";
}

std::string row_text(const EntryRow& r) {
  std::string text = r.number + "  " + r.priority;
  if (!r.name.empty()) text += "  " + r.name;
  text += "  \xC2\xB7 " + std::string(tr(r.state_key.c_str()));
  if (!r.detail.empty()) text += " " + r.detail;
  return text;
}

void entry_list(const char* title_key, const std::vector<EntryRow>& rows, const std::string& selected, float width,
                Intents& intents, std::size_t limit = 100) {
  ui::text_bold(std::string(tr(title_key)) + " (" + std::to_string(rows.size()) + ")");
  if (rows.empty()) {
    ui::text_muted(tr("poli.list.empty"));
    return;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
    const EntryRow& r = rows[i];
    const std::string id = "poli.row." + r.id;
    const std::string text = row_text(r);
    if (ui::choice_button(ui::Label{id.c_str(), text.c_str()}, r.id == selected, ImVec2(width, 0))) intents.select = r.id;
  }
  if (rows.size() > limit) ui::text_muted("+" + std::to_string(rows.size() - limit));
  ImGui::PopStyleVar();
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  ui::title(tr("poli.title"));
  if (!view.allowed) {
    ui::error_text(tr("poli.not_allowed"));
    if (ui::button(ui::t("poli.back"))) intents.back = true;
    return intents;
  }
  if (!view.problem_key.empty()) {
    ui::error_text(tr(view.problem_key.c_str()));
    return intents;
  }
  for (std::size_t i = 0; i < view.polis.size(); ++i) {
    const PoliTab& tab = view.polis[i];
    if (i > 0) ImGui::SameLine();
    const std::string id = "poli.tab." + tab.code;
    const std::string text = tab.name + " (" + std::to_string(tab.waiting) + ")";
    if (ui::choice_button(ui::Label{id.c_str(), text.c_str()}, tab.code == view.poli_code)) intents.poli = tab.code;
  }
  ImGui::Separator();

  const float avail = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float left = std::min(ui::em(26.0f), avail * 0.45f);

  ImGui::BeginChild("##poli.left", ImVec2(left, 0), false);
  ui::text_muted(std::string(tr("poli.now_called")) + " " + tr("poli.poli") + " " + view.poli_name);
  widgets::big_text(view.called_number.empty() ? "-" : view.called_number, ui::em(4.0f), ui::palette::kAccent, left);
  ui::gap(0.3f);
  ImGui::BeginDisabled(!view.next || view.busy);
  const std::string next_text =
      std::string(tr("poli.call_next")) + (view.next ? ": " + view.next->number : std::string());
  if (ui::primary_button(ui::Label{"poli.call_next", next_text.c_str()}, ImVec2(left, ui::em(3.0f))) && view.next)
    intents.call_next = true;
  ImGui::EndDisabled();
  if (!view.next) ui::text_muted(tr("poli.nobody_waiting"));
  ui::gap(0.5f);
  if (view.selected) {
    ui::text_bold(tr("poli.selected"));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left);
    ui::text(row_text(*view.selected));
    ImGui::PopTextWrapPos();
  } else {
    ui::text_muted(tr("poli.none_selected"));
  }
  const float half = (left - spacing) / 2.0f;
  for (std::size_t i = 0; i < view.actions.size(); ++i) {
    const ActionButton& a = view.actions[i];
    if (i % 2 != 0) ImGui::SameLine();
    ImGui::BeginDisabled(!a.enabled || view.busy);
    if (ui::button(ui::t(action_key(a.action)), ImVec2(half, ui::em(2.4f))) && a.enabled) intents.action = a.action;
    ImGui::EndDisabled();
  }
  if (view.can_care && view.selected && !view.selected->participant_id.empty()) {
    if (ui::button(ui::t("poli.open_visit"), ImVec2(half, 0))) intents.open_visit = true;
    ImGui::SameLine();
    if (ui::button(ui::t("poli.open_screening"), ImVec2(half, 0))) intents.open_screening = true;
  }
  if (!view.message.key.empty()) {
    const std::string text = std::string(tr(view.message.key.c_str())) +
                             (view.message.detail.empty() ? "" : " " + view.message.detail);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left);
    if (view.message.error) {
      ui::error_text(text);
    } else {
      ui::text_colored(ui::palette::kSuccess, text);
    }
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("##poli.lists", ImVec2(0, 0), false);
  const float width = ImGui::GetContentRegionAvail().x;
  const std::string selected = view.selected ? view.selected->id : std::string();
  entry_list("poli.list.at_door", view.at_door, selected, width, intents);
  ui::gap(0.3f);
  entry_list("poli.list.waiting", view.waiting, selected, width, intents);
  ui::gap(0.3f);
  entry_list("poli.list.skipped", view.skipped, selected, width, intents);
  ui::gap(0.3f);
  entry_list("poli.list.finished", view.finished, selected, width, intents, 20);
  ImGui::EndChild();

  if (intents.poli) {
    form.poli_code = *intents.poli;
    form.selected.clear();
  }
  if (intents.select) form.selected = *intents.select;
  if (ui::back_pressed()) intents.back = true;
  return intents;
}

}  // namespace simpul::screens::poli
