#include "shell/runner.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "shell/screenshot.hpp"
#include "ui/imgui.hpp"
#include "ui/keys.hpp"
#include "ui/pacing.hpp"
#include "ui/theme.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#pragma GCC diagnostic pop

namespace simpul::shell {
namespace {

std::string g_glfw_error;  // the last GLFW error, for messages

void on_glfw_error(int code, const char* description) {
  g_glfw_error = std::to_string(code) + ": " + (description != nullptr ? description : "");
}

// Input and window events restart the full-rate "settle" frames. Installed before the ImGui backend, which then
// chains to them.
struct Activity {
  int settle_frames = 3;
  int settle_left = 3;
  void touch() { settle_left = settle_frames; }
};

Activity& activity(GLFWwindow* window) { return *static_cast<Activity*>(glfwGetWindowUserPointer(window)); }

void install_activity_callbacks(GLFWwindow* window, Activity& state) {
  glfwSetWindowUserPointer(window, &state);
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { activity(w).touch(); });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { activity(w).touch(); });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { activity(w).touch(); });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) { activity(w).touch(); });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned) { activity(w).touch(); });
  glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { activity(w).touch(); });
  glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) { activity(w).touch(); });
  glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int, int) { activity(w).touch(); });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { activity(w).touch(); });
  glfwSetWindowContentScaleCallback(window, [](GLFWwindow* w, float, float) { activity(w).touch(); });
}

GLFWwindow* create_window(const WindowOptions& options, bool hidden) {
  // OpenGL 3.0 with GLSL 130: what the oldest PCs at a rural desk still offer, and Mesa's llvmpipe under Xvfb.
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_VISIBLE, hidden ? GLFW_FALSE : GLFW_TRUE);
  GLFWmonitor* monitor = nullptr;
  int width = options.width;
  int height = options.height;
  if (options.fullscreen && !hidden) {
    monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr) {
      width = mode->width;
      height = mode->height;
    }
  }
  return glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
}

// How long the loop may wait for events before drawing the next frame: 0 for at once.
double next_frame_wait(Activity& state, const IdleOptions& idle) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool animating = ui::take_animation_request();
  bool mouse_down = false;
  for (bool down : io.MouseDown) mouse_down = mouse_down || down;
  if (state.settle_left > 0) {
    --state.settle_left;
    return 0.0;
  }
  // A focused field with nobody typing waits like any idle screen: keystrokes wake the loop at once.
  if (animating || mouse_down || (ImGui::IsAnyItemActive() && !io.WantTextInput)) return 0.0;
  return 1.0 / idle.idle_fps;
}

void clear(const ImVec2& size) {
  glViewport(0, 0, static_cast<GLsizei>(size.x), static_cast<GLsizei>(size.y));
  const ImVec4& bg = ui::palette::kBackground;
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

int run(const RunnerParams& params, Lifecycle& lifecycle, RunQueue& queue, ui::Appearance& appearance) {
  glfwSetErrorCallback(on_glfw_error);
  if (glfwInit() == GLFW_FALSE) {
    std::fprintf(stderr,
                 "simpul: no display: run under xvfb-run, or use simpulctl for headless work (GLFW error %s)\n",
                 g_glfw_error.c_str());
    return kExitNoDisplay;
  }
  const bool screenshot = params.screenshot.has_value();
  GLFWwindow* window = create_window(params.window, screenshot);
  if (window == nullptr) {
    std::fprintf(stderr, "simpul: cannot open an OpenGL 3.0 window (GLFW error %s)\n", g_glfw_error.c_str());
    glfwTerminate();
    return kExitError;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(screenshot ? 0 : 1);

  Activity state;
  state.settle_frames = params.idle.settle_frames;
  state.touch();
  install_activity_callbacks(window, state);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // window layout is fixed; never write imgui.ini into the working directory
  io.ConfigInputTextCursorBlink = false;  // a steady caret: no redraws only to blink it (idle CPU)
  io.LogFilename = nullptr;
  ui::enable_keyboard_navigation(io);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  queue.set_wake([] { glfwPostEmptyEvent(); });

  float content_scale = 1.0f;
  glfwGetWindowContentScale(window, &content_scale, nullptr);
  appearance.update(content_scale);
  if (lifecycle.setup) lifecycle.setup();

  std::optional<OffscreenTarget> offscreen;
  const ImVec2 shot_size(static_cast<float>(params.window.width), static_cast<float>(params.window.height));
  int exit_code = kExitOk;
  if (screenshot) {
    auto target = OffscreenTarget::create(params.window.width, params.window.height);
    if (!target.ok()) {
      std::fprintf(stderr, "simpul: screenshot: %s\n", target.error().message.c_str());
      exit_code = kExitError;
    } else {
      offscreen.emplace(std::move(target).value());
    }
  }

  double wait = 0.0;
  int frame_count = 0;
  constexpr double kScreenshotPatience = 20.0;  // seconds
  const double started = glfwGetTime();
  while (exit_code == kExitOk && glfwWindowShouldClose(window) == GLFW_FALSE) {
    if (screenshot || wait <= 0.0) {
      glfwPollEvents();
    } else {
      glfwWaitEventsTimeout(wait);
    }
    if (queue.drain() > 0) state.touch();

    glfwGetWindowContentScale(window, &content_scale, nullptr);
    // Before the first frame the backend creates its font texture itself.
    if (appearance.update(content_scale) && frame_count > 0) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (screenshot) {
      io.DisplaySize = shot_size;  // the offscreen target's size, whatever the (hidden) window got
      io.DisplayFramebufferScale = ImVec2(1, 1);
    }
    ImGui::NewFrame();
    if (lifecycle.frame) lifecycle.frame();
    ImGui::Render();

    if (offscreen) {
      offscreen->bind();
      clear(shot_size);
    } else {
      int fb_width = 0;
      int fb_height = 0;
      glfwGetFramebufferSize(window, &fb_width, &fb_height);
      clear(ImVec2(static_cast<float>(fb_width), static_cast<float>(fb_height)));
    }
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frame_count;

    if (screenshot) {
      // Background work the screen waits for (a search, a sign-in) must have landed, within reason.
      const bool waiting = lifecycle.busy && lifecycle.busy() && glfwGetTime() - started < kScreenshotPatience;
      if (frame_count >= params.screenshot->frames && !waiting) {
        const auto pixels = offscreen->read_rgba();
        if (auto written = write_png(params.screenshot->out, offscreen->width(), offscreen->height(), pixels);
            !written.ok()) {
          std::fprintf(stderr, "simpul: screenshot: %s\n", written.error().message.c_str());
          exit_code = kExitError;
        }
        break;
      }
    } else {
      glfwSwapBuffers(window);
      // Cold-start measurement (bench/app_bench.cpp): one line once the first frame is on screen.
      if (frame_count == 1 && std::getenv("SIMPUL_REPORT_FIRST_FRAME") != nullptr) {
        std::fprintf(stderr, "simpul: first frame\n");
        std::fflush(stderr);
      }
    }
    wait = next_frame_wait(state, params.idle);
  }

  if (lifecycle.shutdown) lifecycle.shutdown();
  queue.set_wake({});
  offscreen.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace simpul::shell
