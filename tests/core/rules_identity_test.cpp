// NIK, KK number, JKN card number and facility (PPK) code rules.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "simpul/core/regions.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/identity.hpp"

using namespace simpul;
using namespace simpul::rules;

namespace {

using Codes = std::vector<std::string>;
constexpr Date kToday{2026, 1, 15};

// A small synthetic table: one province, one regency, one district.
RegionTable soreang_table() {
  RegionTable t;
  t.add(Region{"32", "Jawa Barat", RegionLevel::province});
  t.add(Region{"3204", "Kab. Bandung", RegionLevel::regency});
  t.add(Region{"320410", "Soreang", RegionLevel::district});
  return t;
}

struct DecodeCase {
  std::string name;
  std::string nik;
  Date today;
  std::optional<Date> birth;  // expected on success
  Sex sex = Sex::male;
  std::string error;  // expected code on failure
};

TEST(NikDecode, DecodesOrRefusesEachCase) {
  // clang-format off
  const std::vector<DecodeCase> cases{
      {"man", "3204101508850001", kToday, Date{1985, 8, 15}, Sex::male, ""},
      {"woman: day + 40", "3204105508850002", kToday, Date{1985, 8, 15}, Sex::female, ""},
      {"woman born on the 1st (day 41)", "3204104101900003", kToday, Date{1990, 1, 1}, Sex::female, ""},
      {"woman born on the 31st (day 71)", "3204107101900003", kToday, Date{1990, 1, 31}, Sex::female, ""},
      {"woman, day 71 in a 30-day month", "3204107104900001", kToday, {}, Sex::female, "nik.invalid_date"},
      {"29 Feb in a leap year", "3204102902240001", kToday, Date{2024, 2, 29}, Sex::male, ""},
      {"29 Feb in a non-leap year", "3204102902230001", kToday, {}, Sex::male, "nik.invalid_date"},
      {"woman, 29 Feb in a non-leap year", "3204106902230001", kToday, {}, Sex::female, "nik.invalid_date"},
      {"31 Apr", "3204103104900001", kToday, {}, Sex::male, "nik.invalid_date"},
      {"year 00 after 2000: 2000", "3204100101000001", kToday, Date{2000, 1, 1}, Sex::male, ""},
      {"year 00 before 2000: 1900", "3204100101000001", Date{1999, 6, 1}, Date{1900, 1, 1}, Sex::male, ""},
      {"29 Feb 00 is 2000 (1900 was not leap)", "3204102902000001", kToday, Date{2000, 2, 29}, Sex::male, ""},
      {"woman 29 Feb 00", "3204106902000001", kToday, Date{2000, 2, 29}, Sex::female, ""},
      {"29 Feb 00 seen in Jan 2000: only real day is future", "3204102902000001", Date{2000, 1, 15}, {},
       Sex::male, "nik.date_in_future"},
      {"29 Feb 00 seen in 1999: 1900 and 1800 were not leap", "3204102902000001", Date{1999, 12, 31}, {},
       Sex::male, "nik.invalid_date"},
      {"year 99 is 1999", "3204101506990001", kToday, Date{1999, 6, 15}, Sex::male, ""},
      {"this year, already past", "3204100101260001", kToday, Date{2026, 1, 1}, Sex::male, ""},
      {"born today", "3204101501260001", kToday, Date{2026, 1, 15}, Sex::male, ""},
      {"tomorrow's day in this year is last century", "3204101601260001", kToday, Date{1926, 1, 16},
       Sex::male, ""},
      {"last year", "3204101512250001", kToday, Date{2025, 12, 15}, Sex::male, ""},
      {"serial 9999", "3204101508859999", kToday, Date{1985, 8, 15}, Sex::male, ""},
      {"serial 0000", "3204101508850000", kToday, {}, Sex::male, "nik.serial_zero"},
      {"day 00", "3204100008850001", kToday, {}, Sex::male, "nik.day_out_of_range"},
      {"day 32", "3204103208850001", kToday, {}, Sex::male, "nik.day_out_of_range"},
      {"day 40", "3204104008850001", kToday, {}, Sex::male, "nik.day_out_of_range"},
      {"day 72", "3204107208850001", kToday, {}, Sex::male, "nik.day_out_of_range"},
      {"month 00", "3204101500850001", kToday, {}, Sex::male, "nik.month_out_of_range"},
      {"month 13", "3204101513850001", kToday, {}, Sex::male, "nik.month_out_of_range"},
      {"province 10", "1004101508850001", kToday, {}, Sex::male, "nik.province_out_of_range"},
      {"province 11", "1104101508850001", kToday, Date{1985, 8, 15}, Sex::male, ""},
      {"province 96", "9604101508850001", kToday, Date{1985, 8, 15}, Sex::male, ""},
      {"province 97", "9704101508850001", kToday, {}, Sex::male, "nik.province_out_of_range"},
      {"regency 00", "3200101508850001", kToday, {}, Sex::male, "nik.regency_out_of_range"},
      {"regency 69 (kabupaten)", "3269101508850001", kToday, Date{1985, 8, 15}, Sex::male, ""},
      {"regency 70", "3270101508850001", kToday, {}, Sex::male, "nik.regency_out_of_range"},
      {"regency 71 (kota)", "3271101508850001", kToday, Date{1985, 8, 15}, Sex::male, ""},
      {"regency 99", "3299101508850001", kToday, Date{1985, 8, 15}, Sex::male, ""},
      {"district 00", "3204001508850001", kToday, {}, Sex::male, "nik.district_out_of_range"},
      {"15 digits", "320410150885001", kToday, {}, Sex::male, "nik.bad_length"},
      {"17 digits", "32041015088500011", kToday, {}, Sex::male, "nik.bad_length"},
      {"empty", "", kToday, {}, Sex::male, "nik.required"},
      {"letter", "32041015O8850001", kToday, {}, Sex::male, "nik.not_digits"},
      {"spaces", "3204 1015 0885 0001", kToday, {}, Sex::male, "nik.not_digits"},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = decode_nik(c.nik, c.today);
    if (c.error.empty()) {
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(r->birth_date, *c.birth) << r->birth_date.iso();
      EXPECT_EQ(r->sex, c.sex);
    } else {
      ASSERT_FALSE(r.ok()) << r->birth_date.iso();
      EXPECT_EQ(r.error().code, c.error);
      EXPECT_EQ(r.error().kind, ErrorKind::invalid);
      EXPECT_FALSE(r.error().message.empty());
    }
  }
}

TEST(NikDecode, SplitsRegionCodesAndSerial) {
  const auto r = decode_nik("3204105508850123", kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->province, "32");
  EXPECT_EQ(r->regency, "3204");
  EXPECT_EQ(r->district, "320410");
  EXPECT_EQ(r->serial, 123);
}

struct CheckCase {
  std::string name;
  std::string nik;
  std::optional<Sex> sex;
  std::optional<Date> birth;
  bool with_regions;
  Codes errors;
  Codes warnings = {};
};

TEST(NikCheck, ReportsEveryProblemWithItsSeverity) {
  const RegionTable regions = soreang_table();
  // clang-format off
  const std::vector<CheckCase> cases{
      {"consistent man", "3204101508850001", Sex::male, Date{1985, 8, 15}, true, {}},
      {"consistent woman born on the 31st", "3204107101900001", Sex::female, Date{1990, 1, 31}, true, {}},
      {"nothing entered to compare", "3204101508850001", std::nullopt, std::nullopt, false, {}},
      {"female NIK, male entered", "3204105508850001", Sex::male, Date{1985, 8, 15}, true,
       {"nik.sex_mismatch"}},
      {"male NIK, female entered", "3204101508850001", Sex::female, Date{1985, 8, 15}, true,
       {"nik.sex_mismatch"}},
      {"birth one day off", "3204101508850001", Sex::male, Date{1985, 8, 16}, true,
       {"nik.birth_date_mismatch"}},
      {"birth month off", "3204101508850001", Sex::male, Date{1985, 9, 15}, true,
       {"nik.birth_date_mismatch"}},
      {"birth year off", "3204101508850001", Sex::male, Date{1986, 8, 15}, true, {"nik.birth_date_mismatch"}},
      {"100 years old: century is not in the NIK", "3204101512250001", Sex::male, Date{1925, 12, 15}, true,
       {}},
      {"woman 29 Feb 00", "3204106902000001", Sex::female, Date{2000, 2, 29}, true, {}},
      {"sex and birth both wrong", "3204105508850001", Sex::male, Date{1985, 8, 14}, true,
       {"nik.sex_mismatch", "nik.birth_date_mismatch"}},
      {"entered birth in the future", "3204101508850001", Sex::male, Date{2026, 8, 15}, true,
       {"birth_date.in_future"}},
      {"entered birth not a real day", "3204102902240001", Sex::male, Date{2023, 2, 29}, true,
       {"birth_date.invalid"}},
      {"unknown district: warning only", "3204991508850001", Sex::male, Date{1985, 8, 15}, true, {},
       {"nik.region_unknown"}},
      {"unknown province: warning only", "7371101508850001", Sex::male, Date{1985, 8, 15}, true, {},
       {"nik.region_unknown"}},
      {"unknown district without a table: nothing", "3204991508850001", Sex::male, Date{1985, 8, 15}, false,
       {}},
      {"province out of range: no region warning on top", "9904101508850001", Sex::male, Date{1985, 8, 15},
       true, {"nik.province_out_of_range"}},
      {"several errors at once", "3270100013850000", std::nullopt, std::nullopt, true,
       {"nik.regency_out_of_range", "nik.day_out_of_range", "nik.month_out_of_range", "nik.serial_zero"}},
      {"day out of range hides sex and birth checks", "3204104008850001", Sex::female, Date{1985, 8, 15},
       true, {"nik.day_out_of_range"}},
      {"warning and error together", "3204995508850001", Sex::male, Date{1985, 8, 15}, true,
       {"nik.sex_mismatch"}, {"nik.region_unknown"}},
      {"short NIK still checks the entered birth date", "320410150885001", Sex::male, Date{2027, 1, 1}, true,
       {"nik.bad_length", "birth_date.in_future"}},
      {"empty", "", Sex::male, Date{1985, 8, 15}, true, {"nik.required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings got = check_nik(c.nik, c.sex, c.birth, c.with_regions ? &regions : nullptr, kToday);
    EXPECT_EQ(codes_of(got, Severity::error), c.errors);
    EXPECT_EQ(codes_of(got, Severity::warning), c.warnings);
    EXPECT_EQ(has_errors(got), !c.errors.empty());
  }
}

TEST(NikCheck, LengthMessageSaysHowManyDigitsWereTyped) {
  const Findings got = check_nik("320410150885001", std::nullopt, std::nullopt, nullptr, kToday);
  ASSERT_EQ(got.size(), 1U);
  EXPECT_EQ(got[0].field, "nik");
  EXPECT_NE(got[0].id.find("16 digit"), std::string::npos) << got[0].id;
  EXPECT_NE(got[0].id.find("15 digit"), std::string::npos) << got[0].id;
  EXPECT_NE(got[0].en.find("15 digits were typed"), std::string::npos) << got[0].en;
}

TEST(NikCheck, NotDigitsMessageSaysWhere) {
  const Findings got = check_nik("32041015O8850001", std::nullopt, std::nullopt, nullptr, kToday);
  ASSERT_EQ(got.size(), 1U);
  EXPECT_NE(got[0].id.find("'O' di posisi 9"), std::string::npos) << got[0].id;
  EXPECT_NE(got[0].en.find("'O' at position 9"), std::string::npos) << got[0].en;
}

TEST(NikCheck, MismatchMessagesNameBothValues) {
  const Findings sex = check_nik("3204105508850001", Sex::male, std::nullopt, nullptr, kToday);
  ASSERT_EQ(sex.size(), 1U);
  EXPECT_NE(sex[0].id.find("milik perempuan"), std::string::npos) << sex[0].id;
  EXPECT_NE(sex[0].en.find("belongs to a woman"), std::string::npos) << sex[0].en;

  const Findings birth = check_nik("3204101508850001", std::nullopt, Date{1985, 8, 16}, nullptr, kToday);
  ASSERT_EQ(birth.size(), 1U);
  EXPECT_NE(birth[0].id.find("15-08-85"), std::string::npos) << birth[0].id;
  EXPECT_NE(birth[0].id.find("16 Agustus 1985"), std::string::npos) << birth[0].id;
  EXPECT_NE(birth[0].en.find("16 August 1985"), std::string::npos) << birth[0].en;
}

TEST(NikCheck, UnknownRegionWarningShowsTheDottedDistrict) {
  const RegionTable regions = soreang_table();
  const Findings got = check_nik("3204991508850001", std::nullopt, std::nullopt, &regions, kToday);
  ASSERT_EQ(got.size(), 1U);
  EXPECT_EQ(got[0].severity, Severity::warning);
  EXPECT_NE(got[0].id.find("32.04.99"), std::string::npos) << got[0].id;
}

struct KkCase {
  std::string name;
  std::string kk;
  bool with_regions;
  Codes errors;
  Codes warnings = {};
};

TEST(KkNumber, ChecksLayoutDateAndRegion) {
  const RegionTable regions = soreang_table();
  // clang-format off
  const std::vector<KkCase> cases{
      {"issued 15 Aug 2020", "3204101508200001", true, {}},
      {"issued 29 Feb 2024", "3204102902240001", true, {}},
      {"29 Feb 2023 is not a day", "3204102902230001", true, {"kk.invalid_date"}},
      {"no +40 on a KK: day 55", "3204105508200001", true, {"kk.day_out_of_range"}},
      {"day 00", "3204100008200001", true, {"kk.day_out_of_range"}},
      {"month 13", "3204101513200001", true, {"kk.month_out_of_range"}},
      {"serial 0000", "3204101508200000", true, {"kk.serial_zero"}},
      {"province 05", "0504101508200001", true, {"kk.province_out_of_range"}},
      {"regency 70", "3270101508200001", true, {"kk.regency_out_of_range"}},
      {"unknown district: warning", "3204981508200001", true, {}, {"kk.region_unknown"}},
      {"no table: no warning", "3204981508200001", false, {}},
      {"15 digits", "320410150820001", true, {"kk.bad_length"}},
      {"dashes", "320410-150820-0001", true, {"kk.not_digits"}},
      {"empty", "", true, {"kk.required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings got = check_kk_number(c.kk, c.with_regions ? &regions : nullptr, kToday);
    EXPECT_EQ(codes_of(got, Severity::error), c.errors);
    EXPECT_EQ(codes_of(got, Severity::warning), c.warnings);
    for (const auto& f : got) EXPECT_EQ(f.field, "kk_number");
  }
}

struct CodeCase {
  std::string name;
  std::string input;
  Codes errors;
};

TEST(CardNumber, ExactlyThirteenDigitsAsText) {
  // clang-format off
  const std::vector<CodeCase> cases{
      {"leading zeros kept", "0001234567890", {}},
      {"all digits", "1234567890123", {}},
      {"12 digits", "000123456789", {"card.bad_length"}},
      {"14 digits", "00012345678901", {"card.bad_length"}},
      {"letter", "000123456789X", {"card.not_digits"}},
      {"space", "0001 234567890", {"card.not_digits"}},
      {"empty", "", {"card.required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings got = check_card_number(c.input);
    EXPECT_EQ(codes_of(got), c.errors);
    for (const auto& f : got) EXPECT_EQ(f.field, "card_number");
  }
}

TEST(PpkCode, MatchesFourDigitsDigitOrCapitalThreeDigits) {
  // clang-format off
  const std::vector<CodeCase> cases{
      {"letter in 5th place", "0114U163", {}},
      {"digit in 5th place", "01140163", {}},
      {"lower-case letter", "0114u163", {"ppk.bad_format"}},
      {"letter elsewhere", "A114U163", {"ppk.bad_format"}},
      {"two letters", "0114UU63", {"ppk.bad_format"}},
      {"7 characters", "0114U16", {"ppk.bad_format"}},
      {"9 characters", "0114U1630", {"ppk.bad_format"}},
      {"trailing space", "0114U163 ", {"ppk.bad_format"}},
      {"empty", "", {"ppk.required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(codes_of(check_ppk_code(c.input)), c.errors);
  }
}

TEST(PpkCode, FindingPointsAtTheGivenField) {
  const Findings got = check_ppk_code("x", "dental_fktp");
  ASSERT_EQ(got.size(), 1U);
  EXPECT_EQ(got[0].field, "dental_fktp");
  EXPECT_EQ(check_ppk_code("x").at(0).field, "fktp");
}

}  // namespace
