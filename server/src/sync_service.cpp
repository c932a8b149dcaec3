#include "simpul/server/sync_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>

#include "apply_op.hpp"
#include "queue_server.hpp"
#include "scope.hpp"
#include "simpul/core/uuid.hpp"
#include "write_context.hpp"

namespace simpul::server {
namespace {

using sync::ChangeKind;

constexpr std::size_t kScanChunk = 5000;
constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max() / 2;
constexpr std::int64_t kSeenEveryMs = 60'000;
// A lost enrollment answer may be asked for again by the same installation for this long.
constexpr std::int64_t kEnrollRetryMs = 15 * 60'000;
// Enrollment codes: no 0/O, 1/I/L, so they can be read over the phone.
constexpr char kCodeAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

Error refusal(ErrorKind kind, const char* code, std::string message) { return make_error(kind, code, std::move(message)); }

std::string normalise_code(std::string_view code) {
  std::string out;
  for (const char c : code) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::uint64_t row_bytes(const sync::WireRow& r) {
  std::uint64_t n = r.id.size() + r.hlc.size() + r.canonical_id.size() + 16;
  for (const auto& v : r.values) n += v.size() + 2;
  return n;
}

const EntityDef& entity_at(std::uint32_t e) { return storage::entities().at(e); }
std::optional<std::string> scan_scope(std::uint32_t e, const std::string& facility) {
  if (is_shared(entity_at(e))) return std::nullopt;
  return facility;
}

// Rows of a page grouped into one block per entity, in entity order then id order.
class PageBuilder {
 public:
  void add(std::uint32_t entity, sync::WireRow row) {
    bytes_ += row_bytes(row);
    ++rows_;
    rows_by_entity_[entity].push_back(std::move(row));
  }
  std::uint64_t rows() const { return rows_; }
  std::uint64_t bytes() const { return bytes_; }
  std::vector<sync::EntityBlock> take() {
    std::vector<sync::EntityBlock> out;
    for (auto& [e, rows] : rows_by_entity_) {
      sync::EntityBlock b;
      b.entity = entity_at(e).entity;
      b.columns = sync::column_names(entity_at(e));
      b.rows = std::move(rows);
      out.push_back(std::move(b));
    }
    rows_by_entity_.clear();
    return out;
  }

 private:
  std::map<std::uint32_t, std::vector<sync::WireRow>> rows_by_entity_;
  std::uint64_t rows_ = 0, bytes_ = 0;
};

}  // namespace

std::string sha256_hex(std::string_view text) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.resize(bytes * 2);
  return hex;
}

SyncService::SyncService(Store& store, const Clock& clock, ServiceOptions options)
    : store_(store), clock_(clock), options_(options), hlc_(clock, kServerWriter) {
  if (sodium_init() < 0) std::abort();
}

// ---- enrollment and authentication ----

Result<std::string> SyncService::create_enroll_code(const std::string& facility) {
  const std::int64_t now = clock_.now_ms();
  auto tx = store_.write(now);
  if (!tx.ok()) return tx.error();
  auto f = (*tx)->load(*storage::find_entity("facility"), facility);
  if (!f.ok()) return f.error();
  if (!f->has_value() || (*f)->deleted) {
    return make_error(ErrorKind::not_found, "facility.unknown", "no facility with code " + facility);
  }
  std::string code;
  for (int i = 0; i < 10; ++i) {
    if (i == 5) code += '-';
    code += kCodeAlphabet[randombytes_uniform(sizeof kCodeAlphabet - 1)];
  }
  EnrollCode c;
  c.code_hash = sha256_hex(normalise_code(code));
  c.facility = facility;
  c.created_at_ms = now;
  c.expires_at_ms = now + options_.enroll_code_ttl_ms;
  SIMPUL_TRY((*tx)->put_enroll_code(c));
  SIMPUL_TRY((*tx)->commit());
  return code;
}

Result<sync::EnrollResponse> SyncService::enroll(const sync::EnrollRequest& req) {
  if (req.facility.empty() || req.code.empty()) {
    return refusal(ErrorKind::invalid, "bad_request", "facility and enrollment code are required");
  }
  const std::int64_t now = clock_.now_ms();
  auto tx = store_.write(now);
  if (!tx.ok()) return tx.error();
  auto f = (*tx)->load(*storage::find_entity("facility"), req.facility);
  if (!f.ok()) return f.error();
  auto code = (*tx)->enroll_code(sha256_hex(normalise_code(req.code)));
  if (!code.ok()) return code.error();
  if (!f->has_value() || (*f)->deleted || !code->has_value() || (*code)->facility != req.facility) {
    return refusal(ErrorKind::permanent, "enroll_code_invalid",
                   "this enrollment code is not valid for facility " + req.facility + ": check both with the operator");
  }
  const auto facility_name = [&] {
    auto name = (*f)->fields.find("name");
    return (name != (*f)->fields.end() && name->is_string()) ? name->get<std::string>() : req.facility;
  };
  EnrollCode c = **code;
  if (c.used_at_ms) {
    // The same installation asking again soon after is a retry whose answer was lost on a bad link (the
    // server committed, the reply never arrived): give that device a fresh token instead of stranding it.
    // The token it never received stops working.
    auto device = c.device_id.empty() ? Result<std::optional<DeviceRecord>>(std::nullopt) : (*tx)->device(c.device_id);
    if (!device.ok()) return device.error();
    const bool retry = device->has_value() && !req.install_id.empty() && (*device)->install_id == req.install_id &&
                       !(*device)->revoked_at_ms && !(*device)->last_seen_ms && now - *c.used_at_ms <= kEnrollRetryMs;
    if (!retry) {
      return refusal(ErrorKind::permanent, "enroll_code_used",
                     "this enrollment code was already used: ask the operator for a new one");
    }
    DeviceRecord d = **device;
    sync::EnrollResponse resp;
    resp.device_id = d.device_id;
    resp.token = random_hex(32);
    d.token_hash = sha256_hex(resp.token);
    SIMPUL_TRY((*tx)->put_device(d));
    SIMPUL_TRY((*tx)->commit());
    resp.facility_name = facility_name();
    resp.server_time_ms = now;
    return resp;
  }
  if (now > c.expires_at_ms) {
    return refusal(ErrorKind::permanent, "enroll_code_expired",
                   "this enrollment code has expired (valid 24 h): ask the operator for a new one");
  }
  sync::EnrollResponse resp;
  resp.device_id = uuid_v7(clock_);
  resp.token = random_hex(32);
  DeviceRecord d;
  d.device_id = resp.device_id;
  d.facility = req.facility;
  d.install_id = req.install_id;
  d.name = req.device_name.substr(0, 120);
  d.token_hash = sha256_hex(resp.token);
  d.created_at_ms = now;
  SIMPUL_TRY((*tx)->put_device(d));
  c.used_at_ms = now;
  c.device_id = d.device_id;
  SIMPUL_TRY((*tx)->put_enroll_code(c));
  // The device's queue-number slot travels as a synced row: it arrives with the first pull.
  WriteContext ctx(**tx, clock_, hlc_);
  auto slot = assign_queue_slot(ctx, d);
  if (!slot.ok()) return slot.error();
  SIMPUL_TRY(ctx.flush());
  SIMPUL_TRY((*tx)->commit());
  {
    std::lock_guard lock(seen_mu_);
    slotted_.insert(d.device_id);
  }
  resp.facility_name = facility_name();
  resp.server_time_ms = now;
  return resp;
}

Result<AuthedDevice> SyncService::authenticate(std::string_view header) {
  auto read = store_.read();
  if (!read.ok()) return read.error();
  return authenticate(header, **read);
}

Result<AuthedDevice> SyncService::authenticate(std::string_view header, StoreRead& read) {
  const Error denied = refusal(ErrorKind::unauthorized, "unauthorized", "missing or wrong device credentials");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.substr(0, kPrefix.size()) != kPrefix) return denied;
  const std::string_view cred = header.substr(kPrefix.size());
  const auto dot = cred.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= cred.size()) return denied;
  const std::string id(cred.substr(0, dot));
  auto dev = read.device(id);
  if (!dev.ok()) return dev.error();
  if (!dev->has_value()) return denied;
  const std::string hash = sha256_hex(cred.substr(dot + 1));
  const std::string& stored = (*dev)->token_hash;
  if (hash.size() != stored.size() || sodium_memcmp(hash.data(), stored.data(), hash.size()) != 0) return denied;
  if ((*dev)->revoked_at_ms) {
    return refusal(ErrorKind::unauthorized, "device_revoked",
                   "this device was revoked by the operator: it can no longer sync");
  }
  return AuthedDevice{(*dev)->device_id, (*dev)->facility};
}

