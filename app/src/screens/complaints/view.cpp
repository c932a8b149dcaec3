#include <string>

#include "screens/complaints/model.hpp"
#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/choice_row.hpp"
#include "widgets/form_controls.hpp"

namespace simpul::screens::complaints {
namespace {

// The complaint text: several lines (Ctrl+Enter for a new line, so Enter still submits the form).
void text_area(Form& form, bool focus) {
  ui::text(tr("complaint.text"));
  ImGui::PushID("complaint.text");
  if (focus) ImGui::SetKeyboardFocusHere();
  const std::string typed = form.text;
  ImGui::InputTextMultiline("##field", &form.text, ImVec2(-1.0f, ui::em(6.0f)),
                            ImGuiInputTextFlags_CtrlEnterForNewLine);
  // Esc leaves the field but keeps what was typed (Dear ImGui 1.86 reverts the text on Esc): a complaint can
  // be long, and the next Esc goes back with the draft kept.
  if (ImGui::IsItemDeactivated() && ui::key_pressed(ui::Key::escape, false)) form.text = typed;
  ImGui::PopID();
  ui::probe::record(ui::probe::Kind::input, "complaint.text", tr("complaint.text"), form.text);
  ui::text_muted(std::to_string(form.text.size()) + " / 4000 \u00B7 " + tr("complaint.text_hint"));
}

void draw_form(const View& view, Form& form, Intents& intents) {
  widgets::heading(tr("complaint.new"));
  if (!view.participant_id.empty()) {
    widgets::label_value(tr("complaint.participant"), view.participant_name);
    ImGui::SameLine();
    if (ui::button(ui::t("complaint.anonymous"))) intents.anonymous = true;
  } else {
    ui::text_muted(tr("complaint.no_participant"));
  }
  const bool focus = form.focus_pending;
  form.focus_pending = false;
  text_area(form, focus);
  widgets::findings(view.refusals, "text");
  ui::text(tr("complaint.category"));
  widgets::choice_row("complaint.category.", view.categories, form.category);
  widgets::findings(view.refusals, "category");
  ui::text(tr("complaint.contact"));
  widgets::choice_row("complaint.contact.", view.contacts, form.contact);
  widgets::findings(view.refusals, "contact");
  widgets::findings(view.refusals, "facility");
  widgets::findings(view.refusals, "participant_id");
  ui::gap(0.3f);
  ImGui::BeginDisabled(!view.can_record);
  if (ui::primary_button(ui::t("complaint.submit"))) intents.submit = true;
  ImGui::EndDisabled();
  if (!view.message_key.empty()) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::text_colored(view.message_error ? ui::palette::kError : ui::palette::kSuccess,
                     tr(view.message_key.c_str()));
  }
}

const ImVec4& status_color(const Row& row) {
  if (row.status == "answered") return ui::palette::kSuccess;
  if (row.status == "closed") return ui::palette::kTextMuted;
  return ui::palette::kWarning;
}

void draw_list(const View& view, Form& form, Intents& intents) {
  widgets::heading(tr(view.participant_only ? "complaint.list.participant" : "complaint.list.facility"));
  static const std::vector<std::string> kStatuses = {"", "open", "answered", "closed"};
  if (widgets::choice_row("complaint.filter.", kStatuses, form.status_filter)) intents.filter_changed = true;
  ImGui::SameLine();
  if (ui::button(ui::t("complaint.refresh"))) intents.refresh = true;
  ImGui::BeginChild("##complaints.list", ImVec2(0, 0), false);
  if (view.rows.empty()) ui::text_muted(tr("complaint.list.none"));
  for (const Row& row : view.rows) {
    ImGui::PushID(row.id.c_str());
    ImGui::PushTextWrapPos(0.0f);
    std::string status = tr(("complaint.status." + row.status).c_str());
    if (!row.synced) status += " \u00B7 " + std::string(tr("complaint.not_synced"));
    ui::text_colored(status_color(row), status);
    ImGui::SameLine();
    ui::text_muted(
        row.when + " \u00B7 " + tr(row.category_key.c_str()) + " \u00B7 " +
        (row.participant.empty() ? std::string(tr("complaint.anonymous_label")) : row.participant) +
        " \u00B7 " + tr(row.contact_key.c_str()));
    ui::text(row.text);
    if (!row.answer.empty()) {
      ImGui::Indent(ui::em(1.0f));
      ui::text_bold(std::string(tr("complaint.answer")) + " (" + row.answered + ")");
      ui::text(row.answer);
      ImGui::Unindent(ui::em(1.0f));
    }
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  if (ui::back_pressed()) intents.back = true;
  ui::title(tr("complaint.title"));
  widgets::Columns columns("##complaints", {1.0f, 1.3f});
  columns.next();
  draw_form(view, form, intents);
  if (ui::submit_pressed() && view.can_record) intents.submit = true;
  columns.next();
  draw_list(view, form, intents);
  return intents;
}

}  // namespace simpul::screens::complaints
