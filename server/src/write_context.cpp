#include "write_context.hpp"

#include <functional>
#include <string_view>
#include <unordered_set>

namespace simpul::server {
namespace {

// A row of the change log, viewing the strings of an entry.
struct RowKey {
  std::string_view facility;
  std::uint32_t entity;
  std::string_view id;
  bool operator==(const RowKey&) const = default;
};
struct RowKeyHash {
  std::size_t operator()(const RowKey& k) const {
    const std::size_t h = std::hash<std::string_view>()(k.id);
    return h ^ (std::hash<std::string_view>()(k.facility) * 31 + k.entity);
  }
};

}  // namespace

Status WriteContext::flush() {
  // Walk backwards so the last entry for a row is the one kept; then write the kept ones in log order.
  std::unordered_set<RowKey, RowKeyHash> seen;
  seen.reserve(entries_.size());
  std::vector<bool> keep(entries_.size());
  for (std::size_t i = entries_.size(); i-- > 0;) {
    keep[i] = seen.insert(RowKey{entries_[i].facility, entries_[i].entity, entries_[i].id}).second;
  }
  std::vector<ChangeEntry> out;
  out.reserve(seen.size());
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (keep[i]) out.push_back(std::move(entries_[i]));
  }
  entries_.clear();
  return tx_.append_changes(out);
}

}  // namespace simpul::server
