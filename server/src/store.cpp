#include "simpul/server/store.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <tuple>

namespace simpul::server {

namespace {

// The JSON form written before the compact one: {"c": [[hlc, device, tx], ...], "f": {field: index}}.
FieldClocks clocks_from_json(std::string_view text) {
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

// Reads a decimal number ending at `stop`, then skips it; false when there is none.
template <class Int>
bool take_number(std::string_view& in, char stop, Int& out) {
  const auto [end, ec] = std::from_chars(in.data(), in.data() + in.size(), out);
  if (ec != std::errc() || end == in.data() + in.size() || *end != stop) return false;
  in.remove_prefix(static_cast<std::size_t>(end - in.data()) + 1);
  return true;
}

// "<length>:<bytes>": the timestamp's node and the device id come from devices, so any byte may occur.
bool take_counted(std::string_view& in, std::string& out) {
  std::size_t n = 0;
  if (!take_number(in, ':', n) || n > in.size()) return false;
  out.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

void put_counted(std::string& out, const std::string& bytes) {
  out += std::to_string(bytes.size());
  out += ':';
  out += bytes;
}

}  // namespace

// One group per distinct clock (the fields of one write share it), fields in name order:
//   ~<n>:<hlc><n>:<device><tx>=<field>,<field>;<n>:<hlc>...
// Field names are column names (and "_deleted"), so ',' and ';' never occur in them.
std::string encode_clocks(const FieldClocks& clocks) {
  std::vector<std::pair<const FieldClock*, std::vector<const std::string*>>> groups;
  for (const auto& [field, c] : clocks) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.first->tx == c.tx && g.first->hlc == c.hlc && g.first->device == c.device;
    });
    if (same == groups.end()) same = groups.insert(groups.end(), {&c, {}});
    same->second.push_back(&field);
  }
  std::string out = "~";
  for (const auto& [c, fields] : groups) {
    put_counted(out, c->hlc);
    put_counted(out, c->device);
    out += std::to_string(c->tx);
    char sep = '=';
    for (const auto* f : fields) {
      out += sep;
      out += *f;
      sep = ',';
    }
    out += ';';
  }
  return out;
}

FieldClocks decode_clocks(std::string_view text) {
  if (text.empty() || text.front() != '~') return clocks_from_json(text);
  text.remove_prefix(1);
  FieldClocks out;
  while (!text.empty()) {
    FieldClock c;
    if (!take_counted(text, c.hlc) || !take_counted(text, c.device) || !take_number(text, '=', c.tx)) break;
    const std::size_t end = text.find(';');
    if (end == std::string_view::npos) break;
    std::string_view fields = text.substr(0, end);
    text.remove_prefix(end + 1);
    while (!fields.empty()) {
      const std::size_t comma = std::min(fields.find(','), fields.size());
      out.emplace(std::string(fields.substr(0, comma)), c);
      fields.remove_prefix(std::min(comma + 1, fields.size()));
    }
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
