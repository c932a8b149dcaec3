#pragma once
// Locked after inactivity: the same user unlocks with their password, or another user signs in instead
// (which ends the locked session). Nothing of the locked session's data is drawn here.
#include <optional>
#include <string>

namespace simpul::screens::lock {

struct View {
  std::string display_name;  // the locked session's user
  std::string username;
  int minutes = 5;           // the inactivity limit, for the explanation
  std::string error_key;
  bool busy = false;
};

struct Form {
  bool other_user = false;   // "sign in as another user": a user name field appears
  std::string username;      // only for another user
  std::string password;
  bool focus_pending = true;
};

struct Unlock {
  std::string username;  // the locked user's, or the other user's
  std::string password;
  bool operator==(const Unlock&) const = default;
};

struct Intents {
  std::optional<Unlock> unlock;
  bool switch_user = false;  // toggles the other-user form
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::lock
