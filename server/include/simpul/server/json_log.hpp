#pragma once
// Structured logs: one JSON object per line (stderr by default). Callers pass only operational
// fields (route, status, duration, device id, counts): never personal data (NIK, names, phones) and
// never tokens or enrollment codes.
#include <functional>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "simpul/core/clock.hpp"

namespace simpul::server {

class JsonLog {
 public:
  using Sink = std::function<void(const std::string& line)>;
  // Writes to stderr unless a sink is given (tests capture lines).
  explicit JsonLog(const Clock& clock, Sink sink = {});

  // Adds "ts" (ISO-8601 UTC, ms) and "level" in front of `fields`.
  void write(const char* level, const nlohmann::json& fields);
  void info(const nlohmann::json& fields) { write("info", fields); }
  void warn(const nlohmann::json& fields) { write("warn", fields); }
  void error(const nlohmann::json& fields) { write("error", fields); }

 private:
  const Clock& clock_;
  Sink sink_;
  std::mutex mu_;
};

std::string iso_utc(std::int64_t epoch_ms);  // "2026-01-01T00:00:00.000Z"

}  // namespace simpul::server
