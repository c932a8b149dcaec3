// Change data (Mobile JKN feature 2, a-g) against a real replica: the rules refuse what they must, nothing is
// written before the identity check, and the audit shows who changed what and who saw the KTP.
#include <gtest/gtest.h>

#include "forms_fixture.hpp"
#include "screens/change/controller.hpp"
#include "screens/change/presenter.hpp"
#include "simpul/core/rules/findings.hpp"

namespace simpul::forms_test {
namespace {

using screens::change::ChangeScreen;
using screens::change::Kind;

constexpr const char* kNik = "3204104506900001";

Participant member(const char* nik, const char* name, Date birth, Sex sex) {
  Participant p;
  p.nik = nik;
  p.name = name;
  p.birth_date = birth;
  p.sex = sex;
  p.kk_number = "3204101201150003";
  p.relation = FamilyRelation::head;
  p.address.village_code = "3204102001";
  p.address.rt = "002";
  p.address.rw = "005";
  p.segment = Segment::pbpu;
  p.care_class = 3;
  p.fktp = kPuskesmas;
  p.email = "siti@example.org";
  return p;
}

class ChangeScreenTest : public FormsTest {
 protected:
  void SetUp() override {
    FormsTest::SetUp();
    if (HasFatalFailure()) return;
    sign_in("siti", Role::registration);
  }

  void open_for(const Participant& p) {
    app_->selection().participant_id = p.id;
    screen_ = std::make_unique<ChangeScreen>(*app_);
    show(*screen_);
  }

  void pick(const std::string& combo, const std::string& code) {
    click(combo);
    ui_.frame(2);
    click(combo + "." + code);
  }

  std::unique_ptr<ChangeScreen> screen_;
};

TEST_F(ChangeScreenTest, FktpChangeWithinThreeMonthsIsRefusedWithTheEarliestDate) {
  Participant p = member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female);
  p.fktp_changed_on = Date{2025, 11, 20};  // six weeks before "today" (2026-01-01)
  p = add_participant(p);
  open_for(p);
  EXPECT_TRUE(ui_.has_text("Can change from 20-02-2026"));
  click("change.kind.fktp");
  EXPECT_TRUE(ui_.has_text("It can change again from 20-02-2026")) << ui_.describe();
  pick("change.fktp", kKlinik);
  EXPECT_TRUE(ui_.has_text("The FKTP can be changed again from 20 February 2026")) << ui_.describe();
  EXPECT_FALSE(ui_.find("change.review").enabled);
  EXPECT_EQ(app_->participants().get(p.id).value()->fktp, kPuskesmas);

  // Three months on, the same change goes through and starts a new wait.
  clock_.advance_ms(int64_t{51} * 24 * 3600 * 1000);  // 2026-02-21
  ui_.frame();
  EXPECT_TRUE(ui_.find("change.review").enabled);
  click("change.review");
  click("change.identity.ktp_seen");
  type_into("change.identity.ktp_nik", kNik);
  click("change.save");
  const Participant after = *app_->participants().get(p.id).value();
  EXPECT_EQ(after.fktp, kKlinik);
  EXPECT_EQ(after.fktp_changed_on, (Date{2026, 2, 21}));
}

TEST_F(ChangeScreenTest, EmailIsSavedOnlyAfterTheKtpCheckAndAuditedWithTheUser) {
  const Participant p = add_participant(member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female));
  const std::int64_t ops = pending_ops();
  open_for(p);
  click("change.kind.email");
  EXPECT_EQ(ui_.find("change.new_email").value, "siti@example.org");  // starts from the current value
  EXPECT_FALSE(ui_.find("change.review").enabled);  // nothing changes yet
  type_into("change.new_email", "@");
  EXPECT_TRUE(ui_.has_text("exactly one @")) << ui_.describe();  // the core rule's finding, as typed
  EXPECT_FALSE(ui_.find("change.review").enabled);
  ui_.press_escape();  // leaves the field (and undoes the typing)
  ui_.frame();
  EXPECT_EQ(navigator_.backs, 0);  // Esc inside a field is not "back"
  screen_->form().email = "siti.rahma@example.org";
  ui_.frame();
  click("change.review");
  EXPECT_TRUE(ui_.has_text("siti.rahma@example.org"));  // before -> after
  EXPECT_TRUE(ui_.has_text("Identity check"));

