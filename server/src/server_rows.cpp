#include "server_rows.hpp"

namespace simpul::server {

Result<StoredRow> write_server_fields(WriteContext& ctx, const EntityDef& def, const std::string& id,
                                      const Fields& changes) {
  auto loaded = ctx.tx().load(def, id);
  if (!loaded.ok()) return loaded.error();
  std::optional<StoredRow> before = std::move(loaded).value();
  StoredRow row;
  if (before) {
    row = *before;
  } else {
    row.id = id;
    for (const auto& c : def.columns) row.fields[c.name] = nullptr;
  }
  bool changed = !before.has_value();
  for (const auto& [name, value] : changes.items()) {
    if (def.column(name) == nullptr) std::abort();  // a bug in the caller, not input
    auto it = row.fields.find(name);
    if (it != row.fields.end() && *it == value) continue;
    row.fields[name] = value;
    row.clocks[name] = ctx.server_clock();
    changed = true;
  }
  if (!changed) return row;
  row.tx = ctx.tx().tx();
  row.hlc.clear();
  for (const auto& [field, c] : row.clocks) {
    if (c.hlc > row.hlc) row.hlc = c.hlc;
  }
  SIMPUL_TRY(ctx.tx().write(def, row));
  ScopeKeeper scope(ctx);
  SIMPUL_TRY(scope.after_write(def, row, before ? &*before : nullptr));
  return row;
}

}  // namespace simpul::server
