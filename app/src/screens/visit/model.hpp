#pragma once
// The visit record at the poli (clinician, admin): the person being served, complaint, vitals, up to three
// ICD-10 diagnoses picked from the catalogue by searching as one types (code or name), outcome home or
// referred, notes. Saved as an append-only `visit` through storage::Visits; it then shows in the participant's
// service history. Opened by the poli's "serve" (with the queue entry) or from the participant page.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/message.hpp"

namespace simpul::screens::visit {

// Vitals as the form shows them, in order: the storage key (visits.hpp) and the i18n key of the label.
struct VitalField {
  const char* key;    // "systolic_mmhg"
  const char* label;  // "visit.vital.systolic_mmhg"
  const char* unit;
};
inline constexpr VitalField kVitals[] = {
    {"systolic_mmhg", "visit.vital.systolic_mmhg", "mmHg"}, {"diastolic_mmhg", "visit.vital.diastolic_mmhg", "mmHg"},
    {"pulse_bpm", "visit.vital.pulse_bpm", "/min"},         {"temperature_c", "visit.vital.temperature_c", "\xC2\xB0" "C"},
    {"respiratory_rate", "visit.vital.respiratory_rate", "/min"}, {"spo2_percent", "visit.vital.spo2_percent", "%"},
    {"weight_kg", "visit.vital.weight_kg", "kg"},            {"height_cm", "visit.vital.height_cm", "cm"},
};

struct PoliOption {
  std::string code;
  std::string name;
};

struct DiagnosisRow {
  std::string code;  // "J06.9"
  std::string name;  // in the UI language
};

struct View {
  bool allowed = true;
  std::string error_key;     // nobody to record a visit for, or the record cannot be read
  std::string person;        // "Siti Rahma · 0001234567890 · 35 th · Perempuan"
  std::string queue_number;  // "A-001" when opened from the queue
  std::vector<PoliOption> polis;
  std::string poli_code;
  std::vector<DiagnosisRow> picked;   // the form's diagnoses with names, first = main
  std::vector<DiagnosisRow> matches;  // the search's matches (not yet picked)
  bool search_empty = false;          // a query was typed and nothing matches
  Findings findings;                  // live checks and, after Save, the refusals
  bool saved = false;
  std::string saved_summary;          // "J06.9 · Pulang" after saving
  bool can_screen = false;            // the screening button (same person)
};

struct Form {
  std::string poli_code;
  std::string complaint;
  std::map<std::string, std::string> vitals;  // storage key -> as typed
  std::string diagnosis_query;
  std::vector<std::string> diagnoses;  // codes, first = main
  bool referred = false;
  std::string notes;
  bool focus_pending = true;  // the first field takes focus once
};

struct Intents {
  bool save = false;
  bool back = false;
  bool open_participant = false;  // after saving: the service history
  bool open_screening = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::visit
