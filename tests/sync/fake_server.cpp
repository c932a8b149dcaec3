#include "fake_server.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "simpul/storage/schema.hpp"
#include "simpul/sync/rows.hpp"
#include "simpul/sync/wire.hpp"

namespace simpul::test {

using storage::Fields;
using sync::HttpRequest;
using sync::HttpResponse;

namespace {

HttpResponse json_error(long status, const std::string& code, const std::string& message) {
  return HttpResponse{status, nlohmann::json{{"error", code}, {"message", message}}.dump(), "application/json"};
}

template <class T>
HttpResponse ok(const T& message) {
  return HttpResponse{200, sync::encode(message), sync::kContentType};
}

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

std::string key(const std::string& entity, const std::string& id) { return entity + "/" + id; }

}  // namespace

int FakeServer::calls(const std::string& path) const {
  auto it = calls_.find(path);
  return it == calls_.end() ? 0 : it->second;
}

int FakeServer::total_calls() const {
  int n = 0;
  for (const auto& [p, c] : calls_) n += c;
  return n;
}

void FakeServer::log(std::int64_t tx, const std::string& entity, const std::string& id) {
  log_.push_back(LogEntry{tx, entity, id, false, {}});
}

void FakeServer::put(const std::string& entity, const std::string& id, const Fields& fields, const std::string& hlc) {
  auto& row = rows_[entity][id];
  if (!row.is_object()) row = Fields::object();
  for (const auto& [k, v] : fields.items()) row[k] = v;
  if (!hlc.empty()) hlc_[key(entity, id)] = hlc;
  log(next_tx_++, entity, id);
}

void FakeServer::remove(const std::string& entity, const std::string& id) {
  rows_[entity].erase(id);
  log(next_tx_++, entity, id);
}

void FakeServer::merge(const std::string& entity, const std::string& alias, const std::string& canonical) {
  const std::int64_t tx = next_tx_++;
  for (auto& [other, ids] : rows_) {
    for (auto& [id, fields] : ids) {
      if (fields.value(entity + "_id", "") == alias) {
        fields[entity + "_id"] = canonical;
        log(tx, other, id);
      }
    }
  }
  rows_[entity].erase(alias);
  aliases_[alias] = canonical;
  log_.push_back(LogEntry{tx, entity, alias, true, canonical});
}

void FakeServer::corrupt(const std::string& entity, const std::string& id, const Fields& fields) {
  auto& row = rows_[entity][id];
  if (!row.is_object()) row = Fields::object();
  for (const auto& [k, v] : fields.items()) row[k] = v;
}

std::optional<Fields> FakeServer::row(const std::string& entity, const std::string& id) const {
  auto e = rows_.find(entity);
  if (e == rows_.end()) return std::nullopt;
  auto r = e->second.find(id);
  if (r == e->second.end()) return std::nullopt;
  return r->second;
}

std::size_t FakeServer::row_count(const std::string& entity) const {
  auto e = rows_.find(entity);
  return e == rows_.end() ? 0 : e->second.size();
}

sync::WireRow FakeServer::current_row(const std::string& entity, const std::string& id) const {
  const auto* def = storage::find_entity(entity);
  sync::WireRow row;
  auto fields = this->row(entity, id);
  if (fields && def != nullptr) {
    row = sync::wire_row_from_fields(*def, id, *fields);
  } else {
    row.id = id;
    row.kind = sync::ChangeKind::remove;
  }
  if (auto h = hlc_.find(key(entity, id)); h != hlc_.end()) row.hlc = h->second;
  return row;
}

void FakeServer::append_row(std::vector<sync::EntityBlock>& blocks, const std::string& entity, sync::WireRow row) const {
  if (blocks.empty() || blocks.back().entity != entity) {
    sync::EntityBlock block;
    block.entity = entity;
    if (const auto* def = storage::find_entity(entity)) block.columns = sync::column_names(*def);
    blocks.push_back(std::move(block));
  }
  if (row.kind != sync::ChangeKind::upsert) {
    row.values.clear();
    row.null_mask = 0;
  }
  blocks.back().rows.push_back(std::move(row));
}

std::string FakeServer::digest() const {
  sync::DigestBuilder builder;
  const auto& all = storage::entities();
  for (std::size_t e = 0; e < all.size(); ++e) {
    auto it = rows_.find(all[e].entity);
    if (it == rows_.end()) continue;
    for (const auto& [id, fields] : it->second) builder.add(e, sync::wire_row_from_fields(all[e], id, fields));
  }
  return builder.hex();
}

HttpResponse FakeServer::handle(const HttpRequest& request) {
  calls_[request.path] += 1;
  if (incompatible || header(request, sync::kProtocolHeader) != std::to_string(sync::kProtocolVersion)) {
    return HttpResponse{426,
                        nlohmann::json{{"error", "protocol_mismatch"},
                                       {"message", "this server speaks protocol 1; update Simpul"},
                                       {"server_protocol", 1}}
                            .dump(),
                        "application/json"};
  }
  if (request.path == "/healthz") return HttpResponse{200, "ok", "text/plain"};
  if (request.path == "/v1/enroll") return enroll(request.body);

  const std::string auth = header(request, "Authorization");
  const std::string bearer = "Bearer ";
  const auto dot = auth.find('.');
  if (auth.rfind(bearer, 0) != 0 || dot == std::string::npos) return json_error(401, "unauthorized", "no credentials");
  const std::string device = auth.substr(bearer.size(), dot - bearer.size());
  const std::string token = auth.substr(dot + 1);
  auto known = tokens_.find(device);
  if (known == tokens_.end() || known->second != token) return json_error(401, "unauthorized", "unknown device");
  if (revoked) return json_error(401, "device_revoked", "this device was revoked by the operator");
  if (fail_next_with_503 > 0) {
    --fail_next_with_503;
    return json_error(503, "unavailable", "try again later");
  }
  if (request.path == "/v1/push") return push(device, request.body);
  if (request.path == "/v1/pull") return pull(request.body);
  if (request.path == "/v1/digest") return digest_call(request.body);
  return json_error(404, "not_found", "no such call");
}

HttpResponse FakeServer::enroll(const std::string& body) {
  auto req = sync::decode<sync::EnrollRequest>(body);
  if (!req.ok()) return json_error(400, "bad_request", req.error().message);
  if (req->code != enroll_code) return json_error(403, "bad_code", "unknown or used enrollment code");
  sync::EnrollResponse resp;
  resp.device_id = "dev-" + std::to_string(++devices_);
  resp.token = "token-" + std::to_string(devices_) + "-s3cr3t";
  resp.facility_name = "Puskesmas " + req->facility;
  resp.server_time_ms = now_ms();
  tokens_[resp.device_id] = resp.token;
  return ok(resp);
}

HttpResponse FakeServer::push(const std::string& device, const std::string& body) {
  auto req = sync::decode<sync::PushRequest>(body);
  if (!req.ok()) return json_error(400, "bad_request", req.error().message);
  pushes.push_back(*req);
  const std::int64_t tx = next_tx_++;
  sync::PushResponse resp;
  resp.server_time_ms = now_ms();
  for (const auto& op : req->ops) {
    auto seen = verdicts_.find({device, op.seq});
    if (seen != verdicts_.end()) {
      sync::OpResult again = seen->second;
      if (again.verdict != sync::Verdict::rejected) again.verdict = sync::Verdict::duplicate;
      resp.results.push_back(again);
      continue;
    }
    sync::OpResult result;
    result.seq = op.seq;
    const auto* def = storage::find_entity(op.entity);
    std::optional<std::string> reason = reject_if ? reject_if(op) : std::nullopt;
    if (!reason && def == nullptr) reason = "entity.unknown: " + op.entity;
    auto fields = Fields::parse(op.fields, nullptr, false);
    if (!reason && !fields.is_object()) reason = "fields.malformed: not a JSON object";
    if (reason) {
      result.verdict = sync::Verdict::rejected;
      result.reason = *reason;
    } else if (op.kind == "delete") {
      rows_[op.entity].erase(op.entity_id);
      hlc_[key(op.entity, op.entity_id)] = op.hlc;
      log(tx, op.entity, op.entity_id);
      ++applied_;
    } else {
      // References to a merged record are re-pointed, now and for ops that arrive later.
      for (auto& [k, v] : fields.items()) {
        if (k.size() > 3 && k.ends_with("_id") && v.is_string()) {
          if (auto a = aliases_.find(v.get<std::string>()); a != aliases_.end()) v = a->second;
        }
      }
      std::string target = op.entity_id;
      if (auto a = aliases_.find(target); a != aliases_.end()) target = a->second;
      // Duplicate registration: the same NIK under another id merges into the first one.
      if (op.entity == "participant" && fields.contains("nik") && !row(op.entity, op.entity_id)) {
        for (const auto& [id, existing] : rows_[op.entity]) {
          if (id != op.entity_id && existing.value("nik", "") == fields["nik"]) target = id;
        }
      }
      auto& stored = rows_[op.entity][target];
      if (!stored.is_object()) stored = Fields::object();
      for (const auto& [k, v] : fields.items()) {
        if (const auto* col = def->column(k); col != nullptr && !col->server_owned) stored[k] = v;
      }
      hlc_[key(op.entity, target)] = op.hlc;
      log(tx, op.entity, target);
      if (target != op.entity_id) {
        result.verdict = sync::Verdict::merged;
        result.canonical_id = target;
        if (aliases_.emplace(op.entity_id, target).second) {
          log_.push_back(LogEntry{tx, op.entity, op.entity_id, true, target});
        }
      }
      ++applied_;
    }
    verdicts_[{device, op.seq}] = result;
    resp.results.push_back(result);
  }
  return ok(resp);
}

HttpResponse FakeServer::pull(const std::string& body) {
  auto req = sync::decode<sync::PullRequest>(body);
  if (!req.ok()) return json_error(400, "bad_request", req.error().message);
  pulls.push_back(*req);
  sync::PullResponse resp;
  resp.server_time_ms = now_ms();
  if (req->cursor > 0 && req->cursor < min_retained_tx) {
    resp.reset_required = true;
    resp.cursor = req->cursor;
    return ok(resp);
  }
  const std::size_t max_rows = std::max<std::uint32_t>(req->max_rows, 1);
  const auto& all = storage::entities();
  sync::SnapshotPos snap = req->snapshot;
  std::int64_t cursor = req->cursor;
  std::size_t emitted = 0;

  if (cursor == 0 && !snap.active) {
    // A fresh bootstrap: walk a snapshot of every table, then continue from the log at this point.
    snap = sync::SnapshotPos{};
    snap.active = true;
    snap.high_water = last_tx();
    for (const auto& [entity, ids] : rows_) snap.rows_total += ids.size();
  }
  if (snap.active) {
    for (std::uint32_t e = snap.entity_index; e < all.size() && emitted < max_rows; ++e) {
      if (e != snap.entity_index) {
        snap.entity_index = e;
        snap.after_id.clear();
      }
      auto it = rows_.find(all[e].entity);
      if (it == rows_.end()) continue;
      for (auto r = it->second.upper_bound(snap.after_id); r != it->second.end() && emitted < max_rows; ++r) {
        append_row(resp.blocks, all[e].entity, current_row(all[e].entity, r->first));
        snap.after_id = r->first;
        ++snap.rows_done;
        ++emitted;
      }
    }
    // Finished when nothing is left after the position.
    bool left = false;
    for (std::uint32_t e = snap.entity_index; e < all.size() && !left; ++e) {
      auto it = rows_.find(all[e].entity);
      if (it == rows_.end()) continue;
      left = e == snap.entity_index ? it->second.upper_bound(snap.after_id) != it->second.end() : !it->second.empty();
    }
    if (left) {
      resp.snapshot = snap;
      resp.cursor = 0;
      resp.more = true;
      return ok(resp);
    }
    cursor = snap.high_water;
    snap = sync::SnapshotPos{};
  }
  // Change log after the cursor, whole transactions, each row once with its current state.
  std::set<std::string> in_page;
  std::int64_t last = cursor;
  for (const auto& entry : log_) {
    if (entry.tx <= cursor) continue;
    if (entry.tx != last && emitted >= max_rows) break;
    last = entry.tx;
    if (!in_page.insert(key(entry.entity, entry.id)).second) continue;
    sync::WireRow row = current_row(entry.entity, entry.id);
    if (entry.alias) {
      row = sync::WireRow{};
      row.id = entry.id;
      row.kind = sync::ChangeKind::alias;
      row.canonical_id = entry.canonical;
    }
    append_row(resp.blocks, entry.entity, std::move(row));
    ++emitted;
  }
  resp.cursor = last;
  resp.snapshot = snap;
  resp.more = std::any_of(log_.begin(), log_.end(), [&](const LogEntry& e) { return e.tx > last; });
  return ok(resp);
}

HttpResponse FakeServer::digest_call(const std::string& body) {
  auto req = sync::decode<sync::DigestRequest>(body);
  if (!req.ok()) return json_error(400, "bad_request", req.error().message);
  const auto& all = storage::entities();
  sync::DigestBuilder builder;
  for (std::size_t e = 0; e < all.size(); ++e) {
    auto it = rows_.find(all[e].entity);
    if (it == rows_.end()) continue;
    for (const auto& [id, fields] : it->second) builder.add(e, sync::wire_row_from_fields(all[e], id, fields));
  }
  sync::DigestResponse resp;
  resp.digest = builder.hex();
  resp.equal = resp.digest == req->digest;
  resp.cursor = last_tx();
  if (resp.equal) return ok(resp);
  const auto buckets = builder.bucket_hexes();
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    if (b < req->bucket_digests.size() && req->bucket_digests[b] == buckets[b]) continue;
    resp.differing_buckets.push_back(static_cast<std::uint32_t>(b));
    const auto e = b / static_cast<std::size_t>(sync::kDigestBuckets);
    auto it = rows_.find(all[e].entity);
    if (it == rows_.end()) continue;
    for (const auto& [id, fields] : it->second) {
      if (sync::digest_bucket(id) != b % static_cast<std::size_t>(sync::kDigestBuckets)) continue;
      append_row(resp.blocks, all[e].entity, sync::wire_row_from_fields(all[e], id, fields));
    }
  }
  return ok(resp);
}

