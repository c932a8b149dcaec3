#include "context/format.hpp"

#include <array>
#include <cstdio>

#include "ui/i18n.hpp"

namespace simpul::context {

std::string format_date(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", date.day, date.month, date.year);
  return buf;
}

std::string format_date(const std::optional<Date>& date) { return date ? format_date(*date) : std::string(); }

std::string format_iso_date(std::string_view iso) {
  if (auto date = Date::parse(iso.substr(0, std::min<std::size_t>(iso.size(), 10)))) return format_date(*date);
  return std::string(iso);
}

std::string format_rupiah(std::int64_t amount) {
  const bool negative = amount < 0;
  std::string digits = std::to_string(negative ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return std::string(negative ? "-Rp" : "Rp") + out;
}

std::string mask_nik(std::string_view nik) {
  if (nik.size() != 16) return std::string(nik.size(), '*');
  return std::string(nik.substr(0, 6)) + "******" + std::string(nik.substr(12));
}

std::string format_period(std::string_view period) {
  if (period.size() < 7) return std::string(period);
  const int month = (period[5] - '0') * 10 + (period[6] - '0');
  if (month < 1 || month > 12) return std::string(period);
  const std::string key = "month." + std::to_string(month);
  return std::string(tr(key.c_str())) + " " + std::string(period.substr(0, 4));
}

}  // namespace simpul::context
