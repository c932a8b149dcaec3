#include "shell/app_shell.hpp"

#include <algorithm>
#include <cstdio>

#include "screens/about/controller.hpp"
#include "screens/login/controller.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/em.hpp"
#include "ui/theme.hpp"

namespace simpul::shell {

bool is_screen_name(std::string_view name) {
  return std::find(kScreenNames.begin(), kScreenNames.end(), name) != kScreenNames.end();
}

AppShell::AppShell(const Options& options, RunQueue& queue) : queue_(queue) {
  screens_.push_back(std::make_unique<screens::login::LoginScreen>(options.user));
  screens_.push_back(std::make_unique<screens::about::AboutScreen>());
  i18n::set_language(options.language);
  Screen* first = find(options.screen.empty() ? kDefaultScreen : std::string_view(options.screen));
  stack_.push_back(first != nullptr ? first : find(kDefaultScreen));
  stack_.back()->on_show();
}

AppShell::~AppShell() = default;

Lifecycle AppShell::lifecycle() {
  Lifecycle phases;
  phases.frame = [this] { frame(); };
  return phases;
}

Screen* AppShell::find(std::string_view name) const {
  for (const auto& screen : screens_)
    if (screen->name() == name) return screen.get();
  return nullptr;
}

std::string_view AppShell::current_screen() const { return stack_.back()->name(); }

void AppShell::open(std::string_view screen) {
  if (find(screen) == nullptr) {
    std::fprintf(stderr, "simpul: no screen named '%.*s'\n", static_cast<int>(screen.size()), screen.data());
    return;
  }
  pending_open_ = std::string(screen);
}

void AppShell::back() { pending_back_ = true; }

void AppShell::apply_navigation() {
  bool changed = false;
  if (pending_back_ && stack_.size() > 1) {
    stack_.pop_back();
    changed = true;
  }
  if (!pending_open_.empty()) {
    Screen* next = find(pending_open_);
    if (next != stack_.back()) {
      stack_.push_back(next);
      changed = true;
    }
  }
  pending_back_ = false;
  pending_open_.clear();
  if (changed) stack_.back()->on_show();
}

void AppShell::frame() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float bar = widgets::status_bar_height();

  ScreenContext context{*this, queue_};
  // One window per screen: each keeps its own scroll position and focus.
  const std::string window_id = "##screen." + std::string(stack_.back()->name());
  ui::begin_area(window_id.c_str(), ImVec2(0, 0), ImVec2(display.x, display.y - bar), ui::palette::kBackground,
                 ImGui::GetStyle().WindowPadding);
  stack_.back()->frame(context);
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
  widgets::draw_status_bar(sync_status_);
  ui::end_area();

  apply_navigation();
}

}  // namespace simpul::shell
