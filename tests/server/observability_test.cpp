// /healthz, /metrics and the JSON request log (which must never carry personal data or secrets).
#include "server_fixture.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::server::test {
namespace {

using ServerObservability = ServerFixture;

TEST_F(ServerObservability, HealthzAnswersJson) {
  auto r = get("/healthz");
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_EQ(j.value("status", ""), "ok");
  EXPECT_EQ(j.value("schema", 0), storage::latest_schema_version());
  EXPECT_EQ(j.value("protocol", 0), sync::kProtocolVersion);
}

TEST_F(ServerObservability, MetricsCountRequestsOpsPullsAndDevices) {
  Device d = enroll(kF1);
  pull_all(d);
  push(d, {op(d, "participant", kP1, {{"phone", "+6281200001234"}}),
           op(d, "participant", kP1, {{"nope", 1}})});
  const std::string m = get("/metrics").body;
  EXPECT_NE(m.find("simpul_http_requests_total{route=\"/v1/push\",status=\"200\"} 1"), std::string::npos) << m;
  EXPECT_NE(m.find("simpul_http_requests_total{route=\"/v1/enroll\",status=\"200\"} 1"), std::string::npos);
  EXPECT_NE(m.find("simpul_sync_ops_total{verdict=\"applied\"} 1"), std::string::npos);
  EXPECT_NE(m.find("simpul_sync_ops_total{verdict=\"rejected\"} 1"), std::string::npos);
  EXPECT_NE(m.find("simpul_devices{state=\"active\"} 1"), std::string::npos);
  EXPECT_NE(m.find("simpul_last_tx "), std::string::npos);
  EXPECT_NE(m.find("simpul_pull_rows_total "), std::string::npos);
  EXPECT_NE(m.find("simpul_http_request_duration_seconds_bucket{route=\"/v1/pull\",le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(m.find("# TYPE simpul_http_request_duration_seconds histogram"), std::string::npos);
}

TEST_F(ServerObservability, LogLinesAreJsonWithoutPersonalDataOrSecrets) {
  Device d = enroll(kF1);
  pull_all(d);
  push(d, {op(d, "participant", "n-1", registration(kNewNik, kNewName, kNewBirth, kF1))});
  pull_all(d);
  push_raw(d, {op(d, "participant", "n-2", registration("3204100909990009", "Rahasia Sekali", "1999-09-09", kF1))});
  client.reset();  // close the keep-alive connection, so stopping does not wait for it to idle out
  http->stop();    // every request's line is written
  std::lock_guard lock(log_mu);
  ASSERT_GE(log_lines.size(), 5u);
  bool saw_push = false;
  for (const auto& line : log_lines) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << line;
    for (const char* key : {"ts", "level", "route", "status", "ms"}) EXPECT_TRUE(j.contains(key)) << key << " in " << line;
    for (const std::string& secret : {std::string(kNewNik), std::string(kNewName), std::string("Rahasia"),
                                     std::string("3204100909990009"), std::string("+6281211112222"), d.token}) {
      EXPECT_EQ(line.find(secret), std::string::npos) << "log line leaks " << secret << ": " << line;
    }
    if (j.value("route", "") == "/v1/push") {
      saw_push = true;
      EXPECT_EQ(j.value("device_id", ""), d.id);
      EXPECT_TRUE(j.contains("applied"));
      EXPECT_TRUE(j.contains("merged"));
    }
  }
  EXPECT_TRUE(saw_push);
}

}  // namespace
}  // namespace simpul::server::test
