// Many devices pushing at the same time, each on its own connection: every op is applied exactly once
// (on SQLite the pushes share commits, write_group.hpp; on PostgreSQL they queue on the number lock).
#include <httplib.h>

#include <thread>

#include "server_fixture.hpp"

namespace simpul::server::test {
namespace {

using ServerConcurrency = ServerFixture;
using sync::Verdict;

TEST_F(ServerConcurrency, DevicesPushingAtOnceHaveEveryOpAppliedExactlyOnce) {
  constexpr int kDevices = 6;
  constexpr int kPushes = 4;
  constexpr int kOps = 15;
  std::vector<Device> devices;
  std::vector<std::vector<std::string>> bodies(kDevices);  // each device's push requests, in seq order
  for (int d = 0; d < kDevices; ++d) {
    devices.push_back(enroll(kF1));
    for (int p = 0; p < kPushes; ++p) {
      sync::PushRequest req;
      req.client_time_ms = clock.now_ms();
      for (int o = 0; o < kOps; ++o) {
        const std::string id = "q-" + std::to_string(d) + "-" + std::to_string(p * kOps + o);
        req.ops.push_back(op(devices.back(), "queue_entry", id,
                             {{"facility", kF1}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"}}));
      }
      bodies[static_cast<std::size_t>(d)].push_back(sync::encode(req));
    }
  }
  // Sends every device's pushes from a thread of its own; returns each answer's verdicts.
  auto push_all = [&] {
    std::vector<std::vector<Verdict>> verdicts(kDevices);
    std::vector<std::thread> threads;
    for (int d = 0; d < kDevices; ++d) {
      threads.emplace_back([&, d] {
        const Device& dev = devices[static_cast<std::size_t>(d)];
        httplib::Client c("127.0.0.1", port);
        c.set_keep_alive(true);
        c.set_read_timeout(30, 0);
        const httplib::Headers h = {{sync::kProtocolHeader, "1"},
                                    {sync::kSchemaHeader, std::to_string(storage::latest_schema_version())},
                                    {"Authorization", "Bearer " + dev.id + "." + dev.token}};
        for (const auto& body : bodies[static_cast<std::size_t>(d)]) {
          auto r = c.Post("/v1/push", h, body, sync::kContentType);
          if (!r || r->status != 200) continue;  // counted as missing below
          auto resp = sync::decode<sync::PushResponse>(r->body);
          if (!resp.ok()) continue;
          for (const auto& res : resp->results) verdicts[static_cast<std::size_t>(d)].push_back(res.verdict);
        }
      });
    }
    for (auto& t : threads) t.join();
    return verdicts;
  };
  const auto first = push_all();
  for (const auto& v : first) {
    ASSERT_EQ(v.size(), static_cast<std::size_t>(kPushes * kOps));
    for (Verdict x : v) EXPECT_EQ(x, Verdict::applied);
  }
  // The same requests again (every answer lost): nothing is applied twice.
  const auto again = push_all();
  for (const auto& v : again) {
    ASSERT_EQ(v.size(), static_cast<std::size_t>(kPushes * kOps));
    for (Verdict x : v) EXPECT_EQ(x, Verdict::duplicate);
  }
  for (int d = 0; d < kDevices; ++d) {
    EXPECT_TRUE(stored("queue_entry", "q-" + std::to_string(d) + "-0").has_value());
    EXPECT_TRUE(stored("queue_entry", "q-" + std::to_string(d) + "-" + std::to_string(kPushes * kOps - 1)).has_value());
  }
}

}  // namespace
}  // namespace simpul::server::test
