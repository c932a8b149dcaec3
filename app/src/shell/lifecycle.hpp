#pragma once
// The named phases a host calls, in this order. Two hosts exist: the GLFW/OpenGL runner (shell/runner.hpp) and
// the headless harness (testing/ui_harness.hpp), so whatever an app does in these phases is testable without GL.
#include <functional>

namespace simpul::shell {

struct Lifecycle {
  // Once, after the ImGui context, fonts and theme exist, before the first frame.
  std::function<void()> setup;
  // Every frame, between NewFrame and Render, after the run queue was drained: draw everything.
  std::function<void()> frame;
  // Whether work the current screen waits for is still running (screenshot mode renders until it is done).
  std::function<bool()> busy;
  // Once, after the last frame, while the ImGui context still exists.
  std::function<void()> shutdown;
};

}  // namespace simpul::shell
