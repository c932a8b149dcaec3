#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "simpul/core/regions.hpp"

using namespace simpul;

namespace {

const std::string kRegionsPath = std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv";

// The real table is large: load it once for the whole suite.
const RegionTable& real_table() {
  static const RegionTable table = [] {
    auto loaded = RegionTable::load(kRegionsPath);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      return RegionTable{};
    }
    return std::move(loaded).value();
  }();
  return table;
}

// A file under the system temp dir that is removed when the test ends.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            (std::string("simpul_") + info->test_suite_name() + "_" + info->name() + ".tsv");
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

std::size_t count_level(const std::vector<Region>& regions, RegionLevel level) {
  std::size_t n = 0;
  for (const auto& r : regions) {
    if (r.level == level) ++n;
  }
  return n;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST(RegionTable, LoadsTheRealFileQuickly) {
  const auto start = std::chrono::steady_clock::now();
  const auto loaded = RegionTable::load(kRegionsPath);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  RecordProperty("load_ms", static_cast<int>(ms.count()));
  std::printf("regions.tsv: %zu regions loaded in %lld ms\n", loaded->size(), static_cast<long long>(ms.count()));
  // idn-area-data 4.0.1: 38 provinces, 514 regencies, 7285 districts, 83762 villages.
  EXPECT_EQ(loaded->size(), 91599u);
  // Generous bound for sanitizer and debug builds; a release build takes a few tens of ms.
  EXPECT_LT(ms.count(), 2000);
}

TEST(RegionTable, HasTheThirtyEightProvincesOf2022) {
  const auto provinces = real_table().provinces();
  ASSERT_EQ(provinces.size(), 38u);
  EXPECT_EQ(count_level(provinces, RegionLevel::province), 38u);
  // The four provinces carved out of Papua in 2022.
  for (const char* code : {"93", "94", "95", "96"}) EXPECT_TRUE(real_table().find(code)) << code;
}

TEST(RegionTable, FindsKnownCodesAtEveryLevel) {
  const auto& t = real_table();
  const auto jabar = t.find("32");
  ASSERT_TRUE(jabar);
  EXPECT_EQ(jabar->name, "Jawa Barat");
  EXPECT_EQ(jabar->level, RegionLevel::province);

  const auto bandung = t.find("32.04");
  ASSERT_TRUE(bandung);
  EXPECT_EQ(bandung->name, "Kab. Bandung");
  EXPECT_EQ(bandung->level, RegionLevel::regency);
  EXPECT_EQ(t.find("3273")->name, "Kota Bandung");

  const auto soreang = t.find("320437");
  ASSERT_TRUE(soreang);
  EXPECT_EQ(soreang->name, "Soreang");
  EXPECT_EQ(soreang->level, RegionLevel::district);

  const auto village = t.find("32.04.37.2001");
  ASSERT_TRUE(village);
  EXPECT_EQ(village->code, "3204372001");
  EXPECT_EQ(village->name, "Soreang");
  EXPECT_EQ(village->level, RegionLevel::village);

  EXPECT_FALSE(t.find("3299"));
  EXPECT_FALSE(t.find(""));
  EXPECT_FALSE(t.find("abc"));
}

TEST(RegionTable, DescribesAnyLevelUpToTheProvince) {
  const auto& t = real_table();
  EXPECT_EQ(t.describe("320437"), "Soreang, Kab. Bandung, Jawa Barat");
  EXPECT_EQ(t.describe("32.04.37.2001"), "Soreang, Soreang, Kab. Bandung, Jawa Barat");
  EXPECT_EQ(t.describe("3204"), "Kab. Bandung, Jawa Barat");
  EXPECT_EQ(t.describe("32"), "Jawa Barat");
  EXPECT_EQ(t.describe("3299"), "");
}

TEST(RegionTable, ChildrenAreSortedByNameAndBelongToTheParent) {
  const auto& t = real_table();
  for (const char* parent : {"", "32", "3204", "320437", "32.04.37"}) {
    const auto kids = t.children(parent);
    ASSERT_FALSE(kids.empty()) << parent;
    const std::string prefix = RegionTable::undot(parent);
    for (std::size_t i = 0; i < kids.size(); ++i) {
      EXPECT_EQ(kids[i].code.substr(0, prefix.size()), prefix);
      if (i > 0) {
        EXPECT_LE(lower(kids[i - 1].name), lower(kids[i].name)) << "under '" << parent << "'";
      }
    }
  }
  const auto districts = t.children("3204");
  EXPECT_EQ(districts.front().level, RegionLevel::district);
  EXPECT_TRUE(t.children("3204372001").empty());  // villages have no children
  EXPECT_TRUE(t.children("99").empty());
}

TEST(RegionTable, DottedAndUndottedCodesRoundTrip) {
  EXPECT_EQ(RegionTable::undot("32.04.10.2001"), "3204102001");
  EXPECT_EQ(RegionTable::dotted("3204102001"), "32.04.10.2001");
  EXPECT_EQ(RegionTable::dotted("320410"), "32.04.10");
  EXPECT_EQ(RegionTable::dotted("3204"), "32.04");
  EXPECT_EQ(RegionTable::dotted("32"), "32");
  EXPECT_EQ(RegionTable::dotted("32.04"), "32.04");  // already dotted
  EXPECT_EQ(RegionTable::dotted("12345"), "12345");  // not a region code: unchanged
  for (const auto& province : real_table().provinces()) {
    for (const auto& regency : real_table().children(province.code)) {
      const std::string d = RegionTable::dotted(regency.code);
      ASSERT_EQ(RegionTable::undot(d), regency.code);
      ASSERT_EQ(real_table().find(d)->name, regency.name);
    }
  }
}

TEST(RegionTable, LevelFollowsTheNumberOfDigits) {
  EXPECT_EQ(RegionTable::level_of("32"), RegionLevel::province);
  EXPECT_EQ(RegionTable::level_of("3204"), RegionLevel::regency);
  EXPECT_EQ(RegionTable::level_of("320410"), RegionLevel::district);
  EXPECT_EQ(RegionTable::level_of("3204102001"), RegionLevel::village);
  EXPECT_FALSE(RegionTable::level_of(""));
  EXPECT_FALSE(RegionTable::level_of("3"));
  EXPECT_FALSE(RegionTable::level_of("32041020"));
  EXPECT_FALSE(RegionTable::level_of("32.04"));
  EXPECT_FALSE(RegionTable::level_of("3a"));
}

TEST(RegionTable, SmallTablesCanBeBuiltByHand) {
  RegionTable t;
  t.add({"32", "Jawa Barat"});
  t.add({"32.04", "Kab. Bandung"});
  t.add({"320437", "Soreang"});
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.find("3204")->level, RegionLevel::regency);
  EXPECT_EQ(t.describe("32.04.37"), "Soreang, Kab. Bandung, Jawa Barat");
  t.add({"32", "West Java"});  // same code again: renamed, not duplicated
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.provinces().size(), 1u);
  EXPECT_EQ(t.describe("3204"), "Kab. Bandung, West Java");
}

