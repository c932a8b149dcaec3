// simpul: the desk / kiosk / queue-display app. Parses the command line, opens the replica (AppContext) and
// hands over to the shell.
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

#include "context/app_context.hpp"
#include "kiosk/public_mode.hpp"
#include "screens/registry.hpp"
#include "shell/app_shell.hpp"
#include "shell/options.hpp"
#include "shell/run_queue.hpp"
#include "shell/runner.hpp"
#include "ui/appearance.hpp"

using namespace simpul;

namespace {

// Screenshot mode renders staff screens as the signed-in user would see them, so it signs in for real:
// --user NAME and the password from SIMPUL_PASSWORD. No flag skips this.
int sign_in_for_screenshot(context::AppContext& app, const shell::Options& options) {
  const char* password = std::getenv("SIMPUL_PASSWORD");
  if (!options.user || password == nullptr || *password == '\0') {
    std::fprintf(stderr,
                 "simpul: the screen '%s' needs a signed-in user: pass --user NAME and set SIMPUL_PASSWORD\n",
                 options.screen.c_str());
    return shell::kExitSignIn;
  }
  if (auto signed_in = app.sign_in_now(*options.user, password); !signed_in.ok()) {
    std::fprintf(stderr, "simpul: cannot sign in as '%s': wrong user name or password\n", options.user->c_str());
    return shell::kExitSignIn;
  }
  return shell::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace shell;
  auto parsed = parse_options(std::span<const char* const>(argv + 1, static_cast<std::size_t>(argc - 1)));
  if (!parsed.ok()) {
    std::fprintf(stderr, "simpul: %s\nTry 'simpul --help'.\n", parsed.error().message.c_str());
    return kExitUsage;
  }
  const Options& options = *parsed;
  if (options.help) {
    std::fputs(usage_text().c_str(), stdout);
    return kExitOk;
  }
  // The kiosk and the board are not registry screens: they run in the public shell (kiosk/public_mode.hpp).
  const bool public_mode = kiosk::is_public_mode(options);
  const screens::ScreenSpec* start =
      options.screen.empty() || public_mode ? nullptr : screens::find_screen(options.screen);
  if (!options.screen.empty() && !public_mode && start == nullptr) {
    std::fprintf(stderr, "simpul: unknown screen '%s' (screens: %s)\nTry 'simpul --help'.\n", options.screen.c_str(),
                 screen_names().c_str());
    return kExitUsage;
  }

  RunQueue queue;
  context::ContextOptions context_options;
  if (options.db) context_options.db = *options.db;
  context_options.language = options.language;
  // A screenshot is a picture of the desk, not a sync client: it never goes online.
  context_options.start_sync = !options.screenshot;
  auto app = context::AppContext::open(std::move(context_options), queue);
  if (!app.ok()) {
    std::fprintf(stderr, "simpul: cannot open the replica: %s\n", app.error().message.c_str());
    return kExitError;
  }

  if (options.screenshot && start != nullptr && start->permission != context::Permission::open) {
    if (const int code = sign_in_for_screenshot(**app, options); code != kExitOk) return code;
  }
  if (options.participant) {
    (*app)->selection().participant_id = *options.participant;
  } else if (options.screen == "participant" || options.screen == "change") {
    (*app)->selection().participant_id = (*app)->first_participant(options.query.value_or(""));
  }

  RunnerParams params;
  params.window.width = options.width;
  params.window.height = options.height;
  params.window.fullscreen = options.kiosk || options.display;
  if (options.screenshot) params.screenshot = ScreenshotOptions{*options.screenshot, options.frames};

  simpul::ui::Appearance appearance;
  // Admin -> Settings -> text size (the kiosk and the board size their text themselves).
  if (const auto scale = (*app)->replica().setting("ui.font_scale"); scale && std::atof(scale->c_str()) > 0.0)
    appearance.set_font_scale(static_cast<float>(std::atof(scale->c_str())));
  if (public_mode) {
    appearance.set_font_scale(kiosk::public_font_scale(options.kiosk || options.screen == "kiosk",
                                                       static_cast<float>(options.height)));
    const int code = kiosk::run_public_mode(**app, options, params, queue, appearance);
    if (code == kExitOk && options.screenshot) std::printf("simpul: wrote %s\n", options.screenshot->c_str());
    return code;
  }
  // The staff app's idle redraws only refresh the status bar and the desk queue panel's change watch: two a
  // second is enough there (the waiting-room board and the kiosk keep the default).
  params.idle.idle_fps = 2.0;
  AppShell shell(**app, options);
  Lifecycle lifecycle = shell.lifecycle();
  const int code = run(params, lifecycle, queue, appearance);
  if (code == kExitOk && options.screenshot) std::printf("simpul: wrote %s\n", options.screenshot->c_str());
  return code;
}
