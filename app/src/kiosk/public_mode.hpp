#pragma once
// `simpul --kiosk` and `simpul --display` (also `--screen kiosk|display`, e.g. for screenshots): the public shell
// with the kiosk or the board as its only screen, sized for a touch screen or a TV. Leaving kiosk mode (after the
// PIN) either quits or hands the same window to the staff application (AppShell, at its login screen).
#include "context/app_context.hpp"
#include "shell/options.hpp"
#include "shell/run_queue.hpp"
#include "shell/runner.hpp"
#include "ui/appearance.hpp"

namespace simpul::kiosk {

// Whether the command line asks for a public mode.
bool is_public_mode(const shell::Options& options);

int run_public_mode(context::AppContext& app, const shell::Options& options, const shell::RunnerParams& params,
                    shell::RunQueue& queue, ui::Appearance& appearance);

// The font scale for a public screen of this height: text readable from a few steps (kiosk) or across the room
// (board). 1280x800 is the design size.
float public_font_scale(bool kiosk, float display_height);

}  // namespace simpul::kiosk
