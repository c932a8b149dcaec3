#pragma once
// Private helpers shared by the rule files: small text utilities and the wording used by several rules.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"

namespace simpul::rules::detail {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool all_digits(std::string_view s);
std::string_view trim(std::string_view s);
// Value of a run of ASCII digits (the caller has checked them).
int digits_value(std::string_view digits);

// "15 Agustus 1985" / "15 August 1985".
std::string date_text_id(const Date& d);
std::string date_text_en(const Date& d);

// How a field is named in messages: "NIK" / "the NIK" is written as id + " ..." and "The " + en + " ...".
struct FieldLabel {
  std::string_view field;   // Finding::field, e.g. "kk_number"
  std::string_view prefix;  // code prefix, e.g. "kk"
  std::string_view id;      // "Nomor KK"
  std::string_view en;      // "KK number"
};

std::string code(const FieldLabel& label, std::string_view suffix);
Finding label_error(const FieldLabel& label, std::string_view suffix, std::string id, std::string en);

// Shape of a field made only of digits: "<prefix>.required", "<prefix>.not_digits" (says which character
// at which position) or "<prefix>.bad_length" (says how many digits were typed).
std::optional<Finding> check_digit_shape(std::string_view value, std::size_t min_len, std::size_t max_len,
                                         const FieldLabel& label);

}  // namespace simpul::rules::detail
