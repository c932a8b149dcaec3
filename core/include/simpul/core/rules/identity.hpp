#pragma once
// Identity numbers: NIK, family card (KK) number, JKN card number, facility (PPK) code, birth date.
// Formats are described in DOMAIN.md ("Identity formats").
#include <optional>
#include <string>
#include <string_view>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/core/result.hpp"

namespace simpul::rules {

struct NikInfo {
  std::string province;  // undotted region codes: "32"
  std::string regency;   // "3204"
  std::string district;  // "320410"
  Date birth_date;       // the NIK keeps two year digits: the latest century that is not after `today`
  Sex sex = Sex::male;   // women's day of birth is stored plus 40
  int serial = 0;        // 1..9999
};

// Decodes a 16-digit NIK (`PPKKCC DDMMYY SSSS`). Fails on the first shape, range or calendar problem,
// with the same code check_nik reports (e.g. "nik.day_out_of_range").
Result<NikInfo> decode_nik(std::string_view nik, const Date& today);

// All problems with a NIK as typed, plus its consistency with the sex and birth date entered beside it.
// A district prefix missing from `regions` is only a warning: regions split, NIKs keep their old prefix.
// The birth date is compared on day, month and the two year digits, so a 100-year-old is not refused.
Findings check_nik(std::string_view nik, std::optional<Sex> entered_sex, std::optional<Date> entered_birth,
                   const RegionTable* regions, const Date& today);

// A birth date must be a real day and not after today.
Findings check_birth_date(const Date& birth, const Date& today);

// Family card number: region of issue (6 digits) + registration date DDMMYY (no +40) + serial >= 0001.
// An unknown region of issue is a warning, as for the NIK.
Findings check_kk_number(std::string_view kk, const RegionTable* regions, const Date& today);

// JKN card number (noKartu): exactly 13 digits, kept as text (leading zeros matter).
Findings check_card_number(std::string_view card);

// Facility (PPK) code `^[0-9]{4}[0-9A-Z][0-9]{3}$`, e.g. "0114U163". `field` names the form field
// the finding points at ("fktp", "dental_fktp", ...).
Findings check_ppk_code(std::string_view code, std::string_view field = "fktp");

}  // namespace simpul::rules
