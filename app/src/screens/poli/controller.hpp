#pragma once
#include <map>
#include <memory>
#include <string>

#include "queue/change_watch.hpp"
#include "queue/day.hpp"
#include "screens/poli/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::poli {

inline constexpr const char* kVisitScreen = "visit";          // the visit record (screens/visit)
inline constexpr const char* kScreeningScreen = "screening";  // the clinician screening (screens/screening)
inline constexpr const char* kLastPoliSetting = "poli.last";  // this device's poli, remembered

// The caller against the replica: the day is reloaded when the replica changes (its own calls, another caller,
// the kiosk, a sync); transitions are written by storage::Queue in a task, so the buttons stay responsive while
// the sync engine writes. The shell opens it for call_queue only; every intent checks again.
class PoliScreen final : public shell::Screen {
 public:
  explicit PoliScreen(context::AppContext& app);
  std::string_view name() const override { return "poli"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;
  bool busy() const override;

  Form& form() { return form_; }
  const View& last_view() const { return view_; }

 private:
  void reload();
  void record(const std::string& entry_id, queue::QueueEventKind kind, shell::Navigator& navigator);
  std::string name_of(const std::string& participant_id);

  context::AppContext& app_;
  queue_ui::ChangeWatch watch_;
  queue_ui::FacilityDay day_;
  std::string problem_key_;
  std::map<std::string, std::string> names_;  // participant id -> name, for the day
  Form form_;
  View view_;
  Message message_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_poli_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::poli
