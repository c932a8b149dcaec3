#include "shell/app_shell.hpp"

#include <cstdio>

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "widgets/session_bar.hpp"
#include "widgets/sync_status.hpp"

namespace simpul::shell {
namespace {

constexpr std::string_view kFirstRunScreen = "first_run";
constexpr std::string_view kLockScreen = "lock";

// Any input this frame (mouse moved or pressed, a key, a character): the inactivity timer starts over.
bool input_this_frame() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f) return true;
  if (io.InputQueueCharacters.Size > 0) return true;
  for (bool clicked : io.MouseClicked)
    if (clicked) return true;
  for (float duration : io.KeysDownDuration)
    if (duration == 0.0f) return true;  // went down this frame
  return false;
}

}  // namespace

bool is_screen_name(std::string_view name) { return screens::find_screen(name) != nullptr; }

std::string screen_names() {
  std::string names;
  for (const auto& spec : screens::all_screens()) names += (names.empty() ? "" : ", ") + std::string(spec.name);
  return names;
}

AppShell::AppShell(context::AppContext& app, const Options& options) : app_(app), options_(options) {
  stack_.emplace_back(kDefaultScreen);
  if (!options.screen.empty() && options.screen != kDefaultScreen) deep_link_ = options.screen;
  if (app_.signed_in()) stack_.front() = std::string(kHomeScreen);
}

AppShell::~AppShell() = default;

Lifecycle AppShell::lifecycle() {
  Lifecycle phases;
  phases.frame = [this] { frame(); };
  phases.busy = [this] { return busy(); };
  return phases;
}

bool AppShell::busy() const {
  if (const Task* task = app_.task("sign_in"); task != nullptr && !task->finished()) return true;
  if (auto it = instances_.find(shown_); it != instances_.end() && it->second->busy()) return true;
  return !app_.queue().empty();
}

Screen* AppShell::instance(std::string_view name) {
  auto it = instances_.find(std::string(name));
  if (it != instances_.end()) return it->second.get();
  const screens::ScreenSpec* spec = screens::find_screen(name);
  if (spec == nullptr) return nullptr;
  auto screen = spec->make(screens::ScreenDeps{app_, options_});
  Screen* raw = screen.get();
  instances_.emplace(std::string(name), std::move(screen));
  return raw;
}

void AppShell::open(std::string_view screen) {
  const screens::ScreenSpec* spec = screens::find_screen(screen);
  if (spec == nullptr) {
    std::fprintf(stderr, "simpul: no screen named '%.*s'\n", static_cast<int>(screen.size()), screen.data());
    return;
  }
  if (!app_.can(spec->permission)) {
    app_.notify("nav.not_allowed");
    return;
  }
  pending_open_ = std::string(screen);
}

void AppShell::back() { pending_back_ = true; }

void AppShell::reset(std::string_view screen) { pending_reset_ = std::string(screen); }

// Another user (or nobody) now: screens keep forms and views of the previous session, so start afresh.
void AppShell::track_session() {
  const context::Session* session = app_.session();
  const std::string user = session != nullptr ? session->user.id : std::string();
  if (user == session_user_) return;
  session_user_ = user;
  instances_.clear();
  stack_.assign(1, std::string(user.empty() ? kDefaultScreen : kHomeScreen));
  shown_.clear();
}

std::string_view AppShell::decide_screen() {
  if (!first_run_checked_ || first_run_) {
    first_run_ = app_.needs_first_run();
    first_run_checked_ = true;
  }
  if (first_run_) return kFirstRunScreen;
  if (app_.locked()) return kLockScreen;
  if (!deep_link_.empty()) {
    // Open screens at once; staff screens once someone is signed in (and only if the role allows them).
    if (const auto* spec = screens::find_screen(deep_link_); spec != nullptr && app_.can(spec->permission)) {
      if (stack_.back() != deep_link_) stack_.push_back(deep_link_);
      deep_link_.clear();
    } else if (app_.signed_in()) {
      app_.notify("nav.not_allowed");
      deep_link_.clear();
    }
  }
  // Drop what the session may not see (signed out, a role without the permission).
  while (!stack_.empty()) {
    const auto* spec = screens::find_screen(stack_.back());
    if (spec != nullptr && app_.can(spec->permission)) break;
    stack_.pop_back();
  }
  if (stack_.empty()) stack_.emplace_back(app_.signed_in() ? kHomeScreen : kDefaultScreen);
  return stack_.back();
}

