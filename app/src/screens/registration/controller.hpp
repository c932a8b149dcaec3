#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "screens/registration/model.hpp"
#include "screens/registration/presenter.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::registration {

// New PBPU registration. Writes through storage::Participants::create as the signed-in user, with verification
// "pending"; the sync engine sends it and the participant page later shows the card and VA numbers (or the
// civil registry's rejection).
class RegistrationScreen final : public shell::Screen {
 public:
  explicit RegistrationScreen(context::AppContext& app);
  std::string_view name() const override { return "registration"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

  const Form& form() const { return form_; }
  Form& form() { return form_; }

  // Starts the household from an existing participant's family card: KK, address, class, facilities and
  // autodebit; the new person is a child of the family by default.
  void join_family_of(const Participant& member);

  // For `--screenshot --screen registration`: a new child of the selected (or first) participant's family,
  // typed as far as a desk would have got: a valid, unsaved form showing the NIK decoded and the premium.
  void fill_example();

 private:
  Reference reference() const;
  void look_up_niks(bool fresh);
  void save();
  void start_over(Form next);

  context::AppContext& app_;
  Form form_;
  std::vector<Facility> facilities_;
  std::optional<widgets::GeoPoint> origin_;
  Existing existing_;
  std::set<std::string, std::less<>> looked_up_;  // NIKs already asked about (found or not)
  Outcome outcome_ = Outcome::editing;
  std::string message_;
  std::vector<SavedPerson> saved_;
};

std::unique_ptr<shell::Screen> make_registration_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::registration
