#pragma once
// Where a saved or printed card goes. Saved cards: <replica folder>/exports/kartu-<card number>.png|pdf.
// Printing writes the one-page PDF to the `print.target` setting: a printer device (e.g. /dev/usb/lp0, for a
// printer that takes PDF) or a folder that a print service watches; unset, <replica folder>/print/.
#include <filesystem>
#include <string>

namespace simpul::context {

inline constexpr const char* kPrintTargetSetting = "print.target";

std::filesystem::path export_dir(const std::filesystem::path& db_path);
std::filesystem::path default_print_dir(const std::filesystem::path& db_path);
// `target` a folder (existing, or ending in '/'): a file named `file_name` in it; otherwise `target` itself.
std::filesystem::path print_destination(const std::filesystem::path& target, const std::string& file_name);

}  // namespace simpul::context
