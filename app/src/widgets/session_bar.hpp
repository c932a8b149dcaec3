#pragma once
// The strip above every staff screen: who is signed in (and a loud warning for a demo account), the main
// places (search, sync, the queue screens the role may use, admin for admins), language, lock and sign out. Pure drawing from a plain struct.
#include <optional>
#include <string>
#include <vector>

namespace simpul::widgets {

struct SessionBarView {
  std::string display_name;
  std::string role_key;        // i18n key of the role ("role.admin")
  bool demo = false;           // a demo account: the warning banner is drawn
  bool show_admin = false;     // only admins see the admin entry
  bool show_queue_desk = false;  // the desk's queue panel (registration, admin)
  bool show_poli = false;        // the poli caller (clinician, admin)
  std::vector<std::string> more; // the "More" menu: screens the role may open (label key "nav.<name>")
  std::string current;         // the screen shown, to mark its entry
  std::string language;        // "id" | "en"
  std::string notice_key;      // a one-line notice (e.g. not allowed); empty: none
};

struct SessionBarIntents {
  std::optional<std::string> open;      // a screen name
  std::optional<std::string> language;  // "id" | "en"
  bool lock = false;
  bool sign_out = false;
  bool dismiss_notice = false;
};

SessionBarIntents draw_session_bar(const SessionBarView& view);

// Only the warning banner and the notice, for screens without a session (first run, login, lock).
void draw_demo_banner();

}  // namespace simpul::widgets
