#pragma once
#include <memory>

#include "screens/lock/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::lock {

class LockScreen final : public shell::Screen {
 public:
  explicit LockScreen(context::AppContext& app) : app_(app) {}
  std::string_view name() const override { return "lock"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

 private:
  void apply(const Unlock& unlock);

  context::AppContext& app_;
  View view_;
  Form form_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_lock_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::lock
