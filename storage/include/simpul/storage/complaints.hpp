#pragma once
// Complaints and information requests (pengaduan) recorded at the desk or kiosk (docs/CARE.md).
//
// A complaint is a `complaint` record: category, text, how the participant wants to be contacted, the
// facility and optionally the participant. Recorded offline through Replica::upsert and synced. Its
// status (open → answered → closed) and answer are SERVER-OWNED fields: the server sets "open" when the
// complaint arrives, an operator answers and closes it (`simpul-server answer-complaint`), and the answer
// reaches the facility's devices with the next pull. Until the server has seen it, a complaint shows as
// "open" with synced = false.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simpul/core/message.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

// layanan (service at the facility), administrasi (membership data, cards), iuran (premiums, bills),
// kepesertaan (status, segment, FKTP), informasi (a request for information), lainnya (other).
const std::vector<std::string>& complaint_categories();
// phone | email | none
const std::vector<std::string>& complaint_contacts();

struct NewComplaint {
  std::string participant_id;  // optional (an anonymous complaint or information request)
  std::string category;
  std::string text;            // 10..4000 characters
  std::string contact = "none";
  std::string facility;        // default: this replica's facility
};

struct Complaint {
  std::string id;
  std::string participant_id;
  std::string facility;
  std::string category;
  std::string text;
  std::string contact;
  std::string status;  // open | answered | closed
  std::string answer;
  std::string answered_at;
  std::string created_at;
  bool synced = false;  // the server has seen it (it set the status)
};
nlohmann::json to_json(const Complaint& c);

struct ComplaintOutcome {
  Findings refusals;
  Complaint saved;
  bool accepted() const { return refusals.empty(); }
};

class Complaints {
 public:
  explicit Complaints(Replica& replica) : r_(replica) {}

  Result<ComplaintOutcome> record(const Actor& who, const NewComplaint& request);
  Result<std::optional<Complaint>> get(const std::string& id);
  // Newest first.
  Result<std::vector<Complaint>> for_participant(const std::string& participant_id);
  // The facility's complaints (this replica's facility when empty), newest first, optionally one status.
  Result<std::vector<Complaint>> for_facility(const std::string& facility = "", const std::string& status = "");

 private:
  Result<std::vector<Complaint>> query(const std::string& where, const std::vector<std::string>& args);
  Replica& r_;
};

}  // namespace simpul::storage
