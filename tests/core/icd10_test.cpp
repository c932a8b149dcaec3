#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "simpul/core/icd10.hpp"

using namespace simpul;

namespace {

const std::string kFktpPath = std::string(SIMPUL_ASSET_DIR) + "/icd10/fktp.tsv";

const Icd10Catalog& catalog() {
  static const Icd10Catalog loaded = [] {
    auto r = Icd10Catalog::load(kFktpPath);
    if (!r.ok()) {
      ADD_FAILURE() << r.error().message;
      return Icd10Catalog{};
    }
    return std::move(r).value();
  }();
  return loaded;
}

std::vector<std::string> codes_of(const std::vector<const Diagnosis*>& found) {
  std::vector<std::string> out;
  for (const auto* d : found) out.push_back(d->code);
  return out;
}

// Writes `content` to a file under the system temp dir and removes it when the test ends.
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

}  // namespace

TEST(Icd10Catalog, LoadsTheFktpListWithAtLeastThe144Diagnoses) {
  const auto loaded = Icd10Catalog::load(kFktpPath);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_GE(loaded->size(), 144u);
  EXPECT_LE(loaded->size(), 200u);
  EXPECT_EQ(loaded->all().size(), loaded->size());
}

TEST(Icd10Catalog, CodesAreUniqueWellFormedAndSorted) {
  std::set<std::string> seen;
  std::string previous;
  for (const auto& d : catalog().all()) {
    EXPECT_TRUE(Icd10Catalog::valid_code(d.code)) << d.code;
    EXPECT_TRUE(seen.insert(d.code).second) << "duplicate " << d.code;
    EXPECT_LT(previous, d.code);
    EXPECT_FALSE(d.name_id.empty()) << d.code;
    EXPECT_FALSE(d.name_en.empty()) << d.code;
    previous = d.code;
  }
}

TEST(Icd10Catalog, HasTheCommonPrimaryCareDiagnoses) {
  for (const char* code : {"A09", "J06.9", "I10", "E11.9", "K29.7", "A01.0", "A90", "A91", "J45.9", "B86",
                           "A15.0", "Z34.9", "N39.0", "K30", "M54.5", "H10.9"}) {
    EXPECT_NE(catalog().find(code), nullptr) << code;
  }
  EXPECT_EQ(catalog().find("I10")->name_id, "Hipertensi esensial (primer)");
}

TEST(Icd10Catalog, FindIgnoresCaseAndTheDot) {
  const Diagnosis* ispa = catalog().find("J06.9");
  ASSERT_NE(ispa, nullptr);
  EXPECT_EQ(catalog().find("j06.9"), ispa);
  EXPECT_EQ(catalog().find("J069"), ispa);
  EXPECT_EQ(catalog().find("J06"), nullptr);  // a category is not one of its codes
  EXPECT_EQ(catalog().find("Z99.9"), nullptr);
  EXPECT_EQ(catalog().find(""), nullptr);
}

TEST(Icd10Catalog, SearchFindsDiarrhoeaByIndonesianWord) {
  const auto found = codes_of(catalog().search("diare", 10));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "A09");
  EXPECT_EQ(codes_of(catalog().search("DIARE", 10)), found);
}

TEST(Icd10Catalog, SearchFindsHypertensionByWordPrefix) {
  const auto found = codes_of(catalog().search("hipert", 10));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "I10");
  EXPECT_EQ(codes_of(catalog().search("hypert", 10)).front(), "I10");  // English works too
}

TEST(Icd10Catalog, SearchPutsCodePrefixMatchesFirst) {
  const auto j06 = codes_of(catalog().search("J06", 10));
  ASSERT_FALSE(j06.empty());
  EXPECT_EQ(j06.front(), "J06.9");
  EXPECT_EQ(codes_of(catalog().search("j06.9", 10)).front(), "J06.9");

  // "J" is a code prefix of every J code and a word prefix of names elsewhere: the J codes come first.
  const auto j = codes_of(catalog().search("j", 100));
  const auto j_codes = static_cast<std::size_t>(std::count_if(
      catalog().all().begin(), catalog().all().end(), [](const Diagnosis& d) { return d.code[0] == 'J'; }));
  ASSERT_GT(j.size(), j_codes);
  for (std::size_t i = 0; i < j.size(); ++i) EXPECT_EQ(j[i][0] == 'J', i < j_codes) << j[i];
}

