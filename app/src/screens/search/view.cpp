#include <algorithm>
#include <string>

#include "screens/search/model.hpp"
#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::search {
namespace {

constexpr int kColumns = 7;

void cell(std::string_view text) {
  ImGui::TableNextColumn();
  ui::text(text);
}

void move_selection(const View& view, Form& form) {
  if (view.rows.empty()) return;
  const std::size_t last = view.rows.size() - 1;
  if (ui::key_pressed(ui::Key::down) && form.selected < last) {
    ++form.selected;
    form.scroll_to_selected = true;
  }
  if (ui::key_pressed(ui::Key::up) && form.selected > 0) {
    --form.selected;
    form.scroll_to_selected = true;
  }
  form.selected = std::min(form.selected, last);
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  ui::title(tr("search.title"));
  const bool focus = form.focus_pending;
  form.focus_pending = false;
  if (ui::input_text(ui::t("search.query"), form.query,
                     {.hint = tr("search.hint"), .width_em = 36, .request_focus = focus, .keep_arrows = true})) {
    intents.query_changed = true;
    form.selected = 0;
  }
  if (view.can_register) {
    ImGui::SameLine(0.0f, ui::em(1.0f));
    if (ui::button(ui::t("search.new_participant"))) intents.new_registration = true;
  }

  move_selection(view, form);
  if (ui::submit_pressed() && !view.rows.empty()) intents.open = form.selected;

  if (form.query.empty()) {
    ui::text_muted(tr("search.empty_query"));
    return intents;
  }
  if (view.failed) ui::error_text(tr("search.failed"));
  std::string summary = view.rows.empty() && !view.searching ? std::string(tr("search.no_results"))
                                                              : std::to_string(view.rows.size()) +
                                                                    (view.more ? "+ " : " ") + tr("search.results");
  if (view.searching) summary += std::string("  ") + tr("search.searching");
  ui::text_muted(summary);

  constexpr ImGuiTableFlags kTable = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##results", kColumns, kTable, ImVec2(0, ImGui::GetContentRegionAvail().y))) return intents;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("search.col.name"), ImGuiTableColumnFlags_None, 2.6f);
  ImGui::TableSetupColumn(tr("search.col.nik"), ImGuiTableColumnFlags_None, 2.0f);
  ImGui::TableSetupColumn(tr("search.col.card"), ImGuiTableColumnFlags_None, 1.8f);
  ImGui::TableSetupColumn(tr("search.col.birth"), ImGuiTableColumnFlags_None, 1.2f);
  ImGui::TableSetupColumn(tr("search.col.fktp"), ImGuiTableColumnFlags_None, 3.6f);
  ImGui::TableSetupColumn(tr("search.col.status"), ImGuiTableColumnFlags_None, 1.3f);
  ImGui::TableSetupColumn(tr("search.col.sync"), ImGuiTableColumnFlags_None, 1.3f);
  ImGui::TableHeadersRow();

  // Every row is one line of text: the height the clipper needs to place rows it does not draw.
  const float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  if (form.scroll_to_selected) {
    // Keep the selected row inside the visible window (the clipper draws only what is visible).
    const float top = static_cast<float>(form.selected) * row_height;
    const float visible = ImGui::GetWindowHeight() - row_height * 2;  // minus the frozen header
    if (top < ImGui::GetScrollY()) ImGui::SetScrollY(top);
    if (top > ImGui::GetScrollY() + visible) ImGui::SetScrollY(top - visible);
    form.scroll_to_selected = false;
  }

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(view.rows.size()), row_height);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto index = static_cast<std::size_t>(i);
      const Row& row = view.rows[index];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(i);
      const std::string label = row.name + "###row";
      if (ImGui::Selectable(label.c_str(), form.selected == index,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
        form.selected = index;
        intents.open = index;
      }
      ui::probe::record(ui::probe::Kind::button, "search.row." + std::to_string(i), row.name);
      ImGui::PopID();
      cell(row.nik);
      cell(row.card_number.empty() ? std::string(tr("search.no_card")) : row.card_number);
      cell(row.birth_date);
      cell(row.fktp);
      ImGui::TableNextColumn();
      ui::text_colored(row.status_ok ? ui::palette::kSuccess : ui::palette::kWarning, tr(row.status_key.c_str()));
      ImGui::TableNextColumn();
      if (!row.sync_key.empty())
        ui::text_colored(row.sync_key == "sync.state.rejected" ? ui::palette::kError : ui::palette::kTextMuted,
                         tr(row.sync_key.c_str()));
    }
    intents.shown_end = static_cast<std::size_t>(clipper.DisplayEnd);
  }
  ImGui::EndTable();
  return intents;
}

}  // namespace simpul::screens::search
