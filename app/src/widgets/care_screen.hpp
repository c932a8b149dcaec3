#pragma once
// The top the poli's care screens (screening, visit record) draw the same way: Esc to go back, the title, and
// in place of the form the reason there is none.
#include <string>
#include <string_view>

namespace simpul::widgets {

// Sets `back` when Esc is pressed (unless a popup is open: it takes Esc), draws `title`, then: when the
// screen is not `allowed` (the text of `not_allowed_key`) or could not load (`error_key` not empty, its
// text), that reason in red and a back button (which sets `back`), and returns false: the caller draws
// nothing more. True when the screen's own content follows.
bool care_screen_top(std::string_view title, const char* not_allowed_key, bool allowed,
                     const std::string& error_key, bool popup_open, bool& back);

}  // namespace simpul::widgets