Status SyncService::revoke_device(const std::string& device_id) {
  const std::int64_t now = clock_.now_ms();
  auto tx = store_.write(now);
  if (!tx.ok()) return tx.error();
  auto dev = (*tx)->device(device_id);
  if (!dev.ok()) return dev.error();
  if (!dev->has_value()) return make_error(ErrorKind::not_found, "device.unknown", "no device " + device_id);
  DeviceRecord d = **dev;
  if (!d.revoked_at_ms) d.revoked_at_ms = now;
  SIMPUL_TRY((*tx)->put_device(d));
  WriteContext ctx(**tx, clock_, hlc_);
  SIMPUL_TRY(release_queue_slot(ctx, device_id));
  SIMPUL_TRY(ctx.flush());
  return (*tx)->commit();
}

// ---- push ----

Result<sync::PushResponse> SyncService::push(const AuthedDevice& device, const sync::PushRequest& req,
                                             PushStats* stats) {
  if (req.ops.size() > options_.max_ops_per_push) {
    return refusal(ErrorKind::invalid, "bad_request",
                   "too many ops in one push (" + std::to_string(req.ops.size()) + ", at most " +
                       std::to_string(options_.max_ops_per_push) + ")");
  }
  const std::int64_t now = clock_.now_ms();
  auto tx = store_.write(now);
  if (!tx.ok()) return tx.error();
  StoreTx& t = **tx;
  WriteContext ctx(t, clock_, hlc_);
  const Author author{device.device_id, device.facility, req.client_time_ms > 0 ? now - req.client_time_ms : 0};
  OpApplier applier(ctx, author);
  PushStats local;
  sync::PushResponse resp;
  resp.results.reserve(req.ops.size());
  std::vector<std::int64_t> seqs;
  seqs.reserve(req.ops.size());
  for (const auto& op : req.ops) seqs.push_back(op.seq);
  auto earlier = t.applied(device.device_id, seqs);
  if (!earlier.ok()) return earlier.error();
  // This request's answers, recorded together at the end; a seq sent twice in it finds its first answer here.
  std::vector<sync::OpResult> answers;
  answers.reserve(req.ops.size());
  std::map<std::int64_t, std::size_t> answer_of;
  for (const auto& op : req.ops) {
    const sync::OpResult* prev = nullptr;
    if (auto it = earlier->find(op.seq); it != earlier->end()) {
      prev = &it->second;
    } else if (auto mine = answer_of.find(op.seq); mine != answer_of.end()) {
      prev = &answers[mine->second];
    }
    if (prev != nullptr) {
      // Applied before (the answer was lost): the same answer again, and nothing re-applied.
      sync::OpResult r = *prev;
      if (r.verdict == sync::Verdict::rejected) {
        ++local.rejected;
      } else {
        r.verdict = sync::Verdict::duplicate;
        ++local.duplicate;
      }
      resp.results.push_back(std::move(r));
      continue;
    }
    const std::size_t mark = ctx.mark();
    SIMPUL_TRY(t.savepoint());
    auto r = applier.apply(op);
    if (!r.ok()) return r.error();  // a store failure: the whole request rolls back and is retried
    if (r->verdict == sync::Verdict::rejected) {
      SIMPUL_TRY(t.rollback_to_savepoint());
      ctx.rollback_to(mark);
    } else {
      SIMPUL_TRY(t.release_savepoint());
    }
    r->seq = op.seq;
    answer_of.emplace(op.seq, answers.size());
    answers.push_back(*r);
    switch (r->verdict) {
      case sync::Verdict::applied: ++local.applied; break;
      case sync::Verdict::duplicate: ++local.duplicate; break;
      case sync::Verdict::merged: ++local.merged; break;
      case sync::Verdict::rejected: ++local.rejected; break;
    }
    resp.results.push_back(std::move(r).value());
  }
  SIMPUL_TRY(t.record_applied(device.device_id, answers));
  SIMPUL_TRY(ctx.flush());
  SIMPUL_TRY(t.touch_device(device.device_id, now, 0));
  SIMPUL_TRY(t.commit());
  resp.server_time_ms = clock_.now_ms();
  if (stats != nullptr) *stats = local;
  return resp;
}

