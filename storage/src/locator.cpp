#include "simpul/storage/locator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "care_common.hpp"
#include "simpul/storage/codec.hpp"

namespace simpul::storage {
namespace {

constexpr double kFirstRadiusKm = 5;
constexpr double kWholeEarthKm = 20'100;  // half the circumference: every point is within it
constexpr double kKmPerDegree = kEarthRadiusKm * std::numbers::pi / 180.0;

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

bool has_service(const Facility& f, const std::string& service) {
  return service.empty() || std::find(f.services.begin(), f.services.end(), service) != f.services.end();
}

bool has_type(const Facility& f, const std::vector<FacilityType>& types) {
  return types.empty() || std::find(types.begin(), types.end(), f.type) != types.end();
}

}  // namespace

double haversine_km(const demo::GeoPoint& a, const demo::GeoPoint& b) {
  const double dlat = radians(b.latitude - a.latitude);
  const double dlon = radians(b.longitude - a.longitude);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(radians(a.latitude)) * std::cos(radians(b.latitude)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

Result<std::vector<std::string>> Locator::in_box(const demo::GeoPoint& o, double radius_km) {
  double lat_lo = -90, lat_hi = 90, lon_lo = -180, lon_hi = 180;
  if (radius_km < kWholeEarthKm) {
    const double dlat = radius_km / kKmPerDegree;
    lat_lo = std::max(-90.0, o.latitude - dlat);
    lat_hi = std::min(90.0, o.latitude + dlat);
    // Longitude degrees shrink with latitude; at the box's edge nearest a pole they are shortest.
    const double edge = std::max(std::fabs(lat_lo), std::fabs(lat_hi));
    const double cos_edge = std::cos(radians(edge));
    if (edge < 89.0 && radius_km / (kKmPerDegree * cos_edge) < 180.0) {
      const double dlon = radius_km / (kKmPerDegree * cos_edge);
      lon_lo = o.longitude - dlon;
      lon_hi = o.longitude + dlon;
    }
  }
  // A box crossing the antimeridian is split in two.
  std::vector<std::pair<double, double>> lon_ranges;
  if (lon_lo < -180) {
    lon_ranges = {{lon_lo + 360, 180}, {-180, lon_hi}};
  } else if (lon_hi > 180) {
    lon_ranges = {{lon_lo, 180}, {-180, lon_hi - 360}};
  } else {
    lon_ranges = {{lon_lo, lon_hi}};
  }
  std::vector<std::string> codes;
  for (const auto& [lo, hi] : lon_ranges) {
    auto st = r_.db().prepare(
        "SELECT code FROM facilities_geo WHERE min_lat <= ?2 AND max_lat >= ?1 AND min_lon <= ?4 AND max_lon >= ?3");
    st->bind_all(lat_lo, lat_hi, lo, hi);
    for (;;) {
      auto row = st->step();
      if (!row.ok()) return row.error();
      if (!row.value()) break;
      codes.push_back(st->text(0));
    }
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

Result<LocatorPage> Locator::nearest(const LocatorQuery& q) {
  LocatorPage page;
  const std::size_t wanted = q.offset + q.limit + 1;  // one more tells whether another page exists
  const double cap = q.max_km > 0 ? std::min(q.max_km, kWholeEarthKm) : kWholeEarthKm;
  std::vector<NearbyFacility> within;
  for (double radius = std::min(kFirstRadiusKm, cap);; radius = std::min(radius * 4, cap)) {
    auto codes = in_box(q.origin, radius);
    if (!codes.ok()) return codes.error();
    within.clear();
    for (const auto& code : *codes) {
      if (code == q.exclude) continue;
      auto row = r_.load("facility", code);
      if (!row.ok()) return row.error();
      if (!row->has_value()) continue;
      auto f = facility_from(**row);
      if (!f.ok()) continue;  // a malformed reference row is skipped, not fatal for the list
      if (!has_type(*f, q.types) || !has_service(*f, q.service)) continue;
      const double d = haversine_km(q.origin, demo::GeoPoint{f->latitude, f->longitude});
      if (d <= radius) within.push_back(NearbyFacility{std::move(f).value(), d});
    }
    page.searched_km = radius;
    // Everything within `radius` is known exactly; farther ones are not needed once the page is full.
    if (within.size() >= wanted || radius >= cap) break;
  }
  std::sort(within.begin(), within.end(), [](const NearbyFacility& a, const NearbyFacility& b) {
    if (a.distance_km != b.distance_km) return a.distance_km < b.distance_km;
    return a.facility.code < b.facility.code;
  });
  for (std::size_t i = q.offset; i < within.size() && i < q.offset + q.limit; ++i) page.items.push_back(within[i]);
  page.more = within.size() > q.offset + q.limit;
  return page;
}

Result<demo::GeoPoint> Locator::facility_point(const std::string& code) {
  std::optional<demo::GeoPoint> p;
  SIMPUL_TRY(care::each_row(r_.db(),
                            "SELECT latitude, longitude FROM facilities WHERE id = ?1 AND latitude IS NOT NULL AND "
                            "longitude IS NOT NULL",
                            {code}, [&](const Statement& st) { p = demo::GeoPoint{st.real(0), st.real(1)}; }));
  if (!p) return make_error(ErrorKind::not_found, "facility.not_found", "no facility " + code + " with coordinates");
  return *p;
}

Result<demo::GeoPoint> Locator::village_point(const RegionTable& regions, const std::string& code) {
  return demo::approximate_location(regions, code);
}

}  // namespace simpul::storage
