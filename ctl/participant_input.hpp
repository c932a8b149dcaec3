#pragma once
// Participant data coming in on the command line: a JSON participant for `register`, and field=value
// edits for `update`. Both are checked with the core rules (core/rules/) and report every finding at
// once; nothing here touches the replica.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::ctl {

// What the checks need to know about the world.
struct CheckEnv {
  const RegionTable* regions = nullptr;
  Date today;
  const std::vector<Facility>* facilities = nullptr;  // this replica's facility list
};

// A registration read from JSON with the same snake_case names as `search --json` (the address may be
// nested under "address" or flat). Type problems and unknown fields are error findings; server-owned
// fields (card_number, va_number, status, verification, …) are ignored with a warning.
struct RegistrationInput {
  Participant participant;
  Findings findings;
};
RegistrationInput read_registration(const nlohmann::json& input);

// Every rule for a new registration: core validate_participant plus the checks that need the facility
// list (the FKTP exists and is a first-level facility; the dental facility only with a DPP).
Findings check_registration(const Participant& p, const CheckEnv& env);

// `update --set field=value`: the row changes to write and the findings. An unknown field name is a
// usage error (the Result's error); refusals (server-owned fields, rule violations) are error findings.
struct Edit {
  storage::Fields changes = storage::Fields::object();
  Findings findings;
};
struct EditOptions {
  bool consent = false;  // the participant agreed to a segment change (PPU -> PBPU)
};
Result<Edit> plan_edit(const Participant& current, const std::vector<std::pair<std::string, std::string>>& sets,
                       const CheckEnv& env, const EditOptions& options);

// The fields `update` can change, for help and error messages.
std::string editable_fields();

}  // namespace simpul::ctl
