#include <gtest/gtest.h>

#include <vector>

#include "shell/options.hpp"

namespace simpul::shell {
namespace {

Result<Options> parse(std::vector<const char*> args) { return parse_options(args); }

TEST(Options, DefaultsWithoutArguments) {
  auto options = parse({});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->language, "id");
  EXPECT_FALSE(options->kiosk);
  EXPECT_FALSE(options->screenshot.has_value());
  EXPECT_EQ(options->frames, 3);
  EXPECT_EQ(options->width, 1280);
  EXPECT_EQ(options->height, 800);
}

TEST(Options, ParsesEveryOption) {
  auto options = parse({"--db", "desk.db", "--kiosk", "--display", "--lang", "en", "--user", "siti", "--screenshot",
                        "out.png", "--screen", "about", "--frames", "5", "--size", "800x600"});
  ASSERT_TRUE(options.ok()) << options.error().message;
  EXPECT_EQ(options->db, std::filesystem::path("desk.db"));
  EXPECT_TRUE(options->kiosk);
  EXPECT_TRUE(options->display);
  EXPECT_EQ(options->language, "en");
  EXPECT_EQ(options->user, "siti");
  EXPECT_EQ(options->screenshot, std::filesystem::path("out.png"));
  EXPECT_EQ(options->screen, "about");
  EXPECT_EQ(options->frames, 5);
  EXPECT_EQ(options->width, 800);
  EXPECT_EQ(options->height, 600);
}

TEST(Options, AcceptsEqualsForm) {
  auto options = parse({"--lang=en", "--frames=2"});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->language, "en");
  EXPECT_EQ(options->frames, 2);
}

TEST(Options, HelpIsRecognised) {
  EXPECT_TRUE(parse({"--help"})->help);
  EXPECT_TRUE(parse({"-h"})->help);
  EXPECT_NE(usage_text().find("--screenshot OUT.png"), std::string::npos);
}

TEST(Options, RejectsWhatItDoesNotKnow) {
  auto unknown = parse({"--fast"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::invalid);
  EXPECT_EQ(unknown.error().message, "unknown argument '--fast'");
  EXPECT_FALSE(parse({"stray"}).ok());
}

TEST(Options, RejectsMissingAndBadValues) {
  EXPECT_FALSE(parse({"--db"}).ok());
  EXPECT_FALSE(parse({"--lang", "fr"}).ok());
  EXPECT_FALSE(parse({"--frames", "0"}).ok());
  EXPECT_FALSE(parse({"--frames", "3x"}).ok());
  EXPECT_FALSE(parse({"--size", "1280"}).ok());
  EXPECT_FALSE(parse({"--size", "1280x"}).ok());
  EXPECT_FALSE(parse({"--kiosk=yes"}).ok());
}

}  // namespace
}  // namespace simpul::shell
