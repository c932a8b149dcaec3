#include "ui/i18n.hpp"

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "ui/assets.hpp"

namespace simpul::i18n {

Result<Table> load_table(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return make_error(ErrorKind::not_found, "i18n.missing", "cannot open " + file.string());
  nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return make_error(ErrorKind::corrupt, "i18n.bad_json", file.string() + ": not a JSON object");
  Table table;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string())
      return make_error(ErrorKind::corrupt, "i18n.bad_value", file.string() + ": value of '" + key + "' is not a string");
    table.emplace(key, value.get<std::string>());
  }
  return table;
}

void Catalog::add(std::string language, Table table) {
  tables_.insert_or_assign(std::move(language), std::move(table));
  // Rehashing may have moved tables: look the current one up again.
  auto it = tables_.find(language_);
  current_ = it == tables_.end() ? nullptr : &it->second;
}

Status Catalog::load_dir(const std::filesystem::path& dir) {
  Status first_error;
  for (std::string_view language : kLanguages) {
    auto table = load_table(dir / (std::string(language) + ".json"));
    if (table.ok()) {
      add(std::string(language), std::move(table).value());
    } else if (first_error.ok()) {
      first_error = table.error();
    }
  }
  return first_error;
}

bool Catalog::set_language(std::string_view language) {
  auto it = tables_.find(language);
  if (it == tables_.end()) return false;
  language_ = std::string(language);
  current_ = &it->second;
  return true;
}

bool Catalog::has_language(std::string_view language) const { return tables_.contains(language); }

const char* Catalog::tr(const char* key) const {
  if (current_ == nullptr) return key;
  auto it = current_->find(std::string_view(key));
  return it == current_->end() ? key : it->second.c_str();
}

const Table* Catalog::table(std::string_view language) const {
  auto it = tables_.find(language);
  return it == tables_.end() ? nullptr : &it->second;
}

Catalog& catalog() {
  static Catalog instance;
  static const bool loaded = [] {
    if (auto status = instance.load_dir(ui::asset_dir() / "i18n"); !status.ok())
      std::fprintf(stderr, "simpul: i18n: %s\n", status.error().message.c_str());
    instance.set_language(kDefaultLanguage);
    return true;
  }();
  (void)loaded;
  return instance;
}

const char* tr(const char* key) { return catalog().tr(key); }
bool set_language(std::string_view language) { return catalog().set_language(language); }
std::string_view language() { return catalog().language(); }

}  // namespace simpul::i18n
