#include "kiosk/public_mode.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "kiosk/public_shell.hpp"
#include "screens/display/controller.hpp"
#include "screens/info/controller.hpp"
#include "screens/kiosk/controller.hpp"
#include "screens/kiosk_screening/controller.hpp"
#include "screens/locator/controller.hpp"
#include "screens/registry.hpp"
#include "shell/app_shell.hpp"
#include "ui/i18n.hpp"
#include "ui/imgui.hpp"
#include "ui/keys.hpp"

namespace simpul::kiosk {

bool is_public_mode(const shell::Options& options) {
  return options.kiosk || options.display || options.screen == "kiosk" || options.screen == "display" ||
         options.screen == screens::kiosk::kScreeningScreen || options.screen == screens::info::kKioskInfoScreen ||
         options.screen == screens::locator::kKioskLocatorScreen;
}

float public_font_scale(bool kiosk, float display_height) {
  const float base = kiosk ? 1.35f : 1.5f;
  const float scale = base * std::max(display_height, 480.0f) / 800.0f;
  return std::clamp(std::round(scale * 20.0f) / 20.0f, 1.0f, 3.0f);  // steps of 0.05: few font rebuilds
}

int run_public_mode(context::AppContext& app, const shell::Options& options, const shell::RunnerParams& params,
                    shell::RunQueue& queue, ui::Appearance& appearance) {
  // A picture of one of the kiosk's public pages: that page as the root.
  const bool page_shot =
      options.screen == screens::info::kKioskInfoScreen || options.screen == screens::locator::kKioskLocatorScreen;
  const bool kiosk_mode =
      options.kiosk || options.screen == "kiosk" || options.screen == screens::kiosk::kScreeningScreen || page_shot;
  const bool screenshot = options.screenshot.has_value();

  // After the PIN: the staff application in the same window (from its login screen), or the end.
  shell::Options desk_options = options;
  desk_options.kiosk = false;
  desk_options.display = false;
  desk_options.screen.clear();
  std::unique_ptr<shell::AppShell> desk;
  bool to_desk = false;
  auto leave = [&to_desk](screens::kiosk::LeaveChoice choice) {
    if (choice == screens::kiosk::LeaveChoice::staff_desk) {
      to_desk = true;
    } else if (GLFWwindow* window = glfwGetCurrentContext()) {
      glfwSetWindowShouldClose(window, GLFW_TRUE);
    }
  };

  PublicShellOptions public_options;
  const std::string start_language(i18n::language());
  if (kiosk_mode && screenshot && options.screen == screens::kiosk::kScreeningScreen) {
    // A picture of the self-screening for --participant (as if the kiosk had identified them): --query N starts
    // at question N+1 with the earlier ones answered, --query all shows the result. Nothing is written.
    app.selection().kiosk_participant_id = options.participant.value_or("");
    public_options.make_root = [&app, &options] {
      screens::kiosk_screening::KioskScreeningOptions o;
      o.record = false;
      const std::string preset = options.query.value_or("");
      o.preset_answers = preset == "all" ? 1000 : preset.empty() ? -1 : std::atoi(preset.c_str());
      return screens::kiosk_screening::make_kiosk_screening_screen(app, o);
    };
  } else if (kiosk_mode) {
    public_options.make_root = [&app, &options, screenshot, leave, page_shot]() -> std::unique_ptr<shell::Screen> {
      if (page_shot) return screens::find_screen(options.screen)->make(screens::ScreenDeps{app, options});
      screens::kiosk::KioskOptions kiosk_options;
      kiosk_options.on_leave = leave;
      if (screenshot) {  // a picture of one step; nothing written or printed
        if (options.participant) kiosk_options.preset_participant = *options.participant;
        if (options.query) kiosk_options.preset_digits = *options.query;
        kiosk_options.print = false;
      }
      return screens::kiosk::make_kiosk_screen(app, std::move(kiosk_options));
    };
    public_options.may_open = {screens::kiosk::kScreeningScreen, screens::info::kKioskInfoScreen,
                               screens::locator::kKioskLocatorScreen};
    public_options.idle_reset_ms = idle_reset_ms(app);
    public_options.on_reset = [start_language] { i18n::set_language(start_language); };
  } else {
    public_options.make_root = [&app] { return screens::display::make_display_screen(app); };
  }
  PublicShell shell(app, options, std::move(public_options));

  shell::Lifecycle lifecycle;
  lifecycle.frame = [&] {
    if (desk) {
      desk->frame();
      return;
    }
    appearance.set_font_scale(public_font_scale(kiosk_mode, ImGui::GetIO().DisplaySize.y));
    shell.frame();
    if (to_desk) {
      appearance.set_font_scale(1.0f);
      ui::enable_keyboard_navigation(ImGui::GetIO());  // the public shell turned it off
      desk = std::make_unique<shell::AppShell>(app, desk_options);
    }
  };
  lifecycle.busy = [&] { return desk ? desk->busy() : shell.busy(); };
  return shell::run(params, lifecycle, queue, appearance);
}

}  // namespace simpul::kiosk