  // Without the KTP check nothing is written.
  click("change.save");
  EXPECT_TRUE(ui_.has_text("Not saved: complete the identity check."));
  EXPECT_TRUE(ui_.has_text("Tick \"I have seen the KTP\" after looking at the KTP."));
  EXPECT_EQ(app_->participants().get(p.id).value()->email, "siti@example.org");
  EXPECT_EQ(pending_ops(), ops);

  // A KTP that is not the participant's is refused too.
  click("change.identity.ktp_seen");
  type_into("change.identity.ktp_nik", "3204104506900002");
  click("change.save");
  EXPECT_TRUE(ui_.has_text("differs from the participant's NIK"));
  EXPECT_EQ(app_->participants().get(p.id).value()->email, "siti@example.org");

  screen_->form().ktp_nik = kNik;
  ui_.frame();  // the mismatch message goes: the button moves up
  click("change.save");
  EXPECT_TRUE(ui_.has_text("KTP seen by siti")) << ui_.describe();
  EXPECT_EQ(app_->participants().get(p.id).value()->email, "siti.rahma@example.org");
  EXPECT_EQ(pending_ops(), ops + 1);  // one op, with the changed field only

  auto audit = app_->participants().audit_trail(p.id);
  ASSERT_TRUE(audit.ok());
  ASSERT_GE(audit->size(), 3u);  // newest first: ktp_seen, update, create
  EXPECT_EQ((*audit)[0].action, "ktp_seen");
  EXPECT_EQ((*audit)[0].username, "siti");
  EXPECT_EQ((*audit)[0].after["change"], "email");
  EXPECT_EQ((*audit)[1].action, "update");
  EXPECT_EQ((*audit)[1].username, "siti");
  EXPECT_EQ((*audit)[1].after.size(), 1u);
  EXPECT_EQ((*audit)[1].after["email"], "siti.rahma@example.org");
  EXPECT_EQ((*audit)[1].before["email"], "siti@example.org");
}

TEST_F(ChangeScreenTest, DentalChangeIsOnlyOfferedWithADpp) {
  Participant p = member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female);
  p = add_participant(p);
  open_for(p);
  EXPECT_FALSE(ui_.find("change.kind.dental").enabled);
  EXPECT_TRUE(ui_.has_text("Only when the participant's FKTP is a DPP."));
}

TEST_F(ChangeScreenTest, ParticipantCanBeLookedUpWhenNoneIsSelected) {
  const Participant p = add_participant(member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female));
  screen_ = std::make_unique<ChangeScreen>(*app_);
  show(*screen_);
  type_into("change.lookup", "3204104506900009");
  ui_.press_enter();
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("No participant with that NIK"));
  screen_->form().lookup = kNik;
  click("change.lookup_submit");
  EXPECT_TRUE(ui_.has_text("Siti Rahma"));
  EXPECT_EQ(app_->selection().participant_id, p.id);
}

TEST_F(ChangeScreenTest, ViewerMayNotChangeData) {
  const Participant p = add_participant(member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female));
  app_->sign_out();
  sign_in("tamu", Role::viewer);
  open_for(p);
  EXPECT_TRUE(ui_.has_text("Your account may not change participant data."));
  EXPECT_EQ(ui_.try_find("change.kind.email"), nullptr);
}

// ---- the plans behind each change ----

class ChangePlan : public FormsTest {
 protected:
  screens::change::Reference reference(const Participant& p) {
    screens::change::Reference ref;
    ref.regions = &app_->regions();
    facilities_ = app_->facilities().list().value();
    ref.facilities = &facilities_;
    ref.today = Date{2026, 1, 1};
    ref.family = app_->participants().family(p.kk_number).value();
    return ref;
  }
  std::vector<Facility> facilities_;
};

