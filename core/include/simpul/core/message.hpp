#pragma once
// A rule's verdict: a stable code plus the message in Bahasa Indonesia and English.
#include <string>
#include <vector>

namespace simpul {

enum class Severity { error, warning };

struct Finding {
  std::string field;  // e.g. "nik", "phone"
  Severity severity = Severity::error;
  std::string code;   // stable, e.g. "nik.day_out_of_range"
  std::string id;     // Bahasa Indonesia
  std::string en;     // English
  const std::string& text(const std::string& lang) const { return lang == "en" ? en : id; }
};

using Findings = std::vector<Finding>;

inline bool has_errors(const Findings& f) {
  for (const auto& x : f) {
    if (x.severity == Severity::error) return true;
  }
  return false;
}

}  // namespace simpul
