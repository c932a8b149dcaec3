#include "widgets/region_picker.hpp"

#include "ui/i18n.hpp"
#include "ui/widgets.hpp"

namespace simpul::widgets {
namespace {

constexpr std::array<std::size_t, kRegionLevels> kCodeLength = {2, 4, 6, 10};
constexpr std::array<const char*, kRegionLevels> kLevelName = {"province", "regency", "district", "village"};
constexpr std::array<const char*, kRegionLevels> kLabelKey = {"region.province", "region.regency",
                                                              "region.district", "region.village"};
constexpr std::array<const char*, kRegionLevels> kPlaceholderKey = {
    "region.choose_province", "region.choose_regency", "region.choose_district", "region.choose_village"};

}  // namespace

const std::string& RegionPickerState::deepest() const {
  for (std::size_t i = kRegionLevels; i-- > 0;)
    if (!codes[i].empty()) return codes[i];
  return codes[0];
}

RegionPickerView region_picker_view(const RegionTable& regions, const RegionPickerState& state) {
  RegionPickerView view;
  for (std::size_t level = 0; level < kRegionLevels; ++level) {
    const std::string parent = level == 0 ? std::string() : state.codes[level - 1];
    if (level == 0 || !parent.empty()) {
      for (const Region& r : regions.children(parent)) view.options[level].push_back({r.code, r.name, {}});
    }
    if (!state.codes[level].empty()) {
      const auto found = regions.find(state.codes[level]);
      view.names[level] = found ? found->name : state.codes[level];
    }
  }
  return view;
}

void pick_region(RegionPickerState& state, std::size_t level, std::string code) {
  if (level >= kRegionLevels) return;
  state.codes[level] = std::move(code);
  for (std::size_t below = level + 1; below < kRegionLevels; ++below) state.codes[below].clear();
}

void set_region(RegionPickerState& state, const RegionTable& regions, std::string_view code) {
  const std::string undotted = RegionTable::undot(code);
  for (std::size_t level = 0; level < kRegionLevels; ++level) {
    const std::size_t length = kCodeLength[level];
    if (undotted.size() >= length && regions.find(undotted.substr(0, length))) {
      state.codes[level] = undotted.substr(0, length);
    } else {
      for (std::size_t rest = level; rest < kRegionLevels; ++rest) state.codes[rest].clear();
      return;
    }
  }
}

bool draw_region_picker(const char* id, const RegionPickerView& view, RegionPickerState& state) {
  bool changed = false;
  for (std::size_t level = 0; level < kRegionLevels; ++level) {
    const std::string combo_id = std::string(id) + "." + kLevelName[level];
    ui::text(tr(kLabelKey[level]));
    const FilterComboArgs args{combo_id.c_str(), view.names[level], tr(kPlaceholderKey[level]),
                               tr("picker.type_to_filter"), tr("picker.no_match"),
                               level == 0 || !state.codes[level - 1].empty()};
    if (auto picked = filter_combo(args, view.options[level], state.codes[level], state.combos[level])) {
      if (*picked != state.codes[level]) {
        pick_region(state, level, std::move(*picked));
        changed = true;
      }
    }
  }
  return changed;
}

}  // namespace simpul::widgets
