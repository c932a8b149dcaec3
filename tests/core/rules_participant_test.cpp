// Name, address parts and the combined check for a new registration.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "simpul/core/regions.hpp"
#include "simpul/core/rules/address.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/participant.hpp"

using namespace simpul;
using namespace simpul::rules;

namespace {

using Codes = std::vector<std::string>;
constexpr Date kToday{2026, 1, 15};

struct TextCase {
  std::string name;
  std::string input;
  Codes errors;
};

TEST(ParticipantName, LettersSpacesAndPunctuationUpTo100) {
  // clang-format off
  const std::vector<TextCase> cases{
      {"simple", "Siti Aminah", {}},
      {"upper case as on the KTP", "SITI AMINAH", {}},
      {"apostrophe", "Ma'ruf", {}},
      {"titles and commas", "Dr. A. Rahman, S.Kep", {}},
      {"hyphen", "Ahmad-Yani", {}},
      {"single name", "Sukarno", {}},
      {"surrounding spaces ignored", "  Budi  ", {}},
      {"100 characters", std::string(100, 'a'), {}},
      {"101 characters", std::string(101, 'a'), {"name.too_long"}},
      {"101 characters after trimming is 100", " " + std::string(100, 'a'), {}},
      {"empty", "", {"name.required"}},
      {"spaces only", "   ", {"name.required"}},
      {"digit", "Budi2", {"name.invalid_characters"}},
      {"underscore", "Siti_Aminah", {"name.invalid_characters"}},
      {"non-ASCII letter", "Sit\xC3\xAD", {"name.invalid_characters"}},
      {"punctuation only", "..", {"name.no_letters"}},
      {"too long and a digit", std::string(101, 'a') + "1", {"name.too_long", "name.invalid_characters"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings got = check_name(c.input);
    EXPECT_EQ(codes_of(got), c.errors);
    for (const auto& f : got) EXPECT_EQ(f.field, "name");
  }
}

TEST(ParticipantAddress, RtRwOneToThreeDigitsPaddedToThree) {
  struct Case {
    std::string input;
    std::string field;
    std::string expected;  // padded value, or the error code when `fails`
    bool fails = false;
  };
  // clang-format off
  const std::vector<Case> cases{
      {"2", "rt", "002"},
      {"12", "rw", "012"},
      {"123", "rt", "123"},
      {"007", "rw", "007"},
      {"0", "rt", "000"},
      {"1234", "rt", "rt.bad_length", true},
      {"0001", "rw", "rw.bad_length", true},
      {"", "rt", "rt.required", true},
      {"1a", "rw", "rw.not_digits", true},
      {" 2", "rt", "rt.not_digits", true},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field + " '" + c.input + "'");
    const auto r = normalize_rt_rw(c.input, c.field);
    const Findings f = check_rt_rw(c.input, c.field);
    if (c.fails) {
      ASSERT_FALSE(r.ok()) << r.value();
      EXPECT_EQ(r.error().code, c.expected);
      EXPECT_EQ(codes_of(f), Codes{c.expected});
      EXPECT_EQ(f.at(0).field, c.field);
    } else {
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(r.value(), c.expected);
      EXPECT_TRUE(f.empty());
    }
  }
}

TEST(ParticipantAddress, RtRwMessageNamesTheUnit) {
  const Findings f = check_rt_rw("1234", "rw");
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].id.rfind("RW harus 1–3 digit", 0), 0U) << f[0].id;
  EXPECT_NE(f[0].en.find("4 digits were typed"), std::string::npos) << f[0].en;
}

RegionTable soreang_table() {
  RegionTable t;
  t.add(Region{"32", "Jawa Barat", RegionLevel::province});
  t.add(Region{"3204", "Kab. Bandung", RegionLevel::regency});
  t.add(Region{"320410", "Soreang", RegionLevel::district});
  t.add(Region{"3204102001", "Soreang", RegionLevel::village});
  return t;
}

