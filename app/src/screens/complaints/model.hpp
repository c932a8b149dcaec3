#pragma once
// Complaints (pengaduan): record a participant's complaint or an anonymous one (category, text, how they want
// to be contacted) and read the facility's complaints with their status and the answer the server sent back
// (docs/CARE.md). Recorded offline; the answer arrives with a pull.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/message.hpp"

namespace simpul::screens::complaints {

struct Row {
  std::string id;
  std::string when;          // recorded, dd-mm-yyyy
  std::string participant;   // name, or "" (anonymous)
  std::string category_key;  // complaint.category.<code>
  std::string contact_key;   // complaint.contact.<code>
  std::string text;
  std::string status;  // open | answered | closed
  std::string answer;
  std::string answered;  // dd-mm-yyyy, "" before an answer
  bool synced = false;   // the server has seen it
};

struct View {
  bool can_record = false;     // the role may record (the shell already checked it may open)
  std::string participant_id;  // the complaint is about this participant; "" anonymous
  std::string participant_name;
  std::vector<std::string> categories;  // codes, in order
  std::vector<std::string> contacts;
  Findings refusals;        // of the last attempt: shown under their fields
  std::string message_key;  // the result of the last action
  bool message_error = false;
  bool participant_only = false;  // the list shows only this participant's complaints
  std::vector<Row> rows;          // newest first
};

struct Form {
  std::string category;
  std::string text;
  std::string contact = "none";
  std::string status_filter;  // "" all, open, answered, closed
  bool focus_pending = true;  // the first field takes focus once
};

struct Intents {
  bool submit = false;
  bool back = false;
  bool anonymous = false;  // drop the participant: an anonymous complaint
  bool filter_changed = false;
  bool refresh = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::complaints
