#pragma once
// What every scenario asserts at the end: nothing lost, nothing doubled, nothing silently different.
//  * converged: the replica's digest equals the server's digest of its facility's scope, and (so that a
//    failure says why) no row differs between them;
//  * exactly once: every outbox op was answered, the server holds exactly one record per (device, seq) the
//    desk made and none it did not make, and the desk's view of each verdict agrees with the server's;
//  * no duplicates: no NIK belongs to two live participants, on the server or on a replica.
// The engine's automatic digest repair is off in the harness (DeskOptions::auto_repair), so "converged"
// means the protocol itself delivered every row.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness.hpp"
#include "simpul/sync/protocol.hpp"

namespace simpul::scenario {

// What a check found wrong; empty when all is well. Each line says what and where, so that a failure can be
// understood from the test log alone.
struct Findings {
  std::vector<std::string> problems;
  bool ok() const { return problems.empty(); }
  void add(std::string problem) { problems.push_back(std::move(problem)); }
  void merge(const Findings& other, const std::string& prefix);
  std::string text(std::size_t limit = 25) const;
};

struct RowKey {
  std::size_t entity = 0;  // index into storage::entities()
  std::string id;
  auto operator<=>(const RowKey&) const = default;
};
std::string to_string(const RowKey& key);  // "participant p-123"
RowKey row_key(const std::string& entity, const std::string& id);
using Rows = std::map<RowKey, sync::WireRow>;

// The facility's scope on the server, row by row, as the scope digest reads it.
Rows server_rows(ServerAdmin& admin, const std::string& facility);
// Every synced row of a replica.
Rows replica_rows(storage::Database& db);
// "participant p-1: phone server '+62..' replica '+62..'", "queue_entry q-9: only on the server", ...
std::vector<std::string> row_differences(const Rows& server, const Rows& replica, const std::set<RowKey>& allowed = {});

// Digest equality plus the row differences behind a mismatch. `allowed` rows may differ (a desk's rejected
// op keeps its refused values on screen until someone fixes or discards it).
Findings check_converged(World& world, Desk& desk, const std::set<RowKey>& allowed = {});
Findings check_exactly_once(World& world, Desk& desk);
Findings check_no_duplicate_people(World& world, Desk& desk);
// All three for every desk of the world.
Findings check_all(World& world);

// The rows a desk's rejected ops (still waiting in the needs-attention list) touched.
std::set<RowKey> rows_with_rejected_ops(Desk& desk);
// Discards every rejected op as a desk user would after reading the reason; the next complete cycle then
// compares digests and repairs the refused values from the server. Returns how many it discarded.
int discard_rejected(Desk& desk);

}  // namespace simpul::scenario
