// simpulctl user add / user list: staff accounts on this replica.
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "simpul/storage/users.hpp"

namespace simpul::ctl {
namespace {

// Reads one line from stdin; on a terminal, prompts on stderr and does not echo what is typed.
std::string read_password_line(Context& ctx) {
  const bool tty = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    ctx.err() << ctx.tr({"Password for the new account: ", "Kata sandi akun baru: "}) << std::flush;
    if (tcgetattr(STDIN_FILENO, &saved) == 0) {
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    ctx.err() << '\n';
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

// The new account's password never comes from argv (it would show in `ps` and shell history):
// SIMPUL_NEW_PASSWORD, else SIMPUL_PASSWORD when no --user is acting (with --user that variable holds the
// actor's own password), else one line on stdin.
std::string new_password(Context& ctx) {
  if (const char* p = std::getenv("SIMPUL_NEW_PASSWORD"); p != nullptr && *p != '\0') return p;
  if (!ctx.args().has("user")) {
    if (const char* p = std::getenv("SIMPUL_PASSWORD"); p != nullptr && *p != '\0') return p;
  }
  return read_password_line(ctx);
}

Status run_user_add(Context& ctx) {
  const std::string username = ctx.args().get_or("username", "");
  const auto role = parse_role(ctx.args().get_or("role", ""));
  if (!role) return usage_error("--role must be one of admin, registration, clinician, viewer");
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  SIMPUL_TRY(ctx.require_role({Role::admin}));
  const std::string password = new_password(ctx);
  User user;
  user.username = username;
  user.display_name = ctx.args().get_or("name", username);
  user.role = *role;
  user.demo = ctx.args().has("demo");
  auto id = storage::Users(**replica).create(*who, user, password);
  if (!id.ok()) return id.error();
  if (ctx.json()) {
    ctx.print_json({{"id", *id}, {"username", username}, {"role", role_code(*role)}});
  } else {
    ctx.out() << *id << '\n';
  }
  return {};
}

Status run_user_list(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto users = storage::Users(**replica).list();
  if (!users.ok()) return users.error();
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& u : *users) {
      out.push_back({{"id", u.id},
                     {"username", u.username},
                     {"display_name", u.display_name},
                     {"role", role_code(u.role)},
                     {"active", u.active},
                     {"demo", u.demo}});
    }
    ctx.print_json(out);
    return {};
  }
  for (const auto& u : *users) {
    ctx.out() << u.username << "  " << role_code(u.role) << "  " << u.display_name << (u.active ? "" : "  (disabled)")
              << (u.demo ? "  (demo account)" : "") << '\n';
  }
  return {};
}

}  // namespace

Command user_add_command() {
  Command c;
  c.name = "user add";
  c.summary = "Create a staff account (password from SIMPUL_PASSWORD or stdin, never the command line)";
  c.usage = "--db FILE --username NAME --role ROLE [--name DISPLAY_NAME] [--demo] [--json]";
  c.options = {{"username", "NAME", "the sign-in name", true},
               {"role", "ROLE", "admin | registration | clinician | viewer", true},
               {"name", "DISPLAY_NAME", "the name shown in the app (default: the username)"},
               {"demo", "", "mark it a demo account (the app shows a warning banner while it is signed in)"}};
  c.details =
      "The password (at least 8 characters) is read from SIMPUL_NEW_PASSWORD, else from SIMPUL_PASSWORD\n"
      "when no --user is given, else as one line on stdin (not echoed on a terminal). With --user, the\n"
      "acting account must be an admin.\n\n"
      "Example:\n  printf '%s\\n' \"$PW\" | simpulctl user add --db replica.db --username siti --role registration\n";
  c.run = run_user_add;
  return c;
}

Command user_list_command() {
  Command c;
  c.name = "user list";
  c.summary = "List staff accounts (never their password hashes)";
  c.usage = "--db FILE [--json]";
  c.details =
      "--json prints an array of {\"id\", \"username\", \"display_name\", \"role\", \"active\", \"demo\"}.\n\n"
      "Example:\n  simpulctl user list --db replica.db --json\n";
  c.run = run_user_list;
  return c;
}

}  // namespace simpul::ctl
