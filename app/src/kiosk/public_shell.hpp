#pragma once
// The composition root for the public modes, `simpul --kiosk` and `simpul --display`: one screen filling the
// display, no session bar, no status bar, no navigation to staff screens. The root screen may open only the few
// registered screens it is given (the kiosk: "kiosk_screening"), and only if they need no sign-in.
//
// Idle reset (the kiosk): after `idle_reset_ms` without input, the root screen is destroyed and made anew, so
// nothing typed by the last person survives, whatever screen they left open; the last seconds are counted down
// on screen. Host-independent like AppShell: the runner and the test harness both call frame().
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shell/options.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::kiosk {

inline constexpr const char* kIdleResetSetting = "kiosk.idle_reset_seconds";
inline constexpr int kDefaultIdleResetSeconds = 60;
inline constexpr std::int64_t kIdleCountdownMs = 10'000;

// The kiosk's idle reset from the replica's settings (10 .. 3600 s; anything else: the default).
std::int64_t idle_reset_ms(context::AppContext& app);

struct PublicShellOptions {
  std::function<std::unique_ptr<shell::Screen>()> make_root;
  std::vector<std::string> may_open;  // registered screens (Permission::open) the root may open
  std::int64_t idle_reset_ms = 0;     // 0: never (the board)
  std::function<void()> on_reset;     // after an idle reset (e.g. the language back to the default)
};

class PublicShell final : public shell::Navigator {
 public:
  PublicShell(context::AppContext& app, const shell::Options& options, PublicShellOptions public_options);
  ~PublicShell() override;

  void frame();
  bool busy() const;
  // The screen drawn in the last frame.
  std::string_view current_screen() const;
  // Milliseconds until the idle reset; -1 when none is pending (nothing was touched since the last one).
  std::int64_t idle_left_ms() const;
  shell::Screen* root() { return stack_.empty() ? nullptr : stack_.front().get(); }

  // Navigator: open() refuses anything not in may_open (and logs it); back() returns towards the root;
  // reset() starts over at the root whatever the name.
  void open(std::string_view screen) override;
  void back() override;
  void reset(std::string_view screen) override;

 private:
  void start_over();
  void apply_navigation();
  void draw_countdown(std::int64_t left_ms);

  context::AppContext& app_;
  const shell::Options& options_;
  PublicShellOptions public_;
  std::vector<std::unique_ptr<shell::Screen>> stack_;  // front: the root
  bool shown_once_ = false;
  std::int64_t last_input_ms_ = 0;
  bool touched_ = false;  // input since the last reset
  std::string pending_open_;
  bool pending_back_ = false;
  bool pending_reset_ = false;
};

}  // namespace simpul::kiosk
