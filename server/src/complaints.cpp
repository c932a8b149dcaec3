#include "simpul/server/complaints.hpp"

#include <algorithm>
#include <ctime>

#include "scope.hpp"
#include "simpul/sync/rows.hpp"
#include "write_context.hpp"

namespace simpul::server {
namespace {

constexpr std::size_t kScanChunk = 5000;

const EntityDef& complaint_def() { return *storage::find_entity("complaint"); }

std::string iso_utc(std::int64_t ms) {
  const auto t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

Result<std::vector<Fields>> list_complaints(Store& store, const std::optional<std::string>& facility) {
  auto read = store.read();
  if (!read.ok()) return read.error();
  const EntityDef& def = complaint_def();
  sync::EntityBlock shape;
  shape.columns = sync::column_names(def);
  std::vector<Fields> out;
  std::string after;
  for (;;) {
    auto rows = (*read)->scan(index_of(def), std::nullopt, after, kScanChunk);
    if (!rows.ok()) return rows.error();
    for (const auto& sr : *rows) {
      after = sr.row.id;
      Fields f = sync::fields_from_wire(def, shape, sr.row);
      if (facility && f.value("facility", nlohmann::json()) != *facility) continue;
      f["id"] = sr.row.id;
      out.push_back(std::move(f));
    }
    if (rows->size() < kScanChunk) break;
  }
  auto text = [](const Fields& f, const char* k) {
    auto it = f.find(k);
    return it != f.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::sort(out.begin(), out.end(), [&](const Fields& a, const Fields& b) {
    if (text(a, "created_at") != text(b, "created_at")) return text(a, "created_at") > text(b, "created_at");
    return text(a, "id") > text(b, "id");
  });
  return out;
}

Result<Fields> answer_complaint(Store& store, const Clock& clock, const std::string& id, const std::string& answer,
                                bool close) {
  if (answer.empty()) return make_error(ErrorKind::invalid, "complaint.no_answer", "the answer must not be empty");
  const std::int64_t now = clock.now_ms();
  auto tx = store.write(now);
  if (!tx.ok()) return tx.error();
  StoreTx& t = **tx;
  const EntityDef& def = complaint_def();
  auto loaded = t.load(def, id);
  if (!loaded.ok()) return loaded.error();
  if (!loaded->has_value() || (*loaded)->deleted) {
    return make_error(ErrorKind::not_found, "complaint.not_found", "no complaint with id " + id);
  }
  const StoredRow before = **loaded;
  HybridClock hlc(clock, kServerWriter);
  WriteContext ctx(t, clock, hlc);
  StoredRow row = before;
  row.fields["status"] = close ? "closed" : "answered";
  row.fields["answer"] = answer;
  row.fields["answered_at"] = iso_utc(now);
  for (const char* field : {"status", "answer", "answered_at"}) row.clocks[field] = ctx.server_clock();
  row.tx = t.tx();
  for (const auto& [field, c] : row.clocks) row.hlc = std::max(row.hlc, c.hlc);
  SIMPUL_TRY(t.write(def, row));
  ScopeKeeper scope(ctx);
  SIMPUL_TRY(scope.after_write(def, row, &before));
  SIMPUL_TRY(ctx.flush());
  SIMPUL_TRY(t.commit());
  Fields out = row.fields;
  out["id"] = id;
  return out;
}

}  // namespace simpul::server
