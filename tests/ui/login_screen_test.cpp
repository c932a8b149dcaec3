#include <gtest/gtest.h>

#include <vector>

#include "screens/login/model.hpp"
#include "testing/ui_harness.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::login {
namespace {

class LoginView : public ::testing::Test {
 protected:
  void SetUp() override {
    i18n::set_language("id");
    ui.show([this] {
      const Intents intents = draw(view, form);
      if (intents.login) submitted.push_back(*intents.login);
      if (intents.open_about) ++about_clicks;
    });
  }

  testing::UiHarness ui;
  View view;
  Form form;
  std::vector<LoginIntent> submitted;
  int about_clicks = 0;
};

TEST_F(LoginView, ClickingSubmitReturnsTheTypedCredentials) {
  ui.type_into("login.username", "siti.desk");
  ui.type_into("Kata sandi", "rahasia-123");
  ui.click("Masuk");
  ASSERT_EQ(submitted.size(), 1u);
  EXPECT_EQ(submitted[0], (LoginIntent{"siti.desk", "rahasia-123"}));
}

TEST_F(LoginView, EnterSubmitsTheTypedCredentials) {
  ui.type_into("login.username", "siti.desk");
  ui.type_into("login.password", "rahasia-123");
  EXPECT_TRUE(submitted.empty());
  ui.press_enter();
  ASSERT_EQ(submitted.size(), 1u);
  EXPECT_EQ(submitted[0], (LoginIntent{"siti.desk", "rahasia-123"}));
}

TEST_F(LoginView, UserNameFieldHasFocusFirst) {
  ui.type("budi");
  EXPECT_EQ(form.username, "budi");
}

TEST_F(LoginView, TabMovesToThePasswordField) {
  ui.type("budi");
  ui.press_tab();
  ui.type("sandi");
  EXPECT_EQ(form.username, "budi");
  EXPECT_EQ(form.password, "sandi");
}

TEST_F(LoginView, PresetUserNameSendsFocusToThePassword) {
  form.username = "siti.desk";
  ui.type("sandi");
  EXPECT_EQ(form.username, "siti.desk");
  EXPECT_EQ(form.password, "sandi");
}

TEST_F(LoginView, PasswordIsNeverDisplayed) {
  ui.type_into("login.password", "rahasia");
  EXPECT_FALSE(ui.has_text("rahasia"));
  EXPECT_EQ(ui.find("login.password").value, "*******");
}

TEST_F(LoginView, ShowsTheErrorLineInTheCurrentLanguage) {
  ui.frame();
  EXPECT_FALSE(ui.has_text("belum tersedia"));
  view.error_key = "login.error.unavailable";
  ui.frame();
  EXPECT_TRUE(ui.has_text("Login belum tersedia di versi ini."));
}

TEST_F(LoginView, BusyDisablesSubmitByClickAndByEnter) {
  view.busy = true;
  ui.frame();
  EXPECT_FALSE(ui.find("login.submit").enabled);
  EXPECT_THROW(ui.click("login.submit"), testing::ProbeError);
  ui.press_enter();
  EXPECT_TRUE(submitted.empty());
}

TEST_F(LoginView, AboutLinkIsAnIntent) {
  ui.click("login.about");
  EXPECT_EQ(about_clicks, 1);
  EXPECT_TRUE(submitted.empty());
}

}  // namespace
}  // namespace simpul::screens::login
