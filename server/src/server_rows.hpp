#pragma once
// Rows the server writes itself (queue-number slots, Mobile JKN bookings and cancellations, queue
// states derived from events): every written field gets a server clock, the row its transaction
// number, and the facilities that see it get a change-log entry, exactly like a device's write.
#include <string>

#include "scope.hpp"
#include "write_context.hpp"

namespace simpul::server {

// Creates the row, or changes the given fields of an existing one (only values that differ are
// written). Returns the row as stored afterwards.
Result<StoredRow> write_server_fields(WriteContext& ctx, const EntityDef& def, const std::string& id,
                                      const Fields& changes);

}  // namespace simpul::server
