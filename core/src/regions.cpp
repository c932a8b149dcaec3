#include "simpul/core/regions.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <fstream>

namespace simpul {
namespace {

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The code one level up: "3204102001" -> "320410" -> "3204" -> "32" -> "" (provinces hang off "").
std::string_view parent_code(std::string_view undotted) {
  switch (undotted.size()) {
    case 10: return undotted.substr(0, 6);
    case 6: return undotted.substr(0, 4);
    case 4: return undotted.substr(0, 2);
    default: return {};
  }
}

// Case-insensitive (ASCII) so that a stray lower-case word in a name does not move it to the end of a list.
int compare_names(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const int x = std::tolower(static_cast<unsigned char>(a[i]));
    const int y = std::tolower(static_cast<unsigned char>(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool name_less(const Region& a, const Region& b) {
  const int by_name = compare_names(a.name, b.name);
  return by_name != 0 ? by_name < 0 : a.code < b.code;
}

Error malformed(const std::string& path, std::size_t line, std::string_view why) {
  return make_error(ErrorKind::corrupt, "regions.malformed",
                    path + ":" + std::to_string(line) + ": " + std::string(why));
}

}  // namespace

Result<RegionTable> RegionTable::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::not_found, "regions.missing", "cannot open region file " + path);
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  std::string text(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
  if (size < 0 || !in.read(text.data(), size)) {
    return make_error(ErrorKind::permanent, "regions.unreadable", "cannot read region file " + path);
  }

  RegionTable table;
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  table.regions_.reserve(lines);
  table.by_code_.reserve(lines);

  std::vector<std::size_t>* siblings = nullptr;
  std::string_view sibling_parent;  // points into `text`, which outlives the loop
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // tolerate CRLF checkouts
    if (line.empty() || line.front() == '#') continue;

    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return malformed(path, line_no, "expected code<TAB>name");
    const std::string_view code = line.substr(0, tab);
    const std::string_view name = line.substr(tab + 1);
    const auto level = level_of(code);
    if (!level) return malformed(path, line_no, "bad region code '" + std::string(code) + "'");
    if (name.empty() || name.find('\t') != std::string_view::npos) {
      return malformed(path, line_no, "expected one non-empty name after the code");
    }
    // Inserted here rather than through add(): one hash lookup per line, and the parent's child list is
    // cached because a file sorted by code lists siblings together.
    const auto [it, fresh] = table.by_code_.emplace(std::string(code), table.regions_.size());
    if (!fresh) return malformed(path, line_no, "duplicate region code " + it->first);
    const std::string_view parent = parent_code(code);
    if (siblings == nullptr || parent != sibling_parent) {
      if (!parent.empty() && table.by_code_.count(std::string(parent)) == 0) {
        return malformed(path, line_no, "region " + it->first + " comes before its parent " + std::string(parent));
      }
      sibling_parent = parent;
      siblings = &table.by_parent_[std::string(parent)];
    }
    siblings->push_back(table.regions_.size());
    table.regions_.push_back(Region{it->first, std::string(name), *level});
  }
  if (table.regions_.empty()) {
    return make_error(ErrorKind::corrupt, "regions.empty", "region file " + path + " holds no regions");
  }
  return table;
}

void RegionTable::add(Region r) {
  r.code = undot(r.code);
  const auto level = level_of(r.code);
  assert(level && "region codes have 2, 4, 6 or 10 digits");
  if (level) r.level = *level;

  if (const auto it = by_code_.find(r.code); it != by_code_.end()) {
    regions_[it->second] = std::move(r);  // same code, same parent: only the name can change
    return;
  }
  const std::size_t index = regions_.size();
  by_code_.emplace(r.code, index);
  by_parent_[std::string(parent_code(r.code))].push_back(index);
  regions_.push_back(std::move(r));
}

std::optional<Region> RegionTable::find(std::string_view code) const {
  const auto it = by_code_.find(undot(code));
  if (it == by_code_.end()) return std::nullopt;
  return regions_[it->second];
}

std::vector<Region> RegionTable::children(std::string_view parent_code_any) const {
  std::vector<Region> out;
  const auto it = by_parent_.find(undot(parent_code_any));
  if (it == by_parent_.end()) return out;
  out.reserve(it->second.size());
  for (const std::size_t index : it->second) out.push_back(regions_[index]);
  std::sort(out.begin(), out.end(), name_less);
  return out;
}

std::string RegionTable::describe(std::string_view code) const {
  std::string key = undot(code);
  const auto self = by_code_.find(key);
  if (self == by_code_.end()) return {};
  std::string out = regions_[self->second].name;
  // Walk up; an ancestor missing from a hand-built table is skipped rather than failing the whole text.
  for (key = std::string(parent_code(key)); !key.empty(); key = std::string(parent_code(key))) {
    if (const auto it = by_code_.find(key); it != by_code_.end()) {
      out += ", ";
      out += regions_[it->second].name;
    }
  }
  return out;
}

std::string RegionTable::undot(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (const char c : code) {
    if (c != '.') out.push_back(c);
  }
  return out;
}

std::string RegionTable::dotted(std::string_view code) {
  const std::string digits = undot(code);
  if (!level_of(digits)) return std::string(code);
  std::string out = digits.substr(0, 2);
  for (std::size_t at = 2; at < digits.size(); at += 2) {
    out += '.';
    out += at == 6 ? digits.substr(at) : digits.substr(at, 2);  // the village part has 4 digits
    if (at == 6) break;
  }
  return out;
}

std::optional<RegionLevel> RegionTable::level_of(std::string_view undotted) {
  if (!all_digits(undotted)) return std::nullopt;
  switch (undotted.size()) {
    case 2: return RegionLevel::province;
    case 4: return RegionLevel::regency;
    case 6: return RegionLevel::district;
    case 10: return RegionLevel::village;
    default: return std::nullopt;
  }
}

}  // namespace simpul
