#include "widgets/number_text.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "ui/i18n.hpp"

namespace simpul::widgets {

std::optional<double> parse_decimal(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty() || text == "." || std::count(text.begin(), text.end(), '.') > 1) return std::nullopt;
  for (char c : text)
    if ((c < '0' || c > '9') && c != '.') return std::nullopt;
  return std::strtod(text.c_str(), nullptr);
}

std::string one_decimal(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  std::string s = buf;
  if (i18n::language() != "en") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

}  // namespace simpul::widgets
