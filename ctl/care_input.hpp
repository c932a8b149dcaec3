#pragma once
// Helpers shared by the care commands (findrisc, screen, visit, rate, complaint, locate, report).
#include <optional>
#include <string>
#include <utility>

#include "command.hpp"
#include "simpul/core/icd10.hpp"

namespace simpul::ctl::care {

// The whole of FILE, or stdin for "-".
Result<std::string> read_input(Context& ctx, const std::string& path);

// The participant named by exactly one of --id, --nik, --card (not_found when absent).
Result<Participant> participant_arg(Context& ctx);
// The same, or nullopt when none of the three is given.
Result<std::optional<Participant>> optional_participant_arg(Context& ctx);
// Options naming a participant: --id, --nik, --card.
std::vector<OptionSpec> participant_options(const char* purpose);

// A YYYY-MM-DD option; nullopt when absent, a usage error when malformed.
Result<std::optional<Date>> date_option(Context& ctx, const std::string& name);
// --from/--to: default the 30 days ending today; from after to is a usage error.
Result<std::pair<Date, Date>> date_range(Context& ctx);

// assets/icd10/fktp.tsv, loaded once per process.
Result<const Icd10Catalog*> icd10(Context& ctx);

// Findings on stderr and, with --json, {"id": null, "errors": [...], "warnings": [...]} plus `extra`
// on stdout; the one-line refusal error to return.
Error refuse(Context& ctx, const Findings& findings, Text what, const nlohmann::json& extra = nlohmann::json::object());

}  // namespace simpul::ctl::care
