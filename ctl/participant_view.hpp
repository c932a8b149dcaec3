#pragma once
// Participants as text for someone reading a terminal. Scripts use --json (storage::to_json) instead.
#include <iosfwd>
#include <string>
#include <vector>

#include "simpul/core/model.hpp"

namespace simpul::ctl {

// One line per participant under a header: NIK, card number, name, birth date, sex, segment, class, FKTP, status.
void print_participant_table(std::ostream& out, const std::vector<Participant>& people);
// "label: value" lines.
void print_participant_details(std::ostream& out, const Participant& p);

}  // namespace simpul::ctl
