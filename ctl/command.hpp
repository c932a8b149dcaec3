#pragma once
// What a simpulctl command is (the table entry) and what it gets to work with (the Context).
//
// Adding a command: write ctl/cmd_<name>.cpp with a function returning its Command, declare that
// function in commands.hpp and list it in commands.cpp. Sub-commands are commands whose name has
// several words ("user add", "queue call"): the dispatcher matches the longest name.
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::ctl {

class Context;

struct Command {
  std::string name;     // "search", "user add"
  std::string summary;  // one line, for the command list
  std::string usage;    // what follows the name: "--db FILE QUERY [--limit N]"
  std::string details;  // paragraphs shown by --help, examples included
  std::vector<OptionSpec> options;  // the command's own options; the global ones are added by the dispatcher
  bool needs_db = true;             // --db is required
  bool creates_db = false;          // may create the replica file (init, demo); others need it to exist
  std::size_t max_words = 0;        // positional words accepted after the name (search: many)
  Status (*run)(Context& ctx) = nullptr;
};

// Options every command understands.
const std::vector<OptionSpec>& global_options();

// Messages in the language chosen with --lang (en by default, or id).
struct Text {
  std::string_view en;
  std::string_view id;
};

class Context {
 public:
  Context(Args args, const Command& command, std::ostream& out, std::ostream& err);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Args& args() const { return args_; }
  const Command& command() const { return command_; }
  bool json() const { return args_.has("json"); }
  const std::string& lang() const { return lang_; }
  std::string tr(Text text) const { return std::string(lang_ == "id" ? text.id : text.en); }
  std::string tr(std::string en, std::string id) const { return lang_ == "id" ? std::move(id) : std::move(en); }
  // An error carrying a message in the chosen language.
  Error fail(ErrorKind kind, std::string code, Text text) const;

  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  void print_json(const nlohmann::json& value);
  // Findings one per line on stderr ("error   nik: ..."), in the chosen language.
  void print_findings(const Findings& findings);
  nlohmann::json findings_json(const Findings& findings, Severity severity) const;
  // For findings with errors: prints them (and with --json the verdict {"id": null, "errors", "warnings"}
  // on stdout) and returns the one-line refusal, e.g. "registration refused: 2 errors (nik, class)".
  Error refusal(const Findings& findings, Text what);

  const Clock& clock() const;
  Date today() const;  // local date (WIB) of the clock

  // The replica named by --db, opened (and migrated) on first use.
  Result<storage::Replica*> replica();
  // Closes the replica (restore swaps the file and must not hold it open).
  void close_replica() { replica_.reset(); }
  const std::string& db_path() const { return db_path_; }
  // Who is acting: --user NAME (password from SIMPUL_PASSWORD) or the system actor "simpulctl".
  Result<storage::Actor> actor();
  // The role of the --user account, or nullopt for the system actor.
  Result<std::optional<Role>> actor_role();
  // Refuses when a --user account lacks one of `roles` (the system actor may do anything).
  Status require_role(std::initializer_list<Role> roles);
  // Region table from ${SIMPUL_ASSETS or the build's asset dir}/regions/regions.tsv, loaded once.
  Result<const RegionTable*> regions();
  std::string asset_dir() const;

 private:
  Args args_;
  const Command& command_;
  std::ostream& out_;
  std::ostream& err_;
  std::string lang_;
  std::string db_path_;
  std::unique_ptr<storage::Replica> replica_;
  std::optional<storage::Actor> actor_;
  std::optional<Role> actor_role_;
  std::unique_ptr<RegionTable> regions_;
};

}  // namespace simpul::ctl
