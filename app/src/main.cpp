// simpul: the desk / kiosk / queue-display app. Parses the command line and hands over to the shell.
#include <cstdio>
#include <span>
#include <string>

#include "shell/app_shell.hpp"
#include "shell/options.hpp"
#include "shell/run_queue.hpp"
#include "shell/runner.hpp"
#include "ui/appearance.hpp"

int main(int argc, char** argv) {
  using namespace simpul::shell;
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
  if (!options.screen.empty() && !is_screen_name(options.screen)) {
    std::string known;
    for (std::string_view name : kScreenNames) known += (known.empty() ? "" : ", ") + std::string(name);
    std::fprintf(stderr, "simpul: unknown screen '%s' (screens: %s)\nTry 'simpul --help'.\n", options.screen.c_str(),
                 known.c_str());
    return kExitUsage;
  }

  RunnerParams params;
  params.window.width = options.width;
  params.window.height = options.height;
  params.window.fullscreen = options.kiosk || options.display;
  if (options.screenshot) params.screenshot = ScreenshotOptions{*options.screenshot, options.frames};

  RunQueue queue;
  simpul::ui::Appearance appearance;
  AppShell shell(options, queue);
  Lifecycle lifecycle = shell.lifecycle();
  const int code = run(params, lifecycle, queue, appearance);
  if (code == kExitOk && options.screenshot) std::printf("simpul: wrote %s\n", options.screenshot->c_str());
  return code;
}
