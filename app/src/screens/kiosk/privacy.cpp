#include "screens/kiosk/privacy.hpp"

#include <vector>

namespace simpul::screens::kiosk {

std::string mask_id(std::string_view digits) {
  constexpr std::size_t kShown = 4;
  if (digits.size() <= 2 * kShown) return std::string(digits.size(), '*');
  std::string out(digits);
  for (std::size_t i = kShown; i + kShown < out.size(); ++i) out[i] = '*';
  return out;
}

std::string short_name(std::string_view name) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < name.size() && name[i] != ' ') ++i;
    if (i > start) words.push_back(name.substr(start, i - start));
  }
  if (words.empty()) return {};
  std::string out(words[0]);
  if (words.size() > 1) {
    // The initial is one UTF-8 character, however many bytes it takes.
    const std::string_view next = words[1];
    std::size_t len = 1;
    while (len < next.size() && (static_cast<unsigned char>(next[len]) & 0xC0) == 0x80) ++len;
    out += ' ';
    out += next.substr(0, len);
    out += '.';
  }
  return out;
}

}  // namespace simpul::screens::kiosk
