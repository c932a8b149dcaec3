#pragma once
// A real simpul-server in-process: SQLite store in a temp dir (or, with SIMPUL_TEST_STORE=pg, a database of
// its own on the PostgreSQL cluster at SIMPUL_TEST_PG_URL), HTTP on 127.0.0.1 (a free port), a
// ManualClock, and a small synthetic world (two puskesmas, a family spanning both, a civil registry).
// Devices talk to it over real HTTP with the wire codec, as a desk would.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/server/http_server.hpp"
#include "simpul/server/json_log.hpp"
#include "simpul/server/seed.hpp"
#include "simpul/server/sqlite_store.hpp"
#include "simpul/server/sync_service.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/rows.hpp"
#include "simpul/sync/wire.hpp"
#include "support/pg_database.hpp"
#include "support/temp_dir.hpp"

namespace simpul::server::test {

inline constexpr const char* kF1 = "1001P001";
inline constexpr const char* kF2 = "1001P002";
inline constexpr const char* kHospital = "1001R001";
inline constexpr std::int64_t kYearMs = 365LL * 24 * 3600 * 1000;
inline constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// The world: p1 (FKTP F1) and p2 (FKTP F2) share family card kK1; p3 is alone at F1; p4 alone at F2.
inline constexpr const char* kP1 = "p-0001";
inline constexpr const char* kP2 = "p-0002";
inline constexpr const char* kP3 = "p-0003";
inline constexpr const char* kP4 = "p-0004";
inline constexpr const char* kK1 = "3204101201150003";
// In the civil registry, not yet participants.
inline constexpr const char* kNewNik = "3204124101900001";
inline constexpr const char* kNewName = "Sri Wahyuni";
inline constexpr const char* kNewBirth = "1990-01-01";
inline constexpr const char* kNewNik2 = "3204120202850002";

struct Device {
  std::string id;
  std::string token;
  std::string facility;
  std::string install;  // HLC node
  std::int64_t skew_ms = 0;  // this device's clock error
  std::int64_t seq = 0;
  std::uint32_t counter = 0;
  std::int64_t cursor = 0;
  sync::SnapshotPos snapshot;
  std::unique_ptr<storage::Replica> replica;  // when attached, pulled pages are applied to it
};

struct HttpReply {
  int status = 0;
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A device enrolled through POST /v1/enroll.
  Device enroll(const std::string& facility);
  void attach_replica(Device& d);

  HttpReply post(const std::string& path, const std::string& body, const Device* device,
                 const std::string& protocol = "1", const std::string& schema = "");
  HttpReply get(const std::string& path);

  // An op stamped with the device's (possibly skewed) clock now.
  sync::WireOp op(Device& d, const std::string& entity, const std::string& id, const nlohmann::json& fields,
                  const std::string& kind = "upsert");
  sync::PushResponse push(Device& d, const std::vector<sync::WireOp>& ops);
  HttpReply push_raw(Device& d, const std::vector<sync::WireOp>& ops);
  sync::PullResponse pull(Device& d, std::uint32_t max_rows = 5000, std::uint32_t max_bytes = 2u << 20);
  // Pulls until `more` is false; returns every page.
  std::vector<sync::PullResponse> pull_all(Device& d, std::uint32_t max_rows = 5000,
                                           std::uint32_t max_bytes = 2u << 20);

  // The server's stored row (nullopt when absent).
  std::optional<StoredRow> stored(const std::string& entity, const std::string& id);
  std::vector<Fields> conflicts_about(const std::string& entity_id);
  static const sync::WireRow* find_row(const std::vector<sync::PullResponse>& pages, const std::string& entity,
                                       const std::string& id);
  static std::string value_of(const sync::PullResponse& page, const std::string& entity, const std::string& id,
                              const std::string& column);

  // Writes a minimal participant registration's fields.
  static nlohmann::json registration(const std::string& nik, const std::string& name, const std::string& birth,
                                     const std::string& fktp, const std::string& segment = "PBPU");

  static demo::DemoData world();

  ManualClock clock;
  std::unique_ptr<simpul::test::TempDir> dir;
  std::unique_ptr<simpul::test::PgDatabase> pg;
  std::unique_ptr<Store> store;
  std::unique_ptr<SyncService> service;
  std::vector<std::string> log_lines;
  std::mutex log_mu;
  std::unique_ptr<JsonLog> log;
  std::unique_ptr<HttpServer> http;
  std::unique_ptr<httplib::Client> client;
  int port = 0;
};

}  // namespace simpul::server::test
