// Signing in against a real replica, roles enforced by navigation, first run, the demo banner and the
// inactivity lock (time injected through the ManualClock).
#include <gtest/gtest.h>

#include "desk_fixture.hpp"
#include "screens/registry.hpp"

namespace simpul::testing {
namespace {

class DeskSession : public DeskTest {};

TEST_F(DeskSession, WrongPasswordShowsOneMessageAndStaysOnLogin) {
  add_user("siti", Role::registration);
  start_shell();
  EXPECT_EQ(current(), "login");
  sign_in("siti", "bukan-sandinya");
  EXPECT_EQ(current(), "login");
  EXPECT_TRUE(ui.has_text("Nama pengguna atau kata sandi salah."));
  EXPECT_FALSE(app->signed_in());

  // An unknown user gets exactly the same message: the desk does not reveal who has an account.
  sign_in("tidak-ada", "bukan-sandinya");
  EXPECT_TRUE(ui.has_text("Nama pengguna atau kata sandi salah."));
}

TEST_F(DeskSession, RightPasswordOpensTheSearchScreen) {
  add_user("siti", Role::registration);
  start_shell();
  sign_in("siti");
  EXPECT_EQ(current(), "search");
  EXPECT_TRUE(app->signed_in());
  EXPECT_EQ(app->actor().username, "siti");
  EXPECT_TRUE(ui.has_text("Petugas siti (pendaftaran)"));
  EXPECT_FALSE(ui.has_text("AKUN DEMO"));
}

TEST_F(DeskSession, ViewerCannotOpenEditOrAdminScreens) {
  add_user("tamu", Role::viewer);
  start_shell();
  sign_in("tamu");
  ASSERT_EQ(current(), "search");
  EXPECT_FALSE(app->can(context::Permission::edit_participants));
  EXPECT_FALSE(app->can(context::Permission::administer));
  EXPECT_FALSE(ui.has_text("Peserta baru"));  // no registration button for a viewer
  EXPECT_EQ(ui.try_find("nav.admin"), nullptr);
  // Asking anyway (a stale button, a deep link) is refused by navigation itself.
  for (const char* name : {"registration", "change", "admin"}) {
    shell->open(name);
    ui.frame(2);
    EXPECT_NE(current(), name);
  }
  shell->open("sync");
  ui.frame(2);
  EXPECT_EQ(current(), "sync");
}

TEST_F(DeskSession, EditScreensInTheRegistryNeedTheirPermission) {
  for (const auto& spec : screens::all_screens()) {
    if (spec.name == "registration" || spec.name == "change") {
      EXPECT_EQ(spec.permission, context::Permission::edit_participants) << spec.name;
    }
    if (spec.name == "admin") {
      EXPECT_EQ(spec.permission, context::Permission::administer);
    }
  }
  EXPECT_FALSE(context::allowed(Role::viewer, context::Permission::edit_participants));
  EXPECT_FALSE(context::allowed(Role::clinician, context::Permission::edit_participants));
  EXPECT_TRUE(context::allowed(Role::registration, context::Permission::edit_participants));
  EXPECT_FALSE(context::allowed(Role::registration, context::Permission::administer));
  EXPECT_TRUE(context::allowed(Role::clinician, context::Permission::rate_services));
  EXPECT_FALSE(context::allowed(Role::viewer, context::Permission::rate_services));
}

TEST_F(DeskSession, SigningOutReturnsToLoginAndForgetsTheScreens) {
  add_user("siti", Role::registration);
  start_shell();
  sign_in("siti");
  ui.type("budi");
  ui.click("nav.sign_out");
  ui.frame(2);
  EXPECT_EQ(current(), "login");
  EXPECT_FALSE(app->signed_in());
  sign_in("siti");
  EXPECT_EQ(current(), "search");
  EXPECT_EQ(ui.find("search.query").value, "");
}

TEST_F(DeskSession, DemoAccountShowsTheWarningBanner) {
  add_user("admin", Role::admin, "admin-demo", /*demo=*/true);
  start_shell();
  EXPECT_FALSE(ui.has_text("AKUN DEMO"));
  sign_in("admin", "admin-demo");
  EXPECT_TRUE(ui.has_text("AKUN DEMO"));
  shell->open("sync");
  ui.frame(2);
  EXPECT_EQ(current(), "sync");
  EXPECT_TRUE(ui.has_text("AKUN DEMO"));
}

TEST_F(DeskSession, FirstRunCreatesTheAdminAndSignsIn) {
  start_shell();
  ASSERT_EQ(current(), "first_run");
  ui.type_into("first_run.username", "kepala");
  ui.type_into("first_run.password", "pendek");
  ui.type_into("first_run.password_again", "pendek");
  ui.click("first_run.create");
  ui.frame();
  EXPECT_TRUE(ui.has_text("Kata sandi minimal 8 karakter."));
  EXPECT_EQ(ui.find("first_run.password").value, "");

  ui.type_into("first_run.password", "rahasia-panjang");
  ui.type_into("first_run.password_again", "rahasia-lain");
  ui.click("first_run.create");
  ui.frame();
  EXPECT_TRUE(ui.has_text("Kedua kata sandi tidak sama."));

  ui.type_into("first_run.password", "rahasia-panjang");
  ui.type_into("first_run.password_again", "rahasia-panjang");
  ui.click("first_run.create");
  ASSERT_TRUE(frames_until([this] { return current() == "search"; }));
  EXPECT_EQ(app->session()->user.role, Role::admin);
  EXPECT_EQ(app->session()->user.username, "kepala");
  // The app works before enrollment and says that nothing is synced.
  EXPECT_TRUE(ui.has_text("Perangkat belum terdaftar"));
  EXPECT_FALSE(app->needs_first_run());
}

TEST_F(DeskSession, LocksAfterInactivityAndTheSameUserUnlocks) {
  add_user("siti", Role::registration);
  start_shell();
  sign_in("siti");
  ui.type("pencarian");
  clock.advance_ms(4 * 60'000);
  ui.frame();
  EXPECT_EQ(current(), "search");
  clock.advance_ms(60'000);
  ui.frame(2);
  ASSERT_EQ(current(), "lock");
  EXPECT_TRUE(app->locked());
  EXPECT_FALSE(ui.has_text("pencarian"));  // nothing of the session shows behind the lock
  EXPECT_FALSE(app->can(context::Permission::view_participants));

  ui.type_into("lock.password", "salah-sekali");
  ui.press_enter();
  frames_until([this] { return ui.has_text("Nama pengguna atau kata sandi salah."); });
  EXPECT_EQ(current(), "lock");

  ui.type_into("lock.password", "rahasia-123");
  ui.press_enter();
  ASSERT_TRUE(frames_until([this] { return current() == "search"; }));
  EXPECT_EQ(ui.find("search.query").value, "pencarian");  // the session resumes where it was
}

TEST_F(DeskSession, InputKeepsTheSessionOpen) {
  add_user("siti", Role::registration);
  start_shell();
  sign_in("siti");
  for (int i = 0; i < 3; ++i) {
    clock.advance_ms(4 * 60'000);
    ui.type("a");
  }
  EXPECT_EQ(current(), "search");
}

TEST_F(DeskSession, AnotherUserMaySignInAtTheLockScreen) {
  add_user("siti", Role::registration);
  add_user("budi", Role::viewer);
  start_shell();
  sign_in("siti");
  ASSERT_TRUE(app->set_lock_minutes(2).ok());
  clock.advance_ms(2 * 60'000);
  ui.frame(2);
  ASSERT_EQ(current(), "lock");
  ui.click("lock.other_user");
  ui.frame();
  ui.type_into("lock.username", "budi");
  ui.type_into("lock.password", "rahasia-123");
  ui.press_enter();
  ASSERT_TRUE(frames_until([this] { return current() == "search"; }));
  EXPECT_EQ(app->session()->user.username, "budi");
  EXPECT_EQ(app->session()->user.role, Role::viewer);
}

}  // namespace
}  // namespace simpul::testing
