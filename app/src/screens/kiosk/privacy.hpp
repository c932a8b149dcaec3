#pragma once
// What a public kiosk may show of a person: enough for them to recognise themself, not enough for the next person
// in line to learn anything. Pure text functions.
#include <string>
#include <string_view>

namespace simpul::screens::kiosk {

// The first four and last four digits, the rest as '*': "3204123456780001" -> "3204********0001",
// "0001234567890" -> "0001*****7890". Eight characters or fewer are masked entirely.
std::string mask_id(std::string_view digits);

// The first name and the next word's initial: "Siti Nurhaliza binti Ahmad" -> "Siti N.", "Budi" -> "Budi".
// Extra spaces are ignored; an empty name stays empty.
std::string short_name(std::string_view name);

}  // namespace simpul::screens::kiosk
