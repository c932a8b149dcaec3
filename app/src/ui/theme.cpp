#include "ui/theme.hpp"

namespace simpul::ui {

void apply_theme(float scale) {
  using namespace palette;
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);

  // Sizes in pixels at scale 1 (a 17 px body font).
  style.WindowPadding = ImVec2(24, 20);
  style.FramePadding = ImVec2(10, 7);
  style.ItemSpacing = ImVec2(10, 10);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(8, 5);
  style.IndentSpacing = 20;
  style.ScrollbarSize = 16;
  style.GrabMinSize = 12;
  style.WindowRounding = 0;
  style.ChildRounding = 4;
  style.FrameRounding = 5;
  style.PopupRounding = 5;
  style.ScrollbarRounding = 8;
  style.GrabRounding = 5;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 1;
  style.PopupBorderSize = 1;
  style.ChildBorderSize = 1;

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = kText;
  c[ImGuiCol_TextDisabled] = kTextMuted;
  c[ImGuiCol_WindowBg] = kBackground;
  c[ImGuiCol_ChildBg] = kSurface;
  c[ImGuiCol_PopupBg] = kSurface;
  c[ImGuiCol_Border] = kBorder;
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = kSurface;
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.925f, 0.953f, 0.965f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.890f, 0.933f, 0.953f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.890f, 0.910f, 0.929f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.835f, 0.867f, 0.898f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.780f, 0.820f, 0.859f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.851f, 0.910f, 0.933f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.792f, 0.875f, 0.906f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.722f, 0.831f, 0.875f, 1.0f);
  c[ImGuiCol_CheckMark] = kAccent;
  c[ImGuiCol_SliderGrab] = kAccent;
  c[ImGuiCol_SliderGrabActive] = kAccentActive;
  c[ImGuiCol_PlotHistogram] = kAccent;
  c[ImGuiCol_Separator] = kBorder;
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.122f, 0.435f, 0.545f, 0.25f);
  c[ImGuiCol_NavHighlight] = kAccent;
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.122f, 0.161f, 0.200f, 0.35f);

  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace simpul::ui
