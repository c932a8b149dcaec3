#pragma once
// Domain values <-> row Fields. The column names here are the replica's and the wire's.
#include "simpul/core/model.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

Fields to_fields(const Participant& p);  // without "id"
Result<Participant> participant_from(const Fields& row);
Fields to_fields(const Facility& f);
Result<Facility> facility_from(const Fields& row);
Fields to_fields(const User& u);
Result<User> user_from(const Fields& row);

// snake_case JSON for scripts (simpulctl --json): stable field names.
nlohmann::json to_json(const Participant& p);
nlohmann::json to_json(const Facility& f);

}  // namespace simpul::storage
