#include "widgets/choice_row.hpp"

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/imgui.hpp"
#include "ui/widgets.hpp"

namespace simpul::widgets {

bool choice_row(const char* prefix, const std::vector<std::string>& codes, std::string& chosen,
                float height_em) {
  bool changed = false;
  const ImGuiStyle& style = ImGui::GetStyle();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string key = std::string(prefix) + (codes[i].empty() ? "all" : codes[i]);
    const char* text = tr(key.c_str());
    if (i > 0) {
      const float width = ImGui::CalcTextSize(text).x + style.FramePadding.x * 2;
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    const ImVec2 size(0.0f, height_em > 0.0f ? ui::em(height_em) : 0.0f);
    if (ui::choice_button(ui::Label{key.c_str(), text}, chosen == codes[i], size) && chosen != codes[i]) {
      chosen = codes[i];
      changed = true;
    }
  }
  return changed;
}

}  // namespace simpul::widgets
