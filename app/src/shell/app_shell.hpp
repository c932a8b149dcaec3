#pragma once
// The composition root of the UI: the screens (from screens/registry, created on first use), the navigation
// stack with its access checks, the session bar on top, the status bar below. Host-independent: the GLFW
// runner and the headless harness both drive it through lifecycle().
//
// What is shown is decided every frame, in this order: no account yet -> first_run; a locked session -> lock;
// otherwise the top of the stack, provided the session may see it (signing out, or a screen the role may not
// open, sends the user back to login / search).
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "context/app_context.hpp"
#include "screens/registry.hpp"
#include "shell/lifecycle.hpp"
#include "shell/options.hpp"
#include "shell/screen.hpp"
#include "widgets/status_bar.hpp"

namespace simpul::shell {

inline constexpr std::string_view kDefaultScreen = "login";
inline constexpr std::string_view kHomeScreen = "search";  // where signing in leads

bool is_screen_name(std::string_view name);
// "login, search, ..." for messages and --help.
std::string screen_names();

class AppShell final : public Navigator {
 public:
  // `options.screen` (if set) must be a registered screen; it is opened on top of the home screen once the
  // session may see it.
  AppShell(context::AppContext& app, const Options& options);
  ~AppShell() override;

  Lifecycle lifecycle();
  void frame();

  void open(std::string_view screen) override;
  void back() override;
  void reset(std::string_view screen) override;

  // The screen drawn in the last frame (first_run and lock take precedence over the stack).
  std::string_view current_screen() const { return shown_; }
  // True while background work that a screen is waiting for is running (screenshots wait for it).
  bool busy() const;
  context::AppContext& app() { return app_; }

 private:
  Screen* instance(std::string_view name);
  std::string_view decide_screen();
  void apply_navigation();
  void track_session();
  void draw_session_bar();

  context::AppContext& app_;
  const Options& options_;
  std::unordered_map<std::string, std::unique_ptr<Screen>> instances_;
  std::vector<std::string> stack_;
  std::string shown_;
  std::string session_user_;  // whose screens are cached: another user (or none) starts afresh
  bool first_run_checked_ = false;
  bool first_run_ = false;
  // Navigation requested during a frame takes effect after it: a screen never disappears mid-draw.
  std::string pending_open_;
  std::string pending_reset_;
  bool pending_back_ = false;
  std::string deep_link_;  // --screen NAME, opened once the session allows it
};

}  // namespace simpul::shell
