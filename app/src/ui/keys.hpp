#pragma once
// Keyboard handling in one place. Dear ImGui 1.86 predates the 1.87 input API: keys are indices into
// io.KeysDown chosen by the platform backend (GLFW key codes), reached through io.KeyMap[ImGuiKey_*].
// Everything else in the app asks this file ("was submit pressed?") instead of touching key codes, so moving to
// io.AddKeyEvent() later changes only this file.
#include "ui/imgui.hpp"

namespace simpul::ui {

// The keys the app gives meaning to. Enter submits, Esc goes back, Tab moves between fields (ImGui's own).
enum class Key { enter, keypad_enter, escape, tab, backspace, space, up, down, left, right };

// Keyboard navigation on (arrows move, Space activates), so a desk can run without a mouse.
void enable_keyboard_navigation(ImGuiIO& io);

// The key went down this frame (or auto-repeats while held, with `repeat`): Up/Down moving through a list.
bool key_pressed(Key key, bool repeat = true);

// Enter (or keypad Enter) went down this frame.
bool submit_pressed();
// Esc went down this frame and no widget was being edited: Esc inside a text field first just leaves the field.
bool back_pressed();

// For hosts without a platform backend (the headless harness): a key map where ImGuiKey_X is index X.
void install_identity_keymap(ImGuiIO& io);
// Drives a key as the platform backend would (1.86: io.KeysDown[io.KeyMap[key]]).
void set_key_down(ImGuiIO& io, Key key, bool down);

}  // namespace simpul::ui
