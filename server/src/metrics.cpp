#include "simpul/server/metrics.hpp"

#include <cstdio>

#include "simpul/server/sync_service.hpp"

namespace simpul::server {
namespace {

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

void Metrics::request(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  auto& l = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++l.buckets[i];
  }
  ++l.count;
  l.sum += seconds;
}

void Metrics::ops(const PushStats& s) {
  std::lock_guard lock(mu_);
  applied_ += static_cast<std::uint64_t>(s.applied);
  duplicate_ += static_cast<std::uint64_t>(s.duplicate);
  merged_ += static_cast<std::uint64_t>(s.merged);
  rejected_ += static_cast<std::uint64_t>(s.rejected);
}

void Metrics::pulled(std::uint64_t rows, std::uint64_t bytes) {
  std::lock_guard lock(mu_);
  pull_rows_ += rows;
  pull_bytes_ += bytes;
}

std::uint64_t Metrics::requests(const std::string& route, int status) const {
  std::lock_guard lock(mu_);
  auto it = requests_.find({route, status});
  return it == requests_.end() ? 0 : it->second;
}

std::string Metrics::render(const MetricGauges& g) const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP simpul_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE simpul_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += "simpul_http_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
           std::to_string(n) + "\n";
  }
  out += "# HELP simpul_sync_ops_total Pushed ops by verdict.\n";
  out += "# TYPE simpul_sync_ops_total counter\n";
  const std::pair<const char*, std::uint64_t> verdicts[] = {
      {"applied", applied_}, {"duplicate", duplicate_}, {"merged", merged_}, {"rejected", rejected_}};
  for (const auto& [name, n] : verdicts) {
    out += std::string("simpul_sync_ops_total{verdict=\"") + name + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP simpul_pull_rows_total Rows sent by pulls.\n# TYPE simpul_pull_rows_total counter\n";
  out += "simpul_pull_rows_total " + std::to_string(pull_rows_) + "\n";
  out += "# HELP simpul_pull_bytes_total Row bytes sent by pulls (before compression).\n";
  out += "# TYPE simpul_pull_bytes_total counter\n";
  out += "simpul_pull_bytes_total " + std::to_string(pull_bytes_) + "\n";
  out += "# HELP simpul_devices Enrolled devices.\n# TYPE simpul_devices gauge\n";
  out += "simpul_devices{state=\"active\"} " + std::to_string(g.devices_active) + "\n";
  out += "simpul_devices{state=\"revoked\"} " + std::to_string(g.devices_revoked) + "\n";
  out += "# HELP simpul_last_tx Newest committed change-log transaction.\n# TYPE simpul_last_tx gauge\n";
  out += "simpul_last_tx " + std::to_string(g.last_tx) + "\n";
  out += "# HELP simpul_http_request_duration_seconds Request latency by route.\n";
  out += "# TYPE simpul_http_request_duration_seconds histogram\n";
  for (const auto& [route, l] : latency_) {
    const std::string label = "route=\"" + route + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += "simpul_http_request_duration_seconds_bucket{" + label + ",le=\"" + number(kBuckets[i]) + "\"} " +
             std::to_string(l.buckets[i]) + "\n";
    }
    out += "simpul_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(l.count) + "\n";
    out += "simpul_http_request_duration_seconds_sum{" + label + "} " + number(l.sum) + "\n";
    out += "simpul_http_request_duration_seconds_count{" + label + "} " + std::to_string(l.count) + "\n";
  }
  return out;
}

}  // namespace simpul::server
