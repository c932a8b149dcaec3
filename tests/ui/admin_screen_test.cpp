// The admin screen against a real replica: accounts (hash stored, sign-in works), roles, refusal for others,
// settings, enrollment checks and a backup.
#include <gtest/gtest.h>

#include <filesystem>

#include "forms_fixture.hpp"
#include "screens/admin/controller.hpp"
#include "screens/admin/presenter.hpp"
#include "simpul/storage/users.hpp"

namespace simpul::forms_test {
namespace {

using screens::admin::AdminScreen;

class AdminScreenTest : public FormsTest {
 protected:
  void open_as(const std::string& username, Role role) {
    sign_in(username, role);
    screen_ = std::make_unique<AdminScreen>(*app_);
    show(*screen_);
  }
  std::unique_ptr<AdminScreen> screen_;
};

TEST_F(AdminScreenTest, AddedUserHasAHashedPasswordAndCanSignIn) {
  open_as("admin", Role::admin);
  type_into("admin.add.username", "budi");
  type_into("admin.add.display_name", "Budi Santoso");
  click("admin.add.role.clinician");
  type_into("admin.add.password", "kata-sandi-1");
  type_into("admin.add.password_again", "kata-sandi-2");
  click("admin.add.submit");
  EXPECT_TRUE(ui_.has_text("The two passwords differ."));
  EXPECT_FALSE(app_->users().by_username("budi").value().has_value());

  screen_->form().add.password = "kata-sandi-1";
  screen_->form().add.password_again = "kata-sandi-1";
  click("admin.add.submit");
  finish_task("admin.user");
  EXPECT_TRUE(ui_.has_text("Account created: budi")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("Budi Santoso"));

  auto stored = app_->users().by_username("budi");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->role, Role::clinician);
  EXPECT_TRUE((*stored)->password_hash.starts_with("$argon2id$"));
  EXPECT_EQ((*stored)->password_hash.find("kata-sandi-1"), std::string::npos);
  auto signed_in = app_->users().authenticate("budi", "kata-sandi-1");
  ASSERT_TRUE(signed_in.ok());
  EXPECT_EQ(signed_in->display_name, "Budi Santoso");
  EXPECT_FALSE(app_->users().authenticate("budi", "kata-sandi-2").ok());
}

TEST_F(AdminScreenTest, RolesChangeAndAccountsCanBeDisabledButNotOnesOwn) {
  open_as("admin", Role::admin);
  User other;
  other.username = "rina";
  other.role = Role::registration;
  const std::string id = app_->users().create(app_->actor(), other, kPassword).value();
  screen_->on_show();
  ui_.frame();
  click("admin.viewer." + id);
  EXPECT_EQ(app_->users().by_username("rina").value()->role, Role::viewer);
  click("admin.toggle." + id);
  EXPECT_FALSE(app_->users().by_username("rina").value()->active);
  EXPECT_FALSE(app_->users().authenticate("rina", kPassword).ok());

  const context::Session* session = app_->session();
  ASSERT_NE(session, nullptr);
  const std::string self = session->user.id;
  EXPECT_FALSE(ui_.find("admin.toggle." + self).enabled);
  EXPECT_FALSE(ui_.find("admin.viewer." + self).enabled);
}

TEST_F(AdminScreenTest, PasswordResetWorksWithTheNewPassword) {
  open_as("admin", Role::admin);
  User other;
  other.username = "rina";
  other.role = Role::registration;
  const std::string id = app_->users().create(app_->actor(), other, kPassword).value();
  screen_->on_show();
  ui_.frame();
  click("admin.reset." + id);
  type_into("admin.reset.password", "baru-sekali-9");
  type_into("admin.reset.password_again", "baru-sekali-9");
  click("admin.reset.confirm");
  finish_task("admin.user");
  EXPECT_TRUE(ui_.has_text("Password changed."));
  EXPECT_TRUE(app_->users().authenticate("rina", "baru-sekali-9").ok());
  EXPECT_FALSE(app_->users().authenticate("rina", kPassword).ok());
}

TEST_F(AdminScreenTest, NonAdminIsRefused) {
  open_as("siti", Role::registration);
  EXPECT_TRUE(ui_.has_text("This page is for administrators only."));
  EXPECT_EQ(ui_.try_find("admin.add.submit"), nullptr);
  // Filling the form in behind the refusal creates nothing.
  screen_->form().add = screens::admin::NewUser{"mallory", "", Role::admin, "kata-sandi-1", "kata-sandi-1"};
  ui_.frame(3);
  EXPECT_FALSE(app_->users().by_username("mallory").value().has_value());
}

TEST_F(AdminScreenTest, SettingsAreStoredAndThePinOnlyAsAHash) {
  open_as("admin", Role::admin);
  click("admin.tab.settings");
  click("admin.settings.scale.130%");
  screen_->form().settings.lock_minutes = "15";
  screen_->form().settings.kiosk_idle_seconds = "120";
  screen_->form().settings.kiosk_pin = "2468";
  screen_->form().settings.kiosk_pin_again = "2468";
  click("admin.settings.save");
  finish_task("admin.pin");
  EXPECT_TRUE(ui_.has_text("Settings and kiosk PIN saved.")) << ui_.describe();
  EXPECT_EQ(app_->lock_minutes(), 15);
  EXPECT_EQ(app_->replica().setting(screens::admin::kFontScaleSetting), "1.30");
  EXPECT_EQ(app_->replica().setting(screens::admin::kKioskIdleSetting), "120");
  const auto pin = app_->replica().setting(screens::admin::kKioskPinSetting);
  ASSERT_TRUE(pin.has_value());
  EXPECT_NE(*pin, "2468");
  EXPECT_TRUE(storage::verify_password(*pin, "2468"));
}

TEST_F(AdminScreenTest, EnrollmentIsCheckedBeforeTheServerIsCalled) {
  open_as("admin", Role::admin);
  click("admin.tab.device");
  EXPECT_TRUE(ui_.has_text("Not enrolled"));
  type_into("admin.device.server_url_input", "server.local");
  click("admin.device.enroll");
  EXPECT_TRUE(ui_.has_text("must start with http:// or https://"));
  EXPECT_EQ(app_->task("enroll"), nullptr);
}

TEST_F(AdminScreenTest, BackupWritesAConsistentCopy) {
  open_as("admin", Role::admin);
  click("admin.tab.backup");
  const std::filesystem::path target = dir_.file("backup.db");
  screen_->form().backup.backup_path = target.string();
  click("admin.backup.now");
  finish_task("admin.backup");
  EXPECT_TRUE(ui_.has_text("Backup saved:")) << ui_.describe();
  ASSERT_TRUE(std::filesystem::exists(target));
  auto copy = storage::Replica::open(target.string(), clock_);
  ASSERT_TRUE(copy.ok());
  EXPECT_TRUE(storage::Users(**copy).by_username("admin").value().has_value());
}

TEST(AdminChecks, EntriesAreCheckedBeforeAnythingIsCalled) {
  using namespace screens::admin;
  EXPECT_EQ(check_new_user({"", "", Role::viewer, "12345678", "12345678"}), "admin.error.username_required");
  EXPECT_EQ(check_new_user({"Budi!", "", Role::viewer, "12345678", "12345678"}), "admin.error.username_chars");
  EXPECT_EQ(check_new_user({"budi", "", Role::viewer, "1234567", "1234567"}), "admin.error.password_short");
  EXPECT_EQ(check_new_user({"budi", "", Role::viewer, "12345678", "12345678"}), "");
  EXPECT_EQ(check_enrollment({"https://sync.example.org", "0114U163", "ABC-123"}), "");
  EXPECT_EQ(check_enrollment({"https://sync.example.org", "0114u163", "ABC-123"}), "admin.error.facility_code");
  EXPECT_EQ(check_enrollment({"https://sync.example.org", "0114U163", ""}), "admin.error.enroll_code");
  SettingsForm s;
  s.lock_minutes = "0";
  s.kiosk_idle_seconds = "90";
  EXPECT_EQ(check_settings(s), "admin.error.lock_minutes");
  s.lock_minutes = "5";
  s.kiosk_pin = "12a4";
  s.kiosk_pin_again = "12a4";
  EXPECT_EQ(check_settings(s), "admin.error.pin_format");
  s.kiosk_pin = s.kiosk_pin_again = "1234";
  EXPECT_EQ(check_settings(s), "");
  EXPECT_EQ(default_backup_path("/data/simpul/replica.db", 1'767'225'600'000),
            "/data/simpul/simpul-backup-20260101-0700.db");
}

}  // namespace
}  // namespace simpul::forms_test
