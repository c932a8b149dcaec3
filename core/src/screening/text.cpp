#include "text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

namespace simpul::screening::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string number_text(double value, char decimal_mark) {
  const double tenths = std::round(value * 10.0);
  const auto whole = static_cast<std::int64_t>(tenths / 10.0);
  const auto fraction = static_cast<std::int64_t>(std::fabs(tenths - static_cast<double>(whole) * 10.0));
  std::string out = (tenths < 0 && whole == 0 ? "-" : "") + std::to_string(whole);
  if (fraction != 0) {
    out += decimal_mark;
    out += std::to_string(fraction);
  }
  return out;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  std::string s(trim(text));
  if (s.empty()) return std::nullopt;
  for (char& c : s) {
    if (c == ',') c = '.';
    const bool allowed = (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!allowed) return std::nullopt;  // no exponents, no "nan"/"inf", no units
  }
  double value = 0;
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, value, std::chars_format::fixed);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int> parse_whole(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  int value = 0;
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::string number_text_en(double value) {
  return number_text(value, '.');
}

std::string number_text_id(double value) {
  return number_text(value, ',');
}

}  // namespace simpul::screening::detail
