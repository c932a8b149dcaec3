#pragma once
// Shaping and reading a rule's Findings. Rules supply the words; these helpers keep the shape uniform.
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/message.hpp"
#include "simpul/core/result.hpp"

namespace simpul::rules {

Finding error_finding(std::string field, std::string code, std::string id, std::string en);
Finding warning_finding(std::string field, std::string code, std::string id, std::string en);

// For rules that return Result<T>: the finding as an `invalid` Error carrying its code and English text.
Error to_error(const Finding& finding);

// The first finding with this code, or nullptr (e.g. to highlight one field in a form).
const Finding* find_code(const Findings& findings, std::string_view code);
// Codes in order, for logs and for tests; the second form keeps one severity (errors block saving,
// warnings ask for a confirmation).
std::vector<std::string> codes_of(const Findings& findings);
std::vector<std::string> codes_of(const Findings& findings, Severity severity);

// Appends `more` to `into`.
void append(Findings& into, Findings more);

}  // namespace simpul::rules
