#include <algorithm>

#include "screens/queue_desk/model.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::queue_desk {
namespace {

void message_line(const Message& message) {
  if (message.key.empty()) return;
  const std::string text = std::string(tr(message.key.c_str())) + (message.detail.empty() ? "" : " " + message.detail);
  ImGui::PushTextWrapPos(0.0f);
  if (message.error) {
    ui::error_text(text);
  } else {
    ui::text_colored(ui::palette::kSuccess, text);
  }
  ImGui::PopTextWrapPos();
}

void person_panel(const View& view, Form& form, Intents& intents, float width) {
  const PersonCard& person = *view.person;
  ui::text_bold(person.name);
  ui::text_muted(std::string(tr("qdesk.card")) + " " + (person.card_number.empty() ? "-" : person.card_number) + "   " +
                 tr("qdesk.nik") + " " + person.nik);
  ui::text_muted(std::string(tr("qdesk.birth")) + " " + person.birth_date);
  if (!person.active) ui::text_colored(ui::palette::kWarning, tr("qdesk.inactive"));
  if (ui::button(ui::t("qdesk.clear"))) intents.clear_person = true;

  if (!person.bookings.empty()) {
    ui::gap(0.3f);
    ui::text_bold(tr("qdesk.bookings"));
    for (const Booking& b : person.bookings) {
      ImGui::AlignTextToFramePadding();
      ui::text(b.number + "  " + tr("qdesk.poli") + " " + b.poli_name + "  \xC2\xB7 " + tr(b.state_key.c_str()));
      if (b.can_cancel) {
        ImGui::SameLine();
        const std::string id = "qdesk.cancel." + b.entry_id;
        ImGui::BeginDisabled(view.busy);
        if (ui::button(ui::Label{id.c_str(), tr("qdesk.cancel")})) intents.cancel = b.entry_id;
        ImGui::EndDisabled();
      }
    }
  }

  ui::gap(0.4f);
  ui::text_bold(tr("qdesk.choose_poli"));
  for (const PoliOption& option : view.options) {
    ImGui::BeginDisabled(!option.available);
    const std::string id = "qdesk.poli." + option.code;
    if (ui::choice_button(ui::Label{id.c_str(), option.name.c_str()}, form.poli_code == option.code,
                          ImVec2(ui::em(9.0f), 0)))
      form.poli_code = option.code;
    ImGui::EndDisabled();
    if (!option.note_key.empty()) {
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ui::text_muted(tr(option.note_key.c_str()));
    }
  }
  ui::gap(0.3f);
  ui::text_bold(tr("qdesk.priority"));
  const queue::Priority chosen = form.priority.value_or(person.suggested);
  if (ui::choice_button(ui::t("qdesk.priority.a"), chosen == queue::Priority::regular)) form.priority = queue::Priority::regular;
  ImGui::SameLine();
  if (ui::choice_button(ui::t("qdesk.priority.b"), chosen == queue::Priority::priority))
    form.priority = queue::Priority::priority;
  if (!person.suggestion_key.empty()) ui::text_colored(ui::palette::kAccent, tr(person.suggestion_key.c_str()));
  ImGui::PushItemWidth(width);
  ui::input_text(ui::t("qdesk.complaint"), form.complaint);
  ImGui::PopItemWidth();
  ui::gap(0.3f);
  const bool ready = !form.poli_code.empty() && !view.busy && person.active;
  ImGui::BeginDisabled(!ready);
  if (ui::primary_button(ui::t("qdesk.enroll"), ImVec2(width, ui::em(2.4f))) && ready) {
    form.priority = chosen;
    intents.enroll = true;
  }
  ImGui::EndDisabled();
}

void overview(const View& view, Form& form) {
  ui::text_bold(tr("qdesk.overview"));
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("##qdesk.polis", 8, kFlags)) {
    for (const char* key : {"qdesk.col.poli", "qdesk.col.called_number", "queue.state.waiting", "queue.state.called",
                            "queue.state.serving", "queue.state.done", "queue.state.skipped", "queue.state.cancelled"})
      ImGui::TableSetupColumn(tr(key));
    ImGui::TableHeadersRow();
    for (const PoliColumn& p : view.polis) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string id = "qdesk.show." + p.code;
      if (ui::choice_button(ui::Label{id.c_str(), p.name.c_str()}, p.code == view.shown_poli)) form.shown_poli = p.code;
      ImGui::TableNextColumn();
      ui::text_bold(p.called_number.empty() ? "-" : p.called_number);
      for (int n : {p.counts.waiting, p.counts.called, p.counts.serving, p.counts.done, p.counts.skipped + p.counts.no_show,
                    p.counts.cancelled}) {
        ImGui::TableNextColumn();
        ui::text(std::to_string(n));
      }
    }
    ImGui::EndTable();
  }
  const PoliColumn* shown = nullptr;
  for (const PoliColumn& p : view.polis)
    if (p.code == view.shown_poli) shown = &p;
  if (shown == nullptr) return;
  ui::gap(0.4f);
  ui::text_bold(std::string(tr("qdesk.list")) + " " + shown->name);
  if (shown->entries.empty()) {
    ui::text_muted(tr("qdesk.list.empty"));
    return;
  }
  if (ImGui::BeginTable("##qdesk.entries", 6, kFlags)) {
    for (const char* key : {"qdesk.col.number", "qdesk.col.class", "qdesk.col.name", "qdesk.col.state",
                            "qdesk.col.ahead", "qdesk.col.source"})
      ImGui::TableSetupColumn(tr(key));
    ImGui::TableHeadersRow();
    for (const EntryRow& e : shown->entries) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text_bold(e.number);
      ImGui::TableNextColumn();
      ui::text(e.priority);
      ImGui::TableNextColumn();
      ui::text(e.name);
      ImGui::TableNextColumn();
      ui::text(tr(e.state_key.c_str()));
      ImGui::TableNextColumn();
      ui::text(e.state_key == "queue.state.waiting" ? std::to_string(e.people_ahead) : std::string("-"));
      ImGui::TableNextColumn();
      ui::text_muted(tr(e.source_key.c_str()));
    }
    ImGui::EndTable();
  }
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  ui::title(std::string(tr("qdesk.title")) + (view.day.empty() ? "" : " " + view.day));
  if (!view.allowed) {
    ui::error_text(tr("qdesk.not_allowed"));
    if (ui::button(ui::t("qdesk.back"))) intents.back = true;
    return intents;
  }
  if (!view.problem_key.empty()) {
    ui::error_text(tr(view.problem_key.c_str()));
    return intents;
  }
  const float avail = ImGui::GetContentRegionAvail().x;
  const float left = std::min(ui::em(28.0f), avail * 0.42f);
  ImGui::BeginChild("##qdesk.left", ImVec2(left, 0), false);
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::PushItemWidth(width - ui::em(5.5f));
  ui::input_text(ui::t("qdesk.lookup"), form.lookup, {.hint = tr("qdesk.lookup_hint"), .request_focus = form.focus_pending});
  ImGui::PopItemWidth();
  form.focus_pending = false;
  const bool typed_enter = ImGui::IsItemDeactivated() && ui::submit_pressed();
  ImGui::SameLine();
  if (ui::button(ui::t("qdesk.find"), ImVec2(ui::em(5.0f), 0)) || typed_enter) intents.lookup = true;
  message_line(view.message);
  ui::gap(0.3f);
  if (view.person) {
    person_panel(view, form, intents, width);
  } else {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ui::text_muted(tr("qdesk.no_person"));
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##qdesk.right", ImVec2(0, 0), false);
  overview(view, form);
  ImGui::EndChild();
  if (ui::back_pressed()) intents.back = true;
  return intents;
}

}  // namespace simpul::screens::queue_desk
