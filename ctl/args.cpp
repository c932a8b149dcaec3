#include "args.hpp"

#include <algorithm>

namespace simpul::ctl {
namespace {

const OptionSpec* find_spec(const std::vector<OptionSpec>& specs, const std::string& name) {
  for (const auto& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace

Error usage_error(std::string message) { return make_error(ErrorKind::invalid, "usage", std::move(message)); }
bool is_usage_error(const Error& e) { return e.code == "usage"; }

Result<Args> Args::parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
  Args args;
  bool options_done = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& token = argv[i];
    if (options_done || token.size() < 2 || token.compare(0, 2, "--") != 0) {
      // "-" alone is a value (stdin), and so is anything after "--".
      args.positional_.push_back(token);
      continue;
    }
    if (token == "--") {
      options_done = true;
      continue;
    }
    std::string name = token.substr(2);
    std::optional<std::string> value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    const OptionSpec* spec = find_spec(specs, name);
    if (spec == nullptr) return usage_error("unknown option --" + name);
    if (spec->takes_value()) {
      if (!value) {
        if (i + 1 >= argv.size()) return usage_error("--" + name + " needs a value (" + spec->value + ")");
        value = argv[++i];
      }
    } else if (value) {
      return usage_error("--" + name + " takes no value");
    }
    args.options_[name].push_back(value.value_or(""));
  }
  return args;
}

std::optional<std::string> Args::get(const std::string& name) const {
  const auto it = options_.find(name);
  if (it == options_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

std::vector<std::string> Args::all(const std::string& name) const {
  const auto it = options_.find(name);
  return it == options_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> Args::names() const {
  std::vector<std::string> out;
  for (const auto& [name, values] : options_) out.push_back(name);
  return out;
}

void Args::consume_words(std::size_t n) {
  positional_.erase(positional_.begin(), positional_.begin() + static_cast<std::ptrdiff_t>(std::min(n, positional_.size())));
}

Result<std::size_t> count_option(const Args& args, const std::string& name, std::size_t fallback, std::size_t max) {
  const auto text = args.get(name);
  if (!text) return fallback;
  std::size_t value = 0;
  const bool digits = !text->empty() && text->size() <= 9 &&
                      std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) value = static_cast<std::size_t>(std::stoul(*text));
  if (!digits || value > max) {
    return usage_error("--" + name + " must be a whole number from 0 to " + std::to_string(max));
  }
  return value;
}

Status Args::check(const std::vector<OptionSpec>& allowed) const {
  for (const auto& [name, values] : options_) {
    const OptionSpec* spec = find_spec(allowed, name);
    if (spec == nullptr) return usage_error("option --" + name + " does not apply to this command");
    if (!spec->repeated && values.size() > 1) return usage_error("--" + name + " may be given only once");
  }
  for (const auto& spec : allowed) {
    if (spec.required && !has(spec.name)) {
      return usage_error("missing --" + spec.name + (spec.takes_value() ? " " + spec.value : ""));
    }
  }
  return {};
}

}  // namespace simpul::ctl
