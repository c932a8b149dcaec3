// simpulctl: the headless, scriptable command line over the same libraries and replica as the app.
// This file only dispatches: it parses the command line, finds the command in the table (commands.cpp),
// prints help, runs the command and maps its outcome to the exit status (0 ok, 1 error, 2 usage).
#include <exception>
#include <iostream>
#include <sstream>

#include "commands.hpp"

namespace simpul::ctl {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

const OptionSpec kDbOption{"db", "FILE", "the replica (SQLite file)", true};

// The options one command accepts: its own, --db when it needs one, and the global ones.
std::vector<OptionSpec> options_of(const Command& c) {
  std::vector<OptionSpec> out;
  if (c.needs_db) out.push_back(kDbOption);
  out.insert(out.end(), c.options.begin(), c.options.end());
  out.insert(out.end(), global_options().begin(), global_options().end());
  return out;
}

// Every option any command declares: an option name means the same (value or flag) everywhere.
std::vector<OptionSpec> all_options() {
  std::vector<OptionSpec> out{kDbOption};
  for (const auto& c : commands()) {
    for (const auto& o : options_of(c)) {
      bool known = false;
      for (const auto& have : out) known = known || have.name == o.name;
      if (!known) out.push_back(o);
    }
  }
  return out;
}

std::vector<std::string> words_of(const std::string& name) {
  std::vector<std::string> out;
  std::istringstream in(name);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The command whose name matches the most leading words.
const Command* find_command(const std::vector<std::string>& words, std::size_t& matched) {
  const Command* best = nullptr;
  matched = 0;
  for (const auto& c : commands()) {
    const auto name = words_of(c.name);
    if (name.size() > words.size() || name.size() <= matched) continue;
    if (std::equal(name.begin(), name.end(), words.begin())) {
      best = &c;
      matched = name.size();
    }
  }
  return best;
}

// Commands under a group word ("user" -> "user add", "user list").
std::vector<const Command*> group_of(const std::string& word) {
  std::vector<const Command*> out;
  for (const auto& c : commands()) {
    if (words_of(c.name).front() == word && words_of(c.name).size() > 1) out.push_back(&c);
  }
  return out;
}

void print_option_list(std::ostream& out, const std::vector<OptionSpec>& options) {
  for (const auto& o : options) {
    std::string left = "  --" + o.name + (o.takes_value() ? " " + o.value : "");
    if (left.size() < 24) left.resize(24, ' ');
    out << left << "  " << o.help << (o.repeated ? " (may be repeated)" : "") << '\n';
  }
}

void print_overview(std::ostream& out) {
  out << "simpulctl - Simpul's headless command line: the local replica, demo data, participants.\n\n"
         "Usage: simpulctl COMMAND [OPTIONS]\n\nCommands:\n";
  for (const auto& c : commands()) {
    std::string left = "  " + c.name;
    if (left.size() < 16) left.resize(16, ' ');
    out << left << "  " << c.summary << '\n';
  }
  out << "\nGlobal options:\n";
  print_option_list(out, global_options());
  out << "\nRun `simpulctl COMMAND --help` for a command's options and examples.\n"
         "Writes are recorded as the --user account, or as \"simpulctl\" when --user is not given.\n"
         "Exit status: 0 success, 1 error, 2 wrong usage. Errors are one line on stderr.\n";
}

void print_command_help(std::ostream& out, const Command& c) {
  out << "Usage: simpulctl " << c.name << (c.usage.empty() ? "" : " " + c.usage) << "\n\n" << c.summary << "\n\n";
  std::vector<OptionSpec> own;
  if (c.needs_db) own.push_back(kDbOption);
  own.insert(own.end(), c.options.begin(), c.options.end());
  if (!own.empty()) {
    out << "Options:\n";
    print_option_list(out, own);
  }
  out << "Global options:\n";
  print_option_list(out, global_options());
  if (!c.details.empty()) out << '\n' << c.details << (c.details.back() == '\n' ? "" : "\n");
}

int usage_failure(std::ostream& err, const std::string& message) {
  err << "simpulctl: " << message << " (see simpulctl --help)\n";
  return kExitUsage;
}

int run(std::vector<std::string> argv, std::ostream& out, std::ostream& err) {
  auto parsed = Args::parse(argv, all_options());
  if (!parsed.ok()) return usage_failure(err, parsed.error().message);
  Args args = std::move(parsed).value();
  std::vector<std::string> words = args.positional();
  const bool help = args.has("help") || (!words.empty() && words.front() == "help");
  if (!words.empty() && words.front() == "help") words.erase(words.begin());

  if (words.empty()) {
    print_overview(help ? out : err);
    return help ? kExitOk : kExitUsage;
  }
  std::size_t matched = 0;
  const Command* command = find_command(words, matched);
  if (command == nullptr) {
    const auto group = group_of(words.front());
    if (group.empty()) return usage_failure(err, "unknown command '" + words.front() + "'");
    std::string names;
    for (const Command* c : group) names += (names.empty() ? "" : ", ") + c->name;
    if (help) {
      for (const Command* c : group) out << "simpulctl " << c->name << "  " << c->summary << '\n';
      return kExitOk;
    }
    return usage_failure(err, "'" + words.front() + "' needs a sub-command: " + names);
  }
  if (help) {
    print_command_help(out, *command);
    return kExitOk;
  }
  args.consume_words(args.positional().size() - words.size() + matched);
  if (auto s = args.check(options_of(*command)); !s.ok()) return usage_failure(err, s.error().message);
  if (args.positional().size() > command->max_words) {
    return usage_failure(err, "unexpected argument '" + args.positional()[command->max_words] + "' for " +
                                  command->name);
  }
  if (const auto lang = args.get_or("lang", "en"); lang != "en" && lang != "id") {
    return usage_failure(err, "--lang must be id or en");
  }

  Context ctx(std::move(args), *command, out, err);
  // A wrong --user password fails every command, not only the ones that write.
  Status s;
  if (ctx.args().has("user") && command->needs_db) {
    if (auto who = ctx.actor(); !who.ok()) s = who.error();
  }
  if (s.ok()) s = command->run(ctx);
  out.flush();
  if (s.ok()) return kExitOk;
  if (is_usage_error(s.error())) return usage_failure(err, s.error().message);
  err << "simpulctl: " << s.error().message << '\n';
  return kExitError;
}

}  // namespace
}  // namespace simpul::ctl

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    return simpul::ctl::run(std::move(args), std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "simpulctl: internal error: " << e.what() << '\n';
    return 1;
  }
}
