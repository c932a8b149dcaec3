#pragma once
// Private helpers of the screening files: numbers in and out of text.
#include <optional>
#include <string>
#include <string_view>

namespace simpul::screening::detail {

// A decimal number as typed: "27.5", "27,5" (Indonesian decimal comma), "-3", surrounding spaces
// ignored. nullopt for anything else (empty, "1e3", "abc", "nan", trailing junk).
std::optional<double> parse_number(std::string_view text);
// A whole number: "52". nullopt for anything else ("52.0", "52 tahun").
std::optional<int> parse_whole(std::string_view text);

// Up to one decimal, trailing ".0" dropped: 25 → "25", 27.5 → "27.5" (English), "27,5" (Indonesian).
std::string number_text_en(double value);
std::string number_text_id(double value);

}  // namespace simpul::screening::detail
