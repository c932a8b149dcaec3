#include "ui/probe.hpp"

namespace simpul::ui::probe {

void record_last_item(Kind kind, std::string_view id, std::string_view text, std::string_view value) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  Item item;
  item.kind = kind;
  item.id = std::string(id);
  item.text = std::string(text);
  item.value = std::string(value);
  item.min = ImGui::GetItemRectMin();
  item.max = ImGui::GetItemRectMax();
  item.enabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) == 0;
  g_listener->add(std::move(item));
}

}  // namespace simpul::ui::probe
