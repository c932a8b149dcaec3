#pragma once
// Very large text (queue numbers, the board's clock) in the display face (ui/fonts.hpp), at any height: the glyphs
// are rasterised once at kDisplayFontEm and scaled down, so they stay sharp on a TV. Printable ASCII only.
#include <string_view>

#include "ui/imgui.hpp"

namespace simpul::widgets {

// Width of `text` at `height` pixels.
float big_text_width(std::string_view text, float height);
// Draws `text` `height` pixels tall at the cursor, centred in `width` when width > 0, and advances the layout like
// any item. Reported to the test probe as text.
void big_text(std::string_view text, float height, const ImVec4& color, float width = 0.0f);
// The largest height (at most `max_height`) at which `text` fits in `width`.
float fit_height(std::string_view text, float width, float max_height);

}  // namespace simpul::widgets
