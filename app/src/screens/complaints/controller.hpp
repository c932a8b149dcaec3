#pragma once
#include <map>
#include <memory>
#include <string>

#include "screens/complaints/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::complaints {

class ComplaintsScreen final : public shell::Screen {
 public:
  explicit ComplaintsScreen(context::AppContext& app) : app_(app) {}
  std::string_view name() const override { return "complaints"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

 private:
  void reload();
  void submit();
  void about(const std::string& participant_id);
  // Shows the form for `participant_id` ("" anonymous): an unsaved text for the one shown before is kept as
  // its draft and comes back when that person's complaint is opened again.
  void switch_to(const std::string& participant_id);

  context::AppContext& app_;
  View view_;
  Form form_;
  std::map<std::string, Form> drafts_;  // by participant id ("" anonymous); only forms with text
  bool shown_ = false;
  std::int64_t seen_last_sync_ = -1;  // the list is read again after a sync (answers arrive by pull)
};

std::unique_ptr<shell::Screen> make_complaints_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::complaints
