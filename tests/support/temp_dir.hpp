#pragma once
// A unique scratch directory per test, removed with everything in it when the TempDir goes away.
#include <filesystem>
#include <string_view>

namespace simpul::test {

class TempDir {
 public:
  // Creates $TMPDIR/<prefix>-XXXXXX (or under /tmp). Throws std::system_error when it cannot.
  explicit TempDir(std::string_view prefix = "simpul-test");
  // Removes the directory, unless SIMPUL_KEEP_TMP=1 is set: then it stays and its path goes to stderr.
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path() / name. Creates nothing.
  std::filesystem::path file(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace simpul::test
