#pragma once
// The self-screening at the kiosk (public, no sign-in): the questionnaire's self questions, one per step, on big
// buttons, in simple words; never a measurement. At the end the person's result in plain words (per disease low /
// medium / high and the advice), recorded with mode kiosk. Once per 12 months: a kind refusal with the next date.
// Only the person the kiosk identified (birth date confirmed) is ever reached.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "widgets/screening_result.hpp"

namespace simpul::screens::kiosk_screening {

enum class Step {
  intro,     // what this is, "Mulai"
  question,  // one question
  result,    // the result in plain words
  blocked,   // screened in the last 12 months (or too young): why, and when again
};

struct OptionView {
  std::string id;
  std::string text;
};

struct View {
  Step step = Step::intro;
  std::string language = "id";
  std::string title;
  std::string intro;
  std::string first_name;  // "Siti R." (the kiosk's short name)
  std::size_t index = 0;   // question step: 0-based
  std::size_t count = 0;
  std::string section;
  std::string question;
  std::string help;
  std::vector<OptionView> options;
  std::string chosen;  // the answer given before (going back)
  std::string blocked;  // blocked step: the text
  std::optional<widgets::ScreeningResultView> result;
  std::string error_key;  // could not be saved
};

struct Form {
  std::size_t index = 0;
  std::map<std::string, std::string> answers;  // question id -> option id
};

struct Intents {
  bool start = false;
  std::optional<std::string> answer;  // an option of the current question: recorded, then the next step
  bool previous = false;              // the question before (the first: the intro)
  bool finish = false;                // done: back to the kiosk's start for the next person
  bool retry = false;                 // saving failed: try again
  std::optional<std::string> language;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::kiosk_screening
