#pragma once
// The central operator's side of complaints (pengaduan): list them and answer or close them. Status and
// answer are server-owned fields of the `complaint` entity; an answer is written like any server change
// (field clocks, scope, change log), so it reaches every device of the facilities that see the complaint
// with their next pull.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/server/store.hpp"

namespace simpul::server {

// Complaints filed at `facility` (its `facility` column), or all; newest first. Each is the record's
// fields plus "id".
Result<std::vector<Fields>> list_complaints(Store& store, const std::optional<std::string>& facility);

// Sets the answer (answered_at = now, UTC) and the status "answered", or "closed" with `close`. An unknown
// or deleted complaint is not_found; an empty answer is invalid. Returns the record as stored.
Result<Fields> answer_complaint(Store& store, const Clock& clock, const std::string& id, const std::string& answer,
                                bool close);

}  // namespace simpul::server
