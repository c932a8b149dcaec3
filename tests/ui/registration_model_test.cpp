// The registration screen's pure logic: NIK decoding as typed, prefills, which findings show, what is saved.
#include <gtest/gtest.h>

#include "screens/registration/presenter.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/premium.hpp"
#include "ui/i18n.hpp"
#include "widgets/facility_picker.hpp"
#include "widgets/filter_combo.hpp"
#include "widgets/form_text.hpp"
#include "widgets/region_picker.hpp"

namespace simpul::screens::registration {
namespace {

constexpr const char* kNik = "3204104506900001";  // Margaasih, female, 05-06-1990
constexpr const char* kKk = "3204101201150003";

RegionTable small_regions() {
  RegionTable t;
  t.add({"32", "Jawa Barat", RegionLevel::province});
  t.add({"33", "Jawa Tengah", RegionLevel::province});
  t.add({"3204", "Kab. Bandung", RegionLevel::regency});
  t.add({"3273", "Kota Bandung", RegionLevel::regency});
  t.add({"3301", "Kab. Cilacap", RegionLevel::regency});
  t.add({"320410", "Margaasih", RegionLevel::district});
  t.add({"320411", "Soreang", RegionLevel::district});
  t.add({"3204102001", "Margaasih", RegionLevel::village});
  t.add({"3204102002", "Lagadar", RegionLevel::village});
  t.add({"3204112001", "Soreang", RegionLevel::village});
  return t;
}

Facility facility(const char* code, FacilityType type, const char* name, double lat, double lon) {
  Facility f;
  f.code = code;
  f.type = type;
  f.name = name;
  f.latitude = lat;
  f.longitude = lon;
  return f;
}

class RegistrationModel : public ::testing::Test {
 protected:
  void SetUp() override { i18n::set_language("en"); }
  void TearDown() override { i18n::set_language("id"); }

  Form valid_form() {
    Form form;
    form.people[0].nik = kNik;
    form.people[0].name = "Siti Rahma";
    form.kk_number = kKk;
    update_derived(form, ref_);
    widgets::pick_region(form.region, 3, "3204102001");
    form.rt = "2";
    form.rw = "5";
    form.fktp.code = "1004P012";
    return form;
  }

