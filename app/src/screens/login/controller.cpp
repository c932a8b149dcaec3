#include "screens/login/controller.hpp"

namespace simpul::screens::login {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

LoginScreen::LoginScreen(std::optional<std::string> preset_user, Submit submit) : submit_(std::move(submit)) {
  if (preset_user) form_.username = std::move(*preset_user);
}

void LoginScreen::on_show() { form_.focus_pending = true; }

void LoginScreen::frame(shell::ScreenContext& context) {
  const Intents intents = draw(view_, form_);
  if (intents.login) apply(*intents.login);
  if (intents.open_about) context.navigator.open("about");
}

void LoginScreen::apply(const LoginIntent& intent) {
  if (intent.username.empty()) {
    view_.error_key = "login.error.username_required";
  } else if (intent.password.empty()) {
    view_.error_key = "login.error.password_required";
  } else if (!submit_) {
    view_.error_key = "login.error.unavailable";
  } else {
    view_.error_key.clear();
    submit_(intent);
    form_.password.clear();  // never keep a submitted password in an edit buffer
  }
}

}  // namespace simpul::screens::login
