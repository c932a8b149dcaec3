#include "widgets/big_text.hpp"

#include <algorithm>

#include "ui/fonts.hpp"
#include "ui/probe.hpp"

namespace simpul::widgets {
namespace {

ImFont* face() {
  ImFont* font = ui::current_fonts().display;
  return font != nullptr ? font : ImGui::GetFont();
}

}  // namespace

float big_text_width(std::string_view text, float height) {
  return face()->CalcTextSizeA(height, 1e9f, 0.0f, text.data(), text.data() + text.size()).x;
}

void big_text(std::string_view text, float height, const ImVec4& color, float width) {
  const float text_width = big_text_width(text, height);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float x = width > 0.0f ? pos.x + std::max(0.0f, (width - text_width) * 0.5f) : pos.x;
  ImGui::GetWindowDrawList()->AddText(face(), height, ImVec2(x, pos.y), ImGui::GetColorU32(color), text.data(),
                                      text.data() + text.size());
  ImGui::Dummy(ImVec2(std::max(width, text_width), height));
  ui::probe::record(ui::probe::Kind::text, {}, text);
}

float fit_height(std::string_view text, float width, float max_height) {
  if (text.empty() || width <= 0.0f) return max_height;
  const float at_max = big_text_width(text, max_height);
  return at_max <= width ? max_height : max_height * width / at_max;
}

}  // namespace simpul::widgets