// ---- FakeTransport ----

void FakeTransport::add_fault(Fault fault) {
  std::lock_guard lock(mu_);
  faults_.push_back(std::move(fault));
}

void FakeTransport::set_down(bool down) {
  std::lock_guard lock(mu_);
  down_ = down;
}

void FakeTransport::set_block(bool block) {
  std::lock_guard lock(mu_);
  block_ = block;
}

int FakeTransport::calls() const {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& [p, c] : calls_) n += c;
  return n;
}

int FakeTransport::calls(const std::string& path) const {
  std::lock_guard lock(mu_);
  auto it = calls_.find(path);
  return it == calls_.end() ? 0 : it->second;
}

bool FakeTransport::in_flight() const {
  std::lock_guard lock(mu_);
  return in_flight_;
}

void FakeTransport::cancel() {
  {
    std::lock_guard lock(mu_);
    cancelled_ = true;
  }
  cv_.notify_all();
}

void FakeTransport::resume() {
  std::lock_guard lock(mu_);
  cancelled_ = false;
}

void FakeTransport::set_base_url(const std::string& url) {
  std::lock_guard lock(mu_);
  url_ = url;
}

std::string FakeTransport::base_url() const {
  std::lock_guard lock(mu_);
  return url_;
}

Result<HttpResponse> FakeTransport::exchange(const HttpRequest& request) {
  std::optional<Fault> fault;
  {
    std::unique_lock lock(mu_);
    calls_[request.path] += 1;
    if (cancelled_) return sync::net_error(sync::NetFailure::cancelled, "");
    if (block_) {
      in_flight_ = true;
      cv_.wait_for(lock, std::chrono::seconds(10), [this] { return cancelled_; });
      in_flight_ = false;
      return sync::net_error(cancelled_ ? sync::NetFailure::cancelled : sync::NetFailure::timeout, "blocked");
    }
    if (down_) return sync::net_error(sync::NetFailure::connect, "fake link down");
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
      if (it->path.empty() || it->path == request.path) {
        if (it->after > 0) {
          --it->after;
          break;
        }
        fault = *it;
        faults_.erase(it);
        break;
      }
    }
  }
  if (fault && fault->when == Fault::When::before) return sync::net_error(fault->failure, "injected");
  HttpResponse response = server_.handle(request);
  if (fault) return sync::net_error(fault->failure, "injected after the server answered");
  return response;
}

}  // namespace simpul::test
