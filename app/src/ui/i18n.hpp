#pragma once
// Interface strings: assets/i18n/<language>.json, each a flat {"key": "text"} object. tr("key") returns the
// current language's text, or the key itself when missing (visible in the UI, caught by the key-set test).
// Bahasa Indonesia is the default; the language can be switched at runtime. UI thread only.
#include <array>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul::i18n {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Table = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

inline constexpr std::array<std::string_view, 2> kLanguages = {"id", "en"};
inline constexpr std::string_view kDefaultLanguage = "id";

// Reads one flat table; every value must be a string.
Result<Table> load_table(const std::filesystem::path& file);

class Catalog {
 public:
  Catalog() = default;
  Catalog(const Catalog&) = delete;  // holds a pointer into its own tables
  Catalog& operator=(const Catalog&) = delete;
  Catalog(Catalog&&) = default;      // node-based maps keep element addresses on move
  Catalog& operator=(Catalog&&) = default;

  void add(std::string language, Table table);
  // Loads every language in kLanguages from `dir` (id.json, en.json, ...). Returns the first error, if any;
  // tables that did load are kept.
  Status load_dir(const std::filesystem::path& dir);

  // False (and no change) for a language without a table.
  bool set_language(std::string_view language);
  std::string_view language() const { return language_; }
  bool has_language(std::string_view language) const;

  const char* tr(const char* key) const;
  const Table* table(std::string_view language) const;

 private:
  std::unordered_map<std::string, Table, StringHash, std::equal_to<>> tables_;
  std::string language_{kDefaultLanguage};
  const Table* current_ = nullptr;
};

// The process-wide catalog. Loaded from ui::asset_dir()/i18n on first use; errors go to stderr once.
Catalog& catalog();

const char* tr(const char* key);
bool set_language(std::string_view language);
std::string_view language();

}  // namespace simpul::i18n

namespace simpul {
using i18n::tr;
}
