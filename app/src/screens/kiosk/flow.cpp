#include "screens/kiosk/flow.hpp"

#include <cctype>
#include <cstdio>

namespace simpul::screens::kiosk {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  return true;
}

std::string two_digits(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

}  // namespace

IdKind classify_id(std::string_view digits) {
  if (!all_digits(digits)) return IdKind::invalid;
  if (digits.size() == kNikDigits) return IdKind::nik;
  if (digits.size() == kCardDigits) return IdKind::card;
  return IdKind::invalid;
}

void append_digits(std::string& id, std::string_view typed) {
  for (char c : typed)
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 && id.size() < kMaxIdDigits) id += c;
}

std::string group_digits(std::string_view digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

void BirthDateForm::type(char digit) {
  if (std::isdigit(static_cast<unsigned char>(digit)) == 0) return;
  switch (active) {
    case Part::day:
      day += digit;
      if (day.size() == 2) active = Part::month;
      break;
    case Part::month:
      month += digit;
      if (month.size() == 2) active = Part::year;
      break;
    case Part::year:
      if (year.size() < 4) year += digit;
      break;
  }
}

void BirthDateForm::backspace() {
  auto drop = [](std::string& s) {
    if (!s.empty()) s.pop_back();
  };
  switch (active) {
    case Part::year:
      if (year.empty()) {
        active = Part::month;
        drop(month);
      } else {
        drop(year);
      }
      break;
    case Part::month:
      if (month.empty()) {
        active = Part::day;
        drop(day);
      } else {
        drop(month);
      }
      break;
    case Part::day:
      drop(day);
      break;
  }
}

void BirthDateForm::pick_day(int d) {
  day = two_digits(d);
  active = Part::month;
}

void BirthDateForm::pick_month(int m) {
  month = two_digits(m);
  active = Part::year;
}

void BirthDateForm::pick_year(int y) {
  year = std::to_string(y);
  decade = y - y % 10;
}

std::optional<Date> BirthDateForm::date() const {
  if (!complete()) return std::nullopt;
  const Date d{std::stoi(year), std::stoi(month), std::stoi(day)};
  if (!d.valid()) return std::nullopt;
  return d;
}

}  // namespace simpul::screens::kiosk
