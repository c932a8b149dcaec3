#pragma once
// Change participant data at the desk: the seven changes of the Mobile JKN guide (feature 2, a–g), each
// behind an identity check. Staff pick the change, fill it in (checked with the core rules as they type),
// review what will change (before -> after), confirm they have seen the participant's KTP and type or scan
// its NIK, then save. Only the changed fields are written, and the audit records "KTP seen" by the user.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "widgets/facility_picker.hpp"
#include "widgets/region_picker.hpp"

namespace simpul::screens::change {

enum class Kind {
  newborn_nik,  // (a) a newborn's NIK from Dukcapil
  segment,      // (b) PPU -> PBPU (mandiri): autodebit, class, consent
  email,        // (c)
  address,      // (d) domicile / mailing address
  fktp,         // (e) first-level facility, at most once per 3 months
  dental,       // (f) dental facility, only when the FKTP is a DPP
  care_class,   // (g)
};
inline constexpr std::array<Kind, 7> kKinds = {Kind::newborn_nik, Kind::segment, Kind::email, Kind::address,
                                               Kind::fktp,        Kind::dental,  Kind::care_class};
// Stable code ("newborn_nik", "segment", ...): probe ids, the audit entry.
const char* kind_code(Kind kind);

// ---- Form ----

struct Form {
  std::string lookup;  // NIK or card number, when no participant was chosen
  std::optional<Kind> kind;

  std::string new_nik;                                   // (a)
  Autodebit autodebit = Autodebit::none;                 // (b)
  std::string autodebit_provider;                        // (b)
  int segment_class = 3;                                 // (b)
  bool consent = false;                                  // (b)
  std::string email;                                     // (c)
  widgets::RegionPickerState region;                     // (d)
  std::string street;                                    // (d)
  std::string rt;                                        // (d)
  std::string rw;                                        // (d)
  widgets::FacilityPickerState fktp;                     // (e)
  widgets::FacilityPickerState dental;                   // (f)
  int care_class = 3;                                    // (g)

  bool reviewing = false;  // the review step: the change is shown before -> after, with the identity check
  bool ktp_seen = false;   // identity check: staff saw the KTP (for a newborn: a parent's KTP with the KK)
  std::string ktp_nik;     // ... and typed or scanned its NIK
  bool save_attempted = false;
  bool focus_pending = true;
};

// ---- View ----

struct ParticipantSummary {
  std::string id;
  std::string name;
  std::string nik;
  std::string card_number;
  std::string birth_date;  // DD-MM-YYYY
  std::string segment;     // label
  std::string care_class;  // "Kelas 3"
  std::string fktp;        // "Puskesmas Soreang (1004P012)"
  std::string dental;      // may be empty
  std::string address;
  std::string email;
  bool pending_verification = false;
};

struct KindView {
  Kind kind = Kind::email;
  bool enabled = true;
  std::string note;  // why it is disabled, or a hint ("next change from 12 April 2026")
};

struct ChangeLine {
  std::string field;   // label in the UI language
  std::string before;  // "-" when empty
  std::string after;
};

enum class Outcome { editing, refused, failed, saved };

struct View {
  bool allowed = true;  // the signed-in user may change participant data
  bool has_participant = false;
  std::string lookup_error;  // the NIK/card lookup found nobody
  ParticipantSummary participant;
  std::vector<KindView> kinds;

  Findings findings;  // the chosen change's fields
  std::vector<ChangeLine> changes;
  std::string fktp_rule;  // when the FKTP was last changed and from when it may change again
  widgets::RegionPickerView region;
  widgets::FacilityPickerView fktp;
  widgets::FacilityPickerView dental;
  std::string premium;  // (b), (g): the new monthly premium for PBPU

  Findings identity;  // the KTP check
  std::string identity_hint;  // whose KTP is expected
  int errors = 0;      // in the change (not the identity check)
  bool can_review = false;  // no errors and something changes

  Outcome outcome = Outcome::editing;
  std::string message;
};

// ---- Intents ----

struct Intents {
  bool lookup = false;                // find the participant typed in form.lookup
  std::optional<Kind> choose;         // start this change (fields prefilled with the current values)
  bool review = false;                // to the review step
  bool edit = false;                  // back from the review step
  bool save = false;                  // confirm and save
  bool another = false;               // after saving: choose another change
  bool open_participant = false;
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::change
