#pragma once
#include <memory>
#include <string>

#include "screens/admin/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::admin {

// Administration. The shell opens it only for admins; every intent is refused here too unless the session may
// administer. Slow work runs as tasks on their own replica connections: creating a user or resetting a
// password (argon2id), hashing the kiosk PIN, the backup (VACUUM INTO); enrollment is the context's task.
class AdminScreen final : public shell::Screen {
 public:
  explicit AdminScreen(context::AppContext& app);
  std::string_view name() const override { return "admin"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

  Form& form() { return form_; }
  // True while a task this screen started (or enrollment) is running.
  bool busy() const;

 private:
  View build_view();
  void reload_users();
  void load_settings();
  void add_user();
  void reset_password();
  void set_role(const RoleChange& change);
  void set_active(const ActiveChange& change);
  void enroll();
  void save_settings();
  void backup();
  void restore();

  context::AppContext& app_;
  Form form_;
  std::vector<UserRow> users_;
  Message users_message_;
  Message device_message_;
  Message settings_message_;
  Message backup_message_;
  Message restore_message_;
  // Task results may arrive after this screen is gone.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_admin_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::admin
