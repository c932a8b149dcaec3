#include "widgets/form_controls.hpp"

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"

namespace simpul::widgets {

bool checkbox(ui::Label label, bool& value) {
  ImGui::PushID(label.id);
  // "text###v": the visible text changes with the language, the id does not.
  const bool toggled = ImGui::Checkbox((std::string(label.text) + "###v").c_str(), &value);
  ImGui::PopID();
  ui::probe::record(ui::probe::Kind::button, label.id, label.text, value ? "checked" : "unchecked");
  return toggled;
}

bool selectable(ui::Label label, bool selected, ImVec2 size) {
  ImGui::PushID(label.id);
  const bool clicked =
      ImGui::Selectable((std::string(label.text) + "###v").c_str(), selected, ImGuiSelectableFlags_None, size);
  ImGui::PopID();
  ui::probe::record(ui::probe::Kind::button, label.id, label.text, selected ? "selected" : "");
  return clicked;
}

void wrapped(std::string_view text, const ImVec4& color) {
  ImGui::PushTextWrapPos(0.0f);
  ui::text_colored(color, text);
  ImGui::PopTextWrapPos();
}

const std::string& finding_text(const Finding& finding) {
  static const std::string kEnglish = "en";
  static const std::string kIndonesian = "id";
  return finding.text(i18n::language() == "en" ? kEnglish : kIndonesian);
}

int findings(const Findings& all, std::string_view field) {
  int drawn = 0;
  for (const Finding& f : all) {
    if (!field.empty() && f.field != field) continue;
    wrapped(finding_text(f), f.severity == Severity::error ? ui::palette::kError : ui::palette::kWarning);
    ++drawn;
  }
  return drawn;
}

void label_value(std::string_view label, std::string_view value) {
  ui::text_muted(label);
  ImGui::SameLine(0.0f, ui::em(0.6f));
  ImGui::PushTextWrapPos(0.0f);
  ui::text(value);
  ImGui::PopTextWrapPos();
}

void heading(std::string_view text) {
  ui::gap(0.4f);
  ui::text_bold(text);
}

namespace {
bool begin_columns(const char* id, int count) {
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ui::em(0.8f), 0.0f));
  const bool open = ImGui::BeginTable(id, count, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV);
  ImGui::PopStyleVar();
  return open;
}
}  // namespace

Columns::Columns(const char* id, int count) : open_(begin_columns(id, count)) {}

Columns::Columns(const char* id, std::initializer_list<float> weights)
    : open_(begin_columns(id, static_cast<int>(weights.size()))) {
  if (!open_) return;
  for (const float weight : weights) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, weight);
}

Columns::~Columns() {
  if (width_pushed_) ImGui::PopItemWidth();
  if (open_) ImGui::EndTable();
}

void Columns::next() {
  if (!open_) return;
  if (width_pushed_) ImGui::PopItemWidth();
  ImGui::TableNextColumn();
  ImGui::PushItemWidth(-FLT_MIN);
  width_pushed_ = true;
}

}  // namespace simpul::widgets
