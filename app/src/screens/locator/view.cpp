#include <string>

#include "screens/locator/model.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/choice_row.hpp"
#include "widgets/form_controls.hpp"

namespace simpul::screens::locator {
namespace {

constexpr ImGuiTableFlags kTable =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;

void cell(const std::string& text) {
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", text.c_str());
  ui::probe::record(ui::probe::Kind::text, {}, text);
}

constexpr float kKioskButtonHeight = 2.8f;  // em, as the kiosk's other buttons

// The kiosk's header: a big Back button and the title.
void kiosk_header(Intents& intents) {
  ImGui::PushFont(ui::current_fonts().title);
  if (ui::button(ui::t("locator.back"), ImVec2(0, ui::em(kKioskButtonHeight)))) intents.back = true;
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ui::text(tr("locator.title"));
  ImGui::PopFont();
  ImGui::Separator();
}

void origin_choice(const View& view, Form& form, Intents& intents) {
  widgets::heading(tr("locator.from"));
  const std::string here =
      std::string(tr("locator.from.here")) + (view.here_name.empty() ? "" : ": " + view.here_name);
  if (view.kiosk) {  // the kiosk stands at this facility: no other origin
    ui::text(here);
    return;
  }
  if (ui::choice_button(ui::Label{"locator.from.here", here.c_str()}, form.origin == Origin::here) &&
      form.origin != Origin::here) {
    form.origin = Origin::here;
    intents.search = true;
  }
  if (ui::choice_button(ui::t("locator.from.village"), form.origin == Origin::village) &&
      form.origin != Origin::village) {
    form.origin = Origin::village;
    intents.search = true;
  }
  if (form.origin == Origin::village &&
      widgets::draw_region_picker("locator.region", view.regions, form.region))
    intents.search = true;
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  if (ui::back_pressed()) intents.back = true;
  if (view.kiosk) {
    kiosk_header(intents);
  } else {
    ui::title(tr("locator.title"));
  }
  const float button_height = view.kiosk ? 2.2f : 0.0f;

  widgets::Columns columns("##locator", {1.0f, view.kiosk ? 3.0f : 2.6f});
  columns.next();
  origin_choice(view, form, intents);

  widgets::heading(tr("locator.type"));
  static const std::vector<std::string> kTypes = {"", "bpjs_office", "fktp", "hospital"};
  if (widgets::choice_row("locator.type.", kTypes, form.type, button_height)) intents.search = true;
  widgets::heading(tr("locator.service"));
  if (widgets::choice_row("locator.service.", view.services, form.service, button_height))
    intents.search = true;

  columns.next();
  // On the kiosk a finger scrolls by the scrollbar (Dear ImGui 1.86 has no touch drag): make it wide.
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize,
                      view.kiosk ? ui::em(1.6f) : ImGui::GetStyle().ScrollbarSize);
  ImGui::BeginChild("##locator.results", ImVec2(0, 0), false);
  if (view.busy) ui::text_muted(tr("locator.searching"));
  if (!view.message_key.empty())
    ui::text_colored(view.message_error ? ui::palette::kError : ui::palette::kTextMuted,
                     tr(view.message_key.c_str()));
  if (!view.rows.empty() && ImGui::BeginTable("##locator.rows", 5, kTable)) {
    ImGui::TableSetupColumn(tr("locator.col.distance"), ImGuiTableColumnFlags_None, 0.8f);
    ImGui::TableSetupColumn(tr("locator.col.name"), ImGuiTableColumnFlags_None, 2.4f);
    ImGui::TableSetupColumn(tr("locator.col.type"), ImGuiTableColumnFlags_None, 1.5f);
    ImGui::TableSetupColumn(tr("locator.col.address"), ImGuiTableColumnFlags_None, 2.4f);
    ImGui::TableSetupColumn(tr("locator.col.services"), ImGuiTableColumnFlags_None, 2.2f);
    ImGui::TableHeadersRow();
    for (const Row& row : view.rows) {
      ImGui::TableNextRow();
      cell(row.distance);
      cell(row.name);
      cell(tr(row.type_key.c_str()));
      cell(row.phone.empty() ? row.address : row.address + " \u00B7 " + row.phone);
      cell(row.services);
    }
    ImGui::EndTable();
  }
  if (view.more) {
    ImGui::BeginDisabled(view.busy);
    if (ui::button(ui::t("locator.more"))) intents.more = true;
    ImGui::EndDisabled();
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  return intents;
}

}  // namespace simpul::screens::locator
