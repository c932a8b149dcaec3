#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "queue/day.hpp"
#include "screens/kiosk/model.hpp"
#include "screens/kiosk/presenter.hpp"
#include "shell/screen.hpp"
#include "simpul/core/model.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::kiosk {

inline constexpr const char* kScreeningScreen = "kiosk_screening";  // screens/kiosk_screening
inline constexpr const char* kInfoScreen = "kiosk_info";            // the program information pages (public)
inline constexpr const char* kPinSetting = "kiosk.admin_pin_hash";  // argon2id of the PIN (admin screen)
inline constexpr int kMaxStaffFailures = 5;                          // then the staff step waits a minute
inline constexpr std::int64_t kStaffLockoutMs = 60'000;

struct KioskOptions {
  // Called after the PIN (or an admin's password) was verified and staff chose to leave. Empty: the staff step
  // offers only "back to the kiosk".
  std::function<void(LeaveChoice)> on_leave;
  bool desk_available = true;  // "open the staff application" is offered
  // Screenshot mode only (nothing is written or printed): start as this participant at the poli step, or at the
  // ticket of a number they already hold today; or with these digits scanned (the birth-date step).
  std::string preset_participant;
  std::string preset_digits;
  bool print = true;  // send tickets to the printer and the ticket folder
};

// The kiosk flow (model.hpp) against the replica: participants are looked up on the UI connection (indexed, one
// row); numbers are taken and tickets printed in tasks with their own connections; the staff check (argon2id)
// runs in a task too. Everything it knows about the person is dropped when the flow starts over (the public
// shell also re-creates the screen after the idle timeout).
class KioskScreen final : public shell::Screen {
 public:
  KioskScreen(context::AppContext& app, KioskOptions options);
  std::string_view name() const override { return "kiosk"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;
  bool busy() const override;

  Step step() const { return step_; }
  Form& form() { return form_; }
  const std::vector<widgets::TicketLine>& ticket() const { return ticket_lines_; }

 private:
  View build_view();
  void identify();
  void confirm_birth_date();
  void enter_poli_step();
  void reload_day();
  void take_number();
  void number_taken(const std::string& entry_id, const std::string& error_key);
  void show_ticket(const queue::QueueEntry& entry, bool existing);
  void print();
  void open_staff();
  void staff_submit();
  void start_over(std::string error_key = {});

  context::AppContext& app_;
  KioskOptions options_;
  std::string start_language_;

  Step step_ = Step::welcome;
  Form form_;
  std::string error_key_;

  // The person using the kiosk now: set by identify(), confirmed by the birth date, dropped by start_over().
  std::optional<Participant> person_;
  std::string typed_id_;
  bool confirmed_ = false;
  int birth_attempts_left_ = kMaxBirthDateAttempts;
  Suggestion suggestion_;

  queue_ui::FacilityDay day_;
  bool taking_ = false;

  std::vector<widgets::TicketLine> ticket_lines_;
  bool ticket_existing_ = false;
  std::string print_key_;
  bool screening_due_ = false;

  StaffView staff_;
  int staff_failures_ = 0;
  std::int64_t staff_locked_until_ms_ = 0;

  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_kiosk_screen(context::AppContext& app, KioskOptions options);

}  // namespace simpul::screens::kiosk
