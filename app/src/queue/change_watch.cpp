#include "queue/change_watch.hpp"

#include <sqlite3.h>

#include "simpul/storage/db.hpp"

namespace simpul::queue_ui {

bool ChangeWatch::changed(storage::Database& db, std::int64_t steady_ms) {
  if (primed_ && steady_ms - last_look_ms_ < interval_ms_) return false;
  last_look_ms_ = steady_ms;
  const auto version = db.query_int("PRAGMA data_version");
  const std::int64_t data_version = version.ok() && *version ? **version : -1;
  const std::int64_t total_changes = db.raw() != nullptr ? sqlite3_total_changes64(db.raw()) : -1;
  const bool differs = !primed_ || data_version != data_version_ || total_changes != total_changes_;
  primed_ = true;
  data_version_ = data_version;
  total_changes_ = total_changes;
  return differs;
}

}  // namespace simpul::queue_ui
