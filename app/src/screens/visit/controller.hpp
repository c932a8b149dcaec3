#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "screens/registry.hpp"
#include "screens/visit/model.hpp"
#include "shell/screen.hpp"
#include "simpul/core/model.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::visit {

inline constexpr const char* kScreeningScreen = "screening";

// The visit record against the replica: the person is app.selection().participant_id (and the queue entry,
// when the poli's "serve" opened it); Save checks the form, then storage::Visits::record (cheap: on the UI
// connection) with the signed-in clinician as actor and name. A refusal keeps every field as typed.
class VisitScreen final : public shell::Screen {
 public:
  // `preset_search`: screenshots only, the diagnosis search starts with this typed.
  explicit VisitScreen(context::AppContext& app, std::string preset_search = {});
  std::string_view name() const override { return "visit"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

  Form& form() { return form_; }
  const View& last_view() const { return view_; }
  const std::string& saved_visit_id() const { return saved_id_; }

 private:
  void load();
  View build_view();
  void save();

  context::AppContext& app_;
  std::string preset_search_;
  bool shown_ = false;  // the first showing always loads (also with nobody selected: it says so)
  std::string participant_id_;
  std::string queue_entry_id_;
  std::optional<Participant> person_;
  std::string queue_number_;
  std::vector<PoliOption> polis_;  // this facility's, read when the record opens
  std::string load_error_;
  Form form_;
  bool submitted_ = false;
  Findings refusals_;
  std::string saved_id_;
  std::string saved_summary_;
  View view_;
};

std::unique_ptr<shell::Screen> make_visit_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::visit
