#pragma once
// Kemendagri administrative regions: province (2 digits), regency (4), district (6), village (10).
// Loaded from assets/regions/regions.tsv (generated from the npm package idn-area-data, ODbL).
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul {

enum class RegionLevel { province, regency, district, village };

struct Region {
  std::string code;  // undotted digits: "32", "3204", "320410", "3204102001"
  std::string name;
  RegionLevel level = RegionLevel::province;
};

class RegionTable {
 public:
  // Reads the compact TSV file; an unreadable or malformed file is an error, never a silent empty table.
  static Result<RegionTable> load(const std::string& path);

  std::optional<Region> find(std::string_view code) const;  // accepts dotted or undotted codes
  std::vector<Region> children(std::string_view parent_code) const;  // "" = provinces, sorted by name
  std::vector<Region> provinces() const { return children(""); }
  // "Soreang, Kab. Bandung, Jawa Barat" for any level's code; empty when unknown.
  std::string describe(std::string_view code) const;
  std::size_t size() const { return regions_.size(); }

  static std::string undot(std::string_view code);            // "32.04.10.2001" -> "3204102001"
  static std::string dotted(std::string_view code);           // "3204102001" -> "32.04.10.2001"
  static std::optional<RegionLevel> level_of(std::string_view undotted);

  void add(Region r);  // used by the loader and by tests that build small tables

 private:
  std::vector<Region> regions_;
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_parent_;
};

}  // namespace simpul
