#pragma once
// Fonts + theme for the current ImGui context, rebuilt together when the display's content scale or the user's
// font-scale setting changes (a window dragged to a HiDPI monitor, a kiosk set to large text).
#include "ui/fonts.hpp"

namespace simpul::ui {

class Appearance {
 public:
  // The user's setting; takes effect at the next update().
  void set_font_scale(float scale);
  float font_scale() const { return font_scale_; }

  // Call before NewFrame. Returns true when the font atlas was rebuilt: the renderer must upload it again.
  bool update(float content_scale);

  const Fonts& fonts() const { return fonts_; }

 private:
  float font_scale_ = 1.0f;
  FontRequest built_{0.0f, 0.0f};
  Fonts fonts_;
};

}  // namespace simpul::ui
