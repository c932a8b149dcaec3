// The registration screen driven like a user would, against a real replica: typing, picking regions and
// facilities, saving (or being refused), family members, duplicates.
#include <gtest/gtest.h>

#include <algorithm>

#include "forms_fixture.hpp"
#include "screens/registration/controller.hpp"
#include "simpul/core/rules/identity.hpp"

namespace simpul::forms_test {
namespace {

using screens::registration::RegistrationScreen;

constexpr const char* kNik = "3204104506900001";  // Margaasih, Kab. Bandung; female; 05-06-1990
constexpr const char* kKk = "3204101201150003";

class RegistrationScreenTest : public FormsTest {
 protected:
  void SetUp() override {
    FormsTest::SetUp();
    if (HasFatalFailure()) return;
    sign_in("siti", Role::registration);
    screen_ = std::make_unique<RegistrationScreen>(*app_);
    show(*screen_);
  }

  void pick(const std::string& combo, const std::string& code) {
    click(combo);
    ui_.frame(2);  // the list opens (and lays out) in the frames after the click
    click(combo + "." + code);
  }

  // Everything but the NIK (and what the NIK fills in).
  void fill_household() {
    type_into("registration.name.0", "Siti Rahma");
    type_into("registration.kk_number", kKk);
    type_into("registration.rt", "2");
    type_into("registration.rw", "5");
    pick("registration.fktp", kPuskesmas);
  }

  std::size_t options_with_prefix(const std::string& prefix) const {
    return static_cast<std::size_t>(std::count_if(ui_.items().begin(), ui_.items().end(), [&](const auto& item) {
      return item.id.starts_with(prefix) && item.id != prefix + "filter";
    }));
  }