TEST(ParticipantAddress, VillageCodeTenDigitsKnownWhenATableIsGiven) {
  const RegionTable regions = soreang_table();
  struct Case {
    std::string name;
    std::string code;
    bool with_regions;
    Codes errors;
  };
  // clang-format off
  const std::vector<Case> cases{
      {"known", "3204102001", true, {}},
      {"unknown, with a table", "3204102999", true, {"village.unknown"}},
      {"a district code is not a village", "320410", true, {"village.bad_length"}},
      {"unknown, no table", "3204102999", false, {}},
      {"dotted", "32.04.10.2001", true, {"village.not_digits"}},
      {"9 digits", "320410200", true, {"village.bad_length"}},
      {"empty", "", false, {"village.required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings got = check_village_code(c.code, c.with_regions ? &regions : nullptr);
    EXPECT_EQ(codes_of(got), c.errors);
    for (const auto& f : got) EXPECT_EQ(f.field, "village_code");
  }
}

Participant valid_registration() {
  Participant p;
  p.nik = "3204105508850002";
  p.name = "Siti Aminah";
  p.birth_date = Date{1985, 8, 15};
  p.sex = Sex::female;
  p.kk_number = "3204101508200001";
  p.relation = FamilyRelation::spouse;
  p.address = Address{"Jl. Raya Soreang No. 1", "002", "005", "3204102001", "40911"};
  p.phone = "+6281234567890";
  p.email = "siti@contoh.com";
  p.segment = Segment::pbpu;
  p.care_class = 3;
  p.fktp = "0114U163";
  return p;
}

struct RegistrationCase {
  std::string name;
  void (*edit)(Participant&);
  Codes errors;
  Codes warnings = {};
};

TEST(ParticipantValidate, NewRegistrationCombinesEveryFieldCheck) {
  const RegionTable regions = soreang_table();
  // clang-format off
  const std::vector<RegistrationCase> cases{
      {"valid, no card number yet", [](Participant&) {}, {}},
      {"valid with a card number", [](Participant& p) { p.card_number = "0001234567890"; }, {}},
      {"optional fields left empty",
       [](Participant& p) { p.phone.clear(); p.email.clear(); p.address.rt.clear(); p.address.rw.clear(); },
       {}},
      {"dental FKTP well formed", [](Participant& p) { p.dental_fktp = "0201G001"; }, {}},
      {"autodebit with provider",
       [](Participant& p) { p.autodebit = Autodebit::bank; p.autodebit_provider = "BRI"; }, {}},
      {"bad card number", [](Participant& p) { p.card_number = "123"; }, {"card.bad_length"}},
      {"NIK says male", [](Participant& p) { p.sex = Sex::male; }, {"nik.sex_mismatch"}},
      {"birth date differs from NIK", [](Participant& p) { p.birth_date = Date{1985, 8, 16}; },
       {"nik.birth_date_mismatch"}},
      {"birth date in the future", [](Participant& p) { p.birth_date = Date{2030, 8, 15}; },
       {"birth_date.in_future"}},
      {"NIK region moved: warning only", [](Participant& p) { p.nik = "3204995508850002"; }, {},
       {"nik.region_unknown"}},
      {"no NIK", [](Participant& p) { p.nik.clear(); }, {"nik.required"}},
      {"no name", [](Participant& p) { p.name.clear(); }, {"name.required"}},
      {"no KK", [](Participant& p) { p.kk_number.clear(); }, {"kk.required"}},
      {"KK region moved: warning only", [](Participant& p) { p.kk_number = "3204991508200001"; }, {},
       {"kk.region_unknown"}},
      {"no village", [](Participant& p) { p.address.village_code.clear(); }, {"village.required"}},
      {"unknown village", [](Participant& p) { p.address.village_code = "3204102999"; }, {"village.unknown"}},
      {"RT too long", [](Participant& p) { p.address.rt = "0002"; }, {"rt.bad_length"}},
      {"landline", [](Participant& p) { p.phone = "0225891234"; }, {"phone.not_mobile"}},
      {"bad e-mail", [](Participant& p) { p.email = "siti@contoh"; }, {"email.bad_domain"}},
      {"class 4", [](Participant& p) { p.care_class = 4; }, {"care_class.out_of_range"}},
      {"no FKTP", [](Participant& p) { p.fktp.clear(); }, {"ppk.required"}},
      {"malformed dental FKTP", [](Participant& p) { p.dental_fktp = "gigi"; }, {"ppk.bad_format"}},
      {"autodebit without provider", [](Participant& p) { p.autodebit = Autodebit::non_bank; },
       {"autodebit.provider_required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Participant p = valid_registration();
    c.edit(p);
    const Findings got = validate_participant(p, &regions, kToday);
    EXPECT_EQ(codes_of(got, Severity::error), c.errors);
    EXPECT_EQ(codes_of(got, Severity::warning), c.warnings);
    EXPECT_EQ(has_errors(got), !c.errors.empty());
  }
}

TEST(ParticipantValidate, EverythingWrongIsReportedFieldByFieldInBothLanguages) {
  Participant p;
  p.card_number = "12";
  p.nik = "3204104008850000";
  p.name = "R2D2";
  p.birth_date = Date{2027, 1, 1};
  p.kk_number = "3204101513200001";
  p.address = Address{"", "1234", "x", "3204", ""};
  p.phone = "+1 415 555 0100";
  p.email = "nama@@contoh.com";
  p.care_class = 0;
  p.fktp = "0114-163";
  p.dental_fktp = "0201G00";
  p.autodebit = Autodebit::bank;
  const Findings got = validate_participant(p, nullptr, kToday);
  EXPECT_EQ(codes_of(got), (Codes{"card.bad_length", "nik.day_out_of_range", "nik.serial_zero",
                                  "birth_date.in_future", "name.invalid_characters", "kk.month_out_of_range",
                                  "rt.bad_length", "rw.not_digits", "village.bad_length",
                                  "phone.not_indonesian", "email.too_many_at", "care_class.out_of_range",
                                  "ppk.bad_format", "ppk.bad_format", "autodebit.provider_required"}));
  for (const auto& f : got) {
    SCOPED_TRACE(f.code);
    EXPECT_FALSE(f.field.empty());
    EXPECT_EQ(f.severity, Severity::error);
    EXPECT_GT(f.id.size(), 15U);
    EXPECT_GT(f.en.size(), 15U);
    EXPECT_NE(f.id, f.en);
    EXPECT_EQ(f.text("en"), f.en);
    EXPECT_EQ(f.text("id"), f.id);
  }
  ASSERT_NE(find_code(got, "rw.not_digits"), nullptr);
  EXPECT_EQ(find_code(got, "rw.not_digits")->field, "rw");
  EXPECT_EQ(find_code(got, "nothing.like.this"), nullptr);
}

}  // namespace
