#pragma once
// The self-service kiosk (`simpul --kiosk`): a participant scans their JKN card or types their NIK / card number,
// confirms their birth date, picks a poli and A (umum) or B (prioritas), and gets a printed ticket with the number,
// the people ahead and the estimated wait. Touch-sized, bilingual, and public: it shows nobody else's data and
// only a masked ID and the first name of the person using it.
#include <optional>
#include <string>
#include <vector>

#include "screens/kiosk/flow.hpp"
#include "simpul/core/queue/types.hpp"
#include "widgets/ticket.hpp"

namespace simpul::screens::kiosk {

enum class Step {
  welcome,     // scan or type the NIK / card number
  birth_date,  // confirm the birth date
  poli,        // choose the poli and A/B
  ticket,      // the number; printed; screening offered
  staff,       // staff only: the admin PIN (or an admin password) to leave kiosk mode
};

// What the kiosk shows of the person using it.
struct Person {
  std::string short_name;  // "Siti N."
  std::string masked_id;   // "3204********0001"
};

struct PoliChoice {
  std::string code;
  std::string name;
  int waiting = 0;             // people still to be called
  bool available = true;       // open now and not full
  std::string note_key;        // why not available (i18n), or "kiosk.poli.has_number" when they hold one already
  std::string held_number;     // the person's number there today, if any
};

struct StaffView {
  bool pin_set = true;      // a kiosk PIN is configured; otherwise an admin's user name and password are asked
  bool checking = false;    // argon2id verification running
  bool unlocked = false;    // verified: choose what to do
  bool desk_available = true;  // the staff application can be opened from here
  std::string error_key;
};

struct View {
  Step step = Step::welcome;
  std::string facility_name;
  std::string language = "id";
  std::string error_key;  // the current step's problem, in plain words (i18n key)
  bool busy = false;      // a lookup or a number being taken

  Person person;  // birth_date, poli, ticket
  int birth_attempts_left = kMaxBirthDateAttempts;
  int this_year = 2026;  // the year picker's newest year

  std::vector<PoliChoice> polis;                  // poli step
  queue::Priority suggested = queue::Priority::regular;
  std::string suggestion_key;                     // why B is suggested ("kiosk.priority.elderly", ...), or ""

  std::vector<widgets::TicketLine> ticket;        // ticket step
  bool ticket_existing = false;                   // they already held this number: shown again, not a new one
  std::string print_key;                          // printing status (i18n)
  bool offer_screening = false;                   // no screening in 12 months and the screening screen exists

  StaffView staff;
};

struct Form {
  std::string id_digits;  // welcome
  BirthDateForm birth;    // birth_date
  std::string poli_code;  // poli step: chosen poli
  std::optional<queue::Priority> priority;  // chosen class; starts at the suggestion
  std::string pin;        // staff: PIN digits
  std::string username;   // staff: admin user name (no PIN set)
  std::string password;
};

enum class LeaveChoice { staff_desk, quit };

struct Intents {
  bool identify = false;           // OK / Enter on the welcome step
  bool confirm_birth_date = false;
  bool take_number = false;        // poli + priority chosen
  bool back = false;               // one step back (the welcome step clears the digits)
  bool finish = false;             // "Selesai": start over for the next person
  std::optional<std::string> language;
  bool open_screening = false;
  bool open_info = false;          // welcome step: the program information pages
  bool open_staff = false;
  bool staff_submit = false;
  std::optional<LeaveChoice> leave;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::kiosk
