#include "screens/login/controller.hpp"

#include "context/app_context.hpp"

namespace simpul::screens::login {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

LoginScreen::LoginScreen(context::AppContext& app, std::optional<std::string> preset_user) : app_(app) {
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
    return;
  }
  if (intent.password.empty()) {
    view_.error_key = "login.error.password_required";
    return;
  }
  view_.error_key.clear();
  view_.busy = true;
  form_.password.clear();  // never keep a submitted password in an edit buffer
  std::weak_ptr<bool> alive = alive_;
  app_.sign_in(intent.username, intent.password, [this, alive](Status outcome) {
    if (alive.expired()) return;  // the shell dropped this screen meanwhile
    view_.busy = false;
    // Success: the shell sees the new session and shows the home screen.
    if (!outcome.ok()) {
      view_.error_key = outcome.error().kind == ErrorKind::unauthorized ? "login.error.failed" : "login.error.storage";
      form_.focus_pending = true;
    }
  });
}

std::unique_ptr<shell::Screen> make_login_screen(const ScreenDeps& deps) {
  return std::make_unique<LoginScreen>(deps.app, deps.options.user);
}

}  // namespace simpul::screens::login
