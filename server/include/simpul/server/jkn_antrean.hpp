#pragma once
// The Mobile JKN "WS Antrean FKTP", answered by the central server for each facility under
// /jkn/{facility code}/ (docs/WS_ANTREAN.md). Mobile JKN calls the facility's own web service, which an
// offline desk cannot answer: the server answers from what the facility's devices last synced, numbers
// bookings from its own slot (9), writes them as queue entries that reach the devices on their next
// sync, and says honestly when the facility has not synced for a while.
//
// Every answer is the BPJS envelope {"response": {...}, "metadata": {"code": C, "message": M}}:
//   200 success; 201 refused (bad credentials or token, invalid input, a booking rule, with the
//   Indonesian message of core's ws_message); 202 the card is not a patient of this facility yet (the
//   caller registers it with POST /peserta and asks again).
// HTTP status 200 for every answer the service understood, refusals included (BPJS convention: callers
// read metadata.code); 500/503 only for server faults, still in the envelope.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "simpul/core/queue/booking.hpp"
#include "simpul/core/result.hpp"
#include "simpul/server/sync_service.hpp"

namespace simpul::server {

struct JknOptions {
  std::int64_t token_ttl_ms = 60LL * 60 * 1000;     // a token from GET /auth is valid one hour
  std::int64_t stale_after_ms = 15LL * 60 * 1000;   // no device contact for longer: keterangan says so
  int utc_offset_minutes = 7 * 60;                  // the facilities' local time (WIB)
  std::string zone = "WIB";
  queue::WeeklySchedule schedule;                   // Monday–Saturday open unless set otherwise
};

// The headers Mobile JKN sends.
struct JknHeaders {
  std::string username;  // x-username
  std::string password;  // x-password (GET /auth only)
  std::string token;     // x-token
};

// One answer: the HTTP status, the envelope, and a stable code for the log ("" on success).
struct JknReply {
  int http_status = 200;
  nlohmann::ordered_json body;  // fields in the order of the BPJS catalogue
  std::string log_code;
  int code() const { return body["metadata"].value("code", 0); }
};

class JknAntrean {
 public:
  explicit JknAntrean(SyncService& service, JknOptions options = {});

  // Operator command (simpul-server jkn-credentials): sets the facility's username and password
  // (stored as argon2id); tokens issued with the previous credentials stop working.
  Status set_credentials(const std::string& facility, const std::string& username, const std::string& password);

  JknReply auth(const std::string& facility, const JknHeaders& headers);
  JknReply status(const std::string& facility, const JknHeaders& headers, const std::string& poli,
                  const std::string& date);
  JknReply take(const std::string& facility, const JknHeaders& headers, const std::string& body);
  JknReply remaining(const std::string& facility, const JknHeaders& headers, const std::string& card,
                     const std::string& poli, const std::string& date);
  JknReply cancel(const std::string& facility, const JknHeaders& headers, const std::string& body);
  JknReply new_patient(const std::string& facility, const JknHeaders& headers, const std::string& body);

  const JknOptions& options() const { return options_; }

 private:
  SyncService& service_;
  JknOptions options_;
};

}  // namespace simpul::server
