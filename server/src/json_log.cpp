#include "simpul/server/json_log.hpp"

#include <cstdio>

#include "simpul/core/date.hpp"

namespace simpul::server {

std::string iso_utc(std::int64_t ms) {
  std::int64_t days = ms / 86'400'000;
  std::int64_t rest = ms % 86'400'000;
  if (rest < 0) {
    rest += 86'400'000;
    --days;
  }
  const Date d = Date::from_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year, d.month, d.day,
                static_cast<int>(rest / 3'600'000), static_cast<int>(rest / 60'000 % 60),
                static_cast<int>(rest / 1000 % 60), static_cast<int>(rest % 1000));
  return buf;
}

JsonLog::JsonLog(const Clock& clock, Sink sink) : clock_(clock), sink_(std::move(sink)) {}

void JsonLog::write(const char* level, const nlohmann::json& fields) {
  nlohmann::ordered_json line;
  line["ts"] = iso_utc(clock_.now_ms());
  line["level"] = level;
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) line[k] = v;
  }
  // Invalid UTF-8 never breaks a log line.
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard lock(mu_);
  if (sink_) {
    sink_(text);
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
    std::fflush(stderr);
  }
}

}  // namespace simpul::server
