#pragma once
// A calm, light, high-contrast theme: a registration desk runs under office lights all day, and a kiosk is read
// by people of all ages. One accent colour; red/amber/green only where they carry meaning.
#include "ui/imgui.hpp"

namespace simpul::ui {

namespace palette {
inline const ImVec4 kBackground{0.957f, 0.965f, 0.973f, 1.0f};  // #F4F6F8
inline const ImVec4 kSurface{1.0f, 1.0f, 1.0f, 1.0f};
inline const ImVec4 kBar{0.898f, 0.918f, 0.937f, 1.0f};         // #E5EAEF status bar
inline const ImVec4 kText{0.122f, 0.161f, 0.200f, 1.0f};        // #1F2933
inline const ImVec4 kTextMuted{0.322f, 0.376f, 0.427f, 1.0f};   // #52606D
inline const ImVec4 kBorder{0.784f, 0.820f, 0.855f, 1.0f};      // #C8D1DA
inline const ImVec4 kAccent{0.122f, 0.435f, 0.545f, 1.0f};      // #1F6F8B
inline const ImVec4 kAccentHover{0.165f, 0.525f, 0.651f, 1.0f}; // #2A86A6
inline const ImVec4 kAccentActive{0.086f, 0.345f, 0.439f, 1.0f};
inline const ImVec4 kOnAccent{1.0f, 1.0f, 1.0f, 1.0f};
inline const ImVec4 kError{0.706f, 0.137f, 0.094f, 1.0f};       // #B42318
inline const ImVec4 kWarning{0.710f, 0.278f, 0.031f, 1.0f};     // #B54708
inline const ImVec4 kSuccess{0.024f, 0.463f, 0.278f, 1.0f};     // #067647
}  // namespace palette

// Resets the style to the theme's defaults, then scales every size by `scale` (em pixels / design em). Always from
// a fresh style: scaling an already scaled style compounds rounding errors.
void apply_theme(float scale);

}  // namespace simpul::ui
