#include "context/sync_lists.hpp"

#include "simpul/core/hlc.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/sync/attention.hpp"

namespace simpul::context {
namespace {

// A person reads "Siti Rahma", not an id.
std::string subject_of(storage::Replica& replica, const std::string& entity, const std::string& id) {
  auto row = replica.load(entity, id);
  if (row.ok() && *row) {
    const storage::Fields& f = **row;
    if (auto name = f.find("name"); name != f.end() && name->is_string()) return name->get<std::string>() + " (" + entity + ")";
    if (auto user = f.find("username"); user != f.end() && user->is_string()) return user->get<std::string>() + " (" + entity + ")";
  }
  return entity + " " + id.substr(0, 8);
}

std::string field_names(const std::string& fields_json) {
  const auto fields = storage::Fields::parse(fields_json, nullptr, false);
  std::string out;
  if (!fields.is_object()) return out;
  for (const auto& [name, value] : fields.items()) {
    if (name == "password_hash") continue;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

ChangeLine line_of(storage::Replica& replica, const storage::OutboxOp& op) {
  return ChangeLine{op.seq, op.entity, op.entity_id, subject_of(replica, op.entity, op.entity_id),
                    field_names(op.fields), op.kind, op.state, op.reason, op.created_at_ms};
}

bool written_here(const std::string& hlc_text, const std::string& node) {
  HlcTimestamp stamp;
  return !hlc_text.empty() && HlcTimestamp::decode(hlc_text, stamp) && stamp.node == node;
}

}  // namespace

Result<SyncLists> load_sync_lists(storage::Replica& replica, std::size_t limit) {
  SyncLists lists;
  storage::Outbox outbox(replica.db());
  for (const char* state : {"sent", "pending"}) {
    auto ops = outbox.list(state, limit);
    if (!ops.ok()) return ops.error();
    for (const auto& op : *ops) lists.pending.push_back(line_of(replica, op));
  }
  auto rejected = outbox.list("rejected", limit);
  if (!rejected.ok()) return rejected.error();
  for (const auto& op : *rejected) lists.rejected.push_back(line_of(replica, op));

  auto conflicts = sync::open_conflicts(replica.db(), limit);
  if (!conflicts.ok()) return conflicts.error();
  const std::string node = replica.hlc().node();
  for (auto& c : *conflicts) {
    ConflictLine line;
    line.subject = subject_of(replica, c.entity, c.entity_id);
    line.mine_won = written_here(c.winner_hlc, node);
    line.mine_lost = written_here(c.loser_hlc, node);
    line.record = std::move(c);
    lists.conflicts.push_back(std::move(line));
  }
  return lists;
}

Result<std::int64_t> resend_rejected(storage::Replica& replica, const storage::Actor& who, std::int64_t seq) {
  return sync::NeedsAttention(replica).resend(seq, who);
}

Status discard_rejected(storage::Replica& replica, const storage::Actor& who, std::int64_t seq) {
  return sync::NeedsAttention(replica).discard(seq, who);
}

Status resolve_conflict(storage::Replica& replica, const storage::Actor& who, const sync::ConflictRecord& conflict,
                        const std::optional<std::string>& value, const std::string& resolution) {
  auto tx = storage::Transaction::begin(replica.db());
  if (!tx.ok()) return tx.error();
  if (value) {
    auto changed = replica.upsert(who, conflict.entity, conflict.entity_id, storage::Fields{{conflict.field, *value}});
    if (!changed.ok()) return changed.error();
  }
  auto marked = replica.upsert(who, "conflict", conflict.id,
                               storage::Fields{{"resolved", 1}, {"resolution", resolution}});
  if (!marked.ok()) return marked.error();
  return tx->commit();
}

}  // namespace simpul::context
