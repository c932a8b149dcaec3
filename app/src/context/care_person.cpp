#include "context/care_person.hpp"

#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"

namespace simpul::context {

std::string care_person_line(const Participant& p, const Date& today) {
  const std::string dot = " \xC2\xB7 ";
  std::string line = p.name;
  if (!p.card_number.empty()) line += dot + p.card_number;
  if (p.birth_date.valid()) line += dot + std::to_string(p.birth_date.years_until(today)) + " " + tr("care.years");
  line += dot + widgets::sex_label(p.sex);
  return line;
}

}  // namespace simpul::context
