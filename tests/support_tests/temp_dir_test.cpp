#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace simpul::test {
namespace {

namespace fs = std::filesystem;

TEST(TempDir, IsUniqueAndRemovedWithItsContents) {
  fs::path kept;
  {
    const TempDir dir;
    const TempDir other;
    kept = dir.path();
    EXPECT_TRUE(fs::is_directory(dir.path()));
    EXPECT_NE(dir.path(), other.path());
    EXPECT_EQ(dir.file("a.db"), dir.path() / "a.db");
    fs::create_directories(dir.path() / "nested" / "deeper");
    std::ofstream(dir.file("a.db")) << "data";
  }
  EXPECT_FALSE(fs::exists(kept));
}

TEST(TempDir, LivesUnderTmpdir) {
  const TempDir outer;
  ASSERT_EQ(setenv("TMPDIR", outer.path().c_str(), 1), 0);
  const TempDir inner("inner");
  unsetenv("TMPDIR");
  EXPECT_EQ(inner.path().parent_path(), outer.path());
  EXPECT_EQ(inner.path().filename().string().rfind("inner-", 0), 0U);
}

TEST(TempDir, KeptWhenAsked) {
  fs::path kept;
  ASSERT_EQ(setenv("SIMPUL_KEEP_TMP", "1", 1), 0);
  {
    const TempDir dir;
    kept = dir.path();
  }
  unsetenv("SIMPUL_KEEP_TMP");
  EXPECT_TRUE(fs::is_directory(kept));
  fs::remove_all(kept);
}

}  // namespace
}  // namespace simpul::test
