#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "queue/change_watch.hpp"
#include "queue/day.hpp"
#include "queue/voice.hpp"
#include "screens/display/model.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::display {

// The board against the replica. Every frame (the runner idles at a few frames per second) it asks the change
// watch whether the replica changed (two PRAGMA-level reads, at most every 300 ms) and only then reloads the day:
// a call made on this replica, by another process or arriving by sync shows within a second, and an idle board
// costs next to nothing. New calls are announced by the voice (off unless the "display.voice" setting is "on").
class DisplayScreen final : public shell::Screen {
 public:
  explicit DisplayScreen(context::AppContext& app);
  std::string_view name() const override { return "display"; }
  void on_show() override { watch_.invalidate(); }
  void frame(shell::ScreenContext& context) override;

  const View& last_view() const { return view_; }
  // How often the replica is checked for changes (steady-clock ms).
  std::int64_t poll_interval_ms() const { return watch_.interval_ms(); }

 private:
  void reload();
  void set_voice(bool on);

  context::AppContext& app_;
  queue_ui::ChangeWatch watch_;
  queue_ui::FacilityDay day_;
  std::string problem_key_;
  std::int64_t announced_until_ms_ = -1;  // calls up to this time were announced (or predate the board)
  std::unique_ptr<queue_ui::Announcer> voice_;
  View view_;
  Form form_;
};

std::unique_ptr<shell::Screen> make_display_screen(context::AppContext& app);

}  // namespace simpul::screens::display
