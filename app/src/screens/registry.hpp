#pragma once
// Every screen the app can show, by name: the one list the shell, `--screen` and navigation read.
//
// Adding a screen (see app/README.md):
//   1. in screens/<name>/ write model.hpp, view.cpp and a controller (a shell::Screen), plus a factory
//        std::unique_ptr<shell::Screen> make_<name>_screen(const ScreenDeps& deps);
//   2. add one line to kScreens in screens/registry.cpp: {"<name>", Permission::..., &make_<name>_screen}.
// The permission is checked by the shell whenever the screen is opened (and while it is shown: signing out or a
// role without it sends the user away), so a screen never has to re-check who may open it; intents that change
// data still check context::AppContext::can() in the controller.
#include <memory>
#include <string_view>
#include <vector>

#include "context/access.hpp"
#include "shell/options.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens {

struct ScreenDeps {
  context::AppContext& app;         // data, session, tasks, sync, selection (context/app_context.hpp)
  const shell::Options& options;    // the command line (--user, --participant, --query ...)
};

using ScreenFactory = std::unique_ptr<shell::Screen> (*)(const ScreenDeps& deps);

struct ScreenSpec {
  std::string_view name;            // what navigator.open() and --screen use
  context::Permission permission;   // needed to open it; Permission::open: also without signing in
  ScreenFactory make;
};

// In the order `simpul --help` lists them.
const std::vector<ScreenSpec>& all_screens();
const ScreenSpec* find_screen(std::string_view name);  // nullptr for an unknown name

}  // namespace simpul::screens
