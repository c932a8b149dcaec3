#pragma once
// The one line the poli's care screens (visit record, screening) show about the person they are for.
#include <string>

#include "simpul/core/date.hpp"
#include "simpul/core/model.hpp"

namespace simpul::context {

// "Siti Rahma · 0001234567890 · 35 th · Perempuan" in the UI language.
std::string care_person_line(const Participant& p, const Date& today);

}  // namespace simpul::context