TEST(RegionTable, MissingFileIsAnError) {
  const auto loaded = RegionTable::load("/nonexistent/simpul/regions.tsv");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::not_found);
}

TEST(RegionTable, MalformedLineIsAnErrorNamingTheLine) {
  struct Case {
    const char* content;
    const char* expected_line;
  };
  const Case cases[] = {
      {"# header\n32\tJawa Barat\n3204 Kab. Bandung\n", ":3: "},   // no tab
      {"32\tJawa Barat\n320\tSomewhere\n", ":2: "},                 // 3-digit code
      {"32\tJawa Barat\n3204\t\n", ":2: "},                         // empty name
      {"32\tJawa Barat\n3204\tA\tB\n", ":2: "},                     // extra field
      {"32\tJawa Barat\n32\tJawa Barat\n", ":2: "},                 // duplicate
      {"32\tJawa Barat\n#\n\n330101\tKroya\n", ":4: "},             // parent 3301 missing
  };
  for (const auto& c : cases) {
    TempFile file(c.content);
    const auto loaded = RegionTable::load(file.path());
    ASSERT_FALSE(loaded.ok()) << c.content;
    EXPECT_EQ(loaded.error().code, "regions.malformed");
    EXPECT_NE(loaded.error().message.find(file.path() + c.expected_line), std::string::npos)
        << loaded.error().message;
  }
}

TEST(RegionTable, CommentOnlyFileIsAnErrorNotAnEmptyTable) {
  TempFile file("# nothing here\n");
  const auto loaded = RegionTable::load(file.path());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "regions.empty");
}

TEST(RegionTable, AcceptsCrlfLineEndings) {
  TempFile file("# header\r\n32\tJawa Barat\r\n3204\tKab. Bandung\r\n");
  const auto loaded = RegionTable::load(file.path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->find("3204")->name, "Kab. Bandung");
}
