#pragma once
#include <memory>
#include <optional>
#include <string>

#include "screens/login/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::login {

// Signs in against the replica's accounts (offline, argon2id in a task). Every failure shows the same
// message: the desk must not reveal which user names exist.
class LoginScreen final : public shell::Screen {
 public:
  LoginScreen(context::AppContext& app, std::optional<std::string> preset_user);
  std::string_view name() const override { return "login"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

 private:
  void apply(const LoginIntent& intent);

  context::AppContext& app_;
  View view_;
  Form form_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_login_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::login
