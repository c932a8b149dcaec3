#include "ui/appearance.hpp"

#include <algorithm>

#include "ui/theme.hpp"

namespace simpul::ui {

void Appearance::set_font_scale(float scale) { font_scale_ = std::clamp(scale, 0.5f, 3.0f); }

bool Appearance::update(float content_scale) {
  const FontRequest wanted{content_scale > 0.0f ? content_scale : 1.0f, font_scale_};
  if (wanted == built_) return false;
  ImGuiIO& io = ImGui::GetIO();
  fonts_ = build_fonts(*io.Fonts, wanted);
  io.FontDefault = fonts_.body;
  apply_theme(fonts_.em_pixels / kBodyFontPixels);
  built_ = wanted;
  return true;
}

}  // namespace simpul::ui
