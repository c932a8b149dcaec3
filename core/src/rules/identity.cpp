#include "simpul/core/rules/identity.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "simpul/core/rules/findings.hpp"
#include "text.hpp"

namespace simpul::rules {
namespace {

using detail::FieldLabel;
using detail::label_error;

// The NIK and the KK number share one layout: region of issue (6 digits), a date DDMMYY, a serial (4 digits).
struct RegionDateSerial {
  FieldLabel label;
  bool female_day_plus_40;  // NIK: women's day of birth is stored plus 40
  std::string_view date_id;
  std::string_view date_en;
};

constexpr RegionDateSerial kNik{{"nik", "nik", "NIK", "NIK"}, true, "tanggal lahir", "date of birth"};
constexpr RegionDateSerial kKk{
    {"kk_number", "kk", "Nomor KK", "KK number"}, false, "tanggal penerbitan", "date of issue"};
constexpr FieldLabel kCard{"card_number", "card", "Nomor kartu JKN", "JKN card number"};
constexpr std::size_t kLayoutLength = 16;

struct Decoded {
  bool shaped = false;     // 16 digits
  bool region_ok = false;  // province and regency codes in range
  std::optional<Sex> sex;  // NIK only, once the day is in range
  int day = 0;             // without the +40
  int month = 0;
  int yy = 0;
  std::optional<Date> date;  // with the century chosen
  int serial = 0;
  Findings findings;  // errors only
};

std::string two_digits(int v) {
  return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}
std::string ddmmyy(int d, int m, int y) {
  return two_digits(d) + "-" + two_digits(m) + "-" + two_digits(y);
}

// Only two year digits are stored: of this century and the previous one, take the latest that gives a real
// day not after today.
struct CenturyChoice {
  std::optional<Date> date;
  bool real_day = false;  // a real day in some century, even if only in the future
};

CenturyChoice choose_century(int day, int month, int yy, const Date& today) {
  CenturyChoice out;
  const int century = today.year - today.year % 100;
  for (const int c : {century, century - 100}) {
    const Date candidate{c + yy, month, day};
    if (!candidate.valid()) continue;
    out.real_day = true;
    if (candidate <= today) {
      out.date = candidate;
      break;
    }
  }
  return out;
}

void check_region_prefix(std::string_view s, const FieldLabel& l, Decoded& d) {
  const std::string id(l.id);
  const std::string en(l.en);
  const int province = detail::digits_value(s.substr(0, 2));
  const int regency = detail::digits_value(s.substr(2, 2));
  const int district = detail::digits_value(s.substr(4, 2));
  d.region_ok = true;
  if (province < 11 || province > 96) {
    d.region_ok = false;
    d.findings.push_back(
        label_error(l, "province_out_of_range",
                    id + " diawali kode provinsi " + two_digits(province) +
                        ", padahal kode provinsi adalah 11–96. Mohon periksa 2 digit pertama.",
                    "The " + en + " starts with province code " + two_digits(province) +
                        ", but province codes run from 11 to 96. Please check the first 2 digits."));
  }
  if (regency == 0 || regency == 70) {
    d.region_ok = false;
    d.findings.push_back(label_error(
        l, "regency_out_of_range",
        id + " berisi kode kabupaten/kota " + two_digits(regency) +
            " (digit ke-3 dan ke-4), padahal seharusnya 01–69 untuk kabupaten atau 71–99 untuk kota.",
        "The " + en + " holds regency code " + two_digits(regency) +
            " (digits 3 and 4), but it should be 01 to 69 for a regency or 71 to 99 for a city."));
  }
  if (district == 0) {
    d.region_ok = false;
    d.findings.push_back(label_error(l, "district_out_of_range",
                                     id + " berisi kode kecamatan 00 (digit ke-5 dan ke-6); kode kecamatan "
                                          "dimulai dari 01. Mohon periksa kembali.",
                                     "The " + en +
                                         " holds district code 00 (digits 5 and 6); district codes "
                                         "start at 01. Please check it."));
  }
}

void check_date_part(std::string_view s, const RegionDateSerial& spec, const Date& today, Decoded& d) {
  const FieldLabel& l = spec.label;
  const std::string id(l.id);
  const std::string en(l.en);
  const int raw_day = detail::digits_value(s.substr(6, 2));
  d.month = detail::digits_value(s.substr(8, 2));
  d.yy = detail::digits_value(s.substr(10, 2));

  bool day_ok = raw_day >= 1 && raw_day <= 31;
  d.day = raw_day;
  if (spec.female_day_plus_40) {
    if (day_ok) {
      d.sex = Sex::male;
    } else if (raw_day >= 41 && raw_day <= 71) {
      day_ok = true;
      d.sex = Sex::female;
      d.day = raw_day - 40;
    }
  }
  if (!day_ok) {
    const std::string wanted_id =
        spec.female_day_plus_40
            ? "01–31 untuk laki-laki atau 41–71 untuk perempuan (tanggal lahir ditambah 40)"
            : "01–31";
    const std::string wanted_en = spec.female_day_plus_40
                                      ? "01 to 31 for men or 41 to 71 for women (day of birth plus 40)"
                                      : "01 to 31";
    d.findings.push_back(label_error(
        l, "day_out_of_range",
        id + " berisi tanggal " + two_digits(raw_day) + " (digit ke-7 dan ke-8), padahal seharusnya " +
            wanted_id + ". Mohon periksa kembali.",
        "The " + en + " holds day " + two_digits(raw_day) + " (digits 7 and 8), but it should be " +
            wanted_en + ". Please check it."));
  }
  const bool month_ok = d.month >= 1 && d.month <= 12;
  if (!month_ok) {
    d.findings.push_back(
        label_error(l, "month_out_of_range",
                    id + " berisi bulan " + two_digits(d.month) +
                        " (digit ke-9 dan ke-10), padahal seharusnya 01–12. Mohon periksa kembali.",
                    "The " + en + " holds month " + two_digits(d.month) +
                        " (digits 9 and 10), but it should be 01 to 12. Please check it."));
  }
  if (!day_ok || !month_ok) return;

  const CenturyChoice choice = choose_century(d.day, d.month, d.yy, today);
  const std::string written = ddmmyy(d.day, d.month, d.yy);
  const std::string date_id(spec.date_id);
  const std::string date_en(spec.date_en);
  if (!choice.real_day) {
    d.findings.push_back(
        label_error(l, "invalid_date",
                    id + " berisi " + date_id + " " + written +
                        " yang tidak ada di kalender. Mohon periksa digit ke-7 sampai ke-12.",
                    "The " + en + " holds the " + date_en + " " + written +
                        ", which is not a real day. Please check digits 7 to 12."));
  } else if (!choice.date) {
    d.findings.push_back(label_error(l, "date_in_future",
                                     id + " berisi " + date_id + " " + written +
                                         " yang belum terjadi. Mohon periksa digit ke-7 sampai ke-12.",
                                     "The " + en + " holds the " + date_en + " " + written +
                                         ", which is in the future. Please check digits 7 to 12."));
  }
  d.date = choice.date;
}

void check_serial(std::string_view s, const FieldLabel& l, Decoded& d) {
  d.serial = detail::digits_value(s.substr(12, 4));
  if (d.serial != 0) return;
  d.findings.push_back(label_error(
      l, "serial_zero",
      std::string(l.id) +
          " diakhiri nomor urut 0000, padahal nomor urut dimulai dari 0001. Mohon periksa 4 digit "
          "terakhir.",
      "The " + std::string(l.en) +
          " ends with serial number 0000, but serial numbers start at 0001. Please "
          "check the last 4 digits."));
}

Decoded decode_layout(std::string_view s, const RegionDateSerial& spec, const Date& today) {
  Decoded d;
  if (auto shape = detail::check_digit_shape(s, kLayoutLength, kLayoutLength, spec.label)) {
    d.findings.push_back(std::move(*shape));
    return d;
  }
  d.shaped = true;
  check_region_prefix(s, spec.label, d);
  check_date_part(s, spec, today, d);
  check_serial(s, spec.label, d);
  return d;
}

// Regions split and merge while NIK and KK numbers keep the prefix they were issued with: warn, never refuse.
void warn_unknown_region(std::string_view s, const FieldLabel& l, const RegionTable* regions, Findings& out) {
  if (regions == nullptr) return;
  const std::string district(s.substr(0, 6));
  if (regions->find(district)) return;
  const std::string dotted = RegionTable::dotted(district);
  out.push_back(warning_finding(std::string(l.field), detail::code(l, "region_unknown"),
                                std::string(l.id) + " diawali kode kecamatan " + dotted +
                                    " yang tidak ada di tabel wilayah saat ini. Ini bisa terjadi karena "
                                    "pemekaran wilayah: bila angkanya "
                                    "sudah sesuai dengan dokumen asli, data tetap boleh disimpan.",
                                "The " + std::string(l.en) + " starts with district code " + dotted +
                                    ", which is not in the current region table. This can happen after a "
                                    "region was split: if the number "
                                    "matches the original document, you may still save it."));
}

const char* sex_text_id(Sex s) {
  return s == Sex::female ? "perempuan" : "laki-laki";
}
const char* sex_text_en(Sex s) {
  return s == Sex::female ? "female" : "male";
}

Finding sex_mismatch(Sex on_nik, Sex entered) {
  return label_error(
      kNik.label, "sex_mismatch",
      std::string("NIK ini milik ") + sex_text_id(on_nik) + ", tetapi jenis kelamin yang diisi " +
          sex_text_id(entered) +
          ". Pada NIK perempuan, tanggal lahir ditambah 40. Mohon periksa NIK atau jenis kelamin.",
      std::string("This NIK belongs to a ") + (on_nik == Sex::female ? "woman" : "man") +
          ", but the sex entered is " + sex_text_en(entered) +
          ". In a woman's NIK the day of birth is plus 40. Please check the NIK or the sex.");
}

Finding birth_mismatch(const Decoded& d, const Date& entered) {
  const std::string written = ddmmyy(d.day, d.month, d.yy);
  return label_error(kNik.label, "birth_date_mismatch",
                     "Tanggal lahir pada NIK adalah " + written + ", tetapi tanggal lahir yang diisi " +
                         detail::date_text_id(entered) + ". Mohon periksa NIK atau tanggal lahir.",
                     "The NIK holds the date of birth " + written + ", but the date of birth entered is " +
                         detail::date_text_en(entered) + ". Please check the NIK or the date of birth.");
}

}  // namespace

Result<NikInfo> decode_nik(std::string_view nik, const Date& today) {
  Decoded d = decode_layout(nik, kNik, today);
  if (!d.findings.empty()) return to_error(d.findings.front());
  return NikInfo{std::string(nik.substr(0, 2)),
                 std::string(nik.substr(0, 4)),
                 std::string(nik.substr(0, 6)),
                 *d.date,
                 *d.sex,
                 d.serial};
}

Findings check_birth_date(const Date& birth, const Date& today) {
  Findings out;
  if (!birth.valid()) {
    out.push_back(error_finding("birth_date", "birth_date.invalid",
                                "Tanggal lahir tidak valid. Mohon isi tanggal yang ada di kalender.",
                                "The date of birth is not a real day. Please enter a real date."));
  } else if (birth > today) {
    out.push_back(error_finding(
        "birth_date", "birth_date.in_future",
        "Tanggal lahir " + detail::date_text_id(birth) + " belum terjadi. Mohon periksa kembali.",
        "The date of birth " + detail::date_text_en(birth) + " is in the future. Please check it."));
  }
  return out;
}

Findings check_nik(std::string_view nik, std::optional<Sex> entered_sex, std::optional<Date> entered_birth,
                   const RegionTable* regions, const Date& today) {
  Decoded d = decode_layout(nik, kNik, today);
  Findings out = std::move(d.findings);
  if (d.region_ok) warn_unknown_region(nik, kNik.label, regions, out);
  if (entered_sex && d.sex && *entered_sex != *d.sex) out.push_back(sex_mismatch(*d.sex, *entered_sex));
  if (entered_birth) {
    Findings birth = check_birth_date(*entered_birth, today);
    // Compared without the century, which the NIK does not hold.
    const bool same_day =
        entered_birth->day == d.day && entered_birth->month == d.month && entered_birth->year % 100 == d.yy;
    if (birth.empty() && d.date && !same_day) out.push_back(birth_mismatch(d, *entered_birth));
    append(out, std::move(birth));
  }
  return out;
}

Findings check_kk_number(std::string_view kk, const RegionTable* regions, const Date& today) {
  Decoded d = decode_layout(kk, kKk, today);
  Findings out = std::move(d.findings);
  if (d.region_ok) warn_unknown_region(kk, kKk.label, regions, out);
  return out;
}

Findings check_card_number(std::string_view card) {
  Findings out;
  if (auto shape = detail::check_digit_shape(card, 13, 13, kCard)) out.push_back(std::move(*shape));
  return out;
}

Findings check_ppk_code(std::string_view code, std::string_view field) {
  Findings out;
  if (code.empty()) {
    out.push_back(error_finding(std::string(field), "ppk.required", "Kode faskes wajib diisi.",
                                "The facility code is required."));
    return out;
  }
  const auto char_ok = [&](std::size_t i) {
    const char c = code[i];
    return detail::is_digit(c) || (i == 4 && c >= 'A' && c <= 'Z');
  };
  bool ok = code.size() == 8;
  for (std::size_t i = 0; ok && i < code.size(); ++i) ok = char_ok(i);
  if (!ok) {
    out.push_back(error_finding(
        std::string(field), "ppk.bad_format",
        "Kode faskes harus 8 karakter: 4 angka, 1 angka atau huruf kapital, lalu 3 angka (contoh: 0114U163). "
        "Mohon periksa kembali.",
        "The facility code must have 8 characters: 4 digits, 1 digit or capital letter, then 3 digits (for "
        "example 0114U163). Please check it."));
  }
  return out;
}

}  // namespace simpul::rules
