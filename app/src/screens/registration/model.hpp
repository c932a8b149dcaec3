#pragma once
// New participant (PBPU, mandiri) registration at the desk: one or more people on the same family card (KK),
// checked with the core rules as they are typed, saved on the replica as "waiting for verification" until the
// central server has checked them against the civil registry.
//
// Family members registered together share the household part of the form: KK number, domicile address,
// care class (one class per family for PBPU), FKTP, dental facility and autodebit. Each person has their own
// identity and contact fields.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "widgets/facility_picker.hpp"
#include "widgets/region_picker.hpp"

namespace simpul::screens::registration {

// ---- Form: edit buffers ----

struct PersonForm {
  std::string nik;
  std::string name;
  std::string birth_date;  // as typed, DD-MM-YYYY (also accepts YYYY-MM-DD); prefilled from the NIK
  std::optional<Sex> sex;  // prefilled from the NIK
  FamilyRelation relation = FamilyRelation::head;
  std::string phone;
  std::string email;
  bool birth_date_edited = false;  // typed by staff: the NIK no longer fills it
  bool sex_edited = false;
  std::string saved_id;  // set once saved: the person is shown read-only
};

struct Form {
  std::vector<PersonForm> people = std::vector<PersonForm>(1);
  std::size_t current = 0;  // the person being edited

  std::string kk_number;
  widgets::RegionPickerState region;
  std::string region_from_nik;  // the NIK prefix (6 digits) the region was filled from; "" once staff choose
  std::string street;
  std::string rt;
  std::string rw;
  int care_class = 3;
  widgets::FacilityPickerState fktp;
  widgets::FacilityPickerState dental;
  Autodebit autodebit = Autodebit::none;
  std::string autodebit_provider;

  bool save_attempted = false;  // after the first Save, empty required fields show their findings too
  bool focus_pending = true;    // the first field takes keyboard focus once
};

// ---- View: what the screen shows ----

// What the NIK says as it is typed: the region after 2/4/6 digits, birth date and sex after 12.
struct NikPreview {
  std::size_t digits = 0;  // 0 when the field holds anything but digits
  std::string region;      // "Soreang, Kab. Bandung, Jawa Barat"
  std::string birth_date;  // "05-06-1990"
  std::optional<Sex> sex;
};

struct ExistingParticipant {
  std::string id;
  std::string name;
  std::string card_number;  // may be empty (not yet verified)
};

struct PersonView {
  std::string tab_label;  // "1. Siti Rahma"
  Findings findings;      // shown under this person's fields (nik, name, birth_date, sex, relation, phone, email)
  NikPreview nik;
  std::optional<ExistingParticipant> duplicate;  // the NIK is already on this device
  std::string phone_normalized;                  // "+6281298765432" once the number is valid
  bool saved = false;
  int errors = 0;
};

struct PremiumView {
  int per_person = 0;  // what each person pays per month
  int subsidy = 0;     // what the government adds per person (class 3)
  int people = 0;
  int total = 0;       // per month for everyone in this registration
};

enum class Outcome {
  editing,  // nothing saved yet
  refused,  // Save pressed with errors: nothing written
  failed,   // the replica refused (e.g. a NIK registered meanwhile); `message` says why
  saved,    // everyone saved, waiting for verification
};

struct SavedPerson {
  std::string id;
  std::string name;
};

struct View {
  std::vector<PersonView> people;
  Findings household;  // KK, address, class, FKTP, dental facility, autodebit
  widgets::RegionPickerView region;
  widgets::FacilityPickerView fktp;
  widgets::FacilityPickerView dental;
  bool dental_enabled = false;  // only when the FKTP is a DPP
  PremiumView premium;
  int errors = 0;  // across everyone not yet saved
  int warnings = 0;

  Outcome outcome = Outcome::editing;
  std::string message;  // for failed
  std::vector<SavedPerson> saved;
  bool enrolled = false;  // the device has a server: "sent at the next sync" vs "after enrollment"
  bool allowed = true;    // false: the signed-in user may not register participants
};

// ---- Intents ----

struct Intents {
  std::optional<std::size_t> select_person;
  bool add_member = false;                      // another person on the same KK
  std::optional<std::size_t> remove_member;     // an unsaved person
  bool save = false;
  std::optional<std::string> open_participant;  // a participant id (saved, or the duplicate)
  bool start_over = false;                      // a new, empty registration
  bool register_family_member = false;          // after saving: a new person on the same KK and address
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::registration
