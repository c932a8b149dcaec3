#pragma once
// Loading rows that already exist centrally (the demo data set, later a bootstrap snapshot) straight into
// the replica's tables. No outbox op and no audit entry is written: these rows are not this device's
// changes, and pushing them back to the server would be wrong.
#include <string>
#include <vector>

#include "simpul/core/demo.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

// Inserts `rows` into def's table with one prepared statement. Each row is an object holding "id" and
// any of def's columns (missing columns are stored as NULL; an unknown field is ErrorKind::invalid).
// Runs inside the caller's transaction (none open: ErrorKind::invalid), so a failure leaves nothing
// behind once the caller rolls back. An id that already exists is ErrorKind::conflict.
Status bulk_insert(Database& db, const EntityDef& def, const std::vector<Fields>& rows);

// Loads the demo data set in ONE transaction: all facilities, then the participants (only those whose
// FKTP or dental facility is `facility_code`, or everyone when it is empty) with their KK history, bills,
// payments and visits.
Status load_demo(Replica& replica, const demo::DemoData& data, const std::string& facility_code);

}  // namespace simpul::storage
