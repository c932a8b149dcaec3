#pragma once
// The queue's test world: one puskesmas (polis 001 Umum "A", 002 Gigi "B" with a quota of 2, 003 KIA "C",
// all 08:00–14:00, Monday–Saturday), patients with JKN cards, a real simpul-server in-process (SQLite in a
// temp dir, HTTP on 127.0.0.1, a ManualClock starting Monday 2026-01-05 07:00 WIB) and desks: real
// replicas enrolled over HTTP that sync with the real client over libcurl.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/server/http_server.hpp"
#include "simpul/server/json_log.hpp"
#include "simpul/server/sqlite_store.hpp"
#include "simpul/server/sync_service.hpp"
#include "simpul/storage/queue.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/client.hpp"
#include "simpul/sync/curl_transport.hpp"
#include "support/temp_dir.hpp"

namespace simpul::queue_test {

inline constexpr const char* kFacility = "1001P001";
inline constexpr const char* kOtherFacility = "1001P002";
inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kHourMs = 60 * kMinuteMs;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;
// Monday 2026-01-05 07:00 WIB (00:00 UTC).
inline constexpr std::int64_t kMonday0700 = 1'767'571'200'000;
inline const Date kMonday{2026, 1, 5};
inline const Date kSunday{2026, 1, 11};

// Patients of kFacility: card "000100000000N" for N = 1..8 (p-000N); p-0009 belongs to kOtherFacility.
std::string card(int n);
std::string nik(int n);

demo::DemoData world();
Facility facility_record(const std::string& code);

// A replica with the facility record and a clock (no server).
struct LocalReplica {
  std::unique_ptr<simpul::test::TempDir> dir;
  std::unique_ptr<storage::Replica> replica;
};
LocalReplica local_replica(const Clock& clock, const std::string& facility = kFacility);

struct Desk {
  std::string name;
  std::unique_ptr<storage::Replica> replica;
  std::unique_ptr<sync::CurlTransport> transport;
  std::unique_ptr<sync::SyncClient> client;
  storage::Queue queue() { return storage::Queue(*replica); }
  void sync();  // one full cycle; fails the test on error
};

struct HttpReply {
  int status = 0;
  nlohmann::json body;
  int code() const { return body.contains("metadata") ? body["metadata"].value("code", 0) : 0; }
  std::string message() const { return body.contains("metadata") ? body["metadata"].value("message", "") : ""; }
  const nlohmann::json& response() const { return body["response"]; }
};

class QueueServerFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A desk enrolled with its own code and synced once (so it holds its queue slot).
  std::unique_ptr<Desk> enroll_desk(const std::string& name, const std::string& facility = kFacility);

  // ---- the WS Antrean over HTTP ----
  void set_credentials(const std::string& user = "mobilejkn", const std::string& password = "rahasia-123");
  HttpReply ws(const std::string& method, const std::string& path, const httplib::Headers& headers,
               const nlohmann::json& body = nullptr);
  // GET /jkn/F/auth with the test credentials: the token.
  std::string token(const std::string& facility = kFacility);
  httplib::Headers session(const std::string& token, const std::string& user = "mobilejkn") const;
  HttpReply take(const std::string& token, const std::string& card, const std::string& poli, const Date& day,
                 const std::string& nik = "");
  HttpReply status(const std::string& token, const std::string& poli, const Date& day);
  HttpReply remaining(const std::string& token, const std::string& card, const std::string& poli, const Date& day);
  HttpReply cancel(const std::string& token, const std::string& card, const std::string& poli, const Date& day);

  // The server's live queue entries of a facility's day.
  std::vector<queue::QueueEntry> server_entries(const Date& day, const std::string& facility = kFacility);

  ManualClock clock{kMonday0700};
  std::unique_ptr<simpul::test::TempDir> dir;
  std::unique_ptr<server::Store> store;
  std::unique_ptr<server::SyncService> service;
  std::unique_ptr<server::JsonLog> log;
  std::vector<std::string> log_lines;
  std::mutex log_mu;
  std::unique_ptr<server::HttpServer> http;
  std::unique_ptr<httplib::Client> client;
  server::HttpOptions http_options;
  int port = 0;
  std::string base_url;
};

}  // namespace simpul::queue_test
