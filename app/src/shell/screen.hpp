#pragma once
// Screens. Each lives in app/src/screens/<name>/:
//   model.hpp      View (read-only view model), Form (edit buffers the view may change), Intents (what the user
//                  asked for, as plain values) and the draw function's declaration;
//   view.cpp       Intents draw(const View&, Form&): ImGui calls through ui:: widgets, nothing else. No SQLite,
//                  curl, threads or globals beyond ui/ (fonts, i18n);
//   controller.*   a Screen: builds the View from app state each frame, calls draw, applies the Intents (this is
//                  where storage and sync will be called, through tasks for anything slow).
#include <concepts>
#include <string_view>

namespace simpul::shell {

class RunQueue;

// The shape of every screen's view function.
template <auto Draw, class View, class Form, class Intents>
concept ScreenView = requires(const View& view, Form& form) {
  { Draw(view, form) } -> std::same_as<Intents>;
};

class Navigator {
 public:
  virtual ~Navigator() = default;
  // Opens a screen on top of the current one; unknown names are ignored (and logged).
  virtual void open(std::string_view screen) = 0;
  // Returns to the previous screen; does nothing on the first one.
  virtual void back() = 0;
  // Starts over with `screen` as the only one (after signing in: search; after signing out: login).
  virtual void reset(std::string_view screen) = 0;
};

struct ScreenContext {
  Navigator& navigator;
  RunQueue& queue;
};

class Screen {
 public:
  virtual ~Screen() = default;
  virtual std::string_view name() const = 0;
  // Called when the screen becomes the current one (opened, or returned to).
  virtual void on_show() {}
  // One frame, inside the content area: build the view, draw it, apply the intents. UI thread.
  virtual void frame(ScreenContext& context) = 0;
  // Background work the screen is waiting for is still running (screenshots wait for it). UI thread.
  virtual bool busy() const { return false; }
};

}  // namespace simpul::shell
