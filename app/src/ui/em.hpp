#pragma once
// Sizes in em, not pixels: one em is the body font's pixel height, which already includes the display's
// content scale and the user's font-scale setting. Layout written in em follows both.
#include "ui/imgui.hpp"

namespace simpul::ui {

float em(float n);
ImVec2 em(float x, float y);

// Set by the font builder whenever fonts are (re)built.
void set_em_pixels(float pixels);
float em_pixels();

}  // namespace simpul::ui
