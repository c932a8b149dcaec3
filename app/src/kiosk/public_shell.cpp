#include "kiosk/public_shell.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "context/app_context.hpp"
#include "screens/registry.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/pacing.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace simpul::kiosk {
namespace {

// A touch, a click, a key or a character this frame. (Mouse movement alone does not count: a kiosk's cursor
// may drift, and a touch screen always presses.)
bool touched_this_frame() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.InputQueueCharacters.Size > 0 || io.MouseWheel != 0.0f) return true;
  for (bool clicked : io.MouseClicked)
    if (clicked) return true;
  for (float duration : io.KeysDownDuration)
    if (duration == 0.0f) return true;
  return false;
}

}  // namespace

std::int64_t idle_reset_ms(context::AppContext& app) {
  int seconds = kDefaultIdleResetSeconds;
  if (auto stored = app.replica().setting(kIdleResetSetting)) {
    const int s = std::atoi(stored->c_str());
    if (s >= 10 && s <= 3600) seconds = s;
  }
  return static_cast<std::int64_t>(seconds) * 1000;
}

PublicShell::PublicShell(context::AppContext& app, const shell::Options& options, PublicShellOptions public_options)
    : app_(app), options_(options), public_(std::move(public_options)) {
  stack_.push_back(public_.make_root());
  last_input_ms_ = app_.clock().steady_ms();
}

PublicShell::~PublicShell() = default;

std::string_view PublicShell::current_screen() const {
  return stack_.empty() ? std::string_view() : stack_.back()->name();
}

bool PublicShell::busy() const { return !stack_.empty() && stack_.back()->busy(); }

std::int64_t PublicShell::idle_left_ms() const {
  if (public_.idle_reset_ms <= 0 || !touched_) return -1;
  return std::max<std::int64_t>(0, public_.idle_reset_ms - (app_.clock().steady_ms() - last_input_ms_));
}

void PublicShell::open(std::string_view screen) {
  const bool listed = std::find(public_.may_open.begin(), public_.may_open.end(), screen) != public_.may_open.end();
  const screens::ScreenSpec* spec = screens::find_screen(screen);
  if (!listed || spec == nullptr || spec->permission != context::Permission::open) {
    std::fprintf(stderr, "simpul: the public screen may not open '%.*s'\n", static_cast<int>(screen.size()),
                 screen.data());
    return;
  }
  pending_open_ = std::string(screen);
}

void PublicShell::back() { pending_back_ = true; }

void PublicShell::reset(std::string_view) { pending_reset_ = true; }

void PublicShell::start_over() {
  stack_.clear();  // the old screens go first: nothing of theirs survives into the new root
  app_.selection() = {};
  if (public_.on_reset) public_.on_reset();
  stack_.push_back(public_.make_root());
  shown_once_ = false;
  touched_ = false;
}

void PublicShell::apply_navigation() {
  if (pending_reset_) {
    start_over();
  } else {
    if (pending_back_ && stack_.size() > 1) {
      stack_.pop_back();
      stack_.back()->on_show();
    }
    if (!pending_open_.empty()) {
      const screens::ScreenSpec* spec = screens::find_screen(pending_open_);
      stack_.push_back(spec->make(screens::ScreenDeps{app_, options_}));
      stack_.back()->on_show();
    }
  }
  pending_reset_ = false;
  pending_back_ = false;
  pending_open_.clear();
}

void PublicShell::frame() {
  // Touch, scanner and screens only: no keyboard navigation. ImGui would otherwise take a scanner's Enter as a
  // navigation key and ignore the next touch at the same spot until the pointer moves (NavDisableMouseHover).
  ImGui::GetIO().ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
  app_.reap_tasks();
  const std::int64_t now = app_.clock().steady_ms();
  if (touched_this_frame()) {
    last_input_ms_ = now;
    touched_ = true;
  }
  if (public_.idle_reset_ms > 0 && touched_ && now - last_input_ms_ >= public_.idle_reset_ms) start_over();
  if (!shown_once_) {
    stack_.back()->on_show();
    shown_once_ = true;
  }

  const ImVec2 display = ImGui::GetIO().DisplaySize;
  shell::ScreenContext context{*this, app_.queue()};
  // Enter and Space belong to the scanner and the screens, never to a focused button.
  const std::string window_id = "##public." + std::string(stack_.back()->name());
  ui::begin_area(window_id.c_str(), ImVec2(0, 0), display, ui::palette::kBackground,
                 ImVec2(ui::em(1.2f), ui::em(0.8f)), ImGuiWindowFlags_NoNavInputs);
  stack_.back()->frame(context);
  ui::end_area();

  const std::int64_t left = idle_left_ms();
  if (left >= 0 && left <= kIdleCountdownMs) draw_countdown(left);
  apply_navigation();
}

void PublicShell::draw_countdown(std::int64_t left_ms) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float height = ui::em(2.6f);
  ui::begin_area("##public.countdown", ImVec2(0, display.y - height), ImVec2(display.x, height), ui::palette::kAccent,
                 ImVec2(ui::em(1.2f), ui::em(0.5f)),
                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNavFocus | ImGuiWindowFlags_NoNavInputs);
  // "{s}" in the translation is the number of seconds left.
  std::string text = tr("kiosk.idle.countdown");
  if (const auto at = text.find("{s}"); at != std::string::npos)
    text.replace(at, 3, std::to_string((left_ms + 999) / 1000));
  ImGui::PushFont(ui::current_fonts().bold);
  ui::text_colored(ui::palette::kOnAccent, text);
  ImGui::PopFont();
  ui::end_area();
  ui::request_animation_frame();
}

}  // namespace simpul::kiosk
