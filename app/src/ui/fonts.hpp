#pragma once
// DejaVu Sans (Debian's fonts-dejavu-core) in three faces, with the Latin ranges Indonesian names and addresses
// need and a few symbols the UI draws. Falls back to ImGui's built-in font if the files are missing.
#include "ui/imgui.hpp"

namespace simpul::ui {

struct FontRequest {
  float content_scale = 1.0f;  // from the display (glfwGetWindowContentScale); 1 in tests
  float font_scale = 1.0f;     // the user's setting (bigger text at a kiosk)
  bool operator==(const FontRequest&) const = default;
  float scale() const { return content_scale * font_scale; }
};

struct Fonts {
  ImFont* body = nullptr;
  ImFont* bold = nullptr;
  ImFont* title = nullptr;
  // Queue numbers on the kiosk ticket and the waiting-room board: bold, kDisplayFontEm tall, printable ASCII only
  // (a small atlas); draw it at any smaller size with ImDrawList::AddText(font, size, ...).
  ImFont* display = nullptr;
  float em_pixels = 0.0f;  // body font size in pixels
  bool fallback = false;   // true when DejaVu was not found
};

inline constexpr float kBodyFontPixels = 17.0f;  // at scale 1
inline constexpr float kDisplayFontEm = 6.0f;    // the display face's size in em

struct FontFiles {
  const char* regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  const char* bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

// Clears `atlas`, loads the faces at the requested scale and builds the atlas (the renderer must upload the new
// texture afterwards). The result becomes current_fonts() and sets the em size.
Fonts build_fonts(ImFontAtlas& atlas, const FontRequest& request, const FontFiles& files = {});

const Fonts& current_fonts();

}  // namespace simpul::ui
