#pragma once
// Private: what one questionnaire version provides to evaluate.cpp. One row per version in
// evaluate.cpp's table; each version's code lives in its own file (v1.cpp) and never changes.
#include <string_view>
#include <vector>

#include "simpul/core/message.hpp"
#include "simpul/core/screening/questionnaire.hpp"

namespace simpul::screening::detail {

struct Subject {
  int age_years = 0;
  Sex sex = Sex::male;
};

struct VersionEntry {
  std::string_view version;
  const std::vector<QuestionSpec>& (*questions)();
  // Checks across answers beyond each question's own type and range (run only when those passed).
  Findings (*check)(const Answers&);
  // Answers that passed check_answers → result.
  ScreeningResult (*evaluate)(const Answers&, const Subject&);
};

namespace v1 {
const std::vector<QuestionSpec>& question_list();
Findings check(const Answers& answers);
ScreeningResult evaluate(const Answers& answers, const Subject& subject);
}  // namespace v1

// Advice for a result (shared by all versions: it is wording, not scoring).
std::vector<Advice> advise(const ScreeningResult& result, const RiskFacts& facts);

}  // namespace simpul::screening::detail
