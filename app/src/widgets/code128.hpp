#pragma once
// Code 128 barcodes, drawn by us (no library): the card number under the digital JKN card.
// Digits use code set C (two per symbol), with a switch to set B for an odd last digit; other printable
// ASCII uses set B. The result is the run widths in modules, starting with a bar and alternating
// bar/space, without quiet zones (leave 10 modules white on each side).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace simpul::widgets {

// nullopt when `text` is empty or holds a character outside ASCII 32..126.
std::optional<std::vector<std::uint8_t>> code128_runs(std::string_view text);

// The symbol values (start, data, check, stop) that code128_runs draws: for tests.
std::optional<std::vector<int>> code128_symbols(std::string_view text);

}  // namespace simpul::widgets
