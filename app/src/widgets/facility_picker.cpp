#include "widgets/facility_picker.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/widgets.hpp"

namespace simpul::widgets {
namespace {

bool has_coordinates(const Facility& f) { return f.latitude != 0.0 || f.longitude != 0.0; }

std::string distance_text(double km) {
  char buf[32];
  if (km < 10.0) {
    std::snprintf(buf, sizeof buf, "%.1f km", km);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f km", km);
  }
  std::string out(buf);
  if (i18n::language() == "id") std::replace(out.begin(), out.end(), '.', ',');  // 2,3 km
  return out;
}

}  // namespace

double distance_km(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.latitude - a.latitude) * kRad;
  const double dlon = (b.longitude - a.longitude) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.latitude * kRad) * std::cos(b.latitude * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

const char* facility_type_label(FacilityType type) {
  switch (type) {
    case FacilityType::puskesmas: return tr("facility.type.puskesmas");
    case FacilityType::klinik: return tr("facility.type.klinik");
    case FacilityType::dpp: return tr("facility.type.dpp");
    case FacilityType::dpg: return tr("facility.type.dpg");
    case FacilityType::hospital: return tr("facility.type.hospital");
    case FacilityType::bpjs_office: return tr("facility.type.bpjs_office");
  }
  return "";
}

FacilityPickerView facility_options(const std::vector<Facility>& facilities,
                                    const std::function<bool(const Facility&)>& keep,
                                    const std::optional<GeoPoint>& origin, const FacilityPickerState& state,
                                    const std::optional<std::string>& none_text) {
  struct Candidate {
    const Facility* facility;
    std::optional<double> km;
  };
  std::vector<Candidate> kept;
  for (const Facility& f : facilities) {
    if (!keep(f)) continue;
    std::optional<double> km;
    if (origin && has_coordinates(f)) km = distance_km(*origin, GeoPoint{f.latitude, f.longitude});
    kept.push_back({&f, km});
  }
  FacilityPickerView view;
  view.can_sort_nearest = std::any_of(kept.begin(), kept.end(), [](const Candidate& c) { return c.km.has_value(); });
  const bool nearest = view.can_sort_nearest && state.order == FacilityOrder::nearest;
  std::stable_sort(kept.begin(), kept.end(), [nearest](const Candidate& a, const Candidate& b) {
    if (nearest && a.km != b.km) {
      if (!a.km || !b.km) return a.km.has_value();  // facilities without coordinates last
      return *a.km < *b.km;
    }
    return std::lexicographical_compare(
        a.facility->name.begin(), a.facility->name.end(), b.facility->name.begin(), b.facility->name.end(),
        [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y)); });
  });
  if (none_text) view.options.push_back({kNoFacilityCode, *none_text, {}});
  for (const Candidate& c : kept) {
    std::string detail = facility_type_label(c.facility->type);
    if (c.km) detail += " · " + distance_text(*c.km);
    view.options.push_back({c.facility->code, c.facility->name + " (" + c.facility->code + ")", std::move(detail)});
  }
  if (!state.code.empty()) {
    view.preview = state.code;
    for (const Facility& f : facilities)
      if (f.code == state.code) view.preview = f.name + " (" + f.code + ")";
  } else if (none_text) {
    view.preview = *none_text;
  }
  return view;
}

bool draw_facility_picker(const char* id, const FacilityPickerView& view, FacilityPickerState& state) {
  bool changed = false;
  const FilterComboArgs args{id, view.preview, tr("picker.choose_facility"), tr("picker.type_to_filter"),
                             tr("picker.no_match"), view.enabled};
  if (auto picked = filter_combo(args, view.options, state.code.empty() ? kNoFacilityCode : state.code, state.combo)) {
    std::string code = *picked == kNoFacilityCode ? std::string() : std::move(*picked);
    changed = code != state.code;
    state.code = std::move(code);
  }
  if (view.can_sort_nearest && view.enabled) {
    const std::string nearest_id = std::string(id) + ".nearest";
    const std::string alpha_id = std::string(id) + ".alphabetical";
    const ImVec2 size(0, 0);
    if (ui::choice_button({nearest_id.c_str(), tr("picker.nearest")}, state.order == FacilityOrder::nearest, size))
      state.order = FacilityOrder::nearest;
    ImGui::SameLine();
    if (ui::choice_button({alpha_id.c_str(), tr("picker.alphabetical")}, state.order == FacilityOrder::alphabetical,
                          size))
      state.order = FacilityOrder::alphabetical;
  }
  return changed;
}

}  // namespace simpul::widgets
