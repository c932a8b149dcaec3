#pragma once
// Counters and a latency histogram, rendered as Prometheus text (GET /metrics).
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace simpul::server {

struct PushStats;

struct MetricGauges {
  std::int64_t devices_active = 0;
  std::int64_t devices_revoked = 0;
  std::int64_t last_tx = 0;
};

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

  void request(const std::string& route, int status, double seconds);
  void ops(const PushStats& stats);
  void pulled(std::uint64_t rows, std::uint64_t bytes);
  std::string render(const MetricGauges& gauges) const;

  // For tests and logs.
  std::uint64_t requests(const std::string& route, int status) const;

 private:
  struct Latency {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Latency> latency_;
  std::uint64_t applied_ = 0, duplicate_ = 0, merged_ = 0, rejected_ = 0;
  std::uint64_t pull_rows_ = 0, pull_bytes_ = 0;
};

}  // namespace simpul::server
