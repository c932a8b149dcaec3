#include <gtest/gtest.h>

#include "desk_fixture.hpp"

namespace simpul::shell {
namespace {

// The whole shell (screens, navigation, status bar) in the headless harness, on a real replica.
class Shell : public testing::DeskTest {
 protected:
  void SetUp() override { add_user("siti", Role::registration); }
  void start(std::string screen) {
    Options opts;
    opts.screen = std::move(screen);
    start_shell(std::move(opts));
  }
};

TEST_F(Shell, AboutSwitchesLanguageAndTheVisibleTextChanges) {
  start("about");
  EXPECT_TRUE(ui.has_text("Tentang Simpul"));
  EXPECT_TRUE(ui.has_text("Tidak terhubung"));  // the status bar follows too
  EXPECT_FALSE(ui.has_text("About Simpul"));

  ui.click("English");
  ui.frame();
  EXPECT_EQ(i18n::language(), "en");
  EXPECT_TRUE(ui.has_text("About Simpul"));
  EXPECT_TRUE(ui.has_text("Offline"));
  EXPECT_FALSE(ui.has_text("Tentang Simpul"));

  ui.click("lang.id");
  ui.frame();
  EXPECT_EQ(i18n::language(), "id");
  EXPECT_TRUE(ui.has_text("Tentang Simpul"));
}

TEST_F(Shell, AboutShowsNameAndVersion) {
  start("about");
  EXPECT_TRUE(ui.has_text("Simpul"));
  EXPECT_TRUE(ui.has_text(std::string("Versi ") + SIMPUL_TEST_VERSION));
}

TEST_F(Shell, LoginOpensAboutAndEscGoesBack) {
  start("");
  EXPECT_EQ(current(), "login");
  ui.click("login.about");
  ui.frame();
  EXPECT_EQ(current(), "about");
  ui.press_escape();
  ui.frame();
  EXPECT_EQ(current(), "login");
}

TEST_F(Shell, LoginTakesTypingWithoutAClick) {
  start("login");
  ui.type("siti");
  EXPECT_EQ(ui.find("login.username").value, "siti");
}

TEST_F(Shell, ReturningToLoginFocusesItsFirstFieldAgain) {
  start("login");
  ui.click("login.about");
  ui.frame();
  ui.press_escape();
  ui.type("budi");
  EXPECT_EQ(ui.find("login.username").value, "budi");
}

TEST_F(Shell, BackButtonReturnsToTheScreenBefore) {
  start("");
  ui.click("login.about");
  ui.frame();
  ui.click("common.back");
  ui.frame();
  EXPECT_EQ(current(), "login");
}

TEST_F(Shell, LoginControllerExplainsWhatIsMissing) {
  start("login");
  ui.click("login.submit");
  ui.frame();
  EXPECT_TRUE(ui.has_text("Isi nama pengguna."));
  ui.type_into("login.username", "siti");
  ui.press_enter();
  ui.frame();
  EXPECT_TRUE(ui.has_text("Isi kata sandi."));
  ui.type_into("login.password", "salah-sekali");
  ui.press_enter();
  frames_until([this] { return ui.has_text("Nama pengguna atau kata sandi salah."); });
  EXPECT_TRUE(ui.has_text("Nama pengguna atau kata sandi salah."));
  EXPECT_EQ(current(), "login");
}

TEST_F(Shell, WorkPostedToTheQueueRunsAtTheNextFrame) {
  start("login");
  bool ran = false;
  ui.queue().post([&] { ran = true; });
  EXPECT_FALSE(ran);
  ui.frame();
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace simpul::shell
