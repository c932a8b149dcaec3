// Rough loopback figures for the report (push ops/s, pull rows/s); asserts only that the work was done.
#include <chrono>
#include <cstdio>

#include "server_fixture.hpp"

namespace simpul::server::test {
namespace {

using ServerThroughput = ServerFixture;

TEST_F(ServerThroughput, PushAndPullRatesOnLoopback) {
  constexpr int kPushes = 10;
  constexpr int kOps = 500;
  Device writer = enroll(kF1);
  pull_all(writer);
  std::vector<std::vector<sync::WireOp>> batches;
  for (int p = 0; p < kPushes; ++p) {
    std::vector<sync::WireOp> ops;
    for (int o = 0; o < kOps; ++o) {
      ops.push_back(op(writer, "queue_entry", "q-" + std::to_string(p * kOps + o),
                       {{"facility", kF1}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"},
                        {"participant_id", o % 2 == 0 ? kP1 : kP3}, {"complaint", "demam dan batuk sejak dua hari"}}));
    }
    batches.push_back(std::move(ops));
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& b : batches) push(writer, b);
  const double push_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  Device reader = enroll(kF1);
  const auto t1 = std::chrono::steady_clock::now();
  auto pages = pull_all(reader, 2000);
  const double pull_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::size_t rows = 0;
  for (const auto& p : pages) {
    for (const auto& b : p.blocks) rows += b.rows.size();
  }
  EXPECT_GE(rows, static_cast<std::size_t>(kPushes * kOps));
  std::printf("[ figures  ] push: %d ops in %.3f s = %.0f ops/s; bootstrap pull: %zu rows in %.3f s = %.0f rows/s\n",
              kPushes * kOps, push_s, kPushes * kOps / push_s, rows, pull_s, static_cast<double>(rows) / pull_s);
  RecordProperty("push_ops_per_s", static_cast<int>(kPushes * kOps / push_s));
  RecordProperty("pull_rows_per_s", static_cast<int>(static_cast<double>(rows) / pull_s));
}

}  // namespace
}  // namespace simpul::server::test
