#include "screens/lock/controller.hpp"

#include "context/app_context.hpp"

namespace simpul::screens::lock {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

void LockScreen::on_show() {
  form_ = Form{};
  view_.error_key.clear();
  view_.busy = false;
}

void LockScreen::frame(shell::ScreenContext&) {
  if (const context::Session* session = app_.session()) {
    view_.display_name = session->user.display_name;
    view_.username = session->user.username;
  }
  view_.minutes = app_.lock_minutes();
  const Intents intents = draw(view_, form_);
  if (intents.switch_user) {
    form_.other_user = !form_.other_user;
    form_.username.clear();
    form_.password.clear();
    form_.focus_pending = true;
    view_.error_key.clear();
  }
  if (intents.unlock) apply(*intents.unlock);
}

void LockScreen::apply(const Unlock& unlock) {
  if (unlock.username.empty()) {
    view_.error_key = "login.error.username_required";
    return;
  }
  if (unlock.password.empty()) {
    view_.error_key = "login.error.password_required";
    return;
  }
  view_.busy = true;
  view_.error_key.clear();
  form_.password.clear();
  std::weak_ptr<bool> alive = alive_;
  app_.sign_in(unlock.username, unlock.password, [this, alive](Status outcome) {
    if (alive.expired()) return;
    view_.busy = false;
    if (!outcome.ok()) {
      view_.error_key = "login.error.failed";
      form_.focus_pending = true;
    }
  });
}

std::unique_ptr<shell::Screen> make_lock_screen(const ScreenDeps& deps) {
  return std::make_unique<LockScreen>(deps.app);
}

}  // namespace simpul::screens::lock
