#pragma once
// Cascading region pickers: province -> regency -> district -> village (Kemendagri codes), each a filter combo
// listing only the children of the level above (RegionTable::children). Picking a level clears the levels
// below it; a level is enabled once its parent is chosen.
//
// The state lives in the owning form; region_picker_view() builds the options from it, draw_region_picker()
// draws and applies a pick. Probe ids: `<id>.province`, `<id>.regency`, `<id>.district`, `<id>.village`
// (and their options `<id>.<level>.<code>`, filters `<id>.<level>.filter`).
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/regions.hpp"
#include "widgets/filter_combo.hpp"

namespace simpul::widgets {

inline constexpr std::size_t kRegionLevels = 4;  // province, regency, district, village

struct RegionPickerState {
  std::array<std::string, kRegionLevels> codes;  // undotted; empty: not chosen
  std::array<FilterComboState, kRegionLevels> combos;
  bool operator==(const RegionPickerState& o) const { return codes == o.codes; }

  // The deepest chosen code ("" when nothing is chosen).
  const std::string& deepest() const;
  // The village code, or "" until a village is chosen.
  const std::string& village() const { return codes[kRegionLevels - 1]; }
  bool empty() const { return codes[0].empty(); }
};

struct RegionPickerView {
  std::array<std::vector<ComboOption>, kRegionLevels> options;  // children of the level above
  std::array<std::string, kRegionLevels> names;                 // of the chosen codes
};

RegionPickerView region_picker_view(const RegionTable& regions, const RegionPickerState& state);

// Chooses `code` at `level` (0 = province) and clears the levels below.
void pick_region(RegionPickerState& state, std::size_t level, std::string code);

// Fills the levels from any region code (dotted or not; 2, 4, 6 or 10 digits): "3204102001" chooses the
// province 32, regency 3204, district 320410 and the village. Levels not in `regions` stay empty.
void set_region(RegionPickerState& state, const RegionTable& regions, std::string_view code);

// Draws the four combos one under the other. Returns true when a pick changed the state.
bool draw_region_picker(const char* id, const RegionPickerView& view, RegionPickerState& state);

}  // namespace simpul::widgets
