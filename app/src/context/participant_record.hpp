#pragma once
// Everything the participant page shows, read in one go from the replica (indexed lookups by participant id,
// cheap enough for the UI connection), and the page's one write of its own: a rating of a past visit.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/core/icd10.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::context {

struct BillLine {
  std::string id;
  std::string period;    // "2026-01"
  std::int64_t amount = 0;
  std::string due_date;  // ISO
  bool paid = false;
  bool overdue = false;  // unpaid and past its due date
};

struct PaymentLine {
  std::string paid_on;  // ISO
  std::int64_t amount = 0;
  std::string channel;
  std::string period;   // of the bill it paid; "" when unknown
};

struct DiagnosisLine {
  std::string code;
  std::string name;  // in the UI language; "" when the code is not in the catalogue
};

struct VisitLine {
  std::string id;
  std::string day;  // ISO
  std::string facility;  // name (or code)
  std::string poli;      // name (or code)
  std::string complaint;
  std::string clinician;
  bool referred = false;
  std::vector<DiagnosisLine> diagnoses;
  // The visit's rating, when one was given.
  std::string rating_id;
  int stars = 0;
  std::string comment;
};

struct RecordSync {
  std::string state;   // local | sent | confirmed | rejected | "" (came from the server as is)
  std::string reason;  // the server's reason when rejected
};

struct ParticipantRecord {
  Participant person;
  std::string fktp_name;
  FacilityType fktp_type = FacilityType::puskesmas;
  std::string dental_name;
  std::string region;  // "Soreang, Kab. Bandung, Jawa Barat"
  std::vector<Participant> family;  // same KK, head first (includes the person)
  std::vector<BillLine> bills;      // newest first
  std::int64_t arrears = 0;         // sum of overdue unpaid bills
  int overdue_months = 0;
  std::vector<PaymentLine> payments;  // the last 3 months, newest first
  std::vector<VisitLine> visits;      // newest first
  std::vector<storage::AuditEntry> audit;  // newest first
  RecordSync sync;
};

struct RecordSources {
  storage::Replica& replica;
  const RegionTable& regions;
  const Icd10Catalog& icd10;
  std::string language;  // "id" | "en": diagnosis names
  Date today;
};

// not_found when the participant is not on this replica.
Result<ParticipantRecord> load_participant_record(const RecordSources& sources, const std::string& participant_id);

struct RatingInput {
  std::string visit_id;
  std::string participant_id;
  std::string rating_id;  // the existing rating of the visit, to change it; "" for a new one
  int stars = 0;          // 1..5
  std::string comment;
};

// Writes the rating (entity "rating", captured for sync and audited with `who`). Stars outside 1..5: invalid.
Result<std::string> save_rating(storage::Replica& replica, const storage::Actor& who, const RatingInput& input,
                                const std::string& rated_at_iso);

}  // namespace simpul::context
