#pragma once
// Login: user name, password, one submit button, one error line.
#include <optional>
#include <string>

namespace simpul::screens::login {

struct View {
  std::string error_key;  // i18n key of the error to show; empty: none
  bool busy = false;      // a login attempt is running: the button is disabled
};

struct Form {
  std::string username;
  std::string password;
  bool focus_pending = true;  // give the first empty field keyboard focus once
};

struct LoginIntent {
  std::string username;
  std::string password;
  bool operator==(const LoginIntent&) const = default;
};

struct Intents {
  std::optional<LoginIntent> login;  // submit button or Enter
  bool open_about = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::login
