#pragma once
// A set of mutually exclusive choices drawn as buttons that wrap onto the next line when the column is too
// narrow (a category, a facility type, a service). Each button's id and i18n key is `<prefix><code>` ("all"
// for the empty code); the chosen one is drawn pressed.
#include <string>
#include <vector>

namespace simpul::widgets {

// Returns true when the user picked a different code this frame (`chosen` is then updated).
// `height_em` > 0: buttons that tall (a touch screen).
bool choice_row(const char* prefix, const std::vector<std::string>& codes, std::string& chosen,
                float height_em = 0.0f);

}  // namespace simpul::widgets
