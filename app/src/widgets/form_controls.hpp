#pragma once
// Form pieces the registration, change-data and admin screens share: a checkbox, a selectable row, a rule's
// findings under a field, a read-only "label: value" line and a section heading. Like ui::widgets they give
// every interactive item a stable id and report it to the test probe (checkboxes and rows as buttons, so
// UiHarness::click reaches them).
#include <initializer_list>
#include <string>
#include <string_view>

#include "simpul/core/message.hpp"
#include "ui/imgui.hpp"
#include "ui/widgets.hpp"

namespace simpul::widgets {

// Returns true when the box was toggled this frame. The probe value is "checked" or "unchecked".
bool checkbox(ui::Label label, bool& value);

// One row of a list (a user, a change kind); `selected` draws it highlighted. Returns true when clicked.
bool selectable(ui::Label label, bool selected, ImVec2 size = ImVec2(0, 0));

// Text that wraps at the edge of the current column, in a colour.
void wrapped(std::string_view text, const ImVec4& color);

// The findings of one form field (Finding::field == field), each on its own wrapped line in the UI language:
// errors in red, warnings in amber. `field` empty: all findings. Returns how many were drawn.
int findings(const Findings& all, std::string_view field = {});

// "Label  value" on one line: the label muted, the value in the body colour.
void label_value(std::string_view label, std::string_view value);

// A section heading inside a form (bold, with a little space above).
void heading(std::string_view text);

// Side-by-side columns of fields (a one-row table): call next() before each column's contents; fields fill
// their column's width.
class Columns {
 public:
  Columns(const char* id, int count);
  // Columns whose widths follow `weights` (e.g. {1, 2}: the second twice as wide).
  Columns(const char* id, std::initializer_list<float> weights);
  ~Columns();
  Columns(const Columns&) = delete;
  Columns& operator=(const Columns&) = delete;
  void next();

 private:
  bool open_ = false;
  bool width_pushed_ = false;
};

// The text of a finding in the current UI language.
const std::string& finding_text(const Finding& finding);

}  // namespace simpul::widgets
