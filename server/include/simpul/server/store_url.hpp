#pragma once
// `--db` values: an SQLite file (FILE or sqlite:FILE) or a PostgreSQL URL (postgresql://… or postgres://…).
#include <memory>
#include <string>

#include "simpul/server/store.hpp"

namespace simpul::server {

bool is_postgres_url(const std::string& db);
// `create`: make the SQLite file (init) / the schema in an empty PostgreSQL database.
// `synchronous_full`: SQLite only (tests turn it off).
Result<std::unique_ptr<Store>> open_store_url(const std::string& db, bool create, bool synchronous_full = true);

}  // namespace simpul::server