void AppShell::apply_navigation() {
  if (!pending_reset_.empty()) {
    stack_.assign(1, pending_reset_);
  } else {
    if (pending_back_ && stack_.size() > 1) stack_.pop_back();
    if (!pending_open_.empty() && stack_.back() != pending_open_) stack_.push_back(pending_open_);
  }
  pending_back_ = false;
  pending_open_.clear();
  pending_reset_.clear();
}

void AppShell::draw_session_bar() {
  const context::Session* session = app_.session();
  widgets::SessionBarView view;
  view.display_name = session->user.display_name.empty() ? session->user.username : session->user.display_name;
  view.role_key = std::string("role.") + role_code(session->user.role);
  view.demo = session->user.demo;
  view.show_admin = app_.can(context::Permission::administer);
  view.show_queue_desk = app_.can(context::Permission::enroll_queue);
  view.show_poli = app_.can(context::Permission::call_queue);
  for (const char* name : {"complaints", "locator", "info", "reports"}) {
    const screens::ScreenSpec* spec = screens::find_screen(name);
    if (spec != nullptr && app_.can(spec->permission)) view.more.emplace_back(name);
  }
  view.current = shown_;
  view.language = std::string(app_.language());
  view.notice_key = app_.notice();
  const widgets::SessionBarIntents intents = widgets::draw_session_bar(view);
  if (intents.open) open(*intents.open);
  if (intents.language) app_.set_language(*intents.language);
  if (intents.dismiss_notice) app_.clear_notice();
  if (intents.lock) app_.lock();
  if (intents.sign_out) app_.sign_out();
}

void AppShell::frame() {
  app_.reap_tasks();
  if (input_this_frame()) app_.note_activity();
  app_.check_idle();
  track_session();

  const std::string shown(decide_screen());
  if (shown != shown_) {
    shown_ = shown;
    if (Screen* screen = instance(shown_)) screen->on_show();
  }
  Screen* screen = instance(shown_);

  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float bar = widgets::status_bar_height();
  ScreenContext context{*this, app_.queue()};
  // One window per screen: each keeps its own scroll position and focus.
  const std::string window_id = "##screen." + shown_;
  ui::begin_area(window_id.c_str(), ImVec2(0, 0), ImVec2(display.x, display.y - bar), ui::palette::kBackground,
                 ImGui::GetStyle().WindowPadding);
  if (app_.signed_in()) {
    draw_session_bar();
  } else if (app_.demo_session()) {
    widgets::draw_demo_banner();  // the lock screen of a demo session
  }
  if (screen != nullptr) screen->frame(context);
  ui::end_area();

  // The bar never takes keyboard focus: a window appearing last would otherwise steal it from the screen.
  ui::begin_area("##status_bar", ImVec2(0, display.y - bar), ImVec2(display.x, bar), ui::palette::kBar,
                 ImVec2(ui::em(1.0f), 0.0f),
                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNavFocus | ImGuiWindowFlags_NoNavInputs);
  const ImVec2 top = ImGui::GetWindowPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRectFullScreen();  // the window's own clip rect stops short of its padding
  draw->AddLine(top, ImVec2(top.x + display.x, top.y), ImGui::GetColorU32(ImGuiCol_Border));
  draw->PopClipRect();
  widgets::draw_status_bar(widgets::sync_status_view(app_.sync_status(), app_.clock().now_ms()));
  ui::end_area();

  apply_navigation();
}

}  // namespace simpul::shell
