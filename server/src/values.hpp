#pragma once
// Field values arriving from devices: coerced to the column type the replica uses (so the server and
// every replica store, and hash, the same value) and checked for shape. A failure is a per-op
// rejection ("code: text"), never a request failure.
#include <optional>
#include <string>
#include <vector>

#include "simpul/server/store.hpp"

namespace simpul::server {

struct ValueError {
  std::string code;  // e.g. "value.malformed"
  std::string text;
  std::string reason() const { return code + ": " + text; }
};

// Record ids: 1..64 printable ASCII characters without separators (the digest uses 0x1e/0x1f).
bool valid_id(const std::string& id);

// The value as the column stores it, or why not.
std::optional<ValueError> coerce_value(const EntityDef& def, const storage::ColumnDef& col, const nlohmann::json& in,
                                       nlohmann::json& out);

// Columns a new record must carry (the replica's NOT NULL columns without a default).
const std::vector<std::string>& required_columns(const EntityDef& def);
// Server defaults for NOT NULL columns with a default in the replica (users.active, …).
void apply_defaults(const EntityDef& def, Fields& fields);

// Columns that point at another record, and the entity they point at.
struct Reference {
  const char* column;
  const char* entity;
};
const std::vector<Reference>& references(const EntityDef& def);

// A text value of a field ("" for null), for comparisons and conflict records.
std::string value_text(const nlohmann::json& v);

}  // namespace simpul::server
