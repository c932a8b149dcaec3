#include "simpul/server/store.hpp"

#include <algorithm>
#include <tuple>

namespace simpul::server {

// Stored as {"c": [[hlc, device, tx], ...], "f": {field: index into c}}: the rows of one write share
// a clock, so each field costs a few bytes instead of repeating a 40-byte timestamp.
std::string clocks_to_json(const FieldClocks& clocks) {
  nlohmann::json table = nlohmann::json::array();
  nlohmann::json fields = nlohmann::json::object();
  std::map<std::tuple<std::string, std::string, std::int64_t>, std::size_t> index;
  for (const auto& [field, c] : clocks) {
    auto [it, added] = index.try_emplace(std::make_tuple(c.hlc, c.device, c.tx), index.size());
    if (added) table.push_back(nlohmann::json::array({c.hlc, c.device, c.tx}));
    fields[field] = it->second;
  }
  return nlohmann::json{{"c", std::move(table)}, {"f", std::move(fields)}}.dump();
}

FieldClocks clocks_from_json(const std::string& text) {
  FieldClocks out;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  auto table = j.find("c");
  auto fields = j.find("f");
  if (table == j.end() || fields == j.end() || !table->is_array() || !fields->is_object()) return out;
  for (const auto& [field, i] : fields->items()) {
    if (!i.is_number_unsigned() || i.get<std::size_t>() >= table->size()) continue;
    const auto& c = (*table)[i.get<std::size_t>()];
    if (!c.is_array() || c.size() != 3 || !c[0].is_string() || !c[1].is_string() || !c[2].is_number_integer()) {
      continue;
    }
    out.emplace(field, FieldClock{c[0].get<std::string>(), c[1].get<std::string>(), c[2].get<std::int64_t>()});
  }
  return out;
}

std::vector<LogEntry> merge_log_ranges(LogRange mine, LogRange shared, std::size_t limit) {
  std::vector<LogEntry> out;
  out.reserve(std::min(limit, mine.size() + shared.size()));
  std::size_t i = 0, j = 0;
  while (out.size() < limit && (i < mine.size() || j < shared.size())) {
    const bool take_mine = j >= shared.size() || (i < mine.size() && mine[i].first < shared[j].first);
    out.push_back(std::move(take_mine ? mine[i++].second : shared[j++].second));
  }
  return out;
}

}  // namespace simpul::server