  RegionTable regions_ = small_regions();
  std::vector<Facility> facilities_ = {
      facility("1004P012", FacilityType::puskesmas, "Puskesmas Soreang", -7.03, 107.52),
      facility("1004D031", FacilityType::dpp, "dr. Rina Praktik", -7.05, 107.50),
      facility("1004G040", FacilityType::dpg, "drg. Budi", -7.06, 107.51),
      facility("1004R001", FacilityType::hospital, "RSUD Soreang", -7.02, 107.53),
  };
  Reference ref_{&regions_, &facilities_, widgets::GeoPoint{-7.03, 107.52}, Date{2026, 1, 1}};
};

TEST_F(RegistrationModel, NikTellsTheRegionAfterSixDigitsAndTheBirthAfterTwelve) {
  EXPECT_EQ(preview_nik("32", ref_).region, "Jawa Barat");
  EXPECT_EQ(preview_nik("3204", ref_).region, "Kab. Bandung, Jawa Barat");
  const NikPreview six = preview_nik("320410", ref_);
  EXPECT_EQ(six.region, "Margaasih, Kab. Bandung, Jawa Barat");
  EXPECT_TRUE(six.birth_date.empty());
  const NikPreview twelve = preview_nik("320410450690", ref_);
  EXPECT_EQ(twelve.digits, 12u);
  EXPECT_EQ(twelve.birth_date, "05-06-1990");
  EXPECT_EQ(twelve.sex, Sex::female);
  EXPECT_EQ(preview_nik("32041x", ref_).digits, 0u);  // not a NIK being typed: nothing to say
}

TEST_F(RegistrationModel, NikPrefillsBirthDateSexAndRegionUntilStaffTypeThemselves) {
  Form form;
  form.people[0].nik = kNik;
  update_derived(form, ref_);
  EXPECT_EQ(form.people[0].birth_date, "05-06-1990");
  EXPECT_EQ(form.people[0].sex, Sex::female);
  EXPECT_EQ(form.region.codes[2], "320410");
  EXPECT_EQ(form.region_from_nik, "320410");

  form.people[0].birth_date = "06-06-1990";
  form.people[0].birth_date_edited = true;
  form.people[0].nik = "3204104506900002";
  update_derived(form, ref_);
  EXPECT_EQ(form.people[0].birth_date, "06-06-1990");  // typed by staff: kept

  form.people[0].nik = "32";  // the NIK was cleared: what it had filled goes with it
  update_derived(form, ref_);
  EXPECT_FALSE(form.people[0].sex.has_value());
  EXPECT_TRUE(form.region.empty());
}

TEST_F(RegistrationModel, EmptyFieldsShowRequiredOnlyAfterTheFirstSave) {
  Form form;
  View view = build_view(form, ref_, {});
  EXPECT_GT(view.errors, 0);
  EXPECT_TRUE(view.people[0].findings.empty());
  EXPECT_TRUE(view.household.empty());
  form.save_attempted = true;
  view = build_view(form, ref_, {});
  EXPECT_FALSE(view.people[0].findings.empty());
  EXPECT_FALSE(view.household.empty());
}

TEST_F(RegistrationModel, AValidFormHasNoErrorsAndSavesNormalisedPendingPbpu) {
  Form form = valid_form();
  form.people[0].phone = "0812-9876-5432";
  form.people[0].email = " Siti@Example.ORG ";
  const View view = build_view(form, ref_, {});
  EXPECT_EQ(view.errors, 0) << (view.people[0].findings.empty() ? "" : view.people[0].findings[0].en);
  EXPECT_EQ(view.people[0].phone_normalized, "+6281298765432");
  const Participant p = to_participant(form, 0);
  EXPECT_EQ(p.birth_date, (Date{1990, 6, 5}));
  EXPECT_EQ(p.sex, Sex::female);
  EXPECT_EQ(p.address.rt, "002");
  EXPECT_EQ(p.address.rw, "005");
  EXPECT_EQ(p.address.village_code, "3204102001");
  EXPECT_EQ(p.phone, "+6281298765432");
  EXPECT_EQ(p.email, "Siti@example.org");
  EXPECT_EQ(p.segment, Segment::pbpu);
  EXPECT_EQ(p.verification, Verification::pending);
  EXPECT_TRUE(p.card_number.empty());
}

TEST_F(RegistrationModel, BirthDateMustMatchTheNik) {
  Form form = valid_form();
  form.people[0].birth_date = "07-06-1990";
  form.people[0].birth_date_edited = true;
  const View view = build_view(form, ref_, {});
  ASSERT_EQ(view.errors, 1);
  EXPECT_EQ(view.people[0].findings.at(0).code, "nik.birth_date_mismatch");
  form.people[0].birth_date = "1990-13-40";
  EXPECT_EQ(build_view(form, ref_, {}).people[0].findings.at(0).code, "registration.birth_format");
}

TEST_F(RegistrationModel, AFamilyHasOneHeadAndEachNikOnce) {
  Form form = valid_form();
  add_member(form);
  EXPECT_EQ(form.current, 1u);
  EXPECT_EQ(form.people[1].relation, FamilyRelation::child);
  form.people[1].nik = kNik;
  form.people[1].name = "Adik";
  form.people[1].relation = FamilyRelation::head;
  update_derived(form, ref_);
  const Findings findings = person_findings(form, 1, ref_, {});
  EXPECT_NE(rules::find_code(findings, "registration.nik_twice"), nullptr);
  EXPECT_NE(rules::find_code(findings, "registration.two_heads"), nullptr);
}

TEST_F(RegistrationModel, ANikAlreadyOnTheReplicaBlocksAndLinksTheRecord) {
  Form form = valid_form();
  const Existing existing{{kNik, ExistingParticipant{"p-1", "Siti Lama", "0001234567890"}}};
  const View view = build_view(form, ref_, existing);
  EXPECT_EQ(view.errors, 1);
  ASSERT_TRUE(view.people[0].duplicate.has_value());
  EXPECT_EQ(view.people[0].duplicate->id, "p-1");
  EXPECT_NE(view.people[0].findings.at(0).en.find("Siti Lama"), std::string::npos);
}

TEST_F(RegistrationModel, DentalFacilityOnlyWithADppAndClearedOtherwise) {
  Form form = valid_form();
  form.dental.code = "1004G040";
  update_derived(form, ref_);
  EXPECT_TRUE(form.dental.code.empty());
  EXPECT_FALSE(build_view(form, ref_, {}).dental_enabled);
  form.fktp.code = "1004D031";
  form.dental.code = "1004G040";
  update_derived(form, ref_);
  const View view = build_view(form, ref_, {});
  EXPECT_TRUE(view.dental_enabled);
  EXPECT_EQ(form.dental.code, "1004G040");
  EXPECT_EQ(view.errors, 0);
}

TEST_F(RegistrationModel, PremiumFollowsTheClassForEveryoneInTheRegistration) {
  Form form = valid_form();
  add_member(form);
  form.care_class = 3;
  View view = build_view(form, ref_, {});
  EXPECT_EQ(view.premium.per_person, rules::monthly_premium_rupiah(3));
  EXPECT_EQ(view.premium.subsidy, 7000);
  EXPECT_EQ(view.premium.total, 2 * rules::monthly_premium_rupiah(3));
  form.care_class = 1;
  view = build_view(form, ref_, {});
  EXPECT_EQ(view.premium.per_person, 150000);
  EXPECT_EQ(view.premium.subsidy, 0);
}

TEST_F(RegistrationModel, FktpListHoldsFirstLevelFacilitiesNearestFirstOrByName) {
  Form form = valid_form();
  View view = build_view(form, ref_, {});
  ASSERT_EQ(view.fktp.options.size(), 2u);  // the DPG and the hospital are not FKTPs one registers at
  EXPECT_EQ(view.fktp.options[0].code, "1004P012");  // 0 km away
  EXPECT_NE(view.fktp.options[1].detail.find("km"), std::string::npos);
  form.fktp.order = widgets::FacilityOrder::alphabetical;
  view = build_view(form, ref_, {});
  EXPECT_EQ(view.fktp.options[0].code, "1004D031");  // "dr. Rina" before "Puskesmas": case does not matter
  EXPECT_EQ(view.dental.options.front().code, widgets::kNoFacilityCode);
}

TEST_F(RegistrationModel, NextFamilyFormKeepsTheHousehold) {
  const Form form = valid_form();
  const Form next = next_family_form(form);
  EXPECT_EQ(next.kk_number, kKk);
  EXPECT_EQ(next.region.village(), "3204102001");
  EXPECT_EQ(next.fktp.code, "1004P012");
  ASSERT_EQ(next.people.size(), 1u);
  EXPECT_TRUE(next.people[0].nik.empty());
  EXPECT_EQ(next.people[0].relation, FamilyRelation::child);
}

TEST(RegionPicker, PickingALevelClearsTheLevelsBelowAndListsOnlyChildren) {
  const RegionTable regions = small_regions();
  widgets::RegionPickerState state;
  widgets::set_region(state, regions, "32.04.10.2001");
  EXPECT_EQ(state.village(), "3204102001");
  widgets::RegionPickerView view = widgets::region_picker_view(regions, state);
  EXPECT_EQ(view.options[0].size(), 2u);
  EXPECT_EQ(view.options[1].size(), 2u);  // Jawa Barat's regencies only
  EXPECT_EQ(view.options[3].size(), 2u);
  EXPECT_EQ(view.names[3], "Margaasih");
  widgets::pick_region(state, 0, "33");
  EXPECT_TRUE(state.codes[1].empty());
  EXPECT_TRUE(state.village().empty());
  view = widgets::region_picker_view(regions, state);
  ASSERT_EQ(view.options[1].size(), 1u);
  EXPECT_EQ(view.options[1][0].code, "3301");
  EXPECT_TRUE(view.options[2].empty());  // no regency chosen yet
}

TEST(FilterCombo, MatchesEveryWordOrACodePrefix) {
  const widgets::ComboOption option{"3204102001", "Margaasih Hilir", {}};
  EXPECT_TRUE(widgets::option_matches(option, ""));
  EXPECT_TRUE(widgets::option_matches(option, "hilir marga"));
  EXPECT_TRUE(widgets::option_matches(option, "320410"));
  EXPECT_FALSE(widgets::option_matches(option, "soreang"));
}

TEST(FormText, DatesAsTypedAndRupiahInTheUiLanguage) {
  EXPECT_EQ(widgets::parse_date_text("05-06-1990"), (Date{1990, 6, 5}));
  EXPECT_EQ(widgets::parse_date_text("05/06/1990"), (Date{1990, 6, 5}));
  EXPECT_EQ(widgets::parse_date_text("05061990"), (Date{1990, 6, 5}));
  EXPECT_EQ(widgets::parse_date_text("1990-06-05"), (Date{1990, 6, 5}));
  EXPECT_FALSE(widgets::parse_date_text("31-02-1990").has_value());
  EXPECT_FALSE(widgets::parse_date_text("5-6-90").has_value());
  i18n::set_language("id");
  EXPECT_EQ(widgets::rupiah(150000), "Rp150.000");
  i18n::set_language("en");
  EXPECT_EQ(widgets::rupiah(35000), "Rp35,000");
  i18n::set_language("id");
}

}  // namespace
}  // namespace simpul::screens::registration
