#pragma once
// A facility picker (FKTP, dental facility) over the replica's facility list: a filter combo whose options
// are ordered nearest first (from this desk's facility) or alphabetically, with the facility type and the
// distance beside each name. An optional "none" entry (code "") lets a dental facility be left empty.
//
// facility_options() is pure (tests call it); draw_facility_picker() draws the combo and the order switch.
// Probe ids: the combo `<id>`, options `<id>.<code>` (none: `<id>.none`), order buttons `<id>.nearest`
// and `<id>.alphabetical`.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/model.hpp"
#include "widgets/filter_combo.hpp"

namespace simpul::widgets {

enum class FacilityOrder { nearest, alphabetical };

struct FacilityPickerState {
  std::string code;  // chosen PPK code; empty: none
  FacilityOrder order = FacilityOrder::nearest;
  FilterComboState combo;
};

struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

// Great-circle distance in kilometres.
double distance_km(const GeoPoint& a, const GeoPoint& b);

inline constexpr const char* kNoFacilityCode = "none";

struct FacilityPickerView {
  std::vector<ComboOption> options;
  std::string preview;        // "Puskesmas Soreang (1004P012)" for the chosen code; the code when unknown
  bool can_sort_nearest = false;
  bool enabled = true;
};

// The options for facilities accepted by `keep`, in `order` (nearest needs `origin` and coordinates; without
// them the list is alphabetical). `none_text`: when set, a first entry that clears the choice.
FacilityPickerView facility_options(const std::vector<Facility>& facilities,
                                    const std::function<bool(const Facility&)>& keep,
                                    const std::optional<GeoPoint>& origin, const FacilityPickerState& state,
                                    const std::optional<std::string>& none_text = std::nullopt);

// The short type label shown beside a facility ("Puskesmas", "Klinik", "DPP", "DPG", ...), in the UI language.
const char* facility_type_label(FacilityType type);

// Returns true when the choice changed.
bool draw_facility_picker(const char* id, const FacilityPickerView& view, FacilityPickerState& state);

}  // namespace simpul::widgets
