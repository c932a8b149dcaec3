// simpulctl backup / restore: a consistent copy of the replica, and putting one back.
#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::ctl {
namespace {

std::string absolute(const std::string& path) {
  std::error_code ec;
  return std::filesystem::absolute(path, ec).string();
}

Status run_backup(Context& ctx) {
  const std::string target = ctx.args().get_or("out", "");
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  SIMPUL_TRY((*replica)->db().backup_to(target));
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(target, ec);
  if (ctx.json()) {
    ctx.print_json({{"backup", absolute(target)}, {"bytes", ec ? 0 : bytes}});
  } else {
    ctx.out() << absolute(target) << '\n';
  }
  return {};
}

// A backup must be a Simpul replica this program understands, before it replaces anything.
Status check_backup(Context& ctx, const std::string& path) {
  storage::OpenOptions ro;
  ro.read_only = true;
  ro.create = false;
  auto db = storage::Database::open(path, ro);
  if (!db.ok()) return db.error();
  const int version = db->user_version();
  auto has_participants =
      db->query_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'participants'");
  if (version < 1 || version > storage::latest_schema_version() || !has_participants.ok() ||
      has_participants->value_or(0) == 0) {
    return make_error(ErrorKind::invalid, "restore.not_a_replica",
                      ctx.tr(path + " is not a Simpul replica backup this version can restore",
                             path + " bukan cadangan replika Simpul yang dapat dipulihkan versi ini"));
  }
  return {};
}

Status run_restore(Context& ctx) {
  const std::string source = ctx.args().get_or("from", "");
  const std::string target = ctx.db_path();
  std::error_code ec;
  if (!std::filesystem::exists(source, ec)) {
    return make_error(ErrorKind::not_found, "restore.missing", ctx.tr("no backup at " + source, "tidak ada cadangan di " + source));
  }
  SIMPUL_TRY(check_backup(ctx, source));
  SIMPUL_TRY(ctx.require_role({Role::admin}));  // only with --user; opens the replica to sign in
  ctx.close_replica();
  if (std::filesystem::exists(target, ec) && !ctx.args().has("force")) {
    // Changes not yet on the server exist only here: restoring over them would lose them for good.
    std::int64_t pending = 0;
    {
      auto replica = storage::Replica::open(target, ctx.clock());
      if (replica.ok()) {
        auto counts = storage::Outbox((*replica)->db()).counts();
        if (counts.ok()) pending = counts->pending + counts->rejected;
      }
    }
    if (pending > 0) {
      return make_error(
          ErrorKind::permanent, "restore.unsynced",
          ctx.tr(std::to_string(pending) + " change(s) in " + target +
                     " are not on the server yet and would be lost; add --force to restore anyway",
                 std::to_string(pending) + " perubahan di " + target +
                     " belum terkirim ke server dan akan hilang; tambahkan --force untuk tetap memulihkan"));
    }
  }
  SIMPUL_TRY(storage::restore_backup(source, target));
  auto replica = ctx.replica();  // opens and migrates the restored file
  if (!replica.ok()) return replica.error();
  if (ctx.json()) {
    ctx.print_json({{"db", absolute(target)}, {"from", absolute(source)}, {"schema_version", (*replica)->db().user_version()}});
  } else {
    ctx.out() << absolute(target) << '\n';
  }
  return {};
}

}  // namespace

Command backup_command() {
  Command c;
  c.name = "backup";
  c.summary = "Write a consistent copy of the replica to a new file (online, while others use it)";
  c.usage = "--db FILE --out BACKUP_FILE [--json]";
  c.options = {{"out", "BACKUP_FILE", "where to write the copy (must not exist)", true}};
  c.details = "Example:\n  simpulctl backup --db replica.db --out /media/usb/simpul-2026-03-15.db\n";
  c.run = run_backup;
  return c;
}

Command restore_command() {
  Command c;
  c.name = "restore";
  c.summary = "Replace the replica with a backup (checked first; refuses to drop unsynced changes)";
  c.usage = "--db FILE --from BACKUP_FILE [--force] [--json]";
  c.options = {{"from", "BACKUP_FILE", "a file written by `simpulctl backup`", true},
               {"force", "", "restore even when the replica has changes the server has not confirmed"}};
  c.details =
      "The backup's integrity and schema are checked before anything is replaced; the swap is atomic.\n"
      "No other program may have the replica open.\n\n"
      "Example:\n  simpulctl restore --db replica.db --from /media/usb/simpul-2026-03-15.db\n";
  c.creates_db = true;
  c.run = run_restore;
  return c;
}

}  // namespace simpul::ctl