// ---- pull ----

Result<sync::PullResponse> SyncService::pull(const AuthedDevice& device, const sync::PullRequest& req,
                                             PullStats* stats) {
  auto read = store_.read();
  if (!read.ok()) return read.error();
  return pull(device, req, stats, std::move(read).value());
}

Result<sync::PullResponse> SyncService::pull(const AuthedDevice& device, const sync::PullRequest& req,
                                             PullStats* stats, std::unique_ptr<StoreRead> read) {
  StoreRead& r = *read;
  auto last = r.last_tx();
  if (!last.ok()) return last.error();
  auto floor = r.log_floor();
  if (!floor.ok()) return floor.error();
  PullStats local;
  sync::PullRequest request = req;
  request.max_rows = std::clamp<std::uint32_t>(req.max_rows, 1, options_.max_page_rows);
  request.max_bytes = std::clamp<std::uint32_t>(req.max_bytes, 16u << 10, options_.max_page_bytes);

  // A cursor the log no longer covers (older than retention, or ahead of a server restored from a
  // backup): the device must reset and bootstrap again.
  const bool stale = req.snapshot.active
                         ? (req.snapshot.high_water < *floor || req.snapshot.high_water > *last)
                         : (req.cursor > 0 && (req.cursor < *floor || req.cursor > *last));
  Result<sync::PullResponse> resp = sync::PullResponse{};
  if (stale) {
    resp->reset_required = true;
    local.reset_required = true;
  } else if (req.snapshot.active || req.cursor == 0) {
    local.snapshot = true;
    resp = snapshot_page(r, device, request, *last, local);
  } else {
    resp = log_page(r, device, request, *last, local);
  }
  if (!resp.ok()) return resp.error();
  resp->server_time_ms = clock_.now_ms();
  read.reset();  // end the snapshot before any write below
  note_seen(device, resp->cursor);
  ensure_queue_slot(device);
  if (stats != nullptr) *stats = local;
  return resp;
}

