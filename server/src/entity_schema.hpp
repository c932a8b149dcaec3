#pragma once
// What both stores derive the same way from the EntityDefs: which columns are indexed, and the statements that
// bring an existing entity table up to today's definition. Each store supplies its own dialect (column types,
// the CREATE TABLE of a missing table).
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "simpul/storage/schema.hpp"

namespace simpul::server {

// Columns that lookups, scope refreshes and digests filter on.
bool indexed_column(const std::string& name);

// CREATE INDEX IF NOT EXISTS for each indexed column of `def`, one statement a line.
std::string column_index_ddl(const storage::EntityDef& def);

struct SchemaDialect {
  std::function<std::string(const storage::EntityDef&)> create_table;  // the whole table, with its indexes
  std::function<std::string(storage::ColumnType)> column_type;
};

// The statements that bring `def`'s table up to date when it has the columns `have` (empty: no table yet):
// the table, or its missing columns and indexes.
std::vector<std::string> entity_catch_up(const storage::EntityDef& def, const std::set<std::string>& have,
                                         const SchemaDialect& dialect);

// Indexes over several columns, beyond the one-column ones.
std::vector<std::string> composite_index_ddl();

}  // namespace simpul::server
