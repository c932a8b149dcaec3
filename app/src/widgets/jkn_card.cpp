#include "widgets/jkn_card.hpp"

#include "ui/fonts.hpp"
#include "ui/imgui.hpp"
#include "ui/probe.hpp"

namespace simpul::widgets {

void draw_jkn_card(const CardData& card, float width) {
  const float scale = width / kCardWidth;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 size(width, kCardHeight * scale);
  ImGui::Dummy(size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // A soft shadow so the white card stands off the page.
  draw->AddRectFilled(ImVec2(origin.x + 3, origin.y + 4), ImVec2(origin.x + size.x + 3, origin.y + size.y + 4),
                      IM_COL32(0, 0, 0, 40), 28 * scale);
  const ImVec4 clip(origin.x, origin.y, origin.x + size.x, origin.y + size.y);
  for (const CardShape& s : card_layout(card)) {
    const ImVec2 a(origin.x + s.x * scale, origin.y + s.y * scale);
    if (s.kind == CardShape::Kind::rect) {
      draw->AddRectFilled(a, ImVec2(a.x + s.w * scale, a.y + s.h * scale), s.rgba, s.rounding * scale);
    } else {
      ImFont* font = s.bold ? ui::current_fonts().bold : ui::current_fonts().body;
      draw->AddText(font, s.h * scale, a, s.rgba, s.text.c_str(), s.text.c_str() + s.text.size(), 0.0f, &clip);
      ui::probe::record(ui::probe::Kind::text, {}, s.text);
    }
  }
}

}  // namespace simpul::widgets
