#pragma once
// The kiosk's numeric keypad: ten digits, "Hapus" and "OK" on large buttons, plus whatever a USB barcode scanner or
// keyboard types (digits, then Enter). Drawn from the kiosk's view only.
#include <string>

namespace simpul::screens::kiosk {

struct KeypadInput {
  std::string digits;      // digits pressed or typed this frame, in order
  bool backspace = false;  // "Hapus"
  bool ok = false;         // "OK", Enter or keypad Enter
};

// A 3 x 4 keypad `width` wide (buttons ids "kiosk.key.0" ... "kiosk.key.9", "kiosk.key.back", "kiosk.key.ok").
// `ok_enabled` greys out OK (Enter is ignored too).
KeypadInput keypad(float width, bool ok_enabled = true);
// Only the keyboard / scanner part, for steps without an on-screen keypad.
KeypadInput typed_input();

}  // namespace simpul::screens::kiosk
