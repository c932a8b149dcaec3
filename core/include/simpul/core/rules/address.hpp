#pragma once
// Address parts: RT/RW (neighbourhood units) and the Kemendagri village code.
#include <string>
#include <string_view>

#include "simpul/core/message.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/core/result.hpp"

namespace simpul::rules {

// RT or RW: 1 to 3 digits, returned zero-padded to 3 ("2" -> "002"). `field` is "rt" or "rw".
Result<std::string> normalize_rt_rw(std::string_view value, std::string_view field);
Findings check_rt_rw(std::string_view value, std::string_view field);

// Village (desa/kelurahan) code: 10 undotted digits; when `regions` is given it must be a known village.
Findings check_village_code(std::string_view code, const RegionTable* regions);

}  // namespace simpul::rules
