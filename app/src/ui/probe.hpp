#pragma once
// What the widgets drew, for tests. Dear ImGui 1.86 from Debian has no test engine hooks, so our ui:: widgets
// report each item (id, visible text, value, rectangle) to a registry when one is listening. With no listener
// the cost is one pointer test per widget.
#include <string>
#include <string_view>
#include <vector>

#include "ui/imgui.hpp"

namespace simpul::ui::probe {

enum class Kind { text, button, input, progress };

struct Item {
  Kind kind = Kind::text;
  std::string id;     // stable id (independent of the language), empty for plain text
  std::string text;   // what is displayed: a button's label, a field's label, a line of text
  std::string value;  // a field's content as displayed (password fields: bullets)
  ImVec2 min, max;    // screen rectangle
  bool enabled = true;
  ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

class Registry {
 public:
  void begin_frame() { current_.clear(); }
  void end_frame() { last_.swap(current_); }
  void add(Item item) { current_.push_back(std::move(item)); }
  // The items of the last completed frame.
  const std::vector<Item>& items() const { return last_; }

 private:
  std::vector<Item> current_;
  std::vector<Item> last_;
};

// The registry widgets report to; nullptr (the normal case) disables recording.
inline Registry* g_listener = nullptr;

void record_last_item(Kind kind, std::string_view id, std::string_view text, std::string_view value);

// Records ImGui's last item (rect, disabled flag) when a registry listens.
inline void record(Kind kind, std::string_view id, std::string_view text, std::string_view value = {}) {
  if (g_listener != nullptr) record_last_item(kind, id, text, value);
}

}  // namespace simpul::ui::probe
