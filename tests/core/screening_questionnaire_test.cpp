// The v1 evaluator and assets/screening/questionnaire-v1.json agree: every question the evaluator knows
// is in the file, in the same order, with the same type, mode, options, unit, range and pairing, and the
// file has no question the evaluator does not know. Plain text search: core tests stay STL-only.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "simpul/core/screening/questionnaire.hpp"

using namespace simpul::screening;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

std::string key(std::string_view name, std::string_view value) {
  return "\"" + std::string(name) + "\": \"" + std::string(value) + "\"";
}

std::string whole_number(double x) {
  return std::to_string(static_cast<long long>(std::lround(x)));
}

class ScreeningQuestionnaireFile : public ::testing::Test {
 protected:
  const std::string text = read_file(std::string(SIMPUL_ASSET_DIR) + "/screening/questionnaire-v1.json");
  const std::vector<QuestionSpec>& specs = *questions("v1");
};

TEST_F(ScreeningQuestionnaireFile, IsVersionOne) {
  ASSERT_FALSE(text.empty()) << "questionnaire-v1.json not found under " << SIMPUL_ASSET_DIR;
  EXPECT_EQ(count_of(text, key("version", "v1")), 1U);
}

TEST_F(ScreeningQuestionnaireFile, HasEveryQuestionOfTheEvaluatorInOrder) {
  std::vector<std::size_t> starts;
  for (const auto& q : specs) {
    SCOPED_TRACE(std::string(q.id));
    const std::string id = key("id", q.id);
    EXPECT_EQ(count_of(text, id), 1U) << "question id must appear exactly once";
    starts.push_back(text.find(id));
  }
  ASSERT_FALSE(starts.empty());
  for (std::size_t i = 1; i < starts.size(); ++i) {
    EXPECT_LT(starts[i - 1], starts[i]) << specs[i].id << " is out of order";
  }
}

TEST_F(ScreeningQuestionnaireFile, EachQuestionMatchesItsSpec) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const QuestionSpec& q = specs[i];
    SCOPED_TRACE(std::string(q.id));
    const std::size_t begin = text.find(key("id", q.id));
    ASSERT_NE(begin, std::string::npos);
    const std::size_t end = i + 1 < specs.size() ? text.find(key("id", specs[i + 1].id)) : text.size();
    const std::string block = text.substr(begin, end - begin);

    EXPECT_EQ(count_of(block, key("type", question_type_code(q.type))), 1U);
    EXPECT_EQ(count_of(block, key("mode", question_mode_code(q.mode))), 1U);
    EXPECT_EQ(count_of(block, std::string("\"required\": ") + (q.required ? "true" : "false")), 1U);
    EXPECT_EQ(count_of(block, "\"text\": {"), 1U + q.options.size()) << "question text and one per option";
    for (const auto option : q.options) EXPECT_EQ(count_of(block, key("id", option)), 1U) << option;
    if (q.type == QuestionType::number) {
      EXPECT_EQ(count_of(block, key("unit", q.unit)), 1U);
      EXPECT_EQ(count_of(block, "\"min\": " + whole_number(q.min) + ","), 1U);
      EXPECT_EQ(count_of(block, "\"max\": " + whole_number(q.max) + ","), 1U);
      if (q.whole) {
        EXPECT_EQ(count_of(block, "\"decimals\": 0"), 1U);
      }
      if (!q.paired_with.empty()) {
        EXPECT_EQ(count_of(block, key("paired_with", q.paired_with)), 1U);
      }
    } else {
      EXPECT_EQ(count_of(block, "\"unit\""), 0U);
    }
  }
}

TEST_F(ScreeningQuestionnaireFile, HasNoQuestionTheEvaluatorDoesNotKnow) {
  EXPECT_EQ(count_of(text, "\"type\": \""), specs.size());
}

TEST_F(ScreeningQuestionnaireFile, EveryTextHasBothLanguages) {
  // Each {"id": …, "en": …} text object: one "en" per text, and texts are the only place "en" is used.
  EXPECT_EQ(count_of(text, "\"en\": \""), count_of(text, "\"text\": {") + count_of(text, "\"help\": {") +
                                              count_of(text, "\"title\": {") +
                                              4U /* intro, disclaimer, 2 modes */);
}

}  // namespace