Result<sync::PullResponse> SyncService::snapshot_page(StoreRead& r, const AuthedDevice& device,
                                                      const sync::PullRequest& req, std::int64_t last_tx,
                                                      PullStats& stats) {
  const auto n = static_cast<std::uint32_t>(storage::entities().size());
  sync::SnapshotPos pos = req.snapshot;
  if (!pos.active) {
    pos = sync::SnapshotPos{};
    pos.active = true;
    pos.high_water = last_tx;
    for (std::uint32_t e = 0; e < n; ++e) {
      auto c = r.count_live(e, scan_scope(e, device.facility));
      if (!c.ok()) return c.error();
      pos.rows_total += *c;
    }
  }
  PageBuilder page;
  bool full = false;
  while (!full && pos.entity_index < n) {
    const std::uint32_t e = pos.entity_index;
    const std::size_t room = req.max_rows - page.rows();
    auto rows = r.scan(e, scan_scope(e, device.facility), pos.after_id, room + 1);
    if (!rows.ok()) return rows.error();
    std::size_t taken = 0;
    for (auto& sr : *rows) {
      if (taken == room || (page.rows() > 0 && page.bytes() + row_bytes(sr.row) > req.max_bytes)) {
        full = true;
        break;
      }
      pos.after_id = sr.row.id;
      ++pos.rows_done;
      ++taken;
      page.add(e, std::move(sr.row));
    }
    if (!full) {
      ++pos.entity_index;
      pos.after_id.clear();
    }
  }
  sync::PullResponse resp;
  stats.rows = page.rows();
  stats.bytes = page.bytes();
  resp.blocks = page.take();
  if (pos.entity_index >= n) {
    // Snapshot complete: continue from the change log where the snapshot began.
    resp.cursor = pos.high_water;
    resp.snapshot = pos;
    resp.snapshot.active = false;
    resp.snapshot.rows_total = std::max(pos.rows_total, pos.rows_done);
    auto later = r.changes(device.facility, pos.high_water, last_tx, 1);
    if (!later.ok()) return later.error();
    resp.more = !later->empty();
  } else {
    resp.cursor = req.cursor;
    resp.snapshot = pos;
    resp.more = true;
  }
  return resp;
}

