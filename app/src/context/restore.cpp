#include "context/restore.hpp"

#include <fstream>
#include <string>
#include <system_error>

#include "simpul/storage/db.hpp"

namespace simpul::context {

std::filesystem::path restore_marker(const std::filesystem::path& db) {
  std::filesystem::path marker = db;
  marker += ".restore-from";
  return marker;
}

Status schedule_restore(const std::filesystem::path& db, const std::filesystem::path& backup) {
  std::error_code ec;
  if (std::filesystem::equivalent(db, backup, ec))
    return make_error(ErrorKind::invalid, "restore.same_file", "the backup is the database itself");
  storage::OpenOptions read_only;
  read_only.read_only = true;
  read_only.create = false;
  {
    auto opened = storage::Database::open(backup.string(), read_only);
    if (!opened.ok()) return opened.error();
    SIMPUL_TRY(opened->integrity_check(false));
  }
  std::ofstream out(restore_marker(db), std::ios::trunc);
  out << std::filesystem::absolute(backup).string();
  out.close();
  if (!out) return make_error(ErrorKind::permanent, "restore.marker", "cannot write " + restore_marker(db).string());
  return {};
}

std::optional<std::filesystem::path> scheduled_restore(const std::filesystem::path& db) {
  std::ifstream in(restore_marker(db));
  if (!in) return std::nullopt;
  std::string path;
  std::getline(in, path);
  if (!path.empty() && path.back() == '\r') path.pop_back();
  if (path.empty()) return std::nullopt;
  return std::filesystem::path(path);
}

void cancel_restore(const std::filesystem::path& db) {
  std::error_code ec;
  std::filesystem::remove(restore_marker(db), ec);
}

std::optional<Status> apply_scheduled_restore(const std::filesystem::path& db) {
  const auto backup = scheduled_restore(db);
  if (!backup) return std::nullopt;
  cancel_restore(db);
  return storage::restore_backup(backup->string(), db.string());
}

}  // namespace simpul::context
