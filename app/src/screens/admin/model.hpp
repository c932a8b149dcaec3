#pragma once
// Administration (admin role only): staff accounts and roles, this device's enrollment with the central
// server, settings (language, text size, inactivity lock, kiosk), and backup / restore of the replica.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/model.hpp"

namespace simpul::screens::admin {

enum class Tab { users, device, settings, backup };

// ---- Form ----

struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::registration;
  std::string password;
  std::string password_again;
};

struct PasswordReset {
  std::string user_id;  // whose password is being reset; empty: none
  std::string password;
  std::string password_again;
};

struct Enrollment {
  std::string server_url;
  std::string facility;
  std::string code;  // one-time code from the server operator
};

struct SettingsForm {
  std::string language = "id";
  float font_scale = 1.0f;
  std::string lock_minutes;        // 1..240
  std::string kiosk_idle_seconds;  // 10..3600: a kiosk returns to its start screen after this long untouched
  std::string kiosk_pin;           // new admin PIN for leaving kiosk mode (4-8 digits); empty: unchanged
  std::string kiosk_pin_again;
  bool loaded = false;  // filled from the stored settings once
};

struct BackupForm {
  std::string backup_path;
  std::string restore_path;
  bool restore_confirmed = false;  // "I understand the data on this device is replaced"
};

struct Form {
  Tab tab = Tab::users;
  NewUser add;
  PasswordReset reset;
  Enrollment enroll;
  SettingsForm settings;
  BackupForm backup;
};

// ---- View ----

struct UserRow {
  std::string id;
  std::string username;
  std::string display_name;
  Role role = Role::viewer;
  bool active = true;
  bool demo = false;
  bool is_self = false;  // the signed-in admin: cannot disable themself or drop their own admin role
};

// A one-line result: an i18n key plus an optional detail (an error message, a file path).
struct Message {
  std::string key;
  std::string detail;
  bool error = false;
  bool empty() const { return key.empty(); }
};

struct DeviceView {
  bool enrolled = false;
  std::string device_id;
  std::string facility;
  std::string facility_name;
  std::string server_url;
  std::string enrolled_at;  // "12-01-2026 09:14"
  std::string install_id;
};

struct View {
  bool allowed = true;  // admin role
  std::vector<UserRow> users;
  Message users_message;
  bool user_task_running = false;  // creating a user / resetting a password (argon2id takes a moment)

  DeviceView device;
  bool enrolling = false;
  Message device_message;

  bool kiosk_pin_set = false;
  Message settings_message;

  bool backup_running = false;
  std::optional<float> backup_progress;
  std::string backup_progress_text;
  Message backup_message;
  bool restore_running = false;      // verifying the backup before scheduling it
  std::string restore_scheduled;     // the backup that replaces the data at the next start; empty: none
  Message restore_message;
  std::string db_path;
};

// ---- Intents ----

struct RoleChange {
  std::string user_id;
  Role role;
};
struct ActiveChange {
  std::string user_id;
  bool active;
};

struct Intents {
  std::optional<Tab> tab;
  bool add_user = false;
  std::optional<RoleChange> set_role;
  std::optional<ActiveChange> set_active;
  std::optional<std::string> start_reset;  // user id
  bool confirm_reset = false;
  bool cancel_reset = false;
  bool enroll = false;
  bool save_settings = false;
  bool backup = false;
  bool restore = false;
  bool cancel_restore = false;
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::admin
