// FKTP change, dental facility, segment change, newborn NIK update and care class rules.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "simpul/core/regions.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/membership.hpp"

using namespace simpul;
using namespace simpul::rules;

namespace {

using Codes = std::vector<std::string>;

Participant member_at(std::string fktp, std::optional<Date> changed_on) {
  Participant p;
  p.fktp = std::move(fktp);
  p.fktp_changed_on = changed_on;
  return p;
}

struct FktpCase {
  std::string name;
  std::optional<Date> last_change;
  std::string new_fktp;
  Date today;
  Codes errors;
};

TEST(FktpChange, AllowedThreeMonthsAfterTheLastChange) {
  // clang-format off
  const std::vector<FktpCase> cases{
      {"never changed", std::nullopt, "0114U164", Date{2026, 1, 15}, {}},
      {"same FKTP", std::nullopt, "0114U163", Date{2026, 1, 15}, {"fktp.already_registered"}},
      {"3 months minus a day", Date{2025, 10, 15}, "0114U164", Date{2026, 1, 14}, {"fktp.change_too_soon"}},
      {"exactly 3 months", Date{2025, 10, 15}, "0114U164", Date{2026, 1, 15}, {}},
      {"more than 3 months", Date{2025, 6, 1}, "0114U164", Date{2026, 1, 15}, {}},
      {"changed today", Date{2026, 1, 15}, "0114U164", Date{2026, 1, 15}, {"fktp.change_too_soon"}},
      {"30 Nov + 3 months is 28 Feb: day before", Date{2025, 11, 30}, "0114U164", Date{2026, 2, 27},
       {"fktp.change_too_soon"}},
      {"30 Nov + 3 months is 28 Feb: that day", Date{2025, 11, 30}, "0114U164", Date{2026, 2, 28}, {}},
      {"same FKTP even when allowed by date", Date{2025, 1, 1}, "0114U163", Date{2026, 1, 15},
       {"fktp.already_registered"}},
      {"malformed code", std::nullopt, "114U164", Date{2026, 1, 15}, {"ppk.bad_format"}},
      {"empty code", Date{2025, 10, 15}, "", Date{2026, 1, 1}, {"ppk.required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings got = check_fktp_change(member_at("0114U163", c.last_change), c.new_fktp, c.today);
    EXPECT_EQ(codes_of(got), c.errors);
    for (const auto& f : got) EXPECT_EQ(f.field, "fktp");
  }
}

TEST(FktpChange, TooSoonMessageGivesTheEarliestDate) {
  const Findings got =
      check_fktp_change(member_at("0114U163", Date{2025, 11, 30}), "0114U164", Date{2026, 1, 2});
  ASSERT_EQ(got.size(), 1U);
  EXPECT_NE(got[0].id.find("mulai 28 Februari 2026"), std::string::npos) << got[0].id;
  EXPECT_NE(got[0].en.find("from 28 February 2026"), std::string::npos) << got[0].en;
  EXPECT_NE(got[0].id.find("30 November 2025"), std::string::npos) << got[0].id;
}

Facility facility(std::string code, FacilityType type, std::vector<std::string> poli_codes = {}) {
  Facility f;
  f.code = std::move(code);
  f.type = type;
  f.name = "Faskes " + f.code;
  for (auto& pc : poli_codes) {
    Poli poli;
    poli.code = pc;
    f.polis.push_back(poli);
  }
  return f;
}

struct DentalCase {
  std::string name;
  FacilityType fktp_type;
  std::string dental_code;
  std::optional<Facility> dental;
  Codes errors;
  Codes warnings = {};
};

TEST(DentalFktp, OnlyForDppAndOnlyAtADentalFacility) {
  // clang-format off
  const std::vector<DentalCase> cases{
      {"no dental facility at a puskesmas", FacilityType::puskesmas, "", std::nullopt, {}},
      {"no dental facility at a DPP", FacilityType::dpp, "", std::nullopt, {}},
      {"DPP + DPG", FacilityType::dpp, "0201G001", facility("0201G001", FacilityType::dpg), {}},
      {"DPP + klinik with poli gigi", FacilityType::dpp, "0201K002",
       facility("0201K002", FacilityType::klinik, {"001", "002"}), {}},
      {"DPP + puskesmas with poli gigi", FacilityType::dpp, "02010003",
       facility("02010003", FacilityType::puskesmas, {"002"}), {}},
      {"DPP + klinik without poli gigi", FacilityType::dpp, "0201K004",
       facility("0201K004", FacilityType::klinik, {"001", "003"}), {"dental.not_dental_facility"}},
      {"DPP + hospital with poli gigi", FacilityType::dpp, "0201R005",
       facility("0201R005", FacilityType::hospital, {"002"}), {"dental.not_dental_facility"}},
      {"DPP + another DPP", FacilityType::dpp, "0201D006", facility("0201D006", FacilityType::dpp),
       {"dental.not_dental_facility"}},
      {"DPP + facility not in the local list", FacilityType::dpp, "0201G007", std::nullopt, {},
       {"dental.facility_unknown"}},
      {"DPP + malformed code", FacilityType::dpp, "0201g007", std::nullopt, {"ppk.bad_format"}},
      {"puskesmas cannot choose", FacilityType::puskesmas, "0201G001",
       facility("0201G001", FacilityType::dpg), {"dental.fktp_not_dpp"}},
      {"klinik cannot choose", FacilityType::klinik, "0201G001", facility("0201G001", FacilityType::dpg),
       {"dental.fktp_not_dpp"}},
      {"DPG as FKTP cannot choose", FacilityType::dpg, "0201G001", facility("0201G001", FacilityType::dpg),
       {"dental.fktp_not_dpp"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Facility fktp = facility("0114D163", c.fktp_type);
    const Findings got = check_dental_fktp(fktp, c.dental_code, c.dental ? &*c.dental : nullptr);
    EXPECT_EQ(codes_of(got, Severity::error), c.errors);
    EXPECT_EQ(codes_of(got, Severity::warning), c.warnings);
    for (const auto& f : got) EXPECT_EQ(f.field, "dental_fktp");
  }
}

struct SegmentCase {
  std::string name;
  Segment from;
  SegmentChange change;
  Codes errors;
};

TEST(SegmentChange, PpuToPbpuWithAutodebitClassAndConsent) {
  const SegmentChange good{Segment::pbpu, Autodebit::bank, "BRI", 2, true};
  auto with = [&](auto edit) {
    SegmentChange c = good;
    edit(c);
    return c;
  };
  // clang-format off
  const std::vector<SegmentCase> cases{
      {"bank autodebit", Segment::ppu, good, {}},
      {"non-bank autodebit", Segment::ppu,
       with([](SegmentChange& c) { c.autodebit = Autodebit::non_bank; c.autodebit_provider = "GoPay"; }), {}},
      {"class 1", Segment::ppu, with([](SegmentChange& c) { c.care_class = 1; }), {}},
      {"class 3", Segment::ppu, with([](SegmentChange& c) { c.care_class = 3; }), {}},
      {"from PBPU", Segment::pbpu, good, {"segment.source_not_ppu"}},
      {"from PBI", Segment::pbi_apbn, good, {"segment.source_not_ppu"}},
      {"from BP", Segment::bp, good, {"segment.source_not_ppu"}},
      {"to BP", Segment::ppu, with([](SegmentChange& c) { c.target = Segment::bp; }),
       {"segment.target_not_pbpu"}},
      {"to PPU", Segment::ppu, with([](SegmentChange& c) { c.target = Segment::ppu; }),
       {"segment.target_not_pbpu"}},
      {"no autodebit", Segment::ppu,
       with([](SegmentChange& c) { c.autodebit = Autodebit::none; c.autodebit_provider.clear(); }),
       {"autodebit.required"}},
      {"blank provider", Segment::ppu, with([](SegmentChange& c) { c.autodebit_provider = "  "; }),
       {"autodebit.provider_required"}},
      {"class 0", Segment::ppu, with([](SegmentChange& c) { c.care_class = 0; }),
       {"care_class.out_of_range"}},
      {"class 4", Segment::ppu, with([](SegmentChange& c) { c.care_class = 4; }),
       {"care_class.out_of_range"}},
      {"no consent", Segment::ppu, with([](SegmentChange& c) { c.consent = false; }),
       {"segment.consent_required"}},
      {"everything wrong", Segment::pbpu, SegmentChange{Segment::bp, Autodebit::none, "", 5, false},
       {"segment.source_not_ppu", "segment.target_not_pbpu", "autodebit.required", "care_class.out_of_range",
        "segment.consent_required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Participant p;
    p.segment = c.from;
    EXPECT_EQ(codes_of(check_segment_change(p, c.change)), c.errors);
  }
}

struct NewbornCase {
  std::string name;
  Date birth;
  Sex sex;
  std::string new_nik;
  bool with_regions;
  Codes errors;
  Codes warnings = {};
};

TEST(NewbornNik, BabyOnlyAndTheNikMustMatchBirthAndSex) {
  RegionTable regions;
  regions.add(Region{"320410", "Soreang", RegionLevel::district});
  const Date today{2026, 1, 15};
  // clang-format off
  const std::vector<NewbornCase> cases{
      {"girl born 1 Dec 2025", Date{2025, 12, 1}, Sex::female, "3204104112250001", true, {}},
      {"boy born today", Date{2026, 1, 15}, Sex::male, "3204101501260001", true, {}},
      {"one day short of a year", Date{2025, 1, 16}, Sex::female, "3204105601250001", true, {}},
      {"exactly one year old", Date{2025, 1, 15}, Sex::female, "3204105501250001", true,
       {"newborn.not_a_baby"}},
      {"adult", Date{1985, 8, 15}, Sex::male, "3204101508850001", true, {"newborn.not_a_baby"}},
      {"NIK says boy", Date{2025, 12, 1}, Sex::female, "3204100112250001", true, {"nik.sex_mismatch"}},
      {"NIK says another day", Date{2025, 12, 1}, Sex::female, "3204104212250001", true,
       {"nik.birth_date_mismatch"}},
      {"NIK not valid", Date{2025, 12, 1}, Sex::female, "320410411225001", true, {"nik.bad_length"}},
      {"NIK serial 0000", Date{2025, 12, 1}, Sex::female, "3204104112250000", true, {"nik.serial_zero"}},
      {"same as the recorded NIK", Date{2025, 12, 1}, Sex::female, "3204105508850002", true,
       {"newborn.nik_unchanged"}},
      {"unknown region: warning only", Date{2025, 12, 1}, Sex::female, "3204994112250001", true, {},
       {"nik.region_unknown"}},
      {"no region table", Date{2025, 12, 1}, Sex::female, "3204994112250001", false, {}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Participant p;
    p.nik = "3204105508850002";  // the temporary NIK recorded at registration
    p.birth_date = c.birth;
    p.sex = c.sex;
    const Findings got = check_newborn_nik_update(p, c.new_nik, c.with_regions ? &regions : nullptr, today);
    EXPECT_EQ(codes_of(got, Severity::error), c.errors);
    EXPECT_EQ(codes_of(got, Severity::warning), c.warnings);
  }
}

TEST(NewbornNik, NotABabyMessageStatesTheAgeLimit) {
  Participant p;
  p.birth_date = Date{2020, 3, 1};
  const Findings got = check_newborn_nik_update(p, "3204100103200001", nullptr, Date{2026, 1, 15});
  ASSERT_EQ(got.size(), 1U);
  EXPECT_NE(got[0].id.find("di bawah 1 tahun"), std::string::npos) << got[0].id;
  EXPECT_NE(got[0].en.find("younger than 1 year,"), std::string::npos) << got[0].en;
}

TEST(ParticipantCareClass, OneToThree) {
  const std::vector<std::pair<int, Codes>> cases{{1, {}},
                                                 {2, {}},
                                                 {3, {}},
                                                 {0, {"care_class.out_of_range"}},
                                                 {4, {"care_class.out_of_range"}},
                                                 {-1, {"care_class.out_of_range"}}};
  for (const auto& [care_class, errors] : cases) {
    SCOPED_TRACE(care_class);
    EXPECT_EQ(codes_of(check_care_class(care_class)), errors);
  }
}

TEST(ParticipantAutodebit, ProviderNeededOnceChosen) {
  struct Case {
    Autodebit autodebit;
    std::string provider;
    bool required;
    Codes errors;
  };
  // clang-format off
  const std::vector<Case> cases{
      {Autodebit::none, "", false, {}},
      {Autodebit::none, "", true, {"autodebit.required"}},
      {Autodebit::bank, "BNI", false, {}},
      {Autodebit::non_bank, "OVO", true, {}},
      {Autodebit::bank, "", false, {"autodebit.provider_required"}},
      {Autodebit::non_bank, " \t", true, {"autodebit.provider_required"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(autodebit_code(c.autodebit)) + " '" + c.provider + "'");
    EXPECT_EQ(codes_of(check_autodebit(c.autodebit, c.provider, c.required)), c.errors);
  }
}

}  // namespace
