// Phone and e-mail rules.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "simpul/core/rules/contact.hpp"
#include "simpul/core/rules/findings.hpp"

using namespace simpul;
using namespace simpul::rules;

namespace {

struct NormalizeCase {
  std::string name;
  std::string input;
  std::string expected;  // canonical value, or the error code when `fails`
  bool fails = false;
};

TEST(Phone, NormalizesAcceptedFormsAndRefusesOthers) {
  const std::vector<NormalizeCase> cases{
      {"national 08", "081234567890", "+6281234567890"},
      {"dashes", "0812-3456-7890", "+6281234567890"},
      {"spaces", "0812 3456 7890", "+6281234567890"},
      {"dots", "0812.3456.7890", "+6281234567890"},
      {"surrounding spaces", "  0812 3456 7890 ", "+6281234567890"},
      {"+62 with spaces", "+62 812 3456 7890", "+6281234567890"},
      {"+62 with dashes", "+62-812-3456-7890", "+6281234567890"},
      {"62 without plus", "6281234567890", "+6281234567890"},
      {"already canonical", "+6281234567890", "+6281234567890"},
      {"10 digits (shortest)", "0812345678", "+62812345678"},
      {"13 digits (longest)", "0812345678901", "+62812345678901"},
      {"+62 form of 13 digits", "+62812345678901", "+62812345678901"},
      {"9 digits", "081234567", "phone.bad_length", true},
      {"14 digits", "08123456789012", "phone.bad_length", true},
      {"+62 form of 14 digits", "+628123456789012", "phone.bad_length", true},
      {"landline", "022-5891234", "phone.not_mobile", true},
      {"landline with +62", "+62 22 5891234", "phone.not_mobile", true},
      {"foreign number", "+1 415 555 0100", "phone.not_indonesian", true},
      {"no leading 0", "812 3456 7890", "phone.bad_prefix", true},
      {"0 kept after +62", "+62 0812 3456 7890", "phone.extra_zero", true},
      {"0 kept after 62", "6208123456789", "phone.extra_zero", true},
      {"letter", "0812-3456-789O", "phone.invalid_characters", true},
      {"parentheses", "(0812) 34567890", "phone.invalid_characters", true},
      {"plus in the middle", "0812+34567890", "phone.invalid_characters", true},
      {"two pluses", "++6281234567890", "phone.invalid_characters", true},
      {"empty", "", "phone.required", true},
      {"separators only", " - ", "phone.required", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = normalize_phone(c.input);
    const Findings f = check_phone(c.input);
    if (c.fails) {
      ASSERT_FALSE(r.ok()) << r.value();
      EXPECT_EQ(r.error().code, c.expected);
      EXPECT_EQ(codes_of(f), std::vector<std::string>{c.expected});
      EXPECT_EQ(f.at(0).field, "phone");
    } else {
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(r.value(), c.expected);
      EXPECT_TRUE(f.empty());
    }
  }
}

TEST(Phone, LengthMessageCountsTheNationalDigits) {
  const Findings f = check_phone("+62 812 345 678 901 2");
  ASSERT_EQ(f.size(), 1U);
  EXPECT_NE(f[0].id.find("nomor ini 14 digit"), std::string::npos) << f[0].id;
  EXPECT_NE(f[0].en.find("has 14"), std::string::npos) << f[0].en;
}

std::string email_of_length(std::size_t domain_tail) {
  // 64-character local part, then labels of 63 + 63 + tail characters and ".id".
  return std::string(64, 'a') + "@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
         std::string(domain_tail, 'd') + ".id";
}

TEST(Email, AcceptsPracticalAddressesAndExplainsTheRest) {
  ASSERT_EQ(email_of_length(58).size(), 254U);
  const std::vector<NormalizeCase> cases{
      {"plain", "nama@contoh.com", "nama@contoh.com"},
      {"short", "a@b.id", "a@b.id"},
      {"trimmed, domain lower-cased", "  Siti.Aminah+jkn@Mail.Co.ID\n", "Siti.Aminah+jkn@mail.co.id"},
      {"hyphen and digits in domain", "budi_99@puskesmas-soreang2.go.id", "budi_99@puskesmas-soreang2.go.id"},
      {"exactly 254 characters", email_of_length(58), email_of_length(58)},
      {"255 characters", email_of_length(59), "email.too_long", true},
      {"local part of 65", std::string(65, 'a') + "@contoh.com", "email.bad_local_part", true},
      {"empty", "", "email.required", true},
      {"spaces only", "   ", "email.required", true},
      {"no @", "nama.contoh.com", "email.missing_at", true},
      {"two @", "nama@rumah@contoh.com", "email.too_many_at", true},
      {"space inside", "nama saya@contoh.com", "email.has_space", true},
      {"nothing before @", "@contoh.com", "email.bad_local_part", true},
      {"leading dot", ".nama@contoh.com", "email.bad_local_part", true},
      {"trailing dot", "nama.@contoh.com", "email.bad_local_part", true},
      {"double dot", "na..ma@contoh.com", "email.bad_local_part", true},
      {"comma", "nama,saya@contoh.com", "email.bad_local_part", true},
      {"no dot in domain", "nama@contoh", "email.bad_domain", true},
      {"nothing after @", "nama@", "email.bad_domain", true},
      {"one-letter top level", "nama@contoh.c", "email.bad_domain", true},
      {"numeric top level", "nama@contoh.123", "email.bad_domain", true},
      {"empty label", "nama@contoh..com", "email.bad_domain", true},
      {"trailing dot in domain", "nama@contoh.com.", "email.bad_domain", true},
      {"label starts with hyphen", "nama@-contoh.com", "email.bad_domain", true},
      {"underscore in domain", "nama@con_toh.com", "email.bad_domain", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = normalize_email(c.input);
    const Findings f = check_email(c.input);
    if (c.fails) {
      ASSERT_FALSE(r.ok()) << r.value();
      EXPECT_EQ(r.error().code, c.expected);
      EXPECT_EQ(codes_of(f), std::vector<std::string>{c.expected});
      EXPECT_EQ(f.at(0).field, "email");
    } else {
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(r.value(), c.expected);
      EXPECT_TRUE(f.empty());
    }
  }
}

}  // namespace
