#pragma once
// The visit form's checks and request, pure.
#include <string>

#include "screens/visit/model.hpp"
#include "simpul/storage/visits.hpp"

namespace simpul::screens::visit {

// The vitals typed, as the JSON storage::normalize_vitals reads, plus a finding for each field that is not a
// number (field "vitals.<key>").
struct VitalsInput {
  nlohmann::json vitals = nlohmann::json::object();
  Findings not_numbers;
};
VitalsInput vitals_input(const Form& form);

// Everything wrong with the form now: numbers, vital ranges (storage's own check), and, once Save was pressed
// (`submitted`), the complaint and a main diagnosis. Never changes the form.
Findings check_form(const Form& form, bool submitted);

storage::NewVisit to_request(const Form& form, const std::string& participant_id, const std::string& queue_entry_id,
                             const std::string& clinician);

}  // namespace simpul::screens::visit
