#include "entity_schema.hpp"

namespace simpul::server {

bool indexed_column(const std::string& name) {
  static const char* const kNames[] = {"participant_id", "facility", "entry_id", "visit_id", "entity_id",
                                       "kk_number",      "nik",      "fktp",     "card_number"};
  for (const char* n : kNames) {
    if (name == n) return true;
  }
  return false;
}

namespace {
std::string index_ddl(const storage::EntityDef& def, const std::string& column) {
  return "CREATE INDEX IF NOT EXISTS " + def.table + "_" + column + " ON " + def.table + "(" + column + ")";
}
}  // namespace

std::string column_index_ddl(const storage::EntityDef& def) {
  std::string sql;
  for (const auto& c : def.columns) {
    if (indexed_column(c.name)) sql += index_ddl(def, c.name) + ";\n";
  }
  return sql;
}

std::vector<std::string> entity_catch_up(const storage::EntityDef& def, const std::set<std::string>& have,
                                         const SchemaDialect& dialect) {
  if (have.empty()) return {dialect.create_table(def)};
  std::vector<std::string> out;
  for (const auto& c : def.columns) {
    if (have.count(c.name) == 0) {
      out.push_back("ALTER TABLE " + def.table + " ADD COLUMN " + c.name + " " + dialect.column_type(c.type));
    }
    if (indexed_column(c.name)) out.push_back(index_ddl(def, c.name));
  }
  return out;
}

std::vector<std::string> composite_index_ddl() {
  // A facility's queue of one day (WS Antrean status, bookings).
  return {"CREATE INDEX IF NOT EXISTS queue_entries_facility_day ON queue_entries(facility, day, poli)"};
}

}  // namespace simpul::server
