#pragma once
#include <functional>
#include <optional>
#include <string>

#include "shell/screen.hpp"
#include "screens/login/model.hpp"

namespace simpul::screens::login {

class LoginScreen final : public shell::Screen {
 public:
  // Receives a complete login attempt. Not wired yet (authentication comes with storage): without it the
  // screen says login is not available.
  using Submit = std::function<void(const LoginIntent&)>;

  explicit LoginScreen(std::optional<std::string> preset_user = std::nullopt, Submit submit = {});
  std::string_view name() const override { return "login"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

  void set_error(std::string error_key) { view_.error_key = std::move(error_key); }
  void set_busy(bool busy) { view_.busy = busy; }

 private:
  void apply(const LoginIntent& intent);

  Submit submit_;
  View view_;
  Form form_;
};

}  // namespace simpul::screens::login
