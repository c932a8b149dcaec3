#pragma once
// First run: the replica has no account yet. Create the administrator (user name, display name, password
// twice); optionally enroll this device with the central server right away (it can be done later from the
// admin screen: until then everything stays on this device, marked as not yet synced).
#include <optional>
#include <string>

namespace simpul::screens::first_run {

struct View {
  std::string error_key;  // i18n key; empty: none
  bool busy = false;      // the account is being created (password hashing takes a moment)
};

struct Form {
  std::string username;
  std::string display_name;
  std::string password;
  std::string password_again;
  bool enroll_now = false;
  std::string server_url;
  std::string facility;
  std::string code;
  bool focus_pending = true;
};

struct CreateAdmin {
  std::string username;
  std::string display_name;
  std::string password;
  std::string password_again;
  // Set when "enroll now" was chosen.
  std::optional<std::string> server_url;
  std::string facility;
  std::string code;
};

struct Intents {
  std::optional<CreateAdmin> create;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::first_run
