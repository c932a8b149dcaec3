#pragma once
// The admin screen's checks, pure: what an entry must satisfy before the controller calls storage or sync.
// Each returns the i18n key of the first problem, or "" when the entry is fine.
#include <cstdint>
#include <optional>
#include <string>

#include "screens/admin/model.hpp"

namespace simpul::screens::admin {

inline constexpr std::size_t kMinPasswordLength = 8;  // storage::Users refuses shorter ones too
inline constexpr int kMinLockMinutes = 1;
inline constexpr int kMaxLockMinutes = 240;
inline constexpr int kMinKioskIdleSeconds = 10;
inline constexpr int kMaxKioskIdleSeconds = 3600;

// Local settings (Replica::set_setting). Language and lock minutes go through the AppContext, which stores them
// as "ui.language" and "ui.lock_minutes".
inline constexpr const char* kFontScaleSetting = "ui.font_scale";
inline constexpr const char* kKioskIdleSetting = "kiosk.idle_reset_seconds";
inline constexpr const char* kKioskPinSetting = "kiosk.admin_pin_hash";  // argon2id of the PIN, never the PIN
inline constexpr int kDefaultKioskIdleSeconds = 90;
inline constexpr float kFontScales[] = {0.9f, 1.0f, 1.15f, 1.3f, 1.5f};

std::string check_new_user(const NewUser& user);
std::string check_password_pair(const std::string& password, const std::string& again);
std::string check_enrollment(const Enrollment& enrollment);
std::string check_settings(const SettingsForm& settings);

// A whole number in [min, max], or nullopt.
std::optional<int> parse_int(const std::string& text, int min, int max);

// "<folder of the replica>/simpul-backup-YYYYMMDD-HHMM.db" for the given wall-clock time (WIB).
std::string default_backup_path(const std::string& db_path, std::int64_t now_ms);

// The role's name in the UI language.
const char* role_label(Role role);

}  // namespace simpul::screens::admin
