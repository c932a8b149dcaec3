#include "simpul/core/rules/findings.hpp"

#include <iterator>
#include <utility>

namespace simpul::rules {

Finding error_finding(std::string field, std::string code, std::string id, std::string en) {
  return Finding{std::move(field), Severity::error, std::move(code), std::move(id), std::move(en)};
}

Finding warning_finding(std::string field, std::string code, std::string id, std::string en) {
  return Finding{std::move(field), Severity::warning, std::move(code), std::move(id), std::move(en)};
}

Error to_error(const Finding& finding) {
  return make_error(ErrorKind::invalid, finding.code, finding.en);
}

const Finding* find_code(const Findings& findings, std::string_view code) {
  for (const auto& f : findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

std::vector<std::string> codes_of(const Findings& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const auto& f : findings) out.push_back(f.code);
  return out;
}

std::vector<std::string> codes_of(const Findings& findings, Severity severity) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.severity == severity) out.push_back(f.code);
  }
  return out;
}

void append(Findings& into, Findings more) {
  into.insert(into.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

}  // namespace simpul::rules