Result<sync::PullResponse> SyncService::log_page(StoreRead& r, const AuthedDevice& device,
                                                 const sync::PullRequest& req, std::int64_t last_tx,
                                                 PullStats& stats) {
  const std::string& facility = device.facility;
  if (req.cursor == last_tx) {
    // Up to date (the log holds nothing after the newest transaction): the usual poll, no log query.
    sync::PullResponse resp;
    resp.cursor = last_tx;
    return resp;
  }
  auto first = r.changes(facility, req.cursor, last_tx, std::size_t{req.max_rows} + 1);
  if (!first.ok()) return first.error();
  std::vector<LogEntry> entries = std::move(first).value();
  sync::PullResponse resp;
  if (entries.empty()) {
    resp.cursor = last_tx;  // caught up: nothing for this facility up to the server's newest transaction
    return resp;
  }
  if (entries.size() > req.max_rows) {
    // The last transaction may be cut off: leave it for the next page, unless it is the only one (a
    // transaction larger than a page is sent whole: pages never split a transaction).
    const std::int64_t tail = entries.back().tx;
    if (entries.front().tx == tail) {
      auto whole = r.changes(facility, req.cursor, tail, kUnlimited);
      if (!whole.ok()) return whole.error();
      entries = std::move(whole).value();
    } else {
      while (entries.back().tx == tail) entries.pop_back();
    }
  }

  using Key = std::pair<std::uint32_t, std::string>;
  std::map<Key, LogEntry> chosen;  // the last entry per row wins
  std::map<Key, std::optional<ScanRow>> states;
  std::int64_t page_end = req.cursor;
  std::uint64_t bytes = 0;

  // The current state of a row as this facility should receive it (nullopt: nothing to send).
  auto resolve = [&](const LogEntry& e) -> Result<std::optional<sync::WireRow>> {
    sync::WireRow row;
    row.id = e.id;
    row.kind = e.kind;
    if (e.kind == ChangeKind::leave) return std::optional<sync::WireRow>{row};
    if (e.kind == ChangeKind::alias) {
      row.canonical_id = e.canonical_id;
      return std::optional<sync::WireRow>{row};
    }
    const Key key{e.entity, e.id};
    auto it = states.find(key);
    if (it == states.end()) {
      auto s = r.load_wire(e.entity, e.id);
      if (!s.ok()) return s.error();
      it = states.emplace(key, std::move(s).value()).first;
    }
    if (!it->second) return std::optional<sync::WireRow>{};
    const ScanRow& s = *it->second;
    if (s.deleted) {
      row.kind = ChangeKind::remove;
      row.hlc = s.row.hlc;
      return std::optional<sync::WireRow>{row};
    }
    if (e.kind == ChangeKind::remove) return std::optional<sync::WireRow>{row};
    if (!is_shared(entity_at(e.entity))) {
      // Sent only while the facility still sees it; a later `leave` entry covers the rest.
      auto where = r.scope_of(e.entity, e.id);
      if (!where.ok()) return where.error();
      if (std::find(where->begin(), where->end(), facility) == where->end()) return std::optional<sync::WireRow>{};
    }
    return std::optional<sync::WireRow>{s.row};
  };

  // Whole transactions, until the byte budget is spent.
  std::size_t i = 0;
  while (i < entries.size()) {
    const std::int64_t t = entries[i].tx;
    std::size_t j = i;
    std::uint64_t group_bytes = 0;
    for (; j < entries.size() && entries[j].tx == t; ++j) {
      auto row = resolve(entries[j]);
      if (!row.ok()) return row.error();
      if (*row) group_bytes += row_bytes(**row);
    }
    if (page_end > req.cursor && bytes + group_bytes > req.max_bytes) break;
    for (std::size_t k = i; k < j; ++k) chosen[Key{entries[k].entity, entries[k].id}] = entries[k];
    bytes += group_bytes;
    page_end = t;
    i = j;
  }
  // Rows are sent in their current state: if one was changed again by a later transaction, that
  // whole transaction joins the page too, so the page is the state as of its cursor.
  auto newest_row_tx = [&] {
    std::int64_t newest = 0;
    for (const auto& [key, e] : chosen) {
      auto it = states.find(key);
      if (e.kind == ChangeKind::upsert && it != states.end() && it->second) newest = std::max(newest, it->second->tx);
    }
    return newest;
  };
  for (std::int64_t target = newest_row_tx(); target > page_end; target = newest_row_tx()) {
    auto extra = r.changes(facility, page_end, target, kUnlimited);
    if (!extra.ok()) return extra.error();
    for (const auto& e : *extra) {
      auto row = resolve(e);
      if (!row.ok()) return row.error();
      chosen[Key{e.entity, e.id}] = e;
    }
    page_end = target;
  }

  PageBuilder page;
  for (const auto& [key, e] : chosen) {
    auto row = resolve(e);
    if (!row.ok()) return row.error();
    if (*row) page.add(key.first, std::move(**row));
  }
  stats.rows = page.rows();
  stats.bytes = page.bytes();
  resp.blocks = page.take();
  auto later = r.changes(facility, page_end, last_tx, 1);
  if (!later.ok()) return later.error();
  resp.more = !later->empty();
  resp.cursor = resp.more ? page_end : last_tx;
  return resp;
}

