#include "simpul/core/rules/contact.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>

#include "simpul/core/rules/findings.hpp"
#include "text.hpp"

namespace simpul::rules {
namespace {

// ---- phone ----

constexpr std::size_t kMobileMinDigits = 10;  // national form, 08…
constexpr std::size_t kMobileMaxDigits = 13;

bool is_phone_separator(char c) {
  return c == ' ' || c == '-' || c == '.';
}

Finding phone_error(std::string code, std::string id, std::string en) {
  return error_finding("phone", std::move(code), std::move(id), std::move(en));
}

// On success `canonical` holds "+628…".
std::optional<Finding> parse_phone(std::string_view in, std::string& canonical) {
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (detail::is_digit(c)) {
      digits.push_back(c);
    } else if (c == '+' && !plus && digits.empty()) {
      plus = true;
    } else if (!is_phone_separator(c)) {
      const auto position = std::to_string(i + 1);
      return phone_error(
          "phone.invalid_characters",
          "Nomor HP hanya boleh berisi angka (boleh diawali +, dan dipisah spasi, tanda hubung atau "
          "titik), tetapi ada karakter lain di posisi " +
              position + ". Mohon perbaiki.",
          "A mobile number may contain only digits (optionally starting with +, separated by spaces, "
          "dashes or dots), but there is another character at position " +
              position + ". Please correct it.");
    }
  }
  if (digits.empty()) {
    return phone_error("phone.required", "Nomor HP wajib diisi.", "The mobile number is required.");
  }
  const bool country_code = digits.rfind("62", 0) == 0;
  if (plus && !country_code) {
    return phone_error(
        "phone.not_indonesian",
        "Hanya nomor HP Indonesia (+62) yang bisa dipakai. Mohon isi nomor yang diawali 08 atau +628.",
        "Only Indonesian mobile numbers (+62) can be used. Please enter a number starting with 08 "
        "or +628.");
  }
  std::string national;
  if (country_code) {
    national = "0" + digits.substr(2);
  } else if (digits.front() == '0') {
    national = digits;
  } else {
    return phone_error("phone.bad_prefix",
                       "Nomor HP harus diawali 08, 628 atau +628. Mohon periksa angka pertamanya.",
                       "A mobile number must start with 08, 628 or +628. Please check the first digits.");
  }
  if (country_code && national.rfind("00", 0) == 0) {
    return phone_error("phone.extra_zero",
                       "Setelah kode negara 62, angka 0 tidak ditulis lagi: tulis +62 812…, bukan +62 0812…",
                       "After the country code 62 the leading 0 is dropped: write +62 812…, not +62 0812…");
  }
  if (national.size() < 2 || national[1] != '8') {
    return phone_error(
        "phone.not_mobile",
        "Nomor ini bukan nomor HP: nomor HP Indonesia diawali 08 (atau +628). Nomor telepon rumah "
        "atau kantor tidak bisa dipakai.",
        "This is not a mobile number: Indonesian mobile numbers start with 08 (or +628). Landline "
        "numbers cannot be used.");
  }
  if (national.size() < kMobileMinDigits || national.size() > kMobileMaxDigits) {
    const auto typed = std::to_string(national.size());
    return phone_error(
        "phone.bad_length",
        "Nomor HP harus 10–13 digit bila ditulis dengan awalan 08, tetapi nomor ini " + typed +
            " digit. Mohon periksa kembali.",
        "A mobile number must have 10 to 13 digits when written with the leading 08, but this one "
        "has " +
            typed + ". Please check it.");
  }
  canonical = "+62" + national.substr(1);
  return std::nullopt;
}

// ---- e-mail ----

constexpr std::size_t kEmailMaxLength = 254;
constexpr std::size_t kLocalMaxLength = 64;
constexpr std::size_t kDomainLabelMaxLength = 63;

Finding email_error(std::string code, std::string id, std::string en) {
  return error_finding("email", std::move(code), std::move(id), std::move(en));
}

bool is_alnum(char c) {
  return detail::is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool local_part_ok(std::string_view local) {
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-.";
  if (local.empty() || local.size() > kLocalMaxLength) return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  return std::all_of(local.begin(), local.end(),
                     [](char c) { return is_alnum(c) || kSpecials.find(c) != std::string_view::npos; });
}

bool domain_ok(std::string_view domain) {
  std::size_t labels = 0;
  std::string_view last;
  while (true) {
    const std::size_t dot = domain.find('.');
    const std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > kDomainLabelMaxLength || label.front() == '-' ||
        label.back() == '-') {
      return false;
    }
    if (!std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; }))
      return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  return labels >= 2 && last.size() >= 2 && std::all_of(last.begin(), last.end(), is_alpha);
}

std::optional<Finding> email_problem(std::string_view email) {
  if (email.empty())
    return email_error("email.required", "Alamat email wajib diisi.", "The e-mail address is required.");
  if (email.size() > kEmailMaxLength) {
    const auto typed = std::to_string(email.size());
    return email_error("email.too_long",
                       "Alamat email terlalu panjang (" + typed + " karakter); maksimal 254 karakter.",
                       "The e-mail address is too long (" + typed + " characters); at most 254 are allowed.");
  }
  if (std::any_of(email.begin(), email.end(), detail::is_space)) {
    return email_error("email.has_space", "Alamat email tidak boleh berisi spasi. Mohon hapus spasinya.",
                       "An e-mail address cannot contain spaces. Please remove them.");
  }
  const auto ats = std::count(email.begin(), email.end(), '@');
  if (ats != 1) {
    return email_error(ats == 0 ? "email.missing_at" : "email.too_many_at",
                       "Alamat email harus berisi tepat satu tanda @, contoh: nama@contoh.com.",
                       "An e-mail address must contain exactly one @, for example name@example.com.");
  }
  const std::size_t at = email.find('@');
  if (!local_part_ok(email.substr(0, at))) {
    return email_error(
        "email.bad_local_part",
        "Bagian sebelum @ tidak valid: gunakan huruf, angka, atau tanda . _ - + (titik tidak boleh "
        "di awal, di akhir, atau berurutan).",
        "The part before the @ is not valid: use letters, digits or . _ - + (a dot cannot come "
        "first, last or twice in a row).");
  }
  if (!domain_ok(email.substr(at + 1))) {
    return email_error("email.bad_domain",
                       "Bagian setelah @ harus nama domain, contoh: gmail.com atau contoh.co.id.",
                       "The part after the @ must be a domain name, for example gmail.com or example.co.id.");
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> normalize_phone(std::string_view phone) {
  std::string canonical;
  if (auto problem = parse_phone(phone, canonical)) return to_error(*problem);
  return canonical;
}

Findings check_phone(std::string_view phone) {
  std::string canonical;
  Findings out;
  if (auto problem = parse_phone(phone, canonical)) out.push_back(std::move(*problem));
  return out;
}

Result<std::string> normalize_email(std::string_view email) {
  const std::string_view trimmed = detail::trim(email);
  if (auto problem = email_problem(trimmed)) return to_error(*problem);
  std::string out(trimmed);
  for (std::size_t i = out.find('@') + 1; i < out.size(); ++i) {
    if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] - 'A' + 'a');
  }
  return out;
}

Findings check_email(std::string_view email) {
  Findings out;
  if (auto problem = email_problem(detail::trim(email))) out.push_back(std::move(*problem));
  return out;
}

}  // namespace simpul::rules
