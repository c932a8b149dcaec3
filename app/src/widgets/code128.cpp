#include "widgets/code128.hpp"

#include <array>
#include <cstddef>

namespace simpul::widgets {
namespace {

// Bar/space widths of symbol values 0..105 (6 runs of 11 modules each); 106 is the stop (7 runs, 13 modules).
constexpr std::array<const char*, 107> kPatterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
};

constexpr int kCodeB = 100;
constexpr int kStartB = 104;
constexpr int kStartC = 105;
constexpr int kStop = 106;

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<std::vector<int>> code128_symbols(std::string_view text) {
  if (text.empty()) return std::nullopt;
  for (char c : text)
    if (c < 32 || c > 126) return std::nullopt;
  std::vector<int> symbols;
  if (all_digits(text) && text.size() >= 2) {
    symbols.push_back(kStartC);
    std::size_t i = 0;
    for (; i + 1 < text.size(); i += 2) symbols.push_back((text[i] - '0') * 10 + (text[i + 1] - '0'));
    if (i < text.size()) {
      symbols.push_back(kCodeB);
      symbols.push_back(text[i] - 32);
    }
  } else {
    symbols.push_back(kStartB);
    for (char c : text) symbols.push_back(c - 32);
  }
  // Check symbol: the start value plus each data value times its position, modulo 103.
  long sum = symbols.front();
  for (std::size_t i = 1; i < symbols.size(); ++i) sum += static_cast<long>(i) * symbols[i];
  symbols.push_back(static_cast<int>(sum % 103));
  symbols.push_back(kStop);
  return symbols;
}

std::optional<std::vector<std::uint8_t>> code128_runs(std::string_view text) {
  auto symbols = code128_symbols(text);
  if (!symbols) return std::nullopt;
  std::vector<std::uint8_t> runs;
  for (int symbol : *symbols)
    for (const char* p = kPatterns[static_cast<std::size_t>(symbol)]; *p != '\0'; ++p)
      runs.push_back(static_cast<std::uint8_t>(*p - '0'));
  return runs;
}

}  // namespace simpul::widgets
