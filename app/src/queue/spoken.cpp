#include "queue/spoken.hpp"

#include <array>
#include <cctype>

namespace simpul::queue_ui {
namespace {

constexpr std::array<const char*, 10> kDigits = {"nol",   "satu",  "dua",   "tiga",    "empat",
                                                 "lima",  "enam",  "tujuh", "delapan", "sembilan"};

void append(std::string& out, std::string_view word) {
  if (word.empty()) return;
  if (!out.empty()) out += ' ';
  out += word;
}

// 1 .. 999; nothing for 0 (the caller decides whether "nol" is said).
void below_thousand(std::string& out, int n) {
  const int hundreds = n / 100;
  const int rest = n % 100;
  if (hundreds == 1) append(out, "seratus");
  if (hundreds > 1) {
    append(out, kDigits[static_cast<std::size_t>(hundreds)]);
    append(out, "ratus");
  }
  if (rest == 0) return;
  if (rest < 10) {
    append(out, kDigits[static_cast<std::size_t>(rest)]);
  } else if (rest == 10) {
    append(out, "sepuluh");
  } else if (rest == 11) {
    append(out, "sebelas");
  } else if (rest < 20) {
    append(out, kDigits[static_cast<std::size_t>(rest - 10)]);
    append(out, "belas");
  } else {
    append(out, kDigits[static_cast<std::size_t>(rest / 10)]);
    append(out, "puluh");
    if (rest % 10 != 0) append(out, kDigits[static_cast<std::size_t>(rest % 10)]);
  }
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  return true;
}

bool all_letters(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (std::isalpha(static_cast<unsigned char>(c)) == 0) return false;
  return true;
}

}  // namespace

std::string indonesian_words(std::int64_t n) {
  if (n == 0) return kDigits[0];
  std::string out;
  if (n < 0) {
    out = "minus";
    n = -n;
  }
  n %= 1'000'000'000'000;
  struct Scale {
    std::int64_t value;
    const char* word;
  };
  // "seribu" (not "satu ribu") is the one scale word that takes the se- prefix.
  for (const Scale scale : {Scale{1'000'000'000, "miliar"}, Scale{1'000'000, "juta"}, Scale{1'000, "ribu"}}) {
    const int group = static_cast<int>(n / scale.value);
    n %= scale.value;
    if (group == 0) continue;
    if (group == 1 && scale.value == 1'000) {
      append(out, "seribu");
      continue;
    }
    below_thousand(out, group);
    append(out, scale.word);
  }
  below_thousand(out, static_cast<int>(n));
  return out;
}

std::string spoken_number(std::string_view number) {
  const auto dash = number.find('-');
  const std::string_view letters = dash == std::string_view::npos ? std::string_view() : number.substr(0, dash);
  const std::string_view digits = dash == std::string_view::npos ? number : number.substr(dash + 1);
  if (!all_digits(digits) || (dash != std::string_view::npos && !all_letters(letters)) || digits.size() > 12) {
    std::string out(number);
    for (char& c : out)
      if (c == '-') c = ' ';
    return out;
  }
  std::string out(letters);
  if (digits.front() == '0') {
    for (char c : digits) append(out, kDigits[static_cast<std::size_t>(c - '0')]);
    return out;
  }
  std::int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  append(out, indonesian_words(value));
  return out;
}

std::string call_announcement(std::string_view number, std::string_view poli_name) {
  std::string poli(poli_name);
  bool acronym = !poli.empty();
  for (char c : poli)
    if (std::islower(static_cast<unsigned char>(c)) != 0) acronym = false;
  if (!acronym)
    for (char& c : poli) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "Nomor antrean " + spoken_number(number) + ", silakan ke poli " + poli;
}

}  // namespace simpul::queue_ui
