#pragma once
// The composition root of the UI: owns the screens, the navigation stack and the status bar, and draws a frame
// (current screen above, status bar below). Host-independent: the GLFW runner and the headless harness both
// drive it through lifecycle().
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shell/lifecycle.hpp"
#include "shell/options.hpp"
#include "shell/run_queue.hpp"
#include "shell/screen.hpp"
#include "widgets/status_bar.hpp"

namespace simpul::shell {

inline constexpr std::array<std::string_view, 2> kScreenNames = {"login", "about"};
inline constexpr std::string_view kDefaultScreen = "login";

bool is_screen_name(std::string_view name);

class AppShell final : public Navigator {
 public:
  // `options.screen` (if set) must be one of kScreenNames.
  AppShell(const Options& options, RunQueue& queue);
  ~AppShell() override;

  Lifecycle lifecycle();
  void frame();

  void open(std::string_view screen) override;
  void back() override;

  std::string_view current_screen() const;
  widgets::SyncStatusView& sync_status() { return sync_status_; }

 private:
  Screen* find(std::string_view name) const;
  void apply_navigation();

  RunQueue& queue_;
  std::vector<std::unique_ptr<Screen>> screens_;
  std::vector<Screen*> stack_;
  // Navigation requested during a frame takes effect after it: a screen never disappears mid-draw.
  std::string pending_open_;
  bool pending_back_ = false;
  widgets::SyncStatusView sync_status_;
};

}  // namespace simpul::shell
