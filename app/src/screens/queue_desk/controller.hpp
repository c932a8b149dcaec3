#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "queue/change_watch.hpp"
#include "queue/day.hpp"
#include "screens/queue_desk/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"
#include "simpul/core/model.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::queue_desk {

// The desk panel against the replica. The participant comes from app.selection() (the participant page opens
// this screen for them) or from a card number / NIK typed here. Bookings and cancellations are written by
// storage::Queue (which applies the booking rules) in a task; the day is reloaded whenever the replica changes.
class QueueDeskScreen final : public shell::Screen {
 public:
  explicit QueueDeskScreen(context::AppContext& app);
  std::string_view name() const override { return "queue_desk"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;
  bool busy() const override;

  Form& form() { return form_; }
  const View& last_view() const { return view_; }

 private:
  void reload();
  void lookup();
  void enroll();
  void cancel(const std::string& entry_id);
  std::string name_of(const std::string& participant_id);

  context::AppContext& app_;
  queue_ui::ChangeWatch watch_;
  queue_ui::FacilityDay day_;
  std::string problem_key_;
  std::optional<Participant> person_;
  std::map<std::string, std::string> names_;
  Form form_;
  View view_;
  Message message_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_queue_desk_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::queue_desk
