#pragma once
// "Did the replica change since I last looked?", cheaply enough to ask a few times a second on the UI thread:
// PRAGMA data_version (bumped by commits on OTHER connections: the sync engine, a poli caller in another process,
// simpulctl) plus sqlite3_total_changes64 (this connection's own writes). Neither reads a table. The board and
// the desk panel reload their snapshot only when the answer is yes.
#include <cstdint>

namespace simpul::storage {
class Database;
}

namespace simpul::queue_ui {

class ChangeWatch {
 public:
  // Checks at most once per `interval_ms` of the steady clock.
  explicit ChangeWatch(std::int64_t interval_ms = 300) : interval_ms_(interval_ms) {}

  // True on the first call and whenever the database changed since the last true; false when it is not time to
  // look yet (`steady_ms` closer than the interval to the previous look) or nothing changed.
  bool changed(storage::Database& db, std::int64_t steady_ms);
  // The next changed() is true (after this screen wrote something itself, or was shown again).
  void invalidate() { primed_ = false; }
  std::int64_t interval_ms() const { return interval_ms_; }

 private:
  std::int64_t interval_ms_;
  bool primed_ = false;
  std::int64_t last_look_ms_ = 0;
  std::int64_t data_version_ = -1;
  std::int64_t total_changes_ = -1;
};

}  // namespace simpul::queue_ui
