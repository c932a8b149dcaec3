#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/pacing.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"

namespace simpul::ui {
namespace {

// "text###id": ImGui shows the text and hashes only the id. Labels longer than the buffer are cut, never the id.
class ImGuiLabel {
 public:
  explicit ImGuiLabel(Label label) {
    std::snprintf(buf_, sizeof buf_, "%.*s###%s", kTextRoom, label.text, label.id);
  }
  const char* c_str() const { return buf_; }

 private:
  static constexpr int kTextRoom = 160;
  char buf_[256];
};

void text_impl(std::string_view s) {
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  probe::record(probe::Kind::text, {}, s);
}

}  // namespace

Label t(const char* key) { return Label{key, tr(key)}; }

bool button(Label label, ImVec2 size) {
  const bool pressed = ImGui::Button(ImGuiLabel(label).c_str(), size);
  probe::record(probe::Kind::button, label.id, label.text);
  return pressed;
}

bool primary_button(Label label, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_Button, palette::kAccent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette::kAccentHover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette::kAccentActive);
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kOnAccent);
  ImGui::PushStyleColor(ImGuiCol_Border, palette::kAccentActive);
  const bool pressed = button(label, size);
  ImGui::PopStyleColor(5);
  return pressed;
}

bool choice_button(Label label, bool selected, ImVec2 size) {
  if (!selected) return button(label, size);
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_HeaderActive));
  ImGui::PushStyleColor(ImGuiCol_Border, palette::kAccent);
  const bool pressed = button(label, size);
  ImGui::PopStyleColor(2);
  return pressed;
}

bool input_text(Label label, std::string& value, const InputOptions& options) {
  ImGui::PushID(label.id);
  text_impl(label.text);
  if (options.width_em > 0.0f) ImGui::SetNextItemWidth(em(options.width_em));
  if (options.request_focus) ImGui::SetKeyboardFocusHere();
  ImGuiInputTextFlags flags = ImGuiInputTextFlags_None;
  if (options.password) flags |= ImGuiInputTextFlags_Password;
  // With a history callback ImGui claims Up/Down for the field; the callback itself does nothing.
  if (options.keep_arrows) flags |= ImGuiInputTextFlags_CallbackHistory;
  auto ignore = [](ImGuiInputTextCallbackData*) { return 0; };
  const bool changed = options.hint != nullptr
                           ? ImGui::InputTextWithHint("##field", options.hint, &value, flags, ignore)
                           : ImGui::InputText("##field", &value, flags, ignore);
  if (ImGui::IsItemActive()) {
    // A clear focus ring: at a kiosk, where the typing goes must be obvious at a glance.
    const float rounding = ImGui::GetStyle().FrameRounding;
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                        ImGui::GetColorU32(palette::kAccent), rounding, 0, em(0.12f));
  }
  ImGui::PopID();
  if (probe::g_listener != nullptr) {
    // What is on screen: a password shows one bullet per character, never the characters.
    const std::string shown = options.password ? std::string(value.size(), '*') : value;
    probe::record(probe::Kind::input, label.id, label.text, shown);
  }
  return changed;
}

void text(std::string_view s) { text_impl(s); }

void text_muted(std::string_view s) { text_colored(palette::kTextMuted, s); }

void text_bold(std::string_view s) {
  ImGui::PushFont(current_fonts().bold);
  text_impl(s);
  ImGui::PopFont();
}

void title(std::string_view s) {
  ImGui::PushFont(current_fonts().title);
  text_impl(s);
  ImGui::PopFont();
}

void error_text(std::string_view s) {
  if (s.empty()) return;
  text_colored(palette::kError, s);
}

void text_colored(const ImVec4& color, std::string_view s) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text_impl(s);
  ImGui::PopStyleColor();
}

void progress_bar(std::optional<float> fraction, std::string_view overlay, ImVec2 size) {
  const std::string overlay_text(overlay);
  if (fraction) {
    ImGui::ProgressBar(std::clamp(*fraction, 0.0f, 1.0f), size, overlay_text.c_str());
  } else {
    // Indeterminate: a short block sliding back and forth. ProgressBar has no such mode, so draw it.
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = size.x > 0.0f ? size.x : ImGui::GetContentRegionAvail().x;
    const float height = size.y > 0.0f ? size.y : ImGui::GetFrameHeight();
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    draw->AddRectFilled(pos, pos + ImVec2(width, height), ImGui::GetColorU32(ImGuiCol_FrameBg), rounding);
    const float block = width * 0.3f;
    const float phase = static_cast<float>(std::fmod(ImGui::GetTime() * 0.8, 2.0));
    const float x = (phase < 1.0f ? phase : 2.0f - phase) * (width - block);
    draw->AddRectFilled(pos + ImVec2(x, 0), pos + ImVec2(x + block, height),
                        ImGui::GetColorU32(ImGuiCol_PlotHistogram), rounding);
    draw->AddRect(pos, pos + ImVec2(width, height), ImGui::GetColorU32(ImGuiCol_Border), rounding);
    if (!overlay.empty()) {
      const ImVec2 text_size = ImGui::CalcTextSize(overlay.data(), overlay.data() + overlay.size());
      draw->AddText(pos + ImVec2((width - text_size.x) * 0.5f, (height - text_size.y) * 0.5f),
                    ImGui::GetColorU32(ImGuiCol_Text), overlay.data(), overlay.data() + overlay.size());
    }
    request_animation_frame();
  }
  probe::record(probe::Kind::progress, {}, overlay);
}

}  // namespace simpul::ui