TEST_F(ChangePlan, MovingAwayFromADppClearsTheDentalFacility) {
  Participant p = member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female);
  p.fktp = kDpp;
  p.dental_fktp = kDpg;
  screens::change::Form form;
  screens::change::start_change(form, Kind::fktp, p, nullptr);
  form.fktp.code = kPuskesmas;
  const auto plan = screens::change::plan_change(p, form, reference(p));
  EXPECT_FALSE(has_errors(plan.findings));
  EXPECT_EQ(plan.changes["fktp"], kPuskesmas);
  EXPECT_EQ(plan.changes["fktp_changed_on"], "2026-01-01");
  EXPECT_TRUE(plan.changes["dental_fktp"].is_null());
  EXPECT_NE(rules::find_code(plan.findings, "change.dental_cleared"), nullptr);
}

TEST_F(ChangePlan, SegmentChangeNeedsPpuAutodebitAndConsent) {
  Participant p = member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female);
  p.segment = Segment::ppu;
  p.care_class = 1;
  screens::change::Form form;
  screens::change::start_change(form, Kind::segment, p, nullptr);
  auto plan = screens::change::plan_change(p, form, reference(p));
  EXPECT_NE(rules::find_code(plan.findings, "autodebit.required"), nullptr);
  EXPECT_NE(rules::find_code(plan.findings, "segment.consent_required"), nullptr);
  form.autodebit = Autodebit::bank;
  form.autodebit_provider = "BRI";
  form.segment_class = 2;
  form.consent = true;
  plan = screens::change::plan_change(p, form, reference(p));
  EXPECT_FALSE(has_errors(plan.findings));
  EXPECT_EQ(plan.changes["segment"], "PBPU");
  EXPECT_EQ(plan.changes["autodebit"], "bank");
  EXPECT_EQ(plan.changes["class"], 2);
}

TEST_F(ChangePlan, PbiStaysInClassThree) {
  Participant p = member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female);
  p.segment = Segment::pbi_apbn;
  screens::change::Form form;
  screens::change::start_change(form, Kind::care_class, p, nullptr);
  form.care_class = 1;
  const auto plan = screens::change::plan_change(p, form, reference(p));
  EXPECT_NE(rules::find_code(plan.findings, "change.pbi_class_fixed"), nullptr);
}

TEST_F(ChangePlan, NewbornNikIsCheckedAndTheParentsKtpServesAsIdentity) {
  const Participant mother = add_participant(member(kNik, "Siti Rahma", Date{1990, 6, 5}, Sex::female));
  Participant baby = member("3204100310250009", "Bayi Siti", Date{2025, 10, 3}, Sex::male);  // temporary NIK
  baby.relation = FamilyRelation::child;
  baby = add_participant(baby);
  screens::change::Form form;
  screens::change::start_change(form, Kind::newborn_nik, baby, nullptr);
  form.new_nik = "3204100311250001";  // 03-11-25: not the baby's birth date
  const auto ref = reference(baby);
  EXPECT_NE(rules::find_code(screens::change::plan_change(baby, form, ref).findings, "nik.birth_date_mismatch"), nullptr);
  form.new_nik = "3204100310250001";
  const auto plan = screens::change::plan_change(baby, form, ref);
  EXPECT_FALSE(has_errors(plan.findings));
  EXPECT_EQ(plan.changes["nik"], "3204100310250001");
  form.ktp_seen = true;
  form.ktp_nik = mother.nik;
  EXPECT_TRUE(screens::change::identity_findings(baby, form, ref).empty());
  form.kind = Kind::email;  // for any other change the KTP must be the participant's own
  EXPECT_FALSE(screens::change::identity_findings(baby, form, ref).empty());
}

}  // namespace
}  // namespace simpul::forms_test