void SyncService::note_seen(const AuthedDevice& device, std::int64_t cursor) {
  const std::int64_t now = clock_.now_ms();
  {
    std::lock_guard lock(seen_mu_);
    auto& last = last_seen_written_[device.device_id];
    if (last != 0 && now - last < kSeenEveryMs) return;
    last = now;
  }
  auto tx = store_.write(now);
  if (!tx.ok()) return;  // bookkeeping only: never fail a pull for it
  if ((*tx)->touch_device(device.device_id, now, cursor).ok()) (void)(*tx)->commit();
}

void SyncService::ensure_queue_slot(const AuthedDevice& device) {
  {
    std::lock_guard lock(seen_mu_);
    if (slotted_.count(device.device_id) != 0) return;
  }
  // Devices enrolled before slots existed get theirs on their next pull (it arrives on the one after).
  auto tx = store_.write(clock_.now_ms());
  if (!tx.ok()) return;  // tried again on the next pull
  auto has = has_queue_slot_row(**tx, device.device_id);
  if (!has.ok()) return;
  if (!*has) {
    auto record = (*tx)->device(device.device_id);
    if (!record.ok() || !record->has_value()) return;
    WriteContext ctx(**tx, clock_, hlc_);
    if (!assign_queue_slot(ctx, **record).ok() || !ctx.flush().ok() || !(*tx)->commit().ok()) return;
  }
  std::lock_guard lock(seen_mu_);
  slotted_.insert(device.device_id);
}

// ---- digest ----

Result<sync::ScopeDigest> SyncService::scope_digest(StoreRead& r, const std::string& facility,
                                                    std::vector<std::vector<sync::WireRow>>* keep) {
  sync::DigestBuilder builder;
  const auto n = static_cast<std::uint32_t>(storage::entities().size());
  for (std::uint32_t e = 0; e < n; ++e) {
    std::string after;
    for (;;) {
      auto rows = r.scan(e, scan_scope(e, facility), after, kScanChunk);
      if (!rows.ok()) return rows.error();
      for (auto& sr : *rows) {
        builder.add(e, sr.row);
        after = sr.row.id;
        if (keep != nullptr) (*keep)[e].push_back(std::move(sr.row));
      }
      if (rows->size() < kScanChunk) break;
    }
  }
  sync::ScopeDigest d;
  d.digest = builder.hex();
  d.buckets = builder.bucket_hexes();
  return d;
}

Result<sync::ScopeDigest> SyncService::facility_digest(const std::string& facility) {
  auto read = store_.read();
  if (!read.ok()) return read.error();
  return scope_digest(**read, facility, nullptr);
}

Result<sync::DigestResponse> SyncService::digest(const AuthedDevice& device, const sync::DigestRequest& req) {
  auto read = store_.read();
  if (!read.ok()) return read.error();
  auto last = (*read)->last_tx();
  if (!last.ok()) return last.error();
  const std::size_t n = storage::entities().size();
  const bool can_repair = req.bucket_digests.size() == n * static_cast<std::size_t>(sync::kDigestBuckets);
  std::vector<std::vector<sync::WireRow>> rows(n);
  auto d = scope_digest(**read, device.facility, can_repair ? &rows : nullptr);
  if (!d.ok()) return d.error();
  sync::DigestResponse resp;
  resp.digest = d->digest;
  resp.equal = d->digest == req.digest;
  resp.cursor = *last;
  if (resp.equal || !can_repair) return resp;
  std::vector<bool> differs(d->buckets.size(), false);
  for (std::size_t b = 0; b < d->buckets.size(); ++b) {
    if (d->buckets[b] != req.bucket_digests[b]) {
      differs[b] = true;
      resp.differing_buckets.push_back(static_cast<std::uint32_t>(b));
    }
  }
  // The server's full content of each differing bucket: the client replaces its rows there.
  for (std::size_t e = 0; e < n; ++e) {
    sync::EntityBlock block;
    block.entity = storage::entities()[e].entity;
    block.columns = sync::column_names(storage::entities()[e]);
    for (auto& row : rows[e]) {
      if (differs[e * sync::kDigestBuckets + sync::digest_bucket(row.id)]) block.rows.push_back(std::move(row));
    }
    if (!block.rows.empty()) resp.blocks.push_back(std::move(block));
  }
  return resp;
}

