#include "widgets/filter_combo.hpp"

#include <algorithm>
#include <cctype>

#include "ui/em.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"

namespace simpul::widgets {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool contains_nocase(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  const auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                              [](char a, char b) { return lower(a) == lower(b); });
  return it != hay.end();
}

}  // namespace

bool option_matches(const ComboOption& option, std::string_view filter) {
  const auto first = filter.find_first_not_of(' ');
  if (first == std::string_view::npos) return true;
  const std::string_view trimmed = filter.substr(first, filter.find_last_not_of(' ') - first + 1);
  if (option.code.starts_with(trimmed)) return true;
  std::size_t pos = 0;
  while (pos < filter.size()) {
    const std::size_t start = filter.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(filter.find(' ', start), filter.size());
    if (!contains_nocase(option.text, filter.substr(start, end - start))) return false;
    pos = end;
  }
  return true;
}

std::optional<std::string> filter_combo(const FilterComboArgs& args, const std::vector<ComboOption>& options,
                                        std::string_view selected_code, FilterComboState& state) {
  std::optional<std::string> picked;
  const std::string preview(args.preview.empty() ? args.placeholder : args.preview);
  ImGui::PushID(args.id);
  bool open = false;
  if (args.enabled) {
    open = ImGui::BeginCombo("##combo", preview.c_str(), ImGuiComboFlags_HeightLarge);
  } else {
    // The disabled scope must close before a popup window could begin inside it.
    ImGui::BeginDisabled();
    if (ImGui::BeginCombo("##combo", preview.c_str(), ImGuiComboFlags_HeightLarge)) ImGui::EndCombo();
    ImGui::EndDisabled();
  }
  ui::probe::record(ui::probe::Kind::button, args.id, preview, args.preview);
  if (open) {
    const std::string filter_id = std::string(args.id) + ".filter";
    if (ImGui::IsWindowAppearing()) {
      state.filter.clear();
      ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-1.0f);
    const std::string hint(args.filter_hint);
    const bool enter = ImGui::InputTextWithHint("##filter", hint.c_str(), &state.filter,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ui::probe::record(ui::probe::Kind::input, filter_id, hint, state.filter);
    int shown = 0;
    for (const ComboOption& option : options) {
      if (!option_matches(option, state.filter)) continue;
      ++shown;
      const bool selected = option.code == selected_code;
      const std::string label = option.text + "###" + option.code;
      if (ImGui::Selectable(label.c_str(), selected) || (enter && shown == 1)) picked = option.code;
      if (selected && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
      const std::string option_id = std::string(args.id) + "." + option.code;
      ui::probe::record(ui::probe::Kind::button, option_id, option.text);
      if (!option.detail.empty()) {
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(option.detail.c_str()).x);
        ui::text_muted(option.detail);
      }
    }
    if (shown == 0) ui::text_muted(args.no_match);
    if (picked) ImGui::CloseCurrentPopup();
    ImGui::EndCombo();
  }
  ImGui::PopID();
  return picked;
}

}  // namespace simpul::widgets
