#pragma once
// A drop-down with type-to-filter: the closed combo shows the current choice; opened, the filter field has the
// keyboard, the list narrows as one types, Enter takes the first match. The region and facility pickers are
// built on it (a district can have 50 villages, a regency 40 facilities).
//
// Probe ids: the combo is `id`, its filter `id.filter`, each option `id.<code>`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/widgets.hpp"

namespace simpul::widgets {

struct ComboOption {
  std::string code;    // what is picked; also the option's probe id suffix
  std::string text;    // shown and matched by the filter
  std::string detail;  // shown muted after the text ("2,3 km", "DPP"); not matched
};

// The filter's edit buffer lives with the form that owns the combo.
struct FilterComboState {
  std::string filter;
};

// True when `option` matches `filter`: every space-separated word of the filter occurs in the text
// (case-insensitive, ASCII) or the code starts with the filter.
bool option_matches(const ComboOption& option, std::string_view filter);

struct FilterComboArgs {
  const char* id;
  std::string_view preview;  // shown when closed; empty: the placeholder
  std::string_view placeholder;
  std::string_view filter_hint;
  std::string_view no_match;  // shown in the open list when nothing matches
  bool enabled = true;
};

// Draws the combo (full item width). Returns the picked option's code in the frame it was picked.
std::optional<std::string> filter_combo(const FilterComboArgs& args, const std::vector<ComboOption>& options,
                                        std::string_view selected_code, FilterComboState& state);

}  // namespace simpul::widgets
