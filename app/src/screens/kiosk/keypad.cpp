#include "screens/kiosk/keypad.hpp"

#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::kiosk {

KeypadInput typed_input() {
  KeypadInput input;
  const ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    const ImWchar c = io.InputQueueCharacters[i];
    if (c >= '0' && c <= '9') input.digits += static_cast<char>(c);
  }
  input.ok = ui::submit_pressed();
  return input;
}

KeypadInput keypad(float width, bool ok_enabled) {
  KeypadInput input = typed_input();
  if (!ok_enabled) input.ok = false;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 key((width - 2 * spacing) / 3.0f, ui::em(2.8f));
  static const char* const kIds[] = {"kiosk.key.1", "kiosk.key.2", "kiosk.key.3", "kiosk.key.4", "kiosk.key.5",
                                     "kiosk.key.6", "kiosk.key.7", "kiosk.key.8", "kiosk.key.9"};
  ImGui::PushFont(ui::current_fonts().title);
  for (int i = 0; i < 9; ++i) {
    if (i % 3 != 0) ImGui::SameLine();
    const char text[2] = {static_cast<char>('1' + i), '\0'};
    if (ui::button(ui::Label{kIds[i], text}, key)) input.digits += text[0];
  }
  if (ui::button(ui::t("kiosk.key.back"), key)) input.backspace = true;
  ImGui::SameLine();
  if (ui::button(ui::Label{"kiosk.key.0", "0"}, key)) input.digits += '0';
  ImGui::SameLine();
  ImGui::BeginDisabled(!ok_enabled);
  if (ui::primary_button(ui::t("kiosk.key.ok"), key) && ok_enabled) input.ok = true;
  ImGui::EndDisabled();
  ImGui::PopFont();
  return input;
}

}  // namespace simpul::screens::kiosk
