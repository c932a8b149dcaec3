#pragma once
// The replica's schema: numbered migrations gated on PRAGMA user_version, and the descriptors of
// the synced entities (which table, which columns, who owns which field) that change capture,
// sync apply and the digest all share.
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/db.hpp"

namespace simpul::storage {

enum class ColumnType { text, integer, real };

struct ColumnDef {
  std::string name;
  ColumnType type = ColumnType::text;
  bool server_owned = false;  // assigned by the central server; device edits are ignored there
};

struct EntityDef {
  std::string entity;  // wire name, e.g. "participant"
  std::string table;   // SQL table, e.g. "participants"
  std::vector<ColumnDef> columns;  // excluding "id"
  bool append_only = false;        // facts (queue events, visits, screenings): never edited in place
  const ColumnDef* column(std::string_view name) const;
};

// All synced entities, in dependency order (referenced tables first).
const std::vector<EntityDef>& entities();
const EntityDef* find_entity(std::string_view entity);

int latest_schema_version();
// Brings the database to the latest version, one numbered migration per transaction.
// `target` < latest stops early (used by the migration tests).
Status migrate(Database& db, int target = -1);

}  // namespace simpul::storage
