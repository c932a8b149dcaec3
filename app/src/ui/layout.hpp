#pragma once
// Layout helpers in em.
#include "ui/imgui.hpp"

namespace simpul::ui {

// A borderless, fixed window covering a rectangle of the viewport (the screen area, the status bar).
// Always pair with end_area(), whatever begin_area() returned.
// `extra_flags`: e.g. ImGuiWindowFlags_NoFocusOnAppearing for bars that must not take keyboard focus.
bool begin_area(const char* id, ImVec2 pos, ImVec2 size, const ImVec4& background, ImVec2 padding,
                ImGuiWindowFlags extra_flags = ImGuiWindowFlags_None);
void end_area();

// A column of at most `max_width_em`, centred in the current window; fields inside default to its width.
class CenteredColumn {
 public:
  explicit CenteredColumn(float max_width_em);
  ~CenteredColumn();
  CenteredColumn(const CenteredColumn&) = delete;
  CenteredColumn& operator=(const CenteredColumn&) = delete;
  float width() const { return width_; }
  // A horizontal rule across the column (ImGui::Separator spans the whole window).
  void separator() const;

 private:
  float width_ = 0.0f;
  float indent_ = 0.0f;
};

// Vertical space.
void gap(float n_em);

}  // namespace simpul::ui
