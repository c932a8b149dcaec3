#include "write_context.hpp"

#include <set>
#include <tuple>

namespace simpul::server {

Status WriteContext::flush() {
  // Walk backwards so the last entry for a row is the one kept; then restore log order.
  std::set<std::tuple<std::string, std::uint32_t, std::string>> seen;
  std::vector<ChangeEntry> out;
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (seen.emplace(it->facility, it->entity, it->id).second) out.push_back(std::move(*it));
  }
  entries_.clear();
  return tx_.append_changes(std::vector<ChangeEntry>(std::make_move_iterator(out.rbegin()),
                                                     std::make_move_iterator(out.rend())));
}

}  // namespace simpul::server
