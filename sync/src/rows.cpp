#include "simpul/sync/rows.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <cstdio>
#include <type_traits>

namespace simpul::sync {

using storage::ColumnType;
using storage::EntityDef;

std::string select_columns_sql(const EntityDef& def, const std::string& a) {
  std::string sql = "SELECT " + a + "id";
  for (const auto& c : def.columns) sql += ", " + a + c.name;
  return sql + " FROM " + def.table + (a.empty() ? "" : " " + a.substr(0, a.size() - 1));
}

namespace {
std::string real_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
}  // namespace

WireRow wire_row(const storage::Statement& st, const EntityDef& def, std::size_t first) {
  WireRow row;
  row.id = st.text(static_cast<int>(first));
  row.values.resize(def.columns.size());
  for (std::size_t i = 0; i < def.columns.size(); ++i) {
    const int col = static_cast<int>(first + i + 1);
    switch (st.column_type(col)) {
      case SQLITE_NULL: row.null_mask |= (1ULL << i); break;
      case SQLITE_INTEGER: row.values[i] = std::to_string(st.int64(col)); break;
      case SQLITE_FLOAT: row.values[i] = real_text(st.real(col)); break;
      default: row.values[i] = st.text(col); break;
    }
  }
  return row;
}

std::optional<std::string> canonical_text(const nlohmann::json& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "1" : "0");
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) return real_text(v.get<double>());
  return v.dump();
}

WireValue wire_value(const storage::ColumnDef& col, const WireRow& row, std::size_t i) {
  if ((row.null_mask >> i) & 1ULL) return nullptr;
  const std::string& v = row.values[i];
  try {
    switch (col.type) {
      case ColumnType::integer: return static_cast<std::int64_t>(std::stoll(v));
      case ColumnType::real: return std::stod(v);
      case ColumnType::text: break;
    }
  } catch (const std::exception&) {
  }
  return std::string_view(v);
}

storage::Fields fields_from_wire(const EntityDef& def, const EntityBlock& block, const WireRow& row) {
  storage::Fields f = storage::Fields::object();
  for (std::size_t i = 0; i < block.columns.size() && i < row.values.size(); ++i) {
    const storage::ColumnDef* col = def.column(block.columns[i]);
    if (col == nullptr) continue;
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string_view>) {
            f[col->name] = std::string(v);
          } else {
            f[col->name] = v;
          }
        },
        wire_value(*col, row, i));
  }
  return f;
}

WireRow wire_row_from_fields(const EntityDef& def, const std::string& id, const storage::Fields& f) {
  WireRow row;
  row.id = id;
  row.values.resize(def.columns.size());
  for (std::size_t i = 0; i < def.columns.size(); ++i) {
    auto it = f.find(def.columns[i].name);
    auto text = it == f.end() ? std::nullopt : canonical_text(*it);
    if (text) row.values[i] = *text; else row.null_mask |= (1ULL << i);
  }
  return row;
}

std::vector<std::string> column_names(const EntityDef& def) {
  std::vector<std::string> out;
  out.reserve(def.columns.size());
  for (const auto& c : def.columns) out.push_back(c.name);
  return out;
}

std::size_t entity_index(const EntityDef& def) {
  const auto& all = storage::entities();
  return static_cast<std::size_t>(&def - all.data());
}

std::uint32_t digest_bucket(const std::string& id) {
  // FNV-1a: stable across platforms and cheap.
  std::uint32_t h = 2166136261u;
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h % static_cast<std::uint32_t>(kDigestBuckets);
}

struct DigestBuilder::State {
  crypto_hash_sha256_state total;
  std::vector<crypto_hash_sha256_state> buckets;
};

DigestBuilder::DigestBuilder() : s_(new State) {
  if (sodium_init() < 0) std::abort();
  crypto_hash_sha256_init(&s_->total);
  s_->buckets.resize(storage::entities().size() * static_cast<std::size_t>(kDigestBuckets));
  for (auto& b : s_->buckets) crypto_hash_sha256_init(&b);
}

DigestBuilder::~DigestBuilder() { delete s_; }

void DigestBuilder::add(std::size_t entity, const WireRow& row) {
  std::string line = std::to_string(entity);
  line += '\x1f';
  line += row.id;
  for (std::size_t i = 0; i < row.values.size(); ++i) {
    line += '\x1e';
    if ((row.null_mask >> i) & 1ULL) line += '\x01'; else line += row.values[i];
  }
  line += '\n';
  const auto* bytes = reinterpret_cast<const unsigned char*>(line.data());
  crypto_hash_sha256_update(&s_->total, bytes, line.size());
  auto& bucket = s_->buckets[entity * static_cast<std::size_t>(kDigestBuckets) + digest_bucket(row.id)];
  crypto_hash_sha256_update(&bucket, bytes, line.size());
}

namespace {
std::string finish(crypto_hash_sha256_state& st) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}
}  // namespace

std::string DigestBuilder::hex() { return finish(s_->total); }

std::vector<std::string> DigestBuilder::bucket_hexes() {
  std::vector<std::string> out;
  out.reserve(s_->buckets.size());
  for (auto& b : s_->buckets) out.push_back(finish(b));
  return out;
}

Result<ScopeDigest> replica_digest(storage::Database& db) {
  DigestBuilder builder;
  const auto& all = storage::entities();
  for (std::size_t e = 0; e < all.size(); ++e) {
    auto st = db.prepare(select_columns_sql(all[e]) + " ORDER BY id");
    for (;;) {
      auto r = st->step();
      if (!r.ok()) return r.error();
      if (!r.value()) break;
      builder.add(e, wire_row(*st, all[e]));
    }
  }
  ScopeDigest d;
  d.digest = builder.hex();
  d.buckets = builder.bucket_hexes();
  return d;
}

}  // namespace simpul::sync
