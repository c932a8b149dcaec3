#pragma once
// simpulctl's command line: `--name value`, `--name=value`, flags, repeated options, positional words,
// and `--` to end the options. Whether an option takes a value is declared once (OptionSpec), so the
// parser does not need to know the command before it has read the words.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul::ctl {

struct OptionSpec {
  std::string name;         // without the dashes: "db"
  std::string value;        // placeholder in help ("FILE"); empty for a flag
  std::string help;         // one line
  bool required = false;
  bool repeated = false;    // may be given several times (--set a=1 --set b=2)
  bool takes_value() const { return !value.empty(); }
};

class Args {
 public:
  // Splits argv (without the program name). `specs` tells which options take a value; an option not
  // in `specs` is a usage error (code "usage").
  static Result<Args> parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);

  const std::vector<std::string>& positional() const { return positional_; }
  bool has(const std::string& name) const { return options_.count(name) != 0; }
  std::optional<std::string> get(const std::string& name) const;  // the last value given
  std::string get_or(const std::string& name, const std::string& fallback) const;
  std::vector<std::string> all(const std::string& name) const;
  std::vector<std::string> names() const;  // options given, in name order

  // Drops the first `n` positional words (the command's name once it is known).
  void consume_words(std::size_t n);

  // Checks the options against one command's specs: unknown options, missing required ones, and
  // non-repeatable ones given twice are usage errors.
  Status check(const std::vector<OptionSpec>& allowed) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> options_;
};

// A whole number option (--limit 20): `fallback` when absent; not a number or above `max` is a usage error.
Result<std::size_t> count_option(const Args& args, const std::string& name, std::size_t fallback, std::size_t max);

// An error that should exit with status 2 (wrong use of the command line).
Error usage_error(std::string message);
bool is_usage_error(const Error& e);

}  // namespace simpul::ctl
