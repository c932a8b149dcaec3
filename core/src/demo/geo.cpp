#include "geo.hpp"

#include <array>
#include <cmath>

namespace simpul::demo::detail {
namespace {

struct KnownDistrict {
  const char* code;
  double latitude;
  double longitude;
  const char* postal;
};

// Kab. Bandung: approximate centres of the kecamatan and a postal code in each (for a demo, not a map).
constexpr std::array<KnownDistrict, 31> kBandung{{
    {"320405", -6.939, 107.752, "40622"}, {"320406", -6.878, 107.664, "40197"},
    {"320407", -6.905, 107.720, "40616"}, {"320408", -6.985, 107.640, "40288"},
    {"320409", -6.965, 107.567, "40226"}, {"320410", -6.955, 107.540, "40215"},
    {"320411", -7.005, 107.555, "40921"}, {"320412", -6.990, 107.625, "40257"},
    {"320413", -7.045, 107.590, "40377"}, {"320414", -7.020, 107.600, "40376"},
    {"320415", -7.180, 107.575, "40378"}, {"320416", -7.060, 107.640, "40379"},
    {"320417", -7.100, 107.560, "40374"}, {"320425", -6.985, 107.840, "40395"},
    {"320426", -7.020, 107.890, "40397"}, {"320427", -7.000, 107.810, "40396"},
    {"320428", -6.960, 107.760, "40394"}, {"320429", -7.035, 107.710, "40381"},
    {"320430", -7.100, 107.730, "40385"}, {"320431", -7.190, 107.680, "40386"},
    {"320432", -7.000, 107.625, "40375"}, {"320433", -7.050, 107.750, "40382"},
    {"320434", -7.010, 107.740, "40387"}, {"320435", -7.040, 107.790, "40383"},
    {"320436", -7.090, 107.770, "40384"}, {"320437", -7.033, 107.519, "40911"},
    {"320438", -7.100, 107.480, "40972"}, {"320439", -7.100, 107.440, "40973"},
    {"320440", -7.160, 107.390, "40973"}, {"320444", -7.050, 107.550, "40238"},
    {"320446", -7.000, 107.500, "40911"},
}};

struct Province {
  const char* code;
  double latitude;
  double longitude;
};

// Rough centres of the provinces (where their people mostly live, not the geometric centre).
constexpr std::array<Province, 38> kProvinces{{
    {"11", 4.70, 96.75},   {"12", 2.60, 99.00},   {"13", -0.80, 100.65}, {"14", 0.50, 101.45},
    {"15", -1.61, 103.61}, {"16", -3.30, 104.00}, {"17", -3.80, 102.27}, {"18", -5.10, 105.30},
    {"19", -2.40, 106.10}, {"21", 1.00, 104.40},  {"31", -6.20, 106.85}, {"32", -6.90, 107.60},
    {"33", -7.15, 110.15}, {"34", -7.80, 110.37}, {"35", -7.55, 112.25}, {"36", -6.40, 106.10},
    {"51", -8.45, 115.20}, {"52", -8.60, 116.70}, {"53", -9.50, 122.50}, {"61", 0.00, 110.50},
    {"62", -1.70, 113.40}, {"63", -3.10, 115.30}, {"64", 0.50, 116.40},  {"65", 3.00, 116.40},
    {"71", 1.25, 124.85},  {"72", -1.00, 121.00}, {"73", -4.50, 120.00}, {"74", -4.10, 122.20},
    {"75", 0.60, 122.60},  {"76", -2.60, 119.20}, {"81", -3.60, 128.40}, {"82", 0.80, 127.40},
    {"91", -2.60, 140.50}, {"92", -1.00, 133.90}, {"93", -7.50, 139.40}, {"94", -3.80, 136.40},
    {"95", -4.10, 138.90}, {"96", -0.90, 131.30},
}};

const KnownDistrict* known(std::string_view code) {
  for (const auto& d : kBandung) {
    if (code == d.code) return &d;
  }
  return nullptr;
}

}  // namespace

Place district_centre(std::string_view code, std::size_t index, std::size_t count) {
  if (const KnownDistrict* d = known(code)) return {d->latitude, d->longitude};
  Place centre{-6.90, 107.60};
  for (const auto& p : kProvinces) {
    if (code.substr(0, 2) == p.code) centre = {p.latitude, p.longitude};
  }
  // A Fermat spiral about 0.3 degrees across: districts of one regency sit side by side.
  const double n = static_cast<double>(index) + 0.5;
  const double radius = 0.15 * std::sqrt(n / static_cast<double>(count > 0 ? count : 1));
  const double angle = n * 2.39996;  // the golden angle
  return {centre.latitude + radius * std::sin(angle), centre.longitude + radius * std::cos(angle)};
}

std::string district_postal_code(std::string_view code) {
  const KnownDistrict* d = known(code);
  return d != nullptr ? d->postal : "";
}

std::string area_code(std::string_view regency_code) {
  // Greater Bandung: Kab. Bandung, Kab. Bandung Barat, Kota Bandung, Kota Cimahi.
  for (const char* code : {"3204", "3217", "3273", "3277"}) {
    if (regency_code == code) return "022";
  }
  return "";
}

double distance2(const Place& a, const Place& b) {
  const double dl = a.latitude - b.latitude;
  const double dn = a.longitude - b.longitude;
  return dl * dl + dn * dn;
}

}  // namespace simpul::demo::detail
