#include "simpul/server/store.hpp"

namespace simpul::server {

std::string clocks_to_json(const FieldClocks& clocks) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [field, c] : clocks) j[field] = {{"h", c.hlc}, {"d", c.device}, {"t", c.tx}};
  return j.dump();
}

FieldClocks clocks_from_json(const std::string& text) {
  FieldClocks out;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [field, c] : j.items()) {
    if (!c.is_object()) continue;
    FieldClock fc;
    if (auto h = c.find("h"); h != c.end() && h->is_string()) fc.hlc = h->get<std::string>();
    if (auto d = c.find("d"); d != c.end() && d->is_string()) fc.device = d->get<std::string>();
    if (auto t = c.find("t"); t != c.end() && t->is_number_integer()) fc.tx = t->get<std::int64_t>();
    out.emplace(field, std::move(fc));
  }
  return out;
}

}  // namespace simpul::server
