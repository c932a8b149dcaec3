#pragma once
#include <memory>
#include <string>

#include "screens/first_run/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::first_run {

inline constexpr std::size_t kMinPasswordLength = 8;

// The i18n key of what is wrong with the form, or "" when it may be submitted.
std::string validate(const CreateAdmin& create);

class FirstRunScreen final : public shell::Screen {
 public:
  explicit FirstRunScreen(context::AppContext& app) : app_(app) {}
  std::string_view name() const override { return "first_run"; }
  void on_show() override { form_.focus_pending = true; }
  void frame(shell::ScreenContext& context) override;

 private:
  void apply(const CreateAdmin& create);
  void create_admin(const CreateAdmin& create);

  context::AppContext& app_;
  View view_;
  Form form_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_first_run_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::first_run
