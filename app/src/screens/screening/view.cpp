#include <string>
#include <vector>

#include "screens/screening/model.hpp"
#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/care_screen.hpp"
#include "widgets/form_controls.hpp"

namespace simpul::screens::screening {
namespace {

// Options on one line while they fit, then on the next.
void options(const QuestionView& q, std::string& answer) {
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  const ImGuiStyle& style = ImGui::GetStyle();
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const float width = ImGui::CalcTextSize(q.options[i].text.c_str()).x + style.FramePadding.x * 2;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
    }
    const std::string option_id = "screening.q." + q.id + "." + q.options[i].id;
    if (ui::choice_button({option_id.c_str(), q.options[i].text.c_str()}, answer == q.options[i].id))
      answer = q.options[i].id;
  }
}

void question(const QuestionView& q, const View& view, Form& form, bool& focus) {
  if (!q.heading.empty()) widgets::heading(q.heading);
  std::string& answer = form.answers[q.id];
  if (q.number) {
    const std::string id = "screening.q." + q.id;
    const std::string label = q.text + (q.unit.empty() ? "" : " (" + q.unit + ")");
    ImGui::PushTextWrapPos(0.0f);  // long labels wrap inside their column
    ui::input_text({id.c_str(), label.c_str()}, answer, {.request_focus = focus});
    ImGui::PopTextWrapPos();
    focus = false;
  } else {
    ImGui::PushTextWrapPos(0.0f);
    ui::text(q.text);
    ImGui::PopTextWrapPos();
    options(q, answer);
  }
  widgets::findings(view.findings, q.id);
}

// The measurements, two to a row where they belong together.
void measurements(const View& view, Form& form, bool& focus) {
  std::vector<const QuestionView*> numbers;
  for (const QuestionView& q : view.questions)
    if (q.number) numbers.push_back(&q);
  if (!numbers.empty() && !numbers.front()->heading.empty()) widgets::heading(numbers.front()->heading);
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const std::string row = "screening.row." + numbers[i]->id;
    widgets::Columns columns(row.c_str(), 2);
    QuestionView first = *numbers[i];
    first.heading.clear();
    columns.next();
    question(first, view, form, focus);
    if (first.pair_next && i + 1 < numbers.size()) {
      columns.next();
      QuestionView second = *numbers[++i];
      second.heading.clear();
      question(second, view, form, focus);
    }
  }
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  const bool popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  if (!widgets::care_screen_top(view.title.empty() ? tr("screening.title") : view.title,
                                "screening.not_allowed", view.allowed, view.error_key, popup_open,
                                intents.back))
    return intents;
  ui::text_bold(view.person);
  ui::text_muted(view.last_screened);
  ImGui::Separator();

  if (view.saved) {
    ui::text_colored(ui::palette::kSuccess, tr("screening.saved"));
    if (!view.saved_note.empty()) ui::text_muted(view.saved_note);
    ui::gap(0.3f);
    widgets::draw_screening_result(*view.saved, false);
    ui::gap(0.5f);
    if (ui::primary_button(ui::t("common.back"))) intents.back = true;
    if (ui::submit_pressed()) intents.back = true;
    return intents;
  }
  if (!view.blocked.empty()) {
    widgets::wrapped(view.blocked, ui::palette::kWarning);
    ui::gap(0.5f);
    if (ui::primary_button(ui::t("common.back"))) intents.back = true;
    if (ui::submit_pressed()) intents.back = true;
    return intents;
  }
  if (view.completes_kiosk) widgets::wrapped(tr("screening.completes_kiosk"), ui::palette::kAccent);

  bool focus = form.focus_pending;
  form.focus_pending = false;
  const float bottom = ui::em(3.0f);
  {
    widgets::Columns columns("screening.columns", {1.3f, 1.0f});
    columns.next();
    // Scroll bars always there: the fields do not move when the live result grows below them.
    const ImGuiWindowFlags scroll = ImGuiWindowFlags_AlwaysVerticalScrollbar;
    ImGui::BeginChild("##screening.self", ImVec2(0, ImGui::GetContentRegionAvail().y - bottom), false, scroll);
    for (const QuestionView& q : view.questions)
      if (!q.number) question(q, view, form, focus);
    ImGui::EndChild();
    columns.next();
    ImGui::BeginChild("##screening.measure", ImVec2(0, ImGui::GetContentRegionAvail().y - bottom), false, scroll);
    measurements(view, form, focus);
    widgets::heading(tr("screening.live"));
    ui::text_bold(view.live_findrisc);
    if (!view.live_bmi.empty()) ui::text(view.live_bmi);
    if (view.live) {
      widgets::draw_screening_result(*view.live, false);
    } else {
      ui::text_muted(tr("screening.live_incomplete"));
    }
    ImGui::EndChild();
  }
  // Findings no question shows (a storage refusal such as the yearly rule meanwhile).
  for (const Finding& f : view.findings) {
    bool shown = false;
    for (const QuestionView& q : view.questions) shown = shown || q.id == f.field;
    if (!shown) widgets::wrapped(widgets::finding_text(f), ui::palette::kError);
  }
  if (view.to_fix > 0) {
    std::string text = tr("screening.to_fix");  // "{n} isian perlu diperbaiki (bertanda merah)"
    if (auto at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, std::to_string(view.to_fix));
    ui::error_text(text);
  }
  if (ui::primary_button(ui::t("screening.save"))) intents.save = true;
  ImGui::SameLine();
  if (ui::button(ui::t("common.back"))) intents.back = true;
  if (!popup_open && ui::submit_pressed()) intents.save = true;
  return intents;
}

}  // namespace simpul::screens::screening
