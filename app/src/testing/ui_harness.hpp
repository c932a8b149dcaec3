#pragma once
// Headless UI tests: a real ImGui context with no renderer (the recipe of imgui's example_null: a display size,
// a built font atlas, NewFrame/Render without drawing), driven like a user would: move the mouse onto an item
// and press, type characters, press keys. Items are found through the probe the ui:: widgets report to
// (ui/probe.hpp), by stable id ("login.submit") or by visible text ("Masuk").
//
//   UiHarness ui;
//   login::Form form; login::Intents last;
//   ui.show([&] { last = login::draw(view, form); });
//   ui.type_into("login.username", "siti");
//   ui.press_enter();            // `last` now holds the frame in which Enter went down
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "shell/run_queue.hpp"
#include "ui/appearance.hpp"
#include "ui/keys.hpp"
#include "ui/probe.hpp"

namespace simpul::testing {

struct HarnessOptions {
  ImVec2 display_size{1280, 800};
  float font_scale = 1.0f;
};

// An item could not be found, or the query matched several: the message lists what the last frame drew.
class ProbeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UiHarness {
 public:
  explicit UiHarness(HarnessOptions options = {});
  ~UiHarness();
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  // What every frame draws. show(): inside a full-display area like a screen's content; set_frame(): as is
  // (for code that opens its own windows, e.g. AppShell::frame).
  void show(std::function<void()> contents);
  void set_frame(std::function<void()> frame);

  // Runs frames: drain the run queue, NewFrame, draw, Render. Input set up by the calls below applies to the
  // first of them.
  void frame(int count = 1);

  // Click the interactive item (button, field) whose id or visible text is `query`: three frames (hover, press,
  // release); the last is the one in which a button reports the click.
  void click(std::string_view query);
  // Click the field, then type `text` (UTF-8) at the end of its content: one more frame.
  void type_into(std::string_view query, std::string_view text);
  // Type into the field that has keyboard focus, waiting a few frames for focus to arrive (it travels through
  // ImGui's nav system); throws ProbeError if no field gets it.
  void type(std::string_view text);
  // One frame with the key down (the frame in which the app sees the press), then the key is released.
  void press(ui::Key key);
  void press_enter() { press(ui::Key::enter); }
  void press_escape() { press(ui::Key::escape); }
  void press_tab() { press(ui::Key::tab); }

  // Reading the last frame.
  bool has_text(std::string_view needle) const;  // any drawn text/label/value containing `needle`
  const ui::probe::Item& find(std::string_view query) const;        // interactive item; throws ProbeError
  const ui::probe::Item* try_find(std::string_view query) const;    // nullptr if none; throws if ambiguous
  const std::vector<ui::probe::Item>& items() const { return registry_.items(); }
  std::string describe() const;  // every item of the last frame, one per line

  // Mean wall time of one whole frame over `frames` frames, in milliseconds (for benchmarks).
  double frame_time_ms(int frames = 60);

  shell::RunQueue& queue() { return queue_; }
  ui::Appearance& appearance() { return appearance_; }
  int frame_count() const { return frame_count_; }

 private:
  void one_frame();
  bool editing_text() const;
  bool focus_moving() const;

  static constexpr int kFocusFrames = 4;

  ImGuiContext* context_ = nullptr;
  HarnessOptions options_;
  ui::Appearance appearance_;
  shell::RunQueue queue_;
  ui::probe::Registry registry_;
  std::function<void()> frame_;
  int frame_count_ = 0;
};

}  // namespace simpul::testing
