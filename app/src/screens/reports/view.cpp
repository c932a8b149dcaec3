#include <algorithm>
#include <cstdio>
#include <string>

#include "screens/reports/model.hpp"
#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/form_controls.hpp"

namespace simpul::screens::reports {

const char* tab_code(Tab tab) {
  switch (tab) {
    case Tab::visits:
      return "visits";
    case Tab::waits:
      return "waits";
    case Tab::screening:
      return "screening";
    case Tab::sync:
      return "sync";
  }
  return "visits";
}

namespace {

constexpr ImGuiTableFlags kTable =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchSame;

std::string number(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(v));
  return buf;
}

// Categorical bars with their value above and label below (ImDrawList): a few buckets or diseases.
void bar_chart(const std::vector<Bar>& bars, float height) {
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float label_h = ImGui::GetTextLineHeightWithSpacing();
  const float plot_h = height - label_h * 2;
  float max = 1;
  for (const Bar& b : bars) max = std::max(max, b.value);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float slot = width / static_cast<float>(std::max<std::size_t>(bars.size(), 1));
  const ImU32 fill = ImGui::GetColorU32(ui::palette::kAccent);
  const ImU32 text = ImGui::GetColorU32(ui::palette::kText);
  const ImU32 muted = ImGui::GetColorU32(ui::palette::kTextMuted);
  draw->AddLine(ImVec2(origin.x, origin.y + label_h + plot_h),
                ImVec2(origin.x + width, origin.y + label_h + plot_h),
                ImGui::GetColorU32(ui::palette::kBorder));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const float x0 = origin.x + slot * static_cast<float>(i) + slot * 0.15f;
    const float x1 = x0 + slot * 0.7f;
    const float bottom = origin.y + label_h + plot_h;
    const float top = bottom - plot_h * bars[i].value / max;
    draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), fill, ui::em(0.15f));
    const std::string value = number(bars[i].value);
    const float vw = ImGui::CalcTextSize(value.c_str()).x;
    draw->AddText(ImVec2((x0 + x1 - vw) * 0.5f, top - label_h), text, value.c_str());
    const float lw = ImGui::CalcTextSize(bars[i].label.c_str()).x;
    draw->AddText(ImVec2(std::max(x0 - slot * 0.15f, (x0 + x1 - lw) * 0.5f), bottom + ui::em(0.2f)), muted,
                  bars[i].label.c_str());
    ui::probe::record(ui::probe::Kind::text, {}, bars[i].label + ": " + value);
  }
  ImGui::Dummy(ImVec2(width, height));
}

// One bar per day (ImGui::PlotHistogram), the first and last day under it.
void daily_chart(const std::vector<Bar>& bars, float height) {
  std::vector<float> values;
  float max = 1;
  for (const Bar& b : bars) {
    values.push_back(b.value);
    max = std::max(max, b.value);
  }
  const std::string overlay = std::string(tr("reports.max_per_day")) + " " + number(max);
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ui::palette::kAccent);
  // 1.86's PlotEx takes the size literally (no -1 = "fill"): the width is what the column has left.
  ImGui::PlotHistogram("##daily", values.data(), static_cast<int>(values.size()), 0, overlay.c_str(), 0.0f,
                       max * 1.15f, ImVec2(ImGui::GetContentRegionAvail().x, height));
  ImGui::PopStyleColor();
  if (!bars.empty()) {
    ui::text_muted(bars.front().label);
    const float w = ImGui::CalcTextSize(bars.back().label.c_str()).x;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - w);
    ui::text_muted(bars.back().label);
  }
  for (const Bar& b : bars) ui::probe::record(ui::probe::Kind::text, {}, b.label + ": " + number(b.value));
}

void table(const TableView& t) {
  if (t.rows.empty() || t.columns.empty()) return;
  if (!ImGui::BeginTable("##report.table", static_cast<int>(t.columns.size()), kTable)) return;
  for (const std::string& c : t.columns) ImGui::TableSetupColumn(c.c_str());
  ImGui::TableHeadersRow();
  for (const auto& row : t.rows) {
    ImGui::TableNextRow();
    for (const std::string& cell : row) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(cell.c_str());
      ui::probe::record(ui::probe::Kind::text, {}, cell);
    }
  }
  ImGui::EndTable();
}

void draw_section(const Section& s) {
  for (const Figure& f : s.figures) widgets::label_value(f.label, f.value);
  ui::gap(0.4f);
  if (!s.empty_key.empty()) {
    ui::text_muted(tr(s.empty_key.c_str()));
  } else if (!s.bars.empty()) {
    widgets::heading(s.chart_title);
    if (s.daily) {
      daily_chart(s.bars, ui::em(8));
    } else {
      bar_chart(s.bars, ui::em(10));
    }
  }
  ui::gap(0.4f);
  table(s.table);
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  if (ui::back_pressed()) intents.back = true;
  ui::title(tr("reports.title"));

  // The range and the export on one row.
  const bool focus = form.focus_pending;
  form.focus_pending = false;
  {
    // Each field with its label above, side by side: a one-row table keeps the fields on one baseline.
    widgets::Columns row("##reports.range", {9.0f, 9.0f, 6.0f, 28.0f, 8.0f});
    // Every cell's label on the frame baseline (a table row otherwise lowers the text of later cells only).
    auto cell = [&row] {
      row.next();
      ImGui::AlignTextToFramePadding();
    };
    cell();
    ui::input_text(ui::t("reports.from"), form.from, {.hint = "DD-MM-YYYY", .request_focus = focus});
    cell();
    ui::input_text(ui::t("reports.to"), form.to, {.hint = "DD-MM-YYYY"});
    cell();
    ui::text(" ");
    ImGui::BeginDisabled(view.loading);
    if (ui::primary_button(ui::t("reports.show"))) intents.apply_range = true;
    ImGui::EndDisabled();
    cell();
    ui::input_text(ui::t("reports.csv_path"), form.path);
    cell();
    ui::text(" ");
    ImGui::BeginDisabled(view.exporting || !view.loaded);
    if (ui::button(ui::t("reports.export"))) intents.export_csv = true;
    ImGui::EndDisabled();
  }
  if (ui::submit_pressed()) intents.apply_range = true;

  if (!view.range_error_key.empty()) ui::error_text(tr(view.range_error_key.c_str()));
  if (!view.load_error_key.empty()) ui::error_text(tr(view.load_error_key.c_str()));
  if (view.exporting) ui::text_muted(tr("reports.exporting"));
  if (!view.export_message.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ui::text_colored(view.export_error ? ui::palette::kError : ui::palette::kSuccess, view.export_message);
    ImGui::PopTextWrapPos();
  }

  for (Tab tab : kTabs) {
    if (tab != Tab::visits) ImGui::SameLine();
    const std::string key = std::string("reports.tab.") + tab_code(tab);
    if (ui::choice_button(ui::Label{key.c_str(), tr(key.c_str())}, form.tab == tab) && form.tab != tab) {
      form.tab = tab;
      intents.tab_changed = true;
    }
  }
  if (!view.range.empty()) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::text_muted(view.range);
  }
  ImGui::Separator();
  ImGui::BeginChild("##report", ImVec2(0, 0), false);
  if (view.loading && !view.loaded) ui::text_muted(tr("reports.loading"));
  if (view.loaded) draw_section(view.sections[static_cast<int>(form.tab)]);
  ImGui::EndChild();
  return intents;
}

}  // namespace simpul::screens::reports
