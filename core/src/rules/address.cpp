#include "simpul/core/rules/address.hpp"

#include <optional>
#include <utility>

#include "simpul/core/rules/findings.hpp"
#include "text.hpp"

namespace simpul::rules {
namespace {

constexpr std::size_t kRtRwMaxDigits = 3;
constexpr std::size_t kVillageDigits = 10;
constexpr detail::FieldLabel kVillage{"village_code", "village", "Kode desa/kelurahan", "village code"};

// "rt" -> "RT": the unit's name as written on a KTP, in both languages.
std::string unit_name(std::string_view field) {
  std::string out(field);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::optional<Finding> rt_rw_problem(std::string_view value, std::string_view field) {
  const std::string name = unit_name(field);
  return detail::check_digit_shape(value, 1, kRtRwMaxDigits, detail::FieldLabel{field, field, name, name});
}

}  // namespace

Result<std::string> normalize_rt_rw(std::string_view value, std::string_view field) {
  if (auto problem = rt_rw_problem(value, field)) return to_error(*problem);
  return std::string(kRtRwMaxDigits - value.size(), '0') + std::string(value);
}

Findings check_rt_rw(std::string_view value, std::string_view field) {
  Findings out;
  if (auto problem = rt_rw_problem(value, field)) out.push_back(std::move(*problem));
  return out;
}

Findings check_village_code(std::string_view code, const RegionTable* regions) {
  Findings out;
  if (auto shape = detail::check_digit_shape(code, kVillageDigits, kVillageDigits, kVillage)) {
    out.push_back(std::move(*shape));
  } else if (regions != nullptr && !regions->find(code)) {
    // Unlike a NIK prefix, an address is chosen from today's table, so an unknown village is an error.
    const std::string dotted = RegionTable::dotted(code);
    out.push_back(
        detail::label_error(kVillage, "unknown",
                            "Kode desa/kelurahan " + dotted +
                                " tidak ada di tabel wilayah. Mohon pilih desa/kelurahan dari daftar.",
                            "The village code " + dotted +
                                " is not in the region table. Please pick the village from the list."));
  }
  return out;
}

}  // namespace simpul::rules
