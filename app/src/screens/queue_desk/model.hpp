#pragma once
// The desk's queue panel (registration and admin roles): put a participant in today's queue for a poli (the one
// opened from the participant page, or a card number / NIK typed here), cancel a booking, and see every poli's
// queue: counts per state and the list of entries.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/queue/types.hpp"

namespace simpul::screens::queue_desk {

struct Counts {
  int waiting = 0;
  int called = 0;
  int serving = 0;
  int done = 0;
  int skipped = 0;
  int no_show = 0;
  int cancelled = 0;
};

struct EntryRow {
  std::string id;
  std::string number;
  std::string priority;   // "A" / "B"
  std::string name;
  std::string source_key; // i18n "queue.source.kiosk" ...
  std::string state_key;  // i18n "queue.state.waiting" ...
  int people_ahead = 0;   // while waiting
};

struct PoliColumn {
  std::string code;
  std::string name;
  std::string called_number;
  Counts counts;
  std::vector<EntryRow> entries;  // waiting in service order, then called, serving, skipped, finished
};

struct Booking {  // the person's numbers today
  std::string entry_id;
  std::string poli_name;
  std::string number;
  std::string state_key;
  bool can_cancel = false;  // core check_event(state, cancel) is empty
};

struct PersonCard {
  std::string id;
  std::string name;
  std::string card_number;
  std::string nik;
  std::string birth_date;  // "01-01-1958 (68 th)"
  bool active = true;
  queue::Priority suggested = queue::Priority::regular;
  std::string suggestion_key;
  std::vector<Booking> bookings;
};

struct PoliOption {
  std::string code;
  std::string name;
  bool available = true;
  std::string note_key;  // why not: closed, full, already has a number
};

struct Message {
  std::string key;
  std::string detail;
  bool error = false;
};

struct View {
  bool allowed = true;
  std::string problem_key;
  std::string day;  // "01-01-2026"
  std::optional<PersonCard> person;
  std::vector<PoliOption> options;
  std::vector<PoliColumn> polis;
  std::string shown_poli;  // whose entries are listed
  bool busy = false;
  Message message;
};

struct Form {
  std::string lookup;  // card number or NIK
  std::string poli_code;
  std::optional<queue::Priority> priority;  // empty: the suggestion
  std::string complaint;
  std::string shown_poli;
  bool focus_pending = true;
};

struct Intents {
  bool lookup = false;
  bool clear_person = false;
  bool enroll = false;
  std::optional<std::string> cancel;  // entry id
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::queue_desk
