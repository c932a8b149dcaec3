#include "testing/ui_harness.hpp"

#include <chrono>

#include "ui/em.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"

namespace simpul::testing {
namespace {

bool interactive(const ui::probe::Item& item) {
  return item.kind == ui::probe::Kind::button || item.kind == ui::probe::Kind::input;
}

const char* kind_name(ui::probe::Kind kind) {
  switch (kind) {
    case ui::probe::Kind::text: return "text";
    case ui::probe::Kind::button: return "button";
    case ui::probe::Kind::input: return "input";
    case ui::probe::Kind::progress: return "progress";
  }
  return "?";
}

}  // namespace

UiHarness::UiHarness(HarnessOptions options) : options_(options) {
  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.BackendPlatformName = "simpul_ui_harness";
  io.DisplaySize = options_.display_size;
  io.DeltaTime = 1.0f / 60.0f;
  ui::install_identity_keymap(io);
  ui::enable_keyboard_navigation(io);
  appearance_.set_font_scale(options_.font_scale);
  appearance_.update(1.0f);
  // No renderer: building the texture data is what a backend would upload.
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

UiHarness::~UiHarness() {
  if (ui::probe::g_listener == &registry_) ui::probe::g_listener = nullptr;
  ImGui::DestroyContext(context_);
}

void UiHarness::show(std::function<void()> contents) {
  frame_ = [this, contents = std::move(contents)] {
    ui::begin_area("##harness", ImVec2(0, 0), options_.display_size, ui::palette::kBackground,
                   ImGui::GetStyle().WindowPadding);
    contents();
    ui::end_area();
  };
}

void UiHarness::set_frame(std::function<void()> frame) { frame_ = std::move(frame); }

void UiHarness::one_frame() {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = options_.display_size;
  io.DeltaTime = 1.0f / 60.0f;
  queue_.drain();
  if (appearance_.update(1.0f)) {
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  }
  registry_.begin_frame();
  ui::probe::g_listener = &registry_;
  ImGui::NewFrame();
  if (frame_) frame_();
  ImGui::Render();
  ui::probe::g_listener = nullptr;
  registry_.end_frame();
  ++frame_count_;
}

void UiHarness::frame(int count) {
  for (int i = 0; i < count; ++i) one_frame();
}

const ui::probe::Item* UiHarness::try_find(std::string_view query) const {
  const ui::probe::Item* found = nullptr;
  for (const auto& item : items()) {
    if (!interactive(item) || (item.id != query && item.text != query)) continue;
    if (found != nullptr)
      throw ProbeError("'" + std::string(query) + "' matches more than one item; use an id. Last frame:\n" +
                       describe());
    found = &item;
  }
  return found;
}

const ui::probe::Item& UiHarness::find(std::string_view query) const {
  if (const auto* item = try_find(query)) return *item;
  throw ProbeError("no button or field '" + std::string(query) + "' in the last frame:\n" + describe());
}

void UiHarness::click(std::string_view query) {
  ImGui::SetCurrentContext(context_);
  if (frame_count_ == 0) frame();
  const ui::probe::Item item = find(query);
  if (!item.enabled) throw ProbeError("'" + std::string(query) + "' is disabled");
  // Fields: click near the right end so the cursor lands after existing text.
  const ImVec2 target = item.kind == ui::probe::Kind::input
                            ? ImVec2(item.max.x - ui::em(0.3f), item.center().y)
                            : item.center();
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = target;
  frame();
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
}

bool UiHarness::editing_text() const {
  const ImGuiContext& g = *context_;
  return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

bool UiHarness::focus_moving() const {
  const ImGuiContext& g = *context_;
  return g.NavMoveSubmitted || g.NavMoveForwardToNextFrame || g.NavNextActivateId != 0 || g.NavActivateInputId != 0;
}

void UiHarness::type(std::string_view text) {
  ImGui::SetCurrentContext(context_);
  // Keyboard focus travels through ImGui's nav system and lands a frame or two after it was requested
  // (SetKeyboardFocusHere, Tab). A person cannot type that fast either: wait for it.
  for (int i = 0; i < kFocusFrames && (!editing_text() || focus_moving()); ++i) frame();
  if (!editing_text()) throw ProbeError("no text field has keyboard focus; last frame:\n" + describe());
  ImGui::GetIO().AddInputCharactersUTF8(std::string(text).c_str());
  frame();
}

void UiHarness::type_into(std::string_view query, std::string_view text) {
  click(query);
  type(text);
}

void UiHarness::press(ui::Key key) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  ui::set_key_down(io, key, true);
  frame();
  ui::set_key_down(io, key, false);
}

bool UiHarness::has_text(std::string_view needle) const {
  for (const auto& item : items()) {
    if (item.text.find(needle) != std::string::npos) return true;
    if (item.kind == ui::probe::Kind::input && item.value.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string UiHarness::describe() const {
  std::string out;
  for (const auto& item : items()) {
    out += "  ";
    out += kind_name(item.kind);
    if (!item.id.empty()) out += " [" + item.id + "]";
    out += " \"" + item.text + "\"";
    if (!item.value.empty()) out += " = \"" + item.value + "\"";
    if (!item.enabled) out += " (disabled)";
    out += "\n";
  }
  return out;
}

double UiHarness::frame_time_ms(int frames) {
  if (frames <= 0) return 0.0;
  const auto start = std::chrono::steady_clock::now();
  frame(frames);
  const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / frames;
}

}  // namespace simpul::testing
