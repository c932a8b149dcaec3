// assets/info: the program information pages listed in index.json exist in both languages, use only the
// Markdown subset the app renders (assets/info/README.md), and have the same sections in each language.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/process.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kInfo = fs::path(SIMPUL_ASSET_DIR) / "info";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(CareInfo, IndexListsEveryTopicInBothLanguagesWithTheSameSections) {
  const json index = json::parse(simpul::test::read_file(kInfo / "index.json"), nullptr, false);
  ASSERT_TRUE(index.is_object()) << "index.json is not JSON";
  const std::vector<std::string> expected = {"benefits", "registration", "rights_obligations", "sanctions", "premiums"};
  std::vector<std::string> topics;
  for (const auto& t : index["topics"]) {
    topics.push_back(t["id"]);
    std::size_t sections[2] = {0, 0};
    int k = 0;
    for (const char* lang : {"id", "en"}) {
      SCOPED_TRACE(t["id"].get<std::string>() + "." + lang);
      EXPECT_FALSE(t["title"][lang].get<std::string>().empty());
      const std::string file = t["files"][lang];
      EXPECT_EQ(file, t["id"].get<std::string>() + "." + lang + ".md");
      const std::string text = simpul::test::read_file(kInfo / file);
      ASSERT_FALSE(text.empty()) << file << " is missing or empty";
      const auto lines = lines_of(text);
      EXPECT_EQ(lines.front(), "# " + t["title"][lang].get<std::string>()) << "the title line comes first";
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.rfind("## ", 0) == 0) ++sections[k];
        EXPECT_FALSE(i > 0 && l.rfind("# ", 0) == 0) << "one title only: " << l;
        EXPECT_FALSE(l.find('<') != std::string::npos || l.find("](") != std::string::npos || l.rfind("|", 0) == 0 ||
                     l.rfind("  ", 0) == 0 || l.rfind("* ", 0) == 0 || l.rfind("###", 0) == 0)
            << "outside the subset: " << l;
        std::size_t stars = 0;
        for (std::size_t p = l.find("**"); p != std::string::npos; p = l.find("**", p + 2)) ++stars;
        EXPECT_EQ(stars % 2, 0u) << "unbalanced bold: " << l;
      }
      EXPECT_NE(text.find("165"), std::string::npos) << "points to BPJS Kesehatan for the rules in force";
      ++k;
    }
    EXPECT_EQ(sections[0], sections[1]) << t["id"] << ": both languages have the same sections";
    EXPECT_GE(sections[0], 1u);
  }
  EXPECT_EQ(topics, expected);
  EXPECT_FALSE(index["note"]["id"].get<std::string>().empty());
}

TEST(CareInfo, PremiumPagesStateTheDomainFigures) {
  const std::string id = simpul::test::read_file(kInfo / "premiums.id.md");
  const std::string en = simpul::test::read_file(kInfo / "premiums.en.md");
  for (const char* amount : {"150.000", "100.000", "42.000", "35.000", "7.000"}) {
    EXPECT_NE(id.find(std::string("Rp") + amount), std::string::npos) << amount;
  }
  for (const char* amount : {"150,000", "100,000", "42,000", "35,000", "7,000"}) {
    EXPECT_NE(en.find(std::string("Rp") + amount), std::string::npos) << amount;
  }
  EXPECT_NE(id.find("tanggal 10"), std::string::npos);
  EXPECT_NE(en.find("by the 10th"), std::string::npos);
}

}  // namespace
