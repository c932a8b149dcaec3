#include "screens/admin/presenter.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "simpul/core/date.hpp"
#include "simpul/core/rules/identity.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::admin {
namespace {

bool username_char_ok(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

}  // namespace

std::string check_password_pair(const std::string& password, const std::string& again) {
  if (password.size() < kMinPasswordLength) return "admin.error.password_short";
  if (password != again) return "admin.error.password_mismatch";
  return {};
}

std::string check_new_user(const NewUser& user) {
  if (user.username.empty()) return "admin.error.username_required";
  if (user.username.size() > 32 || !std::all_of(user.username.begin(), user.username.end(), username_char_ok))
    return "admin.error.username_chars";
  return check_password_pair(user.password, user.password_again);
}

std::string check_enrollment(const Enrollment& e) {
  if (!e.server_url.starts_with("http://") && !e.server_url.starts_with("https://"))
    return "admin.error.server_url";
  if (!rules::check_ppk_code(e.facility, "facility").empty()) return "admin.error.facility_code";
  if (e.code.empty()) return "admin.error.enroll_code";
  return {};
}

std::optional<int> parse_int(const std::string& text, int min, int max) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int value = std::stoi(text);
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::string check_settings(const SettingsForm& s) {
  if (!parse_int(s.lock_minutes, kMinLockMinutes, kMaxLockMinutes)) return "admin.error.lock_minutes";
  if (!parse_int(s.kiosk_idle_seconds, kMinKioskIdleSeconds, kMaxKioskIdleSeconds)) return "admin.error.kiosk_idle";
  if (!s.kiosk_pin.empty() || !s.kiosk_pin_again.empty()) {
    if (s.kiosk_pin.size() < 4 || s.kiosk_pin.size() > 8 ||
        s.kiosk_pin.find_first_not_of("0123456789") != std::string::npos)
      return "admin.error.pin_format";
    if (s.kiosk_pin != s.kiosk_pin_again) return "admin.error.pin_mismatch";
  }
  return {};
}

std::string default_backup_path(const std::string& db_path, std::int64_t now_ms) {
  const Date day = Date::from_epoch_ms(now_ms);
  const std::int64_t minutes_of_day = ((now_ms / 60'000) + 7 * 60) % (24 * 60);  // WIB, like Date::from_epoch_ms
  char name[64];
  std::snprintf(name, sizeof name, "simpul-backup-%04d%02d%02d-%02d%02d.db", day.year, day.month, day.day,
                static_cast<int>(minutes_of_day / 60), static_cast<int>(minutes_of_day % 60));
  const std::filesystem::path folder = std::filesystem::path(db_path).parent_path();
  return (folder / name).string();
}

const char* role_label(Role role) {
  switch (role) {
    case Role::admin: return tr("admin.role.admin");
    case Role::registration: return tr("admin.role.registration");
    case Role::clinician: return tr("admin.role.clinician");
    case Role::viewer: return tr("admin.role.viewer");
  }
  return "";
}

}  // namespace simpul::screens::admin
