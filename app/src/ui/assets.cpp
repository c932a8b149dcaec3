#include "ui/assets.hpp"

#include <cstdlib>

namespace simpul::ui {

std::filesystem::path asset_dir() {
  if (const char* env = std::getenv("SIMPUL_ASSET_DIR"); env != nullptr && *env != '\0') return env;
  return SIMPUL_ASSET_DIR;
}

}  // namespace simpul::ui
