#pragma once
// A screening result in plain words, shared by the kiosk and the poli screening screens: per disease the level
// (low / medium / high) with its reasons, the FINDRISC line, BMI, the advice, and the "not a diagnosis" line.
// Built from core's ScreeningResult (pure), drawn from the plain struct.
#include <string>
#include <vector>

#include "simpul/core/screening/questionnaire.hpp"

namespace simpul::widgets {

struct RiskLine {
  std::string disease;     // "Diabetes melitus tipe 2"
  std::string level_code;  // low / medium / high
  std::string level_text;  // "rendah" / "low" ...
  bool provisional = false;
  std::vector<std::string> reasons;
};

struct ScreeningResultView {
  std::vector<RiskLine> risks;
  std::string findrisc;  // "FINDRISC 12 / 26: moderate (about 1 in 6 in 10 years)"
  std::string bmi;       // "IMT 27,5 (overweight)" or ""
  bool follow_up = false;
  std::vector<std::string> advice;  // ends with the disclaimer
};

// `lang` "id" or "en". `with_reasons`: the poli sees why; the kiosk shows levels and advice only.
ScreeningResultView screening_result_view(const screening::ScreeningResult& result, const std::string& lang,
                                          bool with_reasons);

// Draws the result in the current column; `large` for the kiosk (title face for the levels).
void draw_screening_result(const ScreeningResultView& view, bool large);

}  // namespace simpul::widgets
