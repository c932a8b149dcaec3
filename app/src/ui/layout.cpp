#include "ui/layout.hpp"

#include <algorithm>
#include <cmath>

#include "ui/em.hpp"

namespace simpul::ui {

bool begin_area(const char* id, ImVec2 pos, ImVec2 size, const ImVec4& background, ImVec2 padding,
                ImGuiWindowFlags extra_flags) {
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
  const bool visible = ImGui::Begin(id, nullptr, kFlags | extra_flags);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  return visible;
}

void end_area() { ImGui::End(); }

CenteredColumn::CenteredColumn(float max_width_em) {
  const float avail = ImGui::GetContentRegionAvail().x;
  width_ = std::min(avail, em(max_width_em));
  indent_ = std::max(0.0f, (avail - width_) * 0.5f);
  if (indent_ > 0.0f) ImGui::Indent(indent_);
  ImGui::PushItemWidth(width_);
}

CenteredColumn::~CenteredColumn() {
  ImGui::PopItemWidth();
  if (indent_ > 0.0f) ImGui::Unindent(indent_);
}

void CenteredColumn::separator() const {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float y = pos.y + std::floor(ImGui::GetStyle().ItemSpacing.y * 0.5f);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + width_, y),
                                      ImGui::GetColorU32(ImGuiCol_Separator));
  ImGui::Dummy(ImVec2(width_, ImGui::GetStyle().ItemSpacing.y));
}

void gap(float n_em) { ImGui::Dummy(ImVec2(0.0f, em(n_em))); }

}  // namespace simpul::ui
