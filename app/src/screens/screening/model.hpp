#pragma once
// The yearly health screening at the poli (clinician, admin): the whole questionnaire v1 — the participant's
// answers and the measurements (height, weight, waist, blood pressure, optional glucose) — with live checks, a
// live FINDRISC score and band and BMI, and the per-disease result with its advice once everything is in. Shows
// when the person was last screened and refuses under the yearly rule (with the next allowed date); completes a
// kiosk self-screening of the same day (its answers are filled in).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/message.hpp"
#include "widgets/screening_result.hpp"

namespace simpul::screens::screening {

struct OptionView {
  std::string id;
  std::string text;
};

struct QuestionView {
  std::string id;
  std::string heading;  // the section's title when this question starts one
  std::string text;
  std::string help;
  bool number = false;
  std::string unit;
  std::vector<OptionView> options;
  bool pair_next = false;  // a number drawn beside the next one (height | weight, systolic | diastolic, ...)
};

struct View {
  bool allowed = true;
  std::string error_key;      // nobody selected, not found, no questionnaire
  std::string title;          // the questionnaire's title
  std::string person;         // "Siti Rahma · 0001… · 35 th · Perempuan"
  std::string last_screened;  // "Terakhir diskrining: 05-03-2025 (poli)" or "belum pernah"
  std::string blocked;        // the yearly rule's refusal with the next allowed date; "" when allowed
  bool completes_kiosk = false;  // today's kiosk answers are filled in and will be completed
  std::vector<QuestionView> questions;  // self questions, then the measurements
  Findings findings;
  int to_fix = 0;             // after Save was refused: how many fields need attention (they may be scrolled away)
  std::string live_findrisc;  // "FINDRISC sementara: 9 · 6 dari 8 butir"
  std::string live_bmi;       // "IMT 27,5 (berat badan lebih)" or ""
  std::optional<widgets::ScreeningResultView> live;   // everything answered and valid
  std::optional<widgets::ScreeningResultView> saved;  // after Save
  std::string saved_note;
};

struct Form {
  std::map<std::string, std::string> answers;  // question id -> option id, or the number as typed
  bool focus_pending = true;
};

struct Intents {
  bool save = false;
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::screening
