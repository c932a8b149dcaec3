#pragma once
// The widgets screens draw with. Thin wrappers over ImGui that (1) give every interactive item a stable id that
// does not change with the language and (2) report what they drew to the test probe. Screens use these instead
// of raw ImGui calls so tests can find, click and read them.
#include <optional>
#include <string>
#include <string_view>

#include "ui/imgui.hpp"

namespace simpul::ui {

// An interactive item's identity and its visible text. The id keeps focus/active state across language switches
// and is what tests usually address.
struct Label {
  const char* id;
  const char* text;
};
// The common case: the i18n key is the id, its translation the text.
Label t(const char* key);

bool button(Label label, ImVec2 size = ImVec2(0, 0));
// The one main action of a screen, drawn in the accent colour.
bool primary_button(Label label, ImVec2 size = ImVec2(0, 0));
// One of a set of mutually exclusive choices (language, poli): the selected one is drawn pressed.
bool choice_button(Label label, bool selected, ImVec2 size = ImVec2(0, 0));

struct InputOptions {
  bool password = false;
  const char* hint = nullptr;
  float width_em = 0.0f;       // 0: the current item width (PushItemWidth, ui::CenteredColumn)
  bool request_focus = false;  // take keyboard focus (the first field of a screen, once)
  bool keep_arrows = false;    // Up/Down stay with the field (a search box driving a list), no focus move
};
// A text field with its label drawn above it. Returns true when the value changed this frame.
bool input_text(Label label, std::string& value, const InputOptions& options = {});

void text(std::string_view s);
void text_muted(std::string_view s);
void text_bold(std::string_view s);
void title(std::string_view s);
// Red, for errors that need the user's action; nothing is drawn for an empty string.
void error_text(std::string_view s);
// A coloured line (status values: ok/warning/error colours from the palette).
void text_colored(const ImVec4& color, std::string_view s);

// A determinate bar for a fraction in 0..1, an animated one for std::nullopt.
void progress_bar(std::optional<float> fraction, std::string_view overlay, ImVec2 size);

}  // namespace simpul::ui
