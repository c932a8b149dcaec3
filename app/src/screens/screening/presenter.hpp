#pragma once
// The poli screening form's parsing, checks and live score, pure (core does the rules).
#include <string>

#include "screens/screening/model.hpp"
#include "simpul/core/date.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/screening/questionnaire.hpp"

namespace simpul::screens::screening {

struct ParsedAnswers {
  simpul::screening::Answers answers;
  Findings not_numbers;  // field = question id
};
// Options as chosen; numbers as typed ("72,5" or "72.5"); blanks left out.
ParsedAnswers parse_answers(const Form& form, std::string_view version);

// Everything wrong now: numbers that are not numbers and core check_answers, whose "missing answer" findings
// count only once Save was pressed (`submitted`).
Findings check_form(const ParsedAnswers& parsed, std::string_view version, bool submitted);

// The FINDRISC items that can be scored from what is answered so far (age always), in the UI language:
// "FINDRISC 9 (6 of 8 items so far)" or, with every item, "FINDRISC 12 · moderate".
std::string live_findrisc(const simpul::screening::Answers& answers, const Date& birth, Sex sex, const Date& today);
// "IMT 27,5 (…)" when height and weight are valid; "" otherwise.
std::string live_bmi(const simpul::screening::Answers& answers);

}  // namespace simpul::screens::screening
