#pragma once
// The GLFW + OpenGL3 host: a window (or fullscreen for kiosk and queue display), the frame loop, polite idling,
// the run queue drained at each frame start, and screenshot mode.
#include <filesystem>
#include <optional>
#include <string>

#include "shell/lifecycle.hpp"
#include "shell/run_queue.hpp"
#include "ui/appearance.hpp"

namespace simpul::shell {

enum ExitCode : int { kExitOk = 0, kExitError = 1, kExitUsage = 2, kExitNoDisplay = 3, kExitSignIn = 4 };

struct WindowOptions {
  int width = 1280;
  int height = 800;
  bool fullscreen = false;  // on the primary monitor, at its current video mode
  std::string title = "Simpul";
};

// A kiosk runs all day: when nothing moves, wait for events and draw only a few frames per second.
// Full rate (vsync) only while something happens: input and posted work (plus a few frames for hover and
// layout to settle), animations, a held mouse button.
// The text caret does not blink (ImGui's blink would need redraws every few hundred ms just for the caret).
struct IdleOptions {
  double idle_fps = 4.0;   // redraws per second when idle: clocks, and screens that watch the replica for changes
  int settle_frames = 3;   // full-rate frames after any input or posted work
};

struct ScreenshotOptions {
  std::filesystem::path out;
  int frames = 3;
};

struct RunnerParams {
  WindowOptions window;
  IdleOptions idle;
  std::optional<ScreenshotOptions> screenshot;  // render offscreen, write the PNG, return
};

// Runs until the window closes (or the screenshot is written). Returns an ExitCode; explains failures on stderr.
int run(const RunnerParams& params, Lifecycle& lifecycle, RunQueue& queue, ui::Appearance& appearance);

}  // namespace simpul::shell
