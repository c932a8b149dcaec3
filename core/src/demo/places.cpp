// Approximate points for districts and villages, for the facility locator ("nearest from this village").
// The district centre is the one generate() uses (same index among the regency's districts sorted by
// code), so facilities and villages of a district land near each other.
#include <algorithm>
#include <cstdint>

#include "geo.hpp"
#include "rng.hpp"
#include "simpul/core/demo.hpp"

namespace simpul::demo {
namespace {

// FNV-1a: a stable hash of the code (std::hash may differ between library versions).
std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// Up to ~0.018 degrees (about 2 km) either way.
constexpr double kVillageSpreadDegrees = 0.018;

double unit_interval(std::uint64_t bits) { return static_cast<double>(bits >> 11) / static_cast<double>(1ull << 53); }

}  // namespace

Result<GeoPoint> approximate_location(const RegionTable& regions, std::string_view region_code) {
  const std::string code = RegionTable::undot(region_code);
  const auto level = RegionTable::level_of(code);
  const auto region = regions.find(code);
  if (!region || !level || (*level != RegionLevel::district && *level != RegionLevel::village)) {
    return make_error(ErrorKind::not_found, "region.unknown",
                      "no district or village with code '" + std::string(region_code) + "'");
  }
  const std::string district = code.substr(0, 6);
  std::vector<Region> siblings = regions.children(district.substr(0, 4));
  std::sort(siblings.begin(), siblings.end(), [](const Region& a, const Region& b) { return a.code < b.code; });
  const auto at = std::find_if(siblings.begin(), siblings.end(), [&](const Region& r) { return r.code == district; });
  if (at == siblings.end()) {
    return make_error(ErrorKind::not_found, "region.unknown", "district " + district + " is not in the region table");
  }
  const detail::Place centre = detail::district_centre(district, static_cast<std::size_t>(at - siblings.begin()),
                                                       siblings.size());
  GeoPoint p{centre.latitude, centre.longitude};
  if (*level == RegionLevel::village) {
    std::uint64_t state = stable_hash(code);
    p.latitude += (2 * unit_interval(detail::splitmix64(state)) - 1) * kVillageSpreadDegrees;
    p.longitude += (2 * unit_interval(detail::splitmix64(state)) - 1) * kVillageSpreadDegrees;
  }
  return p;
}

}  // namespace simpul::demo
