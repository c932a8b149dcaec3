#pragma once
// How the desk writes things: dates dd-mm-yyyy, rupiah with dots, NIKs masked for roles that do not need them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "simpul/core/date.hpp"

namespace simpul::context {

// "17-08-1985"; empty for nullopt.
std::string format_date(const Date& date);
std::string format_date(const std::optional<Date>& date);
// "2026-01-15" (as stored) -> "15-01-2026"; anything else unchanged.
std::string format_iso_date(std::string_view iso);
// "Rp42.000"
std::string format_rupiah(std::int64_t amount);
// "3204105708850003" -> "320410******0003": the region and the serial, never the birth date.
std::string mask_nik(std::string_view nik);
// "2026-01" -> "Januari 2026" / "January 2026" in the UI language.
std::string format_period(std::string_view period);

}  // namespace simpul::context
