#include "screens/display/controller.hpp"

#include <algorithm>
#include <cstdio>

#include "context/app_context.hpp"
#include "queue/queue_data.hpp"
#include "queue/spoken.hpp"
#include "screens/display/presenter.hpp"

namespace simpul::screens::display {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

DisplayScreen::DisplayScreen(context::AppContext& app) : app_(app) {
  set_voice(app_.replica().setting(queue_ui::kVoiceSetting).value_or("off") == "on");
}

void DisplayScreen::set_voice(bool on) {
  voice_.reset();
  queue_ui::VoiceOptions options;
  options.enabled = on;
  voice_ = std::make_unique<queue_ui::Announcer>(options);
}

void DisplayScreen::frame(shell::ScreenContext&) {
  const std::int64_t now = app_.clock().now_ms();
  // Midnight starts a new day on the board even when nothing was written.
  const bool new_day = queue_ui::queue_today(app_.replica()) != day_.day;
  if (watch_.changed(app_.replica().db(), app_.clock().steady_ms()) || new_day) reload();
  view_ = build_board(day_, now);
  view_.problem_key = problem_key_;
  view_.voice_on = voice_ && voice_->active();
  const Intents intents = draw(view_, form_);
  if (intents.toggle_voice) {
    const bool on = !view_.voice_on;
    (void)app_.replica().set_setting(queue_ui::kVoiceSetting, on ? "on" : "off");  // a preference
    set_voice(on);
  }
}

void DisplayScreen::reload() {
  auto day = queue_ui::load_day(app_.replica(), queue_ui::queue_today(app_.replica()));
  if (!day.ok()) {
    if (problem_key_.empty()) std::fprintf(stderr, "simpul: display: %s\n", day.error().message.c_str());
    problem_key_ = day.error().code == "queue.no_facility" ? "display.no_facility" : "display.unavailable";
    day_ = queue_ui::FacilityDay{};
    day_.day = queue_ui::queue_today(app_.replica());
    return;
  }
  problem_key_.clear();
  day_ = std::move(day).value();
  // Calls made before the board started (or on an earlier day) are shown, not read out.
  if (announced_until_ms_ < 0) {
    announced_until_ms_ = latest_call_ms(day_);
    return;
  }
  for (const Call& call : calls_after(day_, announced_until_ms_)) {
    if (voice_) voice_->say(queue_ui::call_announcement(call.number, call.poli_name));
    announced_until_ms_ = std::max(announced_until_ms_, call.at_ms);
  }
}

std::unique_ptr<shell::Screen> make_display_screen(context::AppContext& app) {
  return std::make_unique<DisplayScreen>(app);
}

}  // namespace simpul::screens::display
