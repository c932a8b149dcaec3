#pragma once
// Find a participant: one field (NIK, card number or name, searched as you type), a virtualised result list
// (ImGuiListClipper: only the visible rows are drawn, so a long list costs what a short one does), Up/Down to
// move, Enter or a click to open the participant page.
#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace simpul::screens::search {

struct Row {
  std::string id;
  std::string name;
  std::string nik;            // full, or masked for roles that do not need it
  std::string card_number;    // "" until the server assigns one
  std::string birth_date;     // dd-mm-yyyy
  std::string fktp;           // "Puskesmas Soreang (0114U163)"
  std::string status_key;     // i18n key: member.active / member.inactive / member.pending / member.rejected
  bool status_ok = true;      // drawn in the success colour
  std::string sync_key;       // i18n key of the record's sync state; "" when it came from the server
};

struct View {
  std::span<const Row> rows;
  bool searching = false;     // a query is running: a small busy hint
  bool more = false;          // more rows exist than loaded (loaded as the list scrolls)
  bool failed = false;        // the search itself failed
  bool can_register = false;  // the "new participant" button (registration role)
};

struct Form {
  std::string query;
  std::size_t selected = 0;   // index into rows
  bool focus_pending = true;
  bool scroll_to_selected = false;
};

struct Intents {
  bool query_changed = false;
  std::optional<std::size_t> open;       // row index
  std::optional<std::size_t> shown_end;  // one past the last row drawn (the clipper's window)
  bool new_registration = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::search
