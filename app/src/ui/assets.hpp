#pragma once
#include <filesystem>

namespace simpul::ui {

// Where assets (i18n tables, ...) live: $SIMPUL_ASSET_DIR if set, else the build-time SIMPUL_ASSET_DIR.
std::filesystem::path asset_dir();

}  // namespace simpul::ui
