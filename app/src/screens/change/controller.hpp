#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "screens/change/model.hpp"
#include "screens/change/presenter.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::change {

// Change data for the participant in AppContext::selection() (or one looked up by NIK / card number here).
// Saves with storage::Participants::update (only the changed fields, as the signed-in user), then appends the
// audit entry "ktp_seen" for the identity check.
class ChangeScreen final : public shell::Screen {
 public:
  explicit ChangeScreen(context::AppContext& app);
  std::string_view name() const override { return "change"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

  Form& form() { return form_; }
  const std::optional<Participant>& participant() const { return participant_; }
  // Opens the change `kind` for the current participant, as if staff had picked it.
  void choose(Kind kind);

  // For `--screenshot --screen change`: the FKTP change with the nearest other FKTP picked, so the picture
  // shows the 3-month rule at work (allowed, or refused with the earliest date).
  void show_example_on_show() { example_pending_ = true; }

 private:
  Reference reference() const;
  void load(const std::string& participant_id);
  void look_up();
  void save();

  context::AppContext& app_;
  Form form_;
  std::optional<Participant> participant_;
  std::vector<Participant> family_;
  std::vector<Facility> facilities_;
  std::optional<widgets::GeoPoint> origin_;
  std::string lookup_error_;
  Outcome outcome_ = Outcome::editing;
  std::string message_;
  std::vector<ChangeLine> saved_lines_;
  bool example_pending_ = false;
};

std::unique_ptr<shell::Screen> make_change_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::change
