#include "ui/keys.hpp"

namespace simpul::ui {
namespace {

ImGuiKey to_imgui(Key key) {
  switch (key) {
    case Key::enter: return ImGuiKey_Enter;
    case Key::keypad_enter: return ImGuiKey_KeyPadEnter;
    case Key::escape: return ImGuiKey_Escape;
    case Key::tab: return ImGuiKey_Tab;
    case Key::backspace: return ImGuiKey_Backspace;
    case Key::space: return ImGuiKey_Space;
    case Key::up: return ImGuiKey_UpArrow;
    case Key::down: return ImGuiKey_DownArrow;
    case Key::left: return ImGuiKey_LeftArrow;
    case Key::right: return ImGuiKey_RightArrow;
  }
  return ImGuiKey_Escape;
}

bool pressed(Key key) { return key_pressed(key, false); }

}  // namespace

bool key_pressed(Key key, bool repeat) {
  const int index = ImGui::GetKeyIndex(to_imgui(key));
  return index >= 0 && ImGui::IsKeyPressed(index, repeat);
}

void enable_keyboard_navigation(ImGuiIO& io) { io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard; }

bool submit_pressed() { return pressed(Key::enter) || pressed(Key::keypad_enter); }

bool back_pressed() {
  // The previous frame's active id: by the time a screen asks, the text field that consumed this Esc has already
  // deactivated itself in the current frame.
  return pressed(Key::escape) && ImGui::GetCurrentContext()->ActiveIdPreviousFrame == 0;
}

void install_identity_keymap(ImGuiIO& io) {
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
}

void set_key_down(ImGuiIO& io, Key key, bool down) {
  const int index = io.KeyMap[to_imgui(key)];
  if (index >= 0 && index < IM_ARRAYSIZE(io.KeysDown)) io.KeysDown[index] = down;
}

}  // namespace simpul::ui
