#pragma once
#include <memory>
#include <optional>
#include <string>

#include "context/screening_words.hpp"
#include "screens/registry.hpp"
#include "screens/screening/model.hpp"
#include "shell/screen.hpp"
#include "simpul/core/model.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::screening {

// The clinician's screening against the replica, for app.selection().participant_id: the yearly rule is
// checked when the screen is shown (storage::Screenings::check_allowed; a same-day kiosk screening is
// completed instead), the form is evaluated live with core, and Save records it with mode poli
// (storage::Screenings::record checks everything again). A refusal keeps every answer as typed.
class ScreeningScreen final : public shell::Screen {
 public:
  // `preset_answers`: screenshots only, "question_id=value ..." filled in as if typed.
  explicit ScreeningScreen(context::AppContext& app, std::string preset_answers = {});
  std::string_view name() const override { return "screening"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

  Form& form() { return form_; }
  const View& last_view() const { return view_; }
  const std::string& saved_id() const { return saved_id_; }

 private:
  void load();
  View build_view();
  void save();

  context::AppContext& app_;
  std::string preset_answers_;
  std::optional<context::QuestionnaireWords> words_;
  bool shown_ = false;  // the first showing always loads (also with nobody selected: it says so)
  std::string participant_id_;
  std::optional<Participant> person_;
  std::string load_error_;
  std::string last_screened_;
  std::string blocked_;
  bool completes_kiosk_ = false;
  Form form_;
  bool submitted_ = false;
  Findings refusals_;
  std::string saved_id_;
  std::optional<widgets::ScreeningResultView> saved_;
  View view_;
};

std::unique_ptr<shell::Screen> make_screening_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::screening
