#pragma once
// Approximate places for the demo: district centres, postal codes and telephone area codes.
#include <cstddef>
#include <string>
#include <string_view>

namespace simpul::demo::detail {

struct Place {
  double latitude = 0;
  double longitude = 0;
};

// Where a district lies. Kab. Bandung (3204) has a hand-written table of approximate district centres;
// elsewhere the districts are spread around the province's rough centre (index/count place them on a
// small spiral), which is plausible on a map but not accurate.
Place district_centre(std::string_view district_code, std::size_t index, std::size_t count);

// Postal code of a district when known (Kab. Bandung); empty otherwise.
std::string district_postal_code(std::string_view district_code);

// Telephone area code of the regency ("022" for Kab. Bandung), or "" when not known.
std::string area_code(std::string_view regency_code);

// Squared distance in degrees, for "nearest" choices over a few kilometres.
double distance2(const Place& a, const Place& b);

}  // namespace simpul::demo::detail
