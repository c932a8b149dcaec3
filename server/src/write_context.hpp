#pragma once
// What one server write transaction carries through the rules: the store transaction, the time, the
// server's own HLC for server-written fields, and the change-log entries gathered until commit.
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/server/store.hpp"

namespace simpul::server {

inline constexpr const char* kServerWriter = "server";

class WriteContext {
 public:
  WriteContext(StoreTx& tx, const Clock& clock, HybridClock& hlc) : tx_(tx), clock_(clock), hlc_(hlc) {
    now_ms_ = clock.now_ms();
  }

  StoreTx& tx() const { return tx_; }
  std::int64_t now_ms() const { return now_ms_; }
  const Clock& clock() const { return clock_; }

  // A fresh server timestamp, and the field clock of a server-written field.
  std::string server_stamp() { return hlc_.now().encode(); }
  FieldClock server_clock() { return FieldClock{server_stamp(), kServerWriter, tx_.tx()}; }

  void log(const std::string& facility, std::uint32_t entity, const std::string& id, sync::ChangeKind kind,
           const std::string& canonical_id = "") {
    entries_.push_back(ChangeEntry{facility, entity, id, kind, canonical_id});
  }
  // Per-op rollback of the gathered entries (with the store's savepoint).
  std::size_t mark() const { return entries_.size(); }
  void rollback_to(std::size_t mark) { entries_.resize(mark); }

  // Writes the entries, one per (facility, entity, id): the last one wins, in its position.
  Status flush();

 private:
  StoreTx& tx_;
  const Clock& clock_;
  HybridClock& hlc_;
  std::int64_t now_ms_ = 0;
  std::vector<ChangeEntry> entries_;
};

}  // namespace simpul::server
