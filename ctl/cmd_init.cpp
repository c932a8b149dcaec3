// simpulctl init: create (or migrate) a replica.
#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::ctl {
namespace {

Status run_init(Context& ctx) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(ctx.db_path(), ec);
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  const std::string path = std::filesystem::absolute(ctx.db_path(), ec).string();
  const int version = (*replica)->db().user_version();
  if (ctx.json()) {
    ctx.print_json({{"db", path},
                    {"created", !existed},
                    {"schema_version", version},
                    {"install_id", (*replica)->device().install_id}});
  } else {
    ctx.out() << path << '\n';
  }
  return {};
}

}  // namespace

Command init_command() {
  Command c;
  c.name = "init";
  c.summary = "Create a replica, or bring an existing one to the current schema (idempotent)";
  c.usage = "--db FILE [--json]";
  c.details =
      "Prints the replica's absolute path on stdout.\n\n"
      "Example:\n  simpulctl init --db /var/lib/simpul/replica.db\n";
  c.creates_db = true;
  c.run = run_init;
  return c;
}

}  // namespace simpul::ctl