// ---- operator views ----

Result<std::vector<DeviceRecord>> SyncService::devices() {
  auto read = store_.read();
  if (!read.ok()) return read.error();
  return (*read)->devices();
}

Result<std::vector<FacilitySummary>> SyncService::facilities() {
  auto read = store_.read();
  if (!read.ok()) return read.error();
  return (*read)->facility_summaries();
}

Result<std::int64_t> SyncService::last_tx() {
  auto read = store_.read();
  if (!read.ok()) return read.error();
  return (*read)->last_tx();
}

Result<CompactCounts> SyncService::compact(int retention_days) {
  if (retention_days < 0) return make_error(ErrorKind::invalid, "compact.retention", "retention must be >= 0 days");
  const std::int64_t now = clock_.now_ms();
  auto tx = store_.write(now);
  if (!tx.ok()) return tx.error();
  auto counts = (*tx)->compact(now - static_cast<std::int64_t>(retention_days) * 86'400'000LL);
  if (!counts.ok()) return counts.error();
  SIMPUL_TRY((*tx)->commit());
  return counts;
}

Result<std::vector<Fields>> SyncService::conflicts(const std::optional<std::string>& facility) {
  return rows_of("conflict", facility);
}

Result<std::vector<Fields>> SyncService::queue_slots(const std::optional<std::string>& facility) {
  return rows_of("queue_slot", facility);
}

Status SyncService::free_queue_slot(const std::string& device_id) {
  auto tx = store_.write(clock_.now_ms());
  if (!tx.ok()) return tx.error();
  auto has = has_queue_slot_row(**tx, device_id);
  if (!has.ok()) return has.error();
  if (!*has) return make_error(ErrorKind::not_found, "device.unknown", "no device " + device_id + " with a queue slot");
  WriteContext ctx(**tx, clock_, hlc_);
  SIMPUL_TRY(release_queue_slot(ctx, device_id));
  SIMPUL_TRY(ctx.flush());
  return (*tx)->commit();
}

Result<std::optional<int>> SyncService::give_queue_slot(const std::string& device_id) {
  auto tx = store_.write(clock_.now_ms());
  if (!tx.ok()) return tx.error();
  auto dev = (*tx)->device(device_id);
  if (!dev.ok()) return dev.error();
  if (!dev->has_value() || (*dev)->revoked_at_ms) {
    return make_error(ErrorKind::not_found, "device.unknown", "no live device " + device_id);
  }
  WriteContext ctx(**tx, clock_, hlc_);
  auto slot = assign_queue_slot(ctx, **dev);
  if (!slot.ok()) return slot.error();
  SIMPUL_TRY(ctx.flush());
  SIMPUL_TRY((*tx)->commit());
  return slot;
}

Result<std::vector<Fields>> SyncService::rows_of(const char* entity, const std::optional<std::string>& facility) {
  auto read = store_.read();
  if (!read.ok()) return read.error();
  const EntityDef& def = *storage::find_entity(entity);
  const auto e = index_of(def);
  sync::EntityBlock shape;
  shape.columns = sync::column_names(def);
  std::vector<Fields> out;
  std::string after;
  for (;;) {
    auto rows = (*read)->scan(e, facility, after, kScanChunk);
    if (!rows.ok()) return rows.error();
    for (const auto& sr : *rows) {
      Fields f = sync::fields_from_wire(def, shape, sr.row);
      f["id"] = sr.row.id;
      out.push_back(std::move(f));
      after = sr.row.id;
    }
    if (rows->size() < kScanChunk) break;
  }
  return out;
}

}  // namespace simpul::server
