#pragma once
// Rows on the wire and in digests: the same canonical text for a value on every side, so a
// replica and the server hash identical data identically.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/schema.hpp"
#include "simpul/sync/protocol.hpp"

namespace simpul::sync {

// "SELECT id, c1, c2, ... FROM <table>" for an entity (add your own WHERE/ORDER BY).
std::string select_columns_sql(const storage::EntityDef& def, const std::string& table_alias = "");

// Reads the current statement row (column 0 = id, then the entity's columns in order) as a WireRow.
WireRow wire_row(const storage::Statement& st, const storage::EntityDef& def, std::size_t first_column = 0);

// Canonical text of a value: integer as decimal, real as %.17g, text as is. nullopt for NULL.
std::optional<std::string> canonical_text(const nlohmann::json& value);

// Value i of a row as the local column's type stores it: NULL, integer, real, or text (also for a number
// that does not parse: what the server sent is kept, and the digest shows any divergence). Views `row`.
using WireValue = std::variant<std::nullptr_t, std::int64_t, double, std::string_view>;
WireValue wire_value(const storage::ColumnDef& col, const WireRow& row, std::size_t i);

// A block's row as Fields for Replica::apply_remote (coerced to the local column types). Columns the
// local schema does not know are ignored (a newer server may send more).
storage::Fields fields_from_wire(const storage::EntityDef& def, const EntityBlock& block, const WireRow& row);
// The reverse, for tests and the server: Fields (without "id") to a WireRow in def's column order.
WireRow wire_row_from_fields(const storage::EntityDef& def, const std::string& id, const storage::Fields& f);
std::vector<std::string> column_names(const storage::EntityDef& def);

std::size_t entity_index(const storage::EntityDef& def);
std::uint32_t digest_bucket(const std::string& id);  // 0..kDigestBuckets-1

// SHA-256 over (entity, id, values) in entity order then id order, plus one digest per (entity, bucket).
class DigestBuilder {
 public:
  DigestBuilder();
  ~DigestBuilder();
  DigestBuilder(const DigestBuilder&) = delete;
  DigestBuilder& operator=(const DigestBuilder&) = delete;
  // Rows must arrive in entities() order, and by id (byte order) within an entity.
  void add(std::size_t entity_index, const WireRow& row);
  std::string hex();                       // call once, after all rows
  std::vector<std::string> bucket_hexes();  // call once, after all rows

 private:
  struct State;
  State* s_;
};

// The replica's digest: every synced table, every row.
struct ScopeDigest {
  std::string digest;
  std::vector<std::string> buckets;
};
Result<ScopeDigest> replica_digest(storage::Database& db);

}  // namespace simpul::sync
