#pragma once
// Nearest facilities (FKTPs, hospitals, BPJS offices) from a point: this facility or a village
// (docs/CARE.md "Locator").
//
// The facilities' coordinates are indexed in an SQLite R*Tree (`facilities_geo`, kept in step with the
// `facilities` table by triggers). A query takes the facilities in a bounding box around the origin
// (prefilter), computes the great-circle distance of each (haversine), and widens the box (×4) until it
// holds enough facilities within its radius to fill the page, so the order is exact, not box order.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/demo.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

inline constexpr double kEarthRadiusKm = 6371.0;  // mean radius, as the haversine formula usually takes it

// Great-circle distance in km.
double haversine_km(const demo::GeoPoint& a, const demo::GeoPoint& b);

struct LocatorQuery {
  demo::GeoPoint origin;
  std::string exclude;                // a facility code to leave out (the origin facility itself)
  std::vector<FacilityType> types;    // any of these; empty = every type
  std::string service;                // e.g. "ugd", "hemodialisa", "pengaduan"; empty = any
  std::size_t limit = 10;
  std::size_t offset = 0;
  double max_km = 0;                  // 0 = no limit
};

struct NearbyFacility {
  Facility facility;
  double distance_km = 0;
};

struct LocatorPage {
  std::vector<NearbyFacility> items;  // nearest first (ties by code)
  bool more = false;                  // another page exists
  double searched_km = 0;             // radius of the last prefilter box
};

class Locator {
 public:
  explicit Locator(Replica& replica) : r_(replica) {}

  Result<LocatorPage> nearest(const LocatorQuery& query);

  // The coordinates of a facility on the replica (not_found when absent or without coordinates).
  Result<demo::GeoPoint> facility_point(const std::string& code);
  // A village's (or district's) synthetic approximate point (demo::approximate_location).
  static Result<demo::GeoPoint> village_point(const RegionTable& regions, const std::string& code);

 private:
  // Codes of the facilities whose point lies in the box of `radius_km` around `origin`.
  Result<std::vector<std::string>> in_box(const demo::GeoPoint& origin, double radius_km);
  Replica& r_;
};

}  // namespace simpul::storage
