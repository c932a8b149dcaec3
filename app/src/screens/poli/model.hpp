#pragma once
// The poli caller (clinician role): for one poli at a time, call the next patient (core service order), recall,
// skip, start serving (which opens the visit record when that screen exists), done and no-show. Every button is
// enabled from core allowed_events() for the selected entry's state, so the screen offers exactly what the rules
// accept.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/queue/types.hpp"

namespace simpul::screens::poli {

struct PoliTab {
  std::string code;
  std::string name;
  int waiting = 0;
};

struct EntryRow {
  std::string id;
  std::string number;         // "A-101"
  std::string priority;       // "A" / "B"
  std::string name;           // the patient's name (a staff screen)
  std::string participant_id; // "" for a booking without a participant record
  queue::QueueState state = queue::QueueState::waiting;
  std::string state_key;      // i18n key of the state
  std::string detail;         // "B, from the kiosk", the call time ...
};

// The actions of the caller, in button order.
enum class Action { recall, skip, serve, done, no_show };  // recall also calls a skipped patient back

struct ActionButton {
  Action action;
  queue::QueueEventKind event;
  bool enabled = false;
};

struct Message {
  std::string key;     // i18n
  std::string detail;  // e.g. the number
  bool error = false;
};

struct View {
  bool allowed = true;
  std::string problem_key;          // the queue cannot be read (no facility ...)
  std::vector<PoliTab> polis;
  std::string poli_code;            // the poli shown
  std::string poli_name;
  std::string called_number;        // what the board shows now ("" before the first call)
  std::optional<EntryRow> next;     // who "call next" would call
  std::optional<EntryRow> selected; // the entry the action buttons act on
  std::vector<ActionButton> actions;
  std::vector<EntryRow> at_door;    // called or serving, newest call first
  std::vector<EntryRow> waiting;    // in service order
  std::vector<EntryRow> skipped;
  std::vector<EntryRow> finished;   // done / no-show / cancelled
  bool busy = false;                // a transition is being recorded
  bool can_care = false;            // the visit record and screening buttons (record_care)
  Message message;
};

struct Form {
  std::string poli_code;  // chosen poli (kept across frames)
  std::string selected;   // chosen entry id; empty: the newest one at the door
};

struct Intents {
  std::optional<std::string> poli;      // switch poli
  std::optional<std::string> select;    // an entry row was touched
  bool call_next = false;
  std::optional<Action> action;         // on the selected entry
  bool back = false;
  bool open_visit = false;      // the selected patient's visit record
  bool open_screening = false;  // the selected patient's yearly screening
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::poli
