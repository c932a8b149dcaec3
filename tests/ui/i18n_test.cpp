#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "ui/i18n.hpp"

namespace simpul::i18n {
namespace {

std::filesystem::path i18n_dir() { return std::filesystem::path(SIMPUL_ASSET_DIR) / "i18n"; }

std::set<std::string> keys_of(const Table& table) {
  std::set<std::string> keys;
  for (const auto& [key, text] : table) keys.insert(key);
  return keys;
}

TEST(I18nFiles, EveryLanguageHasTheSameKeys) {
  auto reference = load_table(i18n_dir() / "id.json");
  ASSERT_TRUE(reference.ok()) << reference.error().message;
  const auto expected = keys_of(*reference);
  for (std::string_view language : kLanguages) {
    auto table = load_table(i18n_dir() / (std::string(language) + ".json"));
    ASSERT_TRUE(table.ok()) << table.error().message;
    const auto actual = keys_of(*table);
    for (const auto& key : expected) EXPECT_TRUE(actual.contains(key)) << language << ".json lacks " << key;
    for (const auto& key : actual) EXPECT_TRUE(expected.contains(key)) << language << ".json has extra " << key;
  }
}

TEST(I18nFiles, NoStringIsEmpty) {
  for (std::string_view language : kLanguages) {
    auto table = load_table(i18n_dir() / (std::string(language) + ".json"));
    ASSERT_TRUE(table.ok()) << table.error().message;
    for (const auto& [key, text] : *table) EXPECT_FALSE(text.empty()) << language << ": " << key;
  }
}

TEST(I18nFiles, MalformedTableIsAnErrorNotACrash) {
  const auto file = std::filesystem::temp_directory_path() / "simpul_i18n_bad.json";
  {
    std::ofstream out(file);
    out << R"({"a": "A", "b": 3})";
  }
  auto table = load_table(file);
  std::filesystem::remove(file);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().code, "i18n.bad_value");
  EXPECT_FALSE(load_table(i18n_dir() / "no-such-language.json").ok());
}

TEST(Catalog, MissingKeyReturnsTheKeyItself) {
  Catalog catalog;
  catalog.add("id", Table{{"greeting", "Halo"}});
  ASSERT_TRUE(catalog.set_language("id"));
  EXPECT_STREQ(catalog.tr("greeting"), "Halo");
  EXPECT_STREQ(catalog.tr("no.such.key"), "no.such.key");
}

TEST(Catalog, SwitchesLanguageAtRuntime) {
  Catalog catalog;
  catalog.add("id", Table{{"greeting", "Halo"}});
  catalog.add("en", Table{{"greeting", "Hello"}});
  ASSERT_TRUE(catalog.set_language("id"));
  EXPECT_STREQ(catalog.tr("greeting"), "Halo");
  ASSERT_TRUE(catalog.set_language("en"));
  EXPECT_STREQ(catalog.tr("greeting"), "Hello");
  EXPECT_FALSE(catalog.set_language("fr"));
  EXPECT_EQ(catalog.language(), "en");
}

TEST(Catalog, ProcessCatalogDefaultsToBahasaIndonesia) {
  EXPECT_EQ(language(), "id");
  EXPECT_STREQ(tr("login.submit"), "Masuk");
  ASSERT_TRUE(set_language("en"));
  EXPECT_STREQ(tr("login.submit"), "Sign in");
  ASSERT_TRUE(set_language("id"));
}

}  // namespace
}  // namespace simpul::i18n
