#pragma once
// Synthetic demo data for one regency: facilities, families of participants with valid NIKs, premium
// bills and payments, service histories, and a stand-in civil registry ("Dukcapil") for registrations.
// Everything is invented: names are composed from lists written for this generator, e-mail addresses use
// the reserved example.* domains. The same options give byte-identical data (ids included).
//
// The small record types below follow the replica's columns (storage/src/schema.cpp) but stay lean so
// that a million participants fit in memory: they point at their participant/facility by index, ids are
// 128-bit values formatted on demand, and fixed texts (channels, complaints, ICD-10 codes) are pointers
// to static strings.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/core/result.hpp"

namespace simpul::demo {

struct DemoOptions {
  std::size_t participants = 1000;
  std::uint64_t seed = 1;
  std::string regency = "3204";  // Kab. Bandung
  Date today;                    // the demo's "now": ages, bill periods and visit days are relative to it
};

// A UUIDv7-shaped id: the time part is the demo's today plus a sequence number (so ids of one kind sort in
// creation order), the rest derives from the seed. text() is the canonical lowercase form.
struct DemoId {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  std::string text() const;
  auto operator<=>(const DemoId&) const = default;
};

// Members of one family card (KK) are contiguous in DemoData::participants, head first.
struct DemoFamily {
  std::string kk_number;
  std::uint32_t first = 0;  // index of the head in DemoData::participants
  std::uint32_t size = 0;
};

// kk_history(participant_id, kk_number, valid_from, valid_until)
struct KkEntry {
  DemoId id;
  std::uint32_t participant = 0;  // index into DemoData::participants
  std::string kk_number;
  Date valid_from;
  std::optional<Date> valid_until;
};

// bills(participant_id, period YYYY-MM, amount, due_date, status paid|unpaid): PBPU members only.
struct Bill {
  DemoId id;
  std::uint32_t participant = 0;
  Date period;  // the first day of the billed month
  std::int32_t amount = 0;
  Date due_date;
  bool paid = false;
};
std::string period_text(const Bill& bill);  // "2026-01"
const char* status_text(const Bill& bill);  // "paid" | "unpaid"

// payments(participant_id, bill_id, paid_on, amount, channel)
struct Payment {
  DemoId id;
  std::uint32_t participant = 0;
  std::uint32_t bill = 0;  // index into DemoData::bills
  Date paid_on;
  std::int32_t amount = 0;
  const char* channel = "";  // "Bank BRI", "Indomaret", "Mobile Banking", …
};

// A doctor, dentist or midwife working at a facility; visits name them.
struct Clinician {
  std::string name;               // "dr. Rina Kurniasih"
  std::uint32_t facility = 0;     // index into DemoData::facilities
  const char* poli = "";          // PCare code of the poli they usually serve
};

struct Vitals {
  std::int16_t systolic_mmhg = 0;
  std::int16_t diastolic_mmhg = 0;
  std::int16_t pulse_bpm = 0;
  std::int16_t temperature_dc = 0;  // tenths of a degree Celsius: 368 = 36.8 °C
  std::int16_t weight_kg = 0;
  std::int16_t height_cm = 0;
};

// visits(participant_id, facility, poli, day, complaint, vitals, diagnoses, outcome, clinician, notes)
struct PastVisit {
  DemoId id;
  std::uint32_t participant = 0;
  std::uint32_t facility = 0;   // index into DemoData::facilities
  const char* poli = "001";     // PCare code
  Date day;
  const char* complaint = "";
  Vitals vitals;
  std::array<const char*, 2> diagnoses{};  // ICD-10 codes from assets/icd10/fktp.tsv; the second may be null
  bool referred = false;                   // outcome: referred to a hospital, or home
  std::uint32_t clinician = 0;             // index into DemoData::clinicians
  const char* notes = "";
};
// The JSON texts stored in the visits table.
std::string vitals_json(const Vitals& v);  // {"systolic_mmhg":120,…,"temperature_c":36.8,…}
std::string diagnoses_json(const PastVisit& v);  // ["J06.9"]
const char* outcome_text(const PastVisit& v);    // "home" | "referred"

// One person as the civil registry knows them. Every participant has a record; the people with
// in_jkn == false are not registered in JKN yet, so a demo registration of them succeeds.
struct CivilRecord {
  std::string nik;
  std::string name;
  Date birth_date;
  Sex sex = Sex::male;
  std::string kk_number;
  FamilyRelation relation = FamilyRelation::other;
  Address address;
  bool in_jkn = true;
};

struct DemoData {
  std::vector<Facility> facilities;  // FKTPs first, then hospitals, then the BPJS office
  std::vector<Clinician> clinicians;
  std::vector<Participant> participants;
  std::vector<DemoFamily> families;
  std::vector<KkEntry> kk_history;
  std::vector<Bill> bills;
  std::vector<Payment> payments;
  std::vector<PastVisit> visits;
  std::vector<CivilRecord> civil_registry;  // the participants (same order), then the unregistered people
};

// A point on the map (WGS 84 degrees).
struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

// A synthetic, deterministic point for a district (6 digits) or village (10 digits, dotted or not) of
// `regions`: the district centre the generator places facilities around, and for a village an offset of up
// to about 2 km from it derived from the village code. Plausible on a map of the demo regency, not a survey
// (the region table has no coordinates). Unknown codes and other levels are ErrorKind::not_found.
Result<GeoPoint> approximate_location(const RegionTable& regions, std::string_view region_code);

// Generates the demo data for `options.regency`, which must be a regency (4 digits) of `regions` with
// districts and villages. Fails (ErrorKind::invalid) for an unknown regency or an invalid `today`.
Result<DemoData> generate(const RegionTable& regions, const DemoOptions& options);

}  // namespace simpul::demo
