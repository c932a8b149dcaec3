#include "screens/admin/controller.hpp"

#include <cstdio>
#include <filesystem>

#include "context/app_context.hpp"
#include "context/restore.hpp"
#include "screens/admin/presenter.hpp"
#include "simpul/storage/users.hpp"
#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::admin {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

constexpr const char* kUserTask = "admin.user";
constexpr const char* kPinTask = "admin.pin";
constexpr const char* kBackupTask = "admin.backup";
constexpr const char* kRestoreTask = "admin.restore";
constexpr const char* kEnrollTask = "enroll";  // AppContext::enroll

Message ok(std::string key, std::string detail = {}) { return Message{std::move(key), std::move(detail), false}; }
Message error(std::string key, std::string detail = {}) { return Message{std::move(key), std::move(detail), true}; }

bool running(const shell::Task* task) { return task != nullptr && !task->finished(); }

std::string time_text(std::int64_t ms) {
  const Date day = Date::from_epoch_ms(ms);
  const std::int64_t minutes = ((ms / 60'000) + 7 * 60) % (24 * 60);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d", widgets::date_text(day).c_str(), static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return buf;
}

}  // namespace

AdminScreen::AdminScreen(context::AppContext& app) : app_(app) {}

bool AdminScreen::busy() const {
  return running(app_.task(kUserTask)) || running(app_.task(kPinTask)) || running(app_.task(kBackupTask)) ||
         running(app_.task(kRestoreTask)) || running(app_.task(kEnrollTask));
}

void AdminScreen::on_show() {
  reload_users();
  load_settings();
  if (form_.backup.backup_path.empty())
    form_.backup.backup_path = default_backup_path(app_.db_path().string(), app_.clock().now_ms());
}

void AdminScreen::reload_users() {
  users_.clear();
  auto list = app_.users().list();
  if (!list.ok()) {
    users_message_ = error("admin.error.storage", list.error().message);
    return;
  }
  const std::string self = app_.session() != nullptr ? app_.session()->user.id : std::string();
  for (const User& u : *list)
    users_.push_back(UserRow{u.id, u.username, u.display_name, u.role, u.active, u.demo, u.id == self});
}

void AdminScreen::load_settings() {
  SettingsForm& s = form_.settings;
  if (s.loaded) return;
  s.language = std::string(app_.language());
  s.lock_minutes = std::to_string(app_.lock_minutes());
  const auto scale = app_.replica().setting(kFontScaleSetting);
  s.font_scale = scale ? std::strtof(scale->c_str(), nullptr) : 1.0f;
  if (s.font_scale <= 0.0f) s.font_scale = 1.0f;
  s.kiosk_idle_seconds = app_.replica().setting(kKioskIdleSetting).value_or(std::to_string(kDefaultKioskIdleSeconds));
  s.loaded = true;
}

View AdminScreen::build_view() {
  View view;
  view.allowed = app_.can(context::Permission::administer);
  if (!view.allowed) return view;
  view.users = users_;
  view.users_message = users_message_;
  view.user_task_running = running(app_.task(kUserTask));

  const storage::DeviceInfo device = app_.replica().device();
  view.device.enrolled = device.enrolled();
  view.device.device_id = device.device_id;
  view.device.facility = device.facility;
  view.device.server_url = device.server_url;
  view.device.install_id = device.install_id;
  if (device.enrolled_at_ms) view.device.enrolled_at = time_text(*device.enrolled_at_ms);
  if (!device.facility.empty()) {
    if (auto f = app_.facilities().get(device.facility); f.ok() && f->has_value()) view.device.facility_name = (*f)->name;
  }
  view.enrolling = running(app_.task(kEnrollTask));
  view.device_message = device_message_;

  view.kiosk_pin_set = app_.replica().setting(kKioskPinSetting).has_value();
  view.settings_message = settings_message_;

  view.db_path = app_.db_path().string();
  const shell::Task* backup_task = app_.task(kBackupTask);
  view.backup_running = running(backup_task);
  if (view.backup_running) view.backup_progress_text = tr("admin.backup.running");
  view.backup_message = backup_message_;
  view.restore_running = running(app_.task(kRestoreTask));
  if (const auto scheduled = context::scheduled_restore(app_.db_path())) view.restore_scheduled = scheduled->string();
  view.restore_message = restore_message_;
  return view;
}

void AdminScreen::frame(shell::ScreenContext& context) {
  const View view = build_view();
  const Intents intents = draw(view, form_);
  if (intents.back) context.navigator.back();
  if (!view.allowed) return;
  // The shell only opens this screen for admins; a session that changed meanwhile (lock, another user) is
  // refused here as well.
  if (!app_.can(context::Permission::administer)) return;
  if (intents.tab) form_.tab = *intents.tab;
  if (intents.add_user) add_user();
  if (intents.set_role) set_role(*intents.set_role);
  if (intents.set_active) set_active(*intents.set_active);
  if (intents.start_reset) form_.reset = PasswordReset{*intents.start_reset, {}, {}};
  if (intents.cancel_reset) form_.reset = {};
  if (intents.confirm_reset) reset_password();
  if (intents.enroll) enroll();
  if (intents.save_settings) save_settings();
  if (intents.backup) backup();
  if (intents.restore) restore();
  if (intents.cancel_restore) {
    context::cancel_restore(app_.db_path());
    restore_message_ = ok("admin.restore.cancelled");
  }
}

void AdminScreen::add_user() {
  if (const std::string problem = check_new_user(form_.add); !problem.empty()) {
    users_message_ = error(problem);
    return;
  }
  if (running(app_.task(kUserTask))) return;
  User user;
  user.username = form_.add.username;
  user.display_name = form_.add.display_name.empty() ? form_.add.username : form_.add.display_name;
  user.role = form_.add.role;
  const std::string password = form_.add.password;
  form_.add.password.clear();
  form_.add.password_again.clear();
  users_message_ = {};
  context::AppContext& app = app_;
  const storage::Actor who = app_.actor();
  std::weak_ptr<bool> alive = alive_;
  app_.start_task(kUserTask, [&app, who, user, password, alive, this](shell::TaskControl&) {
    Result<std::string> created = make_error(ErrorKind::permanent, "admin.user", "not created");
    if (auto connection = app.open_connection(); !connection.ok()) {
      created = connection.error();
    } else {
      created = storage::Users(**connection).create(who, user, password);
    }
    app.post([alive, this, created, username = user.username] {
      if (alive.expired()) return;
      if (created.ok()) {
        users_message_ = ok("admin.users.added", username);
        form_.add = NewUser{};
      } else {
        users_message_ = error(created.error().code == "user.exists" ? "admin.error.username_taken" : "admin.error.storage",
                               created.error().code == "user.exists" ? username : created.error().message);
      }
      reload_users();
    });
  });
}

void AdminScreen::reset_password() {
  if (const std::string problem = check_password_pair(form_.reset.password, form_.reset.password_again);
      !problem.empty()) {
    users_message_ = error(problem);
    return;
  }
  if (running(app_.task(kUserTask))) return;
  const std::string user_id = form_.reset.user_id;
  const std::string password = form_.reset.password;
  form_.reset = {};
  users_message_ = {};
  context::AppContext& app = app_;
  const storage::Actor who = app_.actor();
  std::weak_ptr<bool> alive = alive_;
  app_.start_task(kUserTask, [&app, who, user_id, password, alive, this](shell::TaskControl&) {
    Status status;
    if (auto connection = app.open_connection(); !connection.ok()) {
      status = connection.error();
    } else {
      status = storage::Users(**connection).set_password(who, user_id, password);
    }
    app.post([alive, this, status] {
      if (alive.expired()) return;
      users_message_ = status.ok() ? ok("admin.users.password_reset") : error("admin.error.storage", status.error().message);
      reload_users();
    });
  });
}

void AdminScreen::set_role(const RoleChange& change) {
  const bool self = app_.session() != nullptr && app_.session()->user.id == change.user_id;
  if (self && change.role != Role::admin) {
    users_message_ = error("admin.error.own_role");
    return;
  }
  const Status status = app_.users().set_role(app_.actor(), change.user_id, change.role);
  users_message_ = status.ok() ? ok("admin.users.role_changed") : error("admin.error.storage", status.error().message);
  app_.notify_local_change();
  reload_users();
}

void AdminScreen::set_active(const ActiveChange& change) {
  const bool self = app_.session() != nullptr && app_.session()->user.id == change.user_id;
  if (self && !change.active) {
    users_message_ = error("admin.error.disable_self");
    return;
  }
  const Status status = app_.users().set_active(app_.actor(), change.user_id, change.active);
  users_message_ = !status.ok()    ? error("admin.error.storage", status.error().message)
                   : change.active ? ok("admin.users.enabled")
                                   : ok("admin.users.disabled_done");
  app_.notify_local_change();
  reload_users();
}

void AdminScreen::enroll() {
  if (app_.replica().device().enrolled()) {
    device_message_ = error("admin.error.already_enrolled");
    return;
  }
  if (const std::string problem = check_enrollment(form_.enroll); !problem.empty()) {
    device_message_ = error(problem);
    return;
  }
  if (running(app_.task(kEnrollTask))) return;
  device_message_ = {};
  std::weak_ptr<bool> alive = alive_;
  app_.enroll(form_.enroll.server_url, form_.enroll.facility, form_.enroll.code, [alive, this](Status status) {
    if (alive.expired()) return;
    if (status.ok()) {
      device_message_ = ok("admin.device.enroll_done");
      form_.enroll.code.clear();
      return;
    }
    const std::string& code = status.error().code;
    // Network trouble reads differently from a refused code: the first is retried later, the second needs a
    // new code from the server operator.
    const bool network = status.error().kind == ErrorKind::transient;
    device_message_ = error(network ? "admin.error.enroll_network" : "admin.error.enroll_refused",
                            status.error().message + (code.empty() ? "" : " (" + code + ")"));
  });
}

void AdminScreen::save_settings() {
  SettingsForm& s = form_.settings;
  if (const std::string problem = check_settings(s); !problem.empty()) {
    settings_message_ = error(problem);
    return;
  }
  storage::Replica& replica = app_.replica();
  Status status = app_.set_lock_minutes(*parse_int(s.lock_minutes, kMinLockMinutes, kMaxLockMinutes));
  char scale[16];
  std::snprintf(scale, sizeof scale, "%.2f", static_cast<double>(s.font_scale));
  if (status.ok()) status = replica.set_setting(kFontScaleSetting, scale);
  if (status.ok()) status = replica.set_setting(kKioskIdleSetting, s.kiosk_idle_seconds);
  if (!status.ok()) {
    settings_message_ = error("admin.error.storage", status.error().message);
    return;
  }
  app_.set_language(s.language);
  settings_message_ = ok("admin.settings.saved");
  if (s.kiosk_pin.empty()) return;
  // The PIN is stored only as an argon2id hash; hashing takes a moment, so it runs as a task.
  const std::string pin = s.kiosk_pin;
  s.kiosk_pin.clear();
  s.kiosk_pin_again.clear();
  context::AppContext& app = app_;
  std::weak_ptr<bool> alive = alive_;
  app_.start_task(kPinTask, [&app, pin, alive, this](shell::TaskControl&) {
    auto hash = storage::hash_password(pin);
    app.post([&app, alive, this, hash] {
      Status stored = hash.ok() ? app.replica().set_setting(kKioskPinSetting, *hash) : Status{hash.error()};
      if (alive.expired()) return;
      settings_message_ = stored.ok() ? ok("admin.settings.saved_pin") : error("admin.error.storage", stored.error().message);
    });
  });
}

void AdminScreen::backup() {
  const std::string target = form_.backup.backup_path;
  if (target.empty()) {
    backup_message_ = error("admin.error.backup_path");
    return;
  }
  if (running(app_.task(kBackupTask))) return;
  backup_message_ = {};
  context::AppContext& app = app_;
  std::weak_ptr<bool> alive = alive_;
  app_.start_task(kBackupTask, [&app, target, alive, this](shell::TaskControl& control) {
    control.set_progress(0.0f, "VACUUM INTO");
    Status status;
    if (auto connection = app.open_connection(); !connection.ok()) {
      status = connection.error();
    } else {
      status = (*connection)->db().backup_to(target);  // one consistent copy, however busy the desk is
    }
    app.post([&app, alive, this, status, target] {
      if (alive.expired()) return;
      if (status.ok()) {
        backup_message_ = ok("admin.backup.done", target);
        form_.backup.restore_path = target;
        form_.backup.backup_path = default_backup_path(app.db_path().string(), app.clock().now_ms() + 60'000);
      } else {
        backup_message_ = error("admin.error.backup_failed", status.error().message);
      }
    });
  });
}

void AdminScreen::restore() {
  if (!form_.backup.restore_confirmed) {
    restore_message_ = error("admin.error.restore_confirm");
    return;
  }
  const std::filesystem::path backup = form_.backup.restore_path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(backup, ec)) {
    restore_message_ = error("admin.error.restore_missing", backup.string());
    return;
  }
  if (running(app_.task(kRestoreTask))) return;
  restore_message_ = {};
  // The replica is open (this connection, sync, tasks): the backup is verified now and swapped in at the next
  // start, before anything opens the database (context/restore.hpp).
  context::AppContext& app = app_;
  const std::filesystem::path db = app_.db_path();
  std::weak_ptr<bool> alive = alive_;
  app_.start_task(kRestoreTask, [&app, db, backup, alive, this](shell::TaskControl&) {
    const Status status = context::schedule_restore(db, backup);
    app.post([alive, this, status] {
      if (alive.expired()) return;
      restore_message_ = status.ok() ? ok("admin.restore.verified")
                                     : error("admin.error.restore_failed", status.error().message);
      form_.backup.restore_confirmed = false;
    });
  });
}

std::unique_ptr<shell::Screen> make_admin_screen(const ScreenDeps& deps) {
  return std::make_unique<AdminScreen>(deps.app);
}

}  // namespace simpul::screens::admin
