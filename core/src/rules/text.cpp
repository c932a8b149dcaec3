#include "text.hpp"

#include <algorithm>
#include <array>

#include "simpul/core/rules/findings.hpp"

namespace simpul::rules::detail {
namespace {

constexpr std::array<const char*, 12> kMonthsId{"Januari",   "Februari", "Maret",    "April",
                                                "Mei",       "Juni",     "Juli",     "Agustus",
                                                "September", "Oktober",  "November", "Desember"};
constexpr std::array<const char*, 12> kMonthsEn{"January",   "February", "March",    "April",
                                                "May",       "June",     "July",     "August",
                                                "September", "October",  "November", "December"};

std::string date_text(const Date& d, const std::array<const char*, 12>& months) {
  if (d.month < 1 || d.month > 12) return d.iso();
  return std::to_string(d.day) + " " + months[static_cast<std::size_t>(d.month - 1)] + " " +
         std::to_string(d.year);
}

// Names the offending character so the user can find it: "spasi" / "a space", "'A'", or "karakter lain".
std::string char_text_id(char c) {
  if (c == ' ') return "spasi";
  if (c > ' ' && c < 127) return std::string("karakter '") + c + "'";
  return "karakter yang tidak dikenal";
}
std::string char_text_en(char c) {
  if (c == ' ') return "a space";
  if (c > ' ' && c < 127) return std::string("the character '") + c + "'";
  return "an unexpected character";
}

std::string digits_wanted_id(std::size_t min_len, std::size_t max_len) {
  return min_len == max_len ? std::to_string(min_len) + " digit"
                            : std::to_string(min_len) + "–" + std::to_string(max_len) + " digit";
}
std::string digits_wanted_en(std::size_t min_len, std::size_t max_len) {
  return min_len == max_len ? std::to_string(min_len) + " digits"
                            : std::to_string(min_len) + " to " + std::to_string(max_len) + " digits";
}

}  // namespace

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), is_digit);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

int digits_value(std::string_view digits) {
  int v = 0;
  for (const char c : digits) v = v * 10 + (c - '0');
  return v;
}

std::string date_text_id(const Date& d) {
  return date_text(d, kMonthsId);
}
std::string date_text_en(const Date& d) {
  return date_text(d, kMonthsEn);
}

std::string code(const FieldLabel& label, std::string_view suffix) {
  return std::string(label.prefix) + "." + std::string(suffix);
}

Finding label_error(const FieldLabel& label, std::string_view suffix, std::string id, std::string en) {
  return error_finding(std::string(label.field), code(label, suffix), std::move(id), std::move(en));
}

std::optional<Finding> check_digit_shape(std::string_view value, std::size_t min_len, std::size_t max_len,
                                         const FieldLabel& label) {
  const std::string id(label.id);
  const std::string en(label.en);
  if (value.empty()) {
    return label_error(label, "required", id + " wajib diisi.", "The " + en + " is required.");
  }
  if (const auto bad = std::find_if_not(value.begin(), value.end(), is_digit); bad != value.end()) {
    const auto position = std::to_string(bad - value.begin() + 1);
    return label_error(label, "not_digits",
                       id + " hanya boleh berisi angka, tetapi ada " + char_text_id(*bad) + " di posisi " +
                           position + ". Mohon hapus atau perbaiki.",
                       "The " + en + " may contain digits only, but there is " + char_text_en(*bad) +
                           " at position " + position + ". Please remove or correct it.");
  }
  if (value.size() < min_len || value.size() > max_len) {
    const auto typed = std::to_string(value.size());
    return label_error(label, "bad_length",
                       id + " harus " + digits_wanted_id(min_len, max_len) + ", tetapi yang diketik " +
                           typed + " digit. Mohon periksa kembali.",
                       "The " + en + " must have " + digits_wanted_en(min_len, max_len) + ", but " + typed +
                           (value.size() == 1 ? " digit was" : " digits were") + " typed. Please check it.");
  }
  return std::nullopt;
}

}  // namespace simpul::rules::detail