TEST(Icd10Catalog, SearchNeedsEveryWordAndHonoursTheLimit) {
  EXPECT_EQ(codes_of(catalog().search("diabetes tipe 2", 10)), std::vector<std::string>{"E11.9"});
  EXPECT_EQ(codes_of(catalog().search("demam berdarah", 10)), std::vector<std::string>{"A91"});
  EXPECT_EQ(catalog().search("tinea", 3).size(), 3u);
  EXPECT_TRUE(catalog().search("", 10).empty());
  EXPECT_TRUE(catalog().search("   ", 10).empty());
  EXPECT_TRUE(catalog().search("zzzz", 10).empty());
  EXPECT_TRUE(catalog().search("diare", 0).empty());
}

TEST(Icd10Catalog, SearchPrefersNamesThatStartWithTheQuery) {
  // "Gastritis" starts with the word in Indonesian; K21.9 only in English ("Gastro-oesophageal reflux"); A09
  // has it further along ("Diare dan gastroenteritis").
  const auto found = codes_of(catalog().search("gastr", 20));
  ASSERT_GE(found.size(), 3u);
  EXPECT_EQ(found[0], "K29.7");
  EXPECT_EQ(found[1], "K21.9");
  EXPECT_EQ(found[2], "A09");
}

TEST(Icd10Catalog, ValidCodeShape) {
  EXPECT_TRUE(Icd10Catalog::valid_code("I10"));
  EXPECT_TRUE(Icd10Catalog::valid_code("J06.9"));
  EXPECT_FALSE(Icd10Catalog::valid_code("j06.9"));
  EXPECT_FALSE(Icd10Catalog::valid_code("J069"));
  EXPECT_FALSE(Icd10Catalog::valid_code("J06."));
  EXPECT_FALSE(Icd10Catalog::valid_code("J6.9"));
  EXPECT_FALSE(Icd10Catalog::valid_code("106.9"));
  EXPECT_FALSE(Icd10Catalog::valid_code(""));
}

TEST(Icd10Catalog, MissingFileIsAnError) {
  const auto loaded = Icd10Catalog::load("/nonexistent/simpul/fktp.tsv");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::not_found);
}

TEST(Icd10Catalog, MalformedLineIsAnErrorNamingTheLine) {
  struct Case {
    const char* content;
    const char* expected;
  };
  const Case cases[] = {
      {"# c\nI10\tHipertensi\tHypertension\nK29.7\tGastritis\n", ":3: "},          // two columns
      {"I10\tHipertensi\tHypertension\tx\n", ":1: "},                               // four columns
      {"I10\tHipertensi\tHypertension\nk29.7\tGastritis\tGastritis\n", ":2: "},     // bad code
      {"I10\t\tHypertension\n", ":1: "},                                            // empty name
      {"I10\tA\tA\n#\nI10\tB\tB\n", ":3: duplicate code I10 (first on line 1)"},    // duplicate
  };
  for (const auto& c : cases) {
    TempFile file(c.content);
    const auto loaded = Icd10Catalog::load(file.path());
    ASSERT_FALSE(loaded.ok()) << c.content;
    EXPECT_EQ(loaded.error().code, "icd10.malformed");
    EXPECT_NE(loaded.error().message.find(file.path() + c.expected), std::string::npos) << loaded.error().message;
  }
}

TEST(Icd10Catalog, CommentOnlyFileIsAnError) {
  TempFile file("# nothing\n\n");
  const auto loaded = Icd10Catalog::load(file.path());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "icd10.empty");
}
