#pragma once
// Contact details: Indonesian mobile phone numbers and e-mail addresses.
#include <string>
#include <string_view>

#include "simpul/core/message.hpp"
#include "simpul/core/result.hpp"

namespace simpul::rules {

// Accepts "08…", "628…" and "+628…", with spaces, dashes or dots between digits, and returns the
// canonical "+628…". The national form (08…) must have 10 to 13 digits. Landlines and foreign numbers
// are refused with a code such as "phone.not_mobile".
Result<std::string> normalize_phone(std::string_view phone);
Findings check_phone(std::string_view phone);

// A practical e-mail check (not RFC 5322 complete): surrounding spaces are ignored, at most 254
// characters, one '@', a plain local part and a dotted domain with a top-level part of 2+ letters.
Result<std::string> normalize_email(std::string_view email);  // trimmed, domain in lower case
Findings check_email(std::string_view email);

}  // namespace simpul::rules
