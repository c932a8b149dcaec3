#pragma once
// Civil (proleptic Gregorian) dates without time zones: birth dates, visit days, queue days.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simpul {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;

  static bool is_leap(int year);
  static int days_in_month(int year, int month);
  bool valid() const;

  // Days since 1970-01-01 (may be negative).
  std::int64_t to_days() const;
  static Date from_days(std::int64_t days);
  // From epoch milliseconds, in a fixed UTC offset (Indonesia: WIB +7, WITA +8, WIT +9).
  static Date from_epoch_ms(std::int64_t ms, int utc_offset_minutes = 7 * 60);

  // "YYYY-MM-DD"; nullopt when malformed or not a real day.
  static std::optional<Date> parse(std::string_view iso);
  std::string iso() const;

  Date add_days(std::int64_t n) const { return from_days(to_days() + n); }
  // Adds calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb).
  Date add_months(int n) const;
  // Whole years from this date to `on` (age on a given day).
  int years_until(const Date& on) const;
};

}  // namespace simpul
