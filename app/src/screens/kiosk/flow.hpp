#pragma once
// The kiosk's input rules, pure: what the digits typed or scanned are, and the birth date being entered on big
// buttons or typed as DDMMYYYY. The screen's steps live in model.hpp; the controller applies them.
#include <optional>
#include <string>
#include <string_view>

#include "simpul/core/date.hpp"

namespace simpul::screens::kiosk {

inline constexpr std::size_t kNikDigits = 16;
inline constexpr std::size_t kCardDigits = 13;
inline constexpr std::size_t kMaxIdDigits = kNikDigits;
inline constexpr int kMaxBirthDateAttempts = 3;  // then the person is sent to the desk

enum class IdKind { nik, card, invalid };
// 16 digits: a NIK; 13 digits: a JKN card number (leading zeros count); anything else: invalid.
IdKind classify_id(std::string_view digits);

// Digits from a keypad press or a scanner's keystrokes, appended while they fit (at most kMaxIdDigits).
void append_digits(std::string& id, std::string_view typed);

// "3204 1234 5678 0001": groups of four, for reading back what was typed.
std::string group_digits(std::string_view digits);

// The birth date being entered. Digits go to the active part (day, then month, then year) and move on when the part
// is full; a big button sets the active part at once and moves on.
struct BirthDateForm {
  enum class Part { day, month, year };
  std::string day;    // up to 2 digits
  std::string month;  // up to 2 digits
  std::string year;   // up to 4 digits
  Part active = Part::day;
  int decade = 0;     // the year picker's chosen decade (1950 for 1950-1959), 0 before one is chosen

  void type(char digit);
  void backspace();
  void pick_day(int day);
  void pick_month(int month);
  void pick_year(int year);
  void pick_decade(int decade_start) { decade = decade_start; }
  void clear() { *this = BirthDateForm{}; }
  bool complete() const { return day.size() == 2 && month.size() == 2 && year.size() == 4; }
  // The date when complete and real (31-02 is not), else nullopt.
  std::optional<Date> date() const;
};

}  // namespace simpul::screens::kiosk
