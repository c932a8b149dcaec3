#pragma once
// A participant's fields checked together, for a new registration.
#include <cstddef>
#include <string_view>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"

namespace simpul::rules {

// Name as on the KTP: not empty, at most 100 characters, letters, spaces and ' . , - only.
inline constexpr std::size_t kNameMaxLength = 100;
Findings check_name(std::string_view name);

// Every field check for a new registration. Required: NIK (consistent with sex and birth date),
// name, birth date, KK number, village code, care class, FKTP. Optional (checked when present):
// card number (the server assigns it), RT/RW, phone, e-mail, dental FKTP (its format only: the
// DPP rule needs the facility, see check_dental_fktp), autodebit provider when autodebit is chosen.
Findings validate_participant(const Participant& participant, const RegionTable* regions, const Date& today);

}  // namespace simpul::rules