  std::unique_ptr<RegistrationScreen> screen_;
};

TEST_F(RegistrationScreenTest, NikIsDecodedWhileTyping) {
  type_into("registration.nik.0", "320410");
  EXPECT_TRUE(ui_.has_text("Margaasih, Kab. Bandung, Jawa Barat"));
  EXPECT_FALSE(ui_.has_text("05-06-1990"));
  type("450690");
  EXPECT_TRUE(ui_.has_text("From the NIK: born 05-06-1990 · Female"));
  ui_.frame();
  EXPECT_EQ(ui_.find("registration.birth_date.0").value, "05-06-1990");  // prefilled
  EXPECT_EQ(screen_->form().people[0].sex, Sex::female);
}

TEST_F(RegistrationScreenTest, BadNikIsShownAndSaveRefusedWithNothingWritten) {
  const std::int64_t participants = participant_count();
  const std::int64_t ops = pending_ops();
  const char* bad = "3204109906900001";  // day 99
  type_into("registration.nik.0", bad);
  type_into("registration.birth_date.0", "05-06-1990");
  click("registration.sex_female.0");
  fill_household();
  pick("registration.region.village", "3204102001");

  const Findings expected = rules::check_nik(bad, std::nullopt, std::nullopt, &app_->regions(), Date{2026, 1, 1});
  ASSERT_FALSE(expected.empty());
  EXPECT_TRUE(ui_.has_text(expected.front().en)) << ui_.describe();

  click("registration.save");
  EXPECT_TRUE(ui_.has_text("Not saved: fix what is shown in red first."));
  EXPECT_EQ(participant_count(), participants);
  EXPECT_EQ(pending_ops(), ops);
  EXPECT_FALSE(app_->participants().by_nik(bad).value().has_value());
}

TEST_F(RegistrationScreenTest, GoodNikIsSavedPendingWithAnOutboxOp) {
  const std::int64_t ops = pending_ops();
  type_into("registration.nik.0", kNik);
  fill_household();
  // The NIK chose the province, regency and district; the village is the desk's choice.
  EXPECT_EQ(screen_->form().region.codes[2], "320410");
  pick("registration.region.village", "3204102001");
  type_into("registration.phone.0", "0812-9876-5432");
  EXPECT_TRUE(ui_.has_text("+6281298765432"));

  click("registration.save");
  EXPECT_TRUE(ui_.has_text("Saved — waiting for verification")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("JKN card number"));  // what the participant page shows after sync

  auto saved = app_->participants().by_nik(kNik);
  ASSERT_TRUE(saved.ok() && saved->has_value());
  const Participant& p = **saved;
  EXPECT_EQ(p.name, "Siti Rahma");
  EXPECT_EQ(p.verification, Verification::pending);
  EXPECT_EQ(p.segment, Segment::pbpu);
  EXPECT_EQ(p.birth_date, (Date{1990, 6, 5}));
  EXPECT_EQ(p.address.village_code, "3204102001");
  EXPECT_EQ(p.address.rt, "002");
  EXPECT_EQ(p.fktp, kPuskesmas);
  EXPECT_EQ(p.phone, "+6281298765432");
  EXPECT_GT(pending_ops(), ops);
  storage::Outbox outbox(app_->replica().db());
  EXPECT_EQ(outbox.record_state("participant", p.id).value(), "local");
  auto audit = app_->participants().audit_trail(p.id);
  ASSERT_TRUE(audit.ok() && !audit->empty());
  EXPECT_EQ(audit->back().username, "siti");

  click("registration.open_saved.0");
  ASSERT_FALSE(navigator_.opened.empty());
  EXPECT_EQ(navigator_.opened.back(), "participant");
  EXPECT_EQ(app_->selection().participant_id, p.id);
}

TEST_F(RegistrationScreenTest, RegionCascadeNarrowsTheChoices) {
  EXPECT_FALSE(ui_.find("registration.region.regency").enabled);
  click("registration.region.province");
  ui_.frame(2);
  EXPECT_EQ(options_with_prefix("registration.region.province."), app_->regions().provinces().size());
  click("registration.region.province.32");
  EXPECT_TRUE(ui_.find("registration.region.regency").enabled);
  EXPECT_FALSE(ui_.find("registration.region.district").enabled);

  click("registration.region.regency");
  ui_.frame(2);
  const std::size_t regencies = app_->regions().children("32").size();
  EXPECT_EQ(options_with_prefix("registration.region.regency."), regencies);
  EXPECT_EQ(options_with_prefix("registration.region.regency.32"), regencies);  // only Jawa Barat's
  type_into("registration.region.regency.filter", "bandung");
  const std::size_t bandung = options_with_prefix("registration.region.regency.");
  EXPECT_GE(bandung, 2u);
  EXPECT_LT(bandung, regencies);
  click("registration.region.regency.3204");
  pick("registration.region.district", "320410");
  click("registration.region.village");
  ui_.frame(2);
  EXPECT_EQ(options_with_prefix("registration.region.village."), app_->regions().children("320410").size());
  EXPECT_EQ(options_with_prefix("registration.region.village.320410"), app_->regions().children("320410").size());

  click("registration.region.village.3204102001");
  EXPECT_EQ(screen_->form().region.village(), "3204102001");

  // Choosing another province empties what depended on it.
  pick("registration.region.province", "33");
  EXPECT_TRUE(screen_->form().region.codes[1].empty());
  EXPECT_TRUE(screen_->form().region.village().empty());
  EXPECT_FALSE(ui_.find("registration.region.district").enabled);
}

TEST_F(RegistrationScreenTest, DuplicateNikSaysWhoAndLinksTheExistingParticipant) {
  Participant existing;
  existing.nik = kNik;
  existing.name = "Siti Lama";
  existing.birth_date = Date{1990, 6, 5};
  existing.sex = Sex::female;
  existing.kk_number = kKk;
  existing.fktp = kPuskesmas;
  existing.address.village_code = "3204102001";
  const Participant stored = add_participant(existing);

  type_into("registration.nik.0", kNik);
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("already registered as a participant: Siti Lama")) << ui_.describe();
  click("registration.open_existing.0");
  ASSERT_FALSE(navigator_.opened.empty());
  EXPECT_EQ(navigator_.opened.back(), "participant");
  EXPECT_EQ(app_->selection().participant_id, stored.id);
}

TEST_F(RegistrationScreenTest, FamilyMembersOnTheSameKkAreSavedInOneFlow) {
  type_into("registration.nik.0", kNik);
  fill_household();
  pick("registration.region.village", "3204102001");
  click("registration.add_member");
  ui_.frame(2);
  type_into("registration.nik.1", "3204100203150002");  // a boy born 02-03-2015
  type_into("registration.name.1", "Raka");
  EXPECT_TRUE(ui_.has_text("2 people"));  // the premium for both
  click("registration.save");
  EXPECT_TRUE(ui_.has_text("Saved — waiting for verification")) << ui_.describe();
  auto family = app_->participants().family(kKk);
  ASSERT_TRUE(family.ok());
  ASSERT_EQ(family->size(), 2u);
  EXPECT_EQ((*family)[0].relation, FamilyRelation::head);
  EXPECT_EQ((*family)[1].name, "Raka");
  EXPECT_EQ((*family)[1].relation, FamilyRelation::child);

  // The next member starts with the household already filled in.
  click("registration.register_family_member");
  EXPECT_EQ(screen_->form().kk_number, kKk);
  EXPECT_EQ(screen_->form().region.village(), "3204102001");
  EXPECT_TRUE(screen_->form().people[0].nik.empty());
}

TEST_F(RegistrationScreenTest, ViewerMayNotRegister) {
  app_->sign_out();
  sign_in("tamu", Role::viewer);
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("Your account may not register participants."));
  EXPECT_EQ(ui_.try_find("registration.save"), nullptr);
}

}  // namespace
}  // namespace simpul::forms_test
