// simpulctl findrisc: the CLI wiring of core's FINDRISC (the table itself is tested in tests/core).
#include "care_fixture.hpp"

namespace simpul::care_test {
namespace {

struct Case {
  std::vector<std::string> flags;  // age sex bmi waist active vegetables bp-drugs high-glucose family
  std::string expected;
};

std::vector<std::string> args_of(const std::vector<std::string>& v) {
  static const char* kNames[] = {"--age", "--sex", "--bmi", "--waist", "--active", "--vegetables", "--bp-drugs",
                                 "--high-glucose", "--family"};
  std::vector<std::string> out{"findrisc"};
  for (std::size_t i = 0; i < v.size(); ++i) {
    out.push_back(kNames[i]);
    out.push_back(v[i]);
  }
  out.push_back("--json");
  return out;
}

TEST(CareFindriscCli, PrintsExactlyScoreAndBandForEachBand) {
  const Case cases[] = {
      {{"40", "L", "22", "85", "yes", "yes", "no", "no", "none"}, R"({"score":0,"band":"low"})"},
      // 2 (age) + 1 (BMI 25.0, the boundary) + 3 (women's 80 cm) + 1 (vegetables) = 7
      {{"45", "P", "25.0", "80", "yes", "no", "no", "no", "none"}, R"({"score":7,"band":"slightly_elevated"})"},
      // 2 + 1 + 3 + 2 + 1 + 3 = 12
      {{"50", "L", "27", "95", "no", "no", "no", "no", "second"}, R"({"score":12,"band":"moderate"})"},
      // 3 + 3 + 4 + 2 + 0 + 2 + 0 + 5 = 19
      {{"58", "P", "31.2", "92", "no", "yes", "yes", "no", "first"}, R"({"score":19,"band":"high"})"},
      // every item at its maximum: 4 + 3 + 4 + 2 + 1 + 2 + 5 + 5 = 26
      {{"70", "L", "35", "110", "no", "no", "yes", "yes", "first"}, R"({"score":26,"band":"very_high"})"},
  };
  for (const auto& c : cases) {
    const Outcome r = simpulctl(args_of(c.flags));
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, c.expected + "\n") << "age " << c.flags[0];
  }
}

TEST(CareFindriscCli, TextOutputListsTheItems) {
  const Outcome r = simpulctl({"findrisc", "--age", "58", "--sex", "P", "--bmi", "31.2", "--waist", "92", "--active",
                               "no", "--vegetables", "yes", "--bp-drugs", "yes", "--high-glucose", "no", "--family",
                               "first"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("FINDRISC 19 / 26: high"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("family: 5"), std::string::npos) << r.out;
}

TEST(CareFindriscCli, MissingOrMalformedFlagsAreUsageErrors) {
  Outcome r = simpulctl({"findrisc", "--age", "40", "--sex", "L", "--bmi", "22", "--active", "yes", "--vegetables",
                         "yes", "--bp-drugs", "no", "--high-glucose", "no", "--family", "none", "--json"});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.err.find("waist"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  r = simpulctl(args_of({"40", "X", "22", "85", "yes", "yes", "no", "no", "none"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("sex"), std::string::npos) << r.err;
  r = simpulctl(args_of({"40", "L", "22", "85", "maybe", "yes", "no", "no", "none"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("active"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace simpul::care_test
