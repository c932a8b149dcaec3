#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "context/screening_words.hpp"
#include "screens/kiosk_screening/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"
#include "simpul/core/model.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::kiosk_screening {

struct KioskScreeningOptions {
  // Screenshot mode only: answer the first N questions "no" / the first option (all of them: the result is
  // shown, evaluated but not stored).
  int preset_answers = -1;
  bool record = true;  // false: nothing is written (screenshots)
};

// The kiosk's self-screening against the replica. The person is app.selection().kiosk_participant_id, which
// only the kiosk sets after the birth date was confirmed; read once when the screen is made (the public shell
// makes it when the kiosk opens it, and throws it away on the idle reset or at the end). With nobody there it
// goes straight back. Writes as the kiosk (storage::Screenings::record, mode kiosk: no measurements).
class KioskScreeningScreen final : public shell::Screen {
 public:
  KioskScreeningScreen(context::AppContext& app, KioskScreeningOptions options);
  std::string_view name() const override { return "kiosk_screening"; }
  void frame(shell::ScreenContext& context) override;

  Step step() const { return step_; }
  const std::string& saved_id() const { return saved_id_; }

 private:
  View build_view() const;
  void answer(const std::string& option);
  void finish_answers();

  context::AppContext& app_;
  KioskScreeningOptions options_;
  std::optional<context::QuestionnaireWords> words_;
  std::vector<std::string> question_ids_;  // the self questions, in order
  std::optional<Participant> person_;
  Step step_ = Step::intro;
  Form form_;
  std::string blocked_;
  std::string error_key_;
  std::string saved_id_;
  std::optional<screening::ScreeningResult> evaluated_;
};

std::unique_ptr<shell::Screen> make_kiosk_screening_screen(const ScreenDeps& deps);
std::unique_ptr<shell::Screen> make_kiosk_screening_screen(context::AppContext& app, KioskScreeningOptions options);

}  // namespace simpul::screens::kiosk_screening
