#include "checks.hpp"

#include "simpul/storage/schema.hpp"
#include "simpul/sync/attention.hpp"
#include "simpul/sync/rows.hpp"

namespace simpul::scenario {
namespace {

constexpr std::size_t kScanChunk = 5000;

// Facilities are the only shared reference data: every device holds all of them (docs/SYNC_PROTOCOL.md, Scope).
bool shared_entity(const storage::EntityDef& def) { return def.entity == "facility"; }

std::string value_text(const sync::WireRow& row, std::size_t i) {
  if ((row.null_mask >> i) & 1ULL) return "NULL";
  return i < row.values.size() ? "'" + row.values[i] + "'" : "<missing>";
}

bool same_content(const sync::WireRow& a, const sync::WireRow& b) {
  return a.values == b.values && a.null_mask == b.null_mask;
}

std::string verdict_text(sync::Verdict v) { return sync::verdict_name(v); }

}  // namespace

void Findings::merge(const Findings& other, const std::string& prefix) {
  for (const auto& p : other.problems) problems.push_back(prefix + p);
}

std::string Findings::text(std::size_t limit) const {
  std::string out;
  for (std::size_t i = 0; i < problems.size() && i < limit; ++i) out += "\n  - " + problems[i];
  if (problems.size() > limit) out += "\n  ... and " + std::to_string(problems.size() - limit) + " more";
  return out;
}

std::string to_string(const RowKey& key) { return storage::entities().at(key.entity).entity + " " + key.id; }

RowKey row_key(const std::string& entity, const std::string& id) {
  const auto* def = storage::find_entity(entity);
  if (def == nullptr) throw std::invalid_argument("unknown entity " + entity);
  return RowKey{sync::entity_index(*def), id};
}

Rows server_rows(ServerAdmin& admin, const std::string& facility) {
  Rows out;
  auto read = must(admin.store().read(), "server read");
  const auto& all = storage::entities();
  for (std::size_t e = 0; e < all.size(); ++e) {
    const auto scope = shared_entity(all[e]) ? std::nullopt : std::optional<std::string>(facility);
    std::string after;
    for (;;) {
      auto rows = must(read->scan(static_cast<std::uint32_t>(e), scope, after, kScanChunk), "server scan");
      for (auto& r : rows) {
        after = r.row.id;
        out.emplace(RowKey{e, r.row.id}, std::move(r.row));
      }
      if (rows.size() < kScanChunk) break;
    }
  }
  return out;
}

Rows replica_rows(storage::Database& db) {
  Rows out;
  const auto& all = storage::entities();
  for (std::size_t e = 0; e < all.size(); ++e) {
    auto st = must(db.prepare_uncached(sync::select_columns_sql(all[e]) + " ORDER BY id"), "replica scan");
    while (must(st.step(), "replica scan")) {
      sync::WireRow row = sync::wire_row(st, all[e]);
      out.emplace(RowKey{e, row.id}, std::move(row));
    }
  }
  return out;
}

std::vector<std::string> row_differences(const Rows& server, const Rows& replica, const std::set<RowKey>& allowed) {
  std::vector<std::string> out;
  auto s = server.begin();
  auto r = replica.begin();
  while (s != server.end() || r != replica.end()) {
    if (r == replica.end() || (s != server.end() && s->first < r->first)) {
      if (allowed.count(s->first) == 0) out.push_back(to_string(s->first) + ": only on the server");
      ++s;
    } else if (s == server.end() || r->first < s->first) {
      if (allowed.count(r->first) == 0) out.push_back(to_string(r->first) + ": only on the replica");
      ++r;
    } else {
      if (!same_content(s->second, r->second) && allowed.count(s->first) == 0) {
        const auto columns = sync::column_names(storage::entities().at(s->first.entity));
        std::string what = to_string(s->first) + ":";
        for (std::size_t i = 0; i < columns.size(); ++i) {
          const std::string a = value_text(s->second, i);
          const std::string b = value_text(r->second, i);
          if (a != b) what += " " + columns[i] + " server " + a + " replica " + b + ";";
        }
        out.push_back(what);
      }
      ++s;
      ++r;
    }
  }
  return out;
}

Findings check_converged(World& world, Desk& desk, const std::set<RowKey>& allowed) {
  Findings f;
  const std::string server_digest = world.admin().digest(desk.facility());
  const std::string local = must(sync::replica_digest(desk.db().db()), "replica digest").digest;
  const auto differences = row_differences(server_rows(world.admin(), desk.facility()), replica_rows(desk.db().db()),
                                           allowed);
  for (const auto& d : differences) f.add(d);
  if (allowed.empty() && local != server_digest) {
    f.add("digest " + local.substr(0, 12) + "… differs from the server's " + server_digest.substr(0, 12) + "…");
  }
  return f;
}

Findings check_exactly_once(World& world, Desk& desk) {
  Findings f;
  const auto applied = world.admin().applied_ops(desk.device_id());
  const auto outbox = desk.outbox();
  for (const auto& op : outbox) {
    const std::string where = "seq " + std::to_string(op.seq) + " (" + op.kind + " " + op.entity + " " +
                              op.entity_id + ")";
    auto it = applied.find(op.seq);
    if (op.state == "discarded" && op.result.rfind("folded:", 0) == 0) {
      // Folded into a resent op before it was ever sent (NeedsAttention::resend): the server never saw it.
      if (it != applied.end()) f.add(where + " was folded into a resend, yet the server recorded it");
      continue;
    }
    if (op.state == "pending" || op.state == "sent") {
      f.add(where + " is still " + op.state + " after the final sync");
      continue;
    }
    if (it == applied.end()) {
      f.add(where + " is " + op.state + " on the desk but the server has no record of it");
      continue;
    }
    const auto verdict = it->second.verdict;
    if (op.state == "confirmed") {
      if (verdict == sync::Verdict::rejected) f.add(where + " confirmed on the desk, rejected on the server");
      if (op.result != "applied" && op.result != "duplicate" && op.result != "merged") {
        f.add(where + " confirmed with an unexpected result '" + op.result + "'");
      }
      // The desk may have seen "duplicate" (its first answer was lost); the server's own record never is,
      // except for an append-only fact that was already there.
      if (op.result == "applied" && verdict != sync::Verdict::applied) {
        f.add(where + " the desk heard 'applied', the server recorded '" + verdict_text(verdict) + "'");
      }
    } else if (op.state == "rejected" || op.state == "discarded") {
      if (verdict != sync::Verdict::rejected) {
        f.add(where + " is " + op.state + " on the desk but the server recorded '" + verdict_text(verdict) + "'");
      } else if (op.state == "rejected" && op.reason != it->second.reason) {
        f.add(where + " rejected for '" + op.reason + "' on the desk, '" + it->second.reason + "' on the server");
      }
    }
  }
  std::set<std::int64_t> mine;
  for (const auto& op : outbox) mine.insert(op.seq);
  for (const auto& [seq, rec] : applied) {
    if (mine.count(seq) == 0) f.add("the server recorded seq " + std::to_string(seq) + " which the desk never wrote");
  }
  return f;
}

Findings check_no_duplicate_people(World& world, Desk& desk) {
  Findings f;
  for (const auto& nik : world.admin().query_texts(
           "SELECT nik FROM participants WHERE _deleted = 0 GROUP BY nik HAVING count(*) > 1")) {
    f.add("the server holds two live participants with NIK " + nik);
  }
  for (const auto& nik : desk.texts("SELECT nik FROM participants GROUP BY nik HAVING count(*) > 1")) {
    f.add("the replica holds two participants with NIK " + nik);
  }
  return f;
}

Findings check_all(World& world) {
  Findings all;
  for (auto& desk : world.desks()) {
    const std::string prefix = desk->name() + ": ";
    all.merge(check_converged(world, *desk), prefix);
    all.merge(check_exactly_once(world, *desk), prefix);
    all.merge(check_no_duplicate_people(world, *desk), prefix);
  }
  return all;
}

std::set<RowKey> rows_with_rejected_ops(Desk& desk) {
  std::set<RowKey> out;
  for (const auto& op : desk.outbox()) {
    if (op.state == "rejected") out.insert(row_key(op.entity, op.entity_id));
  }
  return out;
}

int discard_rejected(Desk& desk) {
  sync::NeedsAttention attention(desk.db());
  int n = 0;
  for (const auto& op : must(attention.list(), "needs attention")) {
    must(attention.discard(op.seq, storage::Actor{"u-" + desk.name(), desk.name()}), "discard");
    ++n;
  }
  return n;
}

}  // namespace simpul::scenario
