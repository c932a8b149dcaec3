#include "context/card_output.hpp"

#include <system_error>

namespace simpul::context {

std::filesystem::path export_dir(const std::filesystem::path& db_path) {
  return std::filesystem::absolute(db_path).parent_path() / "exports";
}

std::filesystem::path default_print_dir(const std::filesystem::path& db_path) {
  return std::filesystem::absolute(db_path).parent_path() / "print";
}

std::filesystem::path print_destination(const std::filesystem::path& target, const std::string& file_name) {
  std::error_code ec;
  const std::string text = target.string();
  if (std::filesystem::is_directory(target, ec) || (!text.empty() && text.back() == '/')) return target / file_name;
  return target;
}

}  // namespace simpul::context
