#include "screens/first_run/controller.hpp"

#include "context/app_context.hpp"

namespace simpul::screens::first_run {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

std::string validate(const CreateAdmin& create) {
  if (create.username.empty()) return "first_run.error.username_required";
  if (create.password.size() < kMinPasswordLength) return "first_run.error.password_short";
  if (create.password != create.password_again) return "first_run.error.password_mismatch";
  if (create.server_url && (create.server_url->empty() || create.facility.empty() || create.code.empty()))
    return "enroll.error.incomplete";
  return {};
}

void FirstRunScreen::frame(shell::ScreenContext&) {
  const Intents intents = draw(view_, form_);
  if (intents.create) apply(*intents.create);
}

void FirstRunScreen::apply(const CreateAdmin& create) {
  view_.error_key = validate(create);
  // Passwords are typed again after any refusal: never kept in an edit buffer longer than needed.
  form_.password.clear();
  form_.password_again.clear();
  if (!view_.error_key.empty()) return;
  view_.busy = true;
  if (!create.server_url) {
    create_admin(create);
    return;
  }
  // Enroll first: an account belongs to the facility the device is enrolled with (Users::create stamps it),
  // and one created before enrollment is outside the facility's scope on the server.
  std::weak_ptr<bool> alive = alive_;
  app_.enroll(*create.server_url, create.facility, create.code, [this, alive, create](Status enrolled) {
    if (alive.expired()) return;
    if (!enrolled.ok()) {
      view_.busy = false;
      view_.error_key = "first_run.error.enroll";
      return;
    }
    create_admin(create);
  });
}

void FirstRunScreen::create_admin(const CreateAdmin& create) {
  std::weak_ptr<bool> alive = alive_;
  app_.create_first_admin(create.username, create.display_name, create.password, [this, alive](Status outcome) {
    // Success: the admin is signed in and the shell moves on (this screen goes away).
    if (outcome.ok() || alive.expired()) return;
    view_.busy = false;
    view_.error_key = outcome.error().code == "password.too_short" ? "first_run.error.password_short"
                                                                    : "first_run.error.failed";
  });
}

std::unique_ptr<shell::Screen> make_first_run_screen(const ScreenDeps& deps) {
  return std::make_unique<FirstRunScreen>(deps.app);
}

}  // namespace simpul::screens::first_run
