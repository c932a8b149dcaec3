#pragma once
// Changes to a participant's membership: FKTP, dental facility, segment, newborn NIK, care class, autodebit.
#include <string>
#include <string_view>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"

namespace simpul::rules {

// FKTP may be changed only 3 calendar months or more after the last change (no change yet: allowed).
inline constexpr int kFktpChangeMonths = 3;
Findings check_fktp_change(const Participant& participant, std::string_view new_fktp, const Date& today);

// A dental facility may be chosen only when the FKTP is a DPP (dokter praktik perorangan). The dental
// facility must be a DPG or an FKTP with a poli gigi. `dental` is that facility when it is in the local
// list (nullptr: unknown here, a warning). An empty dental code (no dental facility) is always fine.
inline constexpr const char* kPoliGigiCode = "002";
Findings check_dental_fktp(const Facility& fktp, std::string_view dental_code, const Facility* dental);

// Segment change PPU -> PBPU (mandiri).
struct SegmentChange {
  Segment target = Segment::pbpu;
  Autodebit autodebit = Autodebit::none;
  std::string autodebit_provider;  // bank or e-wallet name
  int care_class = 3;
  bool consent = false;
};
Findings check_segment_change(const Participant& participant, const SegmentChange& change);

// Replacing a newborn's temporary NIK with the one Dukcapil issued. Only for babies: younger than
// kNewbornMaxYears whole years on `today` (we chose under 1 year, the period in which a newborn is
// usually registered before Dukcapil issues the NIK). The new NIK must be valid and decode to the
// participant's birth date and sex.
inline constexpr int kNewbornMaxYears = 1;
Findings check_newborn_nik_update(const Participant& participant, std::string_view new_nik,
                                  const RegionTable* regions, const Date& today);

// Care class (kelas rawat) 1, 2 or 3.
Findings check_care_class(int care_class);

// Autodebit: when chosen (or required), a provider name must be given.
Findings check_autodebit(Autodebit autodebit, std::string_view provider, bool required);

}  // namespace simpul::rules
