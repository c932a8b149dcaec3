// /healthz, /metrics and the JSON request log (which must never carry personal data or secrets).
#include <sys/socket.h>

#include "server_fixture.hpp"
#include "support/socket.hpp"
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

namespace simpul::server::test {
namespace {

using ServerRobustness = ServerFixture;

TEST_F(ServerRobustness, ADeskThatHangsUpMidAnswerDoesNotTakeTheServerDown) {
  Device d = enroll(kF1);
  pull_all(d);
  const std::string text(2000, 'x');
  for (int p = 0; p < 2; ++p) {
    std::vector<sync::WireOp> ops;
    for (int i = 0; i < 1000; ++i) {
      ops.push_back(op(d, "complaint", "c-" + std::to_string(p) + "-" + std::to_string(i),
                       {{"facility", kF1}, {"category", "service"}, {"text", text + std::to_string(i)}}));
    }
    push(d, ops);
  }
  // A bootstrap of ~4 MB, requested and then abandoned with a reset before the answer is read.
  const std::string body = sync::encode(sync::PullRequest{0, {}, 20000, 8u << 20});
  const std::string request = "POST /v1/pull HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Simpul-Protocol: 1\r\nX-Simpul-Schema: " +
                              std::to_string(storage::latest_schema_version()) + "\r\nAuthorization: Bearer " + d.id +
                              "." + d.token + "\r\nContent-Type: application/x-simpul\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
  for (int i = 0; i < 3; ++i) {
    auto fd = simpul::test::connect_tcp(static_cast<std::uint16_t>(port));
    ASSERT_TRUE(fd.valid());
    ASSERT_TRUE(simpul::test::send_all(fd.get(), request));
    char first[16];
    ASSERT_GT(::recv(fd.get(), first, sizeof first, 0), 0);  // the answer has started
    simpul::test::close_with_reset(fd);
  }
  EXPECT_EQ(get("/healthz").status, 200);
  EXPECT_FALSE(pull_all(d).empty());
}

}  // namespace
}  // namespace simpul::server::test
