#include "care_common.hpp"

#include <ctime>

namespace simpul::storage::care {

std::string replica_facility(Replica& r) {
  const DeviceInfo d = r.device();
  if (!d.facility.empty()) return d.facility;
  for (const char* key : {"facility", "queue.facility"}) {
    if (auto f = r.setting(key); f && !f->empty()) return *f;
  }
  return {};
}

std::string iso_utc(std::int64_t ms) {
  const auto t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json parse_json(const std::optional<std::string>& text, nlohmann::json fallback) {
  if (!text || text->empty()) return fallback;
  auto v = nlohmann::json::parse(*text, nullptr, false);
  return v.is_discarded() ? fallback : v;
}

}  // namespace simpul::storage::care
