#pragma once
// Numbers as clinicians type and read them (no ImGui): a comma or a point for decimals.
#include <optional>
#include <string>

namespace simpul::widgets {

// "72,5", "72.5", " 72 " -> the number; nullopt when not a plain non-negative decimal (blank included).
std::optional<double> parse_decimal(std::string text);

// One decimal, with a comma in Bahasa Indonesia and a point in English (the current UI language): "25,4".
std::string one_decimal(double value);

}  // namespace simpul::widgets
