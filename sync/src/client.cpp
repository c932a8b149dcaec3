#include "simpul/sync/client.hpp"

#include <unistd.h>

#include <algorithm>
#include <future>
#include <map>
#include <optional>

#include "apply.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/schema.hpp"
#include "simpul/sync/rows.hpp"
#include "simpul/sync/sync_state.hpp"
#include "simpul/sync/wire.hpp"

namespace simpul::sync {
namespace {

// Bootstrap pages that arrive back to back share a transaction up to this many rows or this long.
constexpr std::uint64_t kGroupRows = 50000;
constexpr std::int64_t kGroupMs = 500;

std::string host_name() {
  char buf[256] = {0};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "simpul-desk";
  return buf;
}

template <class T>
Result<T> decode_answer(const std::string& body, const char* what) {
  auto message = decode<T>(body);
  if (!message.ok()) {
    // A garbled answer (e.g. a proxy's page) is not the server's verdict: treat it as a transient failure.
    return make_error(ErrorKind::transient, "wire.bad_answer",
                      std::string("unreadable ") + what + " answer: " + message.error().message);
  }
  return message;
}

Error not_enrolled() {
  return make_error(ErrorKind::permanent, "not_enrolled", "this replica is not enrolled: run simpulctl enroll");
}

RejectedOp rejected_from(const storage::OutboxOp& op, const std::string& reason) {
  return RejectedOp{op.seq, op.entity, op.entity_id, op.kind, reason, op.created_at_ms};
}

}  // namespace

SyncClient::SyncClient(storage::Replica& replica, Transport& transport, ClientOptions options)
    : replica_(replica),
      transport_(transport),
      options_(std::move(options)),
      page_rows_(options_.pull_max_rows),
      page_bytes_(options_.pull_max_bytes) {
  if (options_.device_name.empty()) options_.device_name = host_name();
}

void SyncClient::phase(Phase p) {
  if (events_.on_phase) events_.on_phase(p);
}

Headers SyncClient::headers(bool authenticated) {
  Headers h{{kProtocolHeader, std::to_string(kProtocolVersion)},
            {kSchemaHeader, std::to_string(storage::latest_schema_version())},
            {"Content-Type", kContentType}};
  if (authenticated) {
    // The token never leaves this function except on the wire; it is not logged or kept elsewhere.
    h.emplace_back("Authorization", "Bearer " + replica_.device().device_id + "." + replica_.device_token());
  }
  return h;
}

Result<Headers> SyncClient::prepare_call(bool authenticated) {
  if (authenticated) {
    const auto device = replica_.device();
    if (!device.enrolled()) return not_enrolled();
    if (!device.server_url.empty() && transport_.base_url() != device.server_url) {
      transport_.set_base_url(device.server_url);
    }
  }
  return headers(authenticated);
}

Result<std::string> SyncClient::call(const std::string& path, const std::string& body, bool authenticated) {
  auto prepared = prepare_call(authenticated);
  if (!prepared.ok()) return prepared.error();
  auto response = transport_.post(path, *prepared, body);
  if (!response.ok()) return response.error();
  return std::move(response->body);
}

std::future<SyncClient::PullExchange> SyncClient::send_pull(const PullRequest& request, std::launch where) {
  // The replica is read here, on the calling thread; the exchange itself touches only the transport (one
  // exchange at a time: the caller waits for this one before it sends another) and the thread-safe clock.
  auto prepared = prepare_call(/*authenticated=*/true);
  return std::async(where, [this, prepared = std::move(prepared), body = encode(request)]() {
    PullExchange x;
    if (!prepared.ok()) {
      x.body = prepared.error();
      return x;
    }
    x.sent_at_ms = replica_.clock().now_ms();
    auto response = transport_.post("/v1/pull", *prepared, body);
    x.received_at_ms = replica_.clock().now_ms();
    if (!response.ok()) {
      x.body = response.error();
      return x;
    }
    x.answered = true;
    x.bytes = response->body.size();
    x.body = decode_answer<PullResponse>(response->body, "pull");
    return x;
  });
}

void SyncClient::learn_clock(std::int64_t server_time_ms, std::int64_t sent_at_ms, std::int64_t received_at_ms) {
  if (server_time_ms <= 0) return;
  // The server read its clock somewhere between sending and receiving: assume the middle.
  const std::int64_t offset = server_time_ms - (sent_at_ms + (received_at_ms - sent_at_ms) / 2);
  replica_.hlc().learn_offset_ms(offset);
  for (auto* clock : options_.shared_clocks) clock->learn_offset_ms(offset);
}

Status SyncClient::persist_clock(const std::string& newest_hlc) {
  SIMPUL_TRY(save_clock(replica_.db(), replica_.hlc().offset_ms(), newest_hlc));
  // The anchor lets the next process on this boot keep the server's time even if the wall clock jumps.
  if (const auto anchor = replica_.hlc().anchor()) SIMPUL_TRY(replica_.set_setting(storage::kClockAnchorSetting, anchor->encode()));
  return {};
}

Status SyncClient::probe() {
  const auto device = replica_.device();
  if (!device.server_url.empty() && transport_.base_url() != device.server_url) {
    transport_.set_base_url(device.server_url);
  }
  auto r = transport_.get("/healthz", headers(false));
  if (!r.ok()) return r.error();
  return {};
}

Result<EnrollResponse> SyncClient::enroll(const std::string& server_url, const std::string& facility,
                                          const std::string& code) {
  const auto device = replica_.device();
  if (device.enrolled()) {
    return make_error(ErrorKind::invalid, "already_enrolled",
                      "this replica is already enrolled as device " + device.device_id + " of " + device.facility);
  }
  transport_.set_base_url(server_url);
  const EnrollRequest request{facility, code, device.install_id, options_.device_name};
  const std::int64_t sent_at = replica_.clock().now_ms();
  auto body = call("/v1/enroll", encode(request), /*authenticated=*/false);
  if (!body.ok()) {
    Error e = body.error();
    if (is_ambiguous(e)) {
      e.message += "; the server may have used the code: if enrolling again says so, ask for a new code";
    }
    return e;
  }
  auto response = decode_answer<EnrollResponse>(*body, "enrollment");
  if (!response.ok()) return response.error();
  if (response->device_id.empty() || response->token.empty()) {
    return make_error(ErrorKind::permanent, "enroll.bad_answer", "the server did not assign a device id and token");
  }
  learn_clock(response->server_time_ms, sent_at, replica_.clock().now_ms());
  auto tx = storage::Transaction::begin(replica_.db());
  if (!tx.ok()) return tx.error();
  storage::DeviceInfo info = device;
  info.device_id = response->device_id;
  info.facility = facility;
  info.server_url = transport_.base_url();
  SIMPUL_TRY(replica_.save_enrollment(info, response->token));
  SIMPUL_TRY(replica_.adopt_facility(facility));
  SIMPUL_TRY(replica_.set_setting("facility_name", response->facility_name));
  SIMPUL_TRY(persist_clock(""));
  SIMPUL_TRY(tx->commit());
  return response;
}

Result<PushReport> SyncClient::push() {
  auto& db = replica_.db();
  if (!replica_.device().enrolled()) return not_enrolled();
  storage::Outbox outbox(db);
  // Ops written while we push wait for the next cycle, so a busy desk cannot keep one push going forever.
  auto high = db.query_int("SELECT coalesce(max(seq), 0) FROM outbox");
  if (!high.ok()) return high.error();
  const std::int64_t limit = high->value_or(0);
  PushReport report;
  for (;;) {
    auto batch = outbox.next_batch(options_.push_max_ops, options_.push_max_bytes);
    if (!batch.ok()) return batch.error();
    std::erase_if(*batch, [&](const storage::OutboxOp& op) { return op.seq > limit; });
    if (batch->empty()) break;
    phase(Phase::pushing);
    auto state = load_sync_state(db);
    if (!state.ok()) return state.error();

    PushRequest request;
    std::vector<std::int64_t> seqs;
    std::map<std::int64_t, const storage::OutboxOp*> by_seq;
    for (const auto& op : *batch) {
      request.ops.push_back(WireOp{op.seq, op.op_id, op.entity, op.entity_id, op.kind, op.fields, op.hlc, op.user_id,
                                   state->cursor});
      seqs.push_back(op.seq);
      by_seq[op.seq] = &op;
    }
    {
      auto tx = storage::Transaction::begin(db);
      if (!tx.ok()) return tx.error();
      SIMPUL_TRY(outbox.mark_sent(seqs));
      SIMPUL_TRY(tx->commit());
    }
    const std::int64_t sent_at = replica_.clock().now_ms();
    request.client_time_ms = replica_.hlc().physical_now_ms();
    auto body = call("/v1/push", encode(request), /*authenticated=*/true);
    if (!body.ok()) return body.error();
    auto response = decode_answer<PushResponse>(*body, "push");
    if (!response.ok()) return response.error();
    learn_clock(response->server_time_ms, sent_at, replica_.clock().now_ms());

    // Every verdict of this answer in one local transaction.
    auto tx = storage::Transaction::begin(db);
    if (!tx.ok()) return tx.error();
    std::int64_t answered = 0;
    std::vector<std::pair<const storage::OutboxOp*, std::string>> aliases;
    std::map<std::string, std::vector<std::int64_t>> confirmed;  // by verdict: one statement each
    PushReport delta;
    for (const auto& result : response->results) {
      auto it = by_seq.find(result.seq);
      if (it == by_seq.end()) continue;
      const storage::OutboxOp& op = *it->second;
      by_seq.erase(it);
      ++answered;
      switch (result.verdict) {
        case Verdict::applied: ++delta.applied; break;
        case Verdict::duplicate: ++delta.duplicate; break;
        case Verdict::merged:
          ++delta.merged;
          if (!result.canonical_id.empty() && result.canonical_id != op.entity_id) {
            aliases.emplace_back(&op, result.canonical_id);
          }
          break;
        case Verdict::rejected: {
          const std::string reason = result.reason.empty() ? "rejected: no reason given" : result.reason;
          SIMPUL_TRY(outbox.reject(op.seq, reason));
          ++delta.rejected;
          delta.newly_rejected.push_back(rejected_from(op, reason));
          continue;
        }
      }
      confirmed[verdict_name(result.verdict)].push_back(op.seq);
    }
    for (const auto& [verdict, confirmed_seqs] : confirmed) SIMPUL_TRY(outbox.confirm(confirmed_seqs, verdict));
    for (const auto& [op, canonical] : aliases) {
      if (const auto* def = storage::find_entity(op->entity)) {
        SIMPUL_TRY(detail::repoint_alias(replica_, *def, op->entity_id, canonical));
      }
    }
    SIMPUL_TRY(persist_clock(""));
    SIMPUL_TRY(tx->commit());

    report.requests += 1;
    report.sent += static_cast<std::int64_t>(seqs.size());
    report.applied += delta.applied;
    report.duplicate += delta.duplicate;
    report.merged += delta.merged;
    report.rejected += delta.rejected;
    for (auto& r : delta.newly_rejected) report.newly_rejected.push_back(std::move(r));
    // Unanswered ops stay "sent" and go again; an answer with no verdict at all would loop forever.
    if (answered == 0) {
      return make_error(ErrorKind::transient, "push.unanswered", "the server answered none of the ops sent");
    }
  }
  return report;
}

Result<PullReport> SyncClient::pull() {
  auto& db = replica_.db();
  if (!replica_.device().enrolled()) return not_enrolled();
  auto loaded = load_sync_state(db);
  if (!loaded.ok()) return loaded.error();
  SyncState state = std::move(loaded).value();
  PullReport report;
  // Progress continues from where an interrupted bootstrap stopped; bytes count this download only.
  Progress progress;
  progress.rows_done = state.snapshot.rows_done;
  progress.rows_total = state.snapshot.rows_total;
  std::uint64_t rows_at_start = progress.rows_done;
  bool reset_done = false;
  // Page n+1, asked for while page n is applied: the server builds it meanwhile. Its request follows from
  // page n's answer alone, so only what this thread commits decides where a later pull resumes.
  std::future<PullExchange> ahead;
  std::optional<storage::Transaction> tx;  // open only between pages that arrived back to back
  std::int64_t tx_started_ms = 0;
  std::uint64_t tx_rows = 0;
  for (;;) {
    const bool bootstrap = state.cursor == 0 || state.snapshot.active;
    report.bootstrap = report.bootstrap || bootstrap;
    phase(bootstrap ? Phase::bootstrapping : Phase::pulling);
    if (!ahead.valid()) {
      ahead = send_pull(PullRequest{state.cursor, state.snapshot, page_rows_, page_bytes_}, std::launch::deferred);
    }
    PullExchange answer = ahead.get();
    if (tx && (!answer.answered || !answer.body.ok() || answer.body->reset_required)) {
      SIMPUL_TRY(tx->commit());  // the pages applied so far stay, whatever this answer brings
      tx.reset();
    }
    if (!answer.answered) {
      const Error& e = answer.body.error();
      if (e.code == "net.timeout" || e.code == "net.timeout_after_send") {
        page_rows_ = std::max(page_rows_ / 2, std::max<std::uint32_t>(options_.pull_max_rows / 16, 1));
        page_bytes_ = std::max(page_bytes_ / 2, std::max<std::uint32_t>(options_.pull_max_bytes / 16, 16u << 10));
      }
      return e;
    }
    page_rows_ = static_cast<std::uint32_t>(std::min<std::uint64_t>(options_.pull_max_rows, page_rows_ * 2ULL));
    page_bytes_ = static_cast<std::uint32_t>(std::min<std::uint64_t>(options_.pull_max_bytes, page_bytes_ * 2ULL));
    if (!answer.body.ok()) return answer.body.error();
    auto& response = answer.body;
    learn_clock(response->server_time_ms, answer.sent_at_ms, answer.received_at_ms);
    report.bytes += answer.bytes;

    if (response->reset_required) {
      if (reset_done) {
        return make_error(ErrorKind::permanent, "pull.reset_loop", "the server asked for a client reset twice in a row");
      }
      auto reset_tx = storage::Transaction::begin(db);
      if (!reset_tx.ok()) return reset_tx.error();
      SIMPUL_TRY(detail::begin_client_reset(replica_));
      SIMPUL_TRY(persist_clock(""));
      SIMPUL_TRY(reset_tx->commit());
      reset_done = true;
      report.reset = true;
      loaded = load_sync_state(db);
      if (!loaded.ok()) return loaded.error();
      state = std::move(loaded).value();
      progress = Progress{};
      rows_at_start = 0;
      continue;
    }

    const bool moved = response->cursor != state.cursor || response->snapshot.active != state.snapshot.active ||
                       response->snapshot.entity_index != state.snapshot.entity_index ||
                       response->snapshot.after_id != state.snapshot.after_id;
    if (response->more && moved) {
      ahead = send_pull(PullRequest{response->cursor, response->snapshot, page_rows_, page_bytes_}, std::launch::async);
    }

    // The page, its cursor and snapshot position commit together or not at all. While bootstrapping, a page
    // whose successor has already arrived shares its transaction with it (fewer commits and checkpoints), up
    // to kGroupRows rows or kGroupMs: the lock is never held while waiting on the network, and a crash loses
    // only pages that are pulled again from the last committed position.
    if (!tx) {
      auto begun = storage::Transaction::begin(db);
      if (!begun.ok()) return begun.error();
      tx.emplace(std::move(begun).value());
      tx_started_ms = replica_.clock().now_ms();
      tx_rows = 0;
    }
    auto counts = detail::apply_blocks(replica_, response->blocks,
                                       bootstrap ? detail::PageSource::snapshot : detail::PageSource::log);
    if (!counts.ok()) return counts.error();
    SIMPUL_TRY(save_position(db, response->cursor, response->snapshot));
    if (state.reset_pending && !response->snapshot.active) SIMPUL_TRY(detail::restore_kept_rows(replica_));
    SIMPUL_TRY(persist_clock(counts->newest_hlc));
    tx_rows += counts->upserts + counts->removes + counts->leaves + counts->aliases;
    const bool next_waiting =
        ahead.valid() && ahead.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    if (!bootstrap || !next_waiting || tx_rows >= kGroupRows ||
        replica_.clock().now_ms() - tx_started_ms >= kGroupMs) {
      SIMPUL_TRY(tx->commit());
      tx.reset();
    }
    const std::string newest_hlc = counts->newest_hlc;
    report.upserts += counts->upserts;
    report.removes += counts->removes;
    report.leaves += counts->leaves;
    report.aliases += counts->aliases;
    HlcTimestamp seen;
    if (!newest_hlc.empty() && HlcTimestamp::decode(newest_hlc, seen)) {
      replica_.hlc().observe(seen);
      for (auto* clock : options_.shared_clocks) clock->observe(seen);
    }
    report.pages += 1;
    if (state.reset_pending && !response->snapshot.active) state.reset_pending = false;

    if (bootstrap) {
      progress.rows_total = std::max(progress.rows_total, response->snapshot.rows_total);
      progress.rows_done = response->snapshot.active ? response->snapshot.rows_done : progress.rows_total;
      progress.bytes_done = report.bytes;
      // Estimate what this download will weigh from the bytes per row so far.
      const std::uint64_t rows_now = progress.rows_done > rows_at_start ? progress.rows_done - rows_at_start : 0;
      const std::uint64_t rows_left = progress.rows_total - std::min(progress.rows_total, progress.rows_done);
      progress.bytes_total = rows_now > 0 ? report.bytes + rows_left * report.bytes / rows_now : 0;
      if (events_.on_progress) events_.on_progress(progress);
    }

    state.cursor = response->cursor;
    state.snapshot = response->snapshot;
    if (!response->more) break;
    if (!moved) {
      return make_error(ErrorKind::transient, "pull.no_progress", "the server sent more pages without moving the cursor");
    }
  }
  report.cursor = state.cursor;
  return report;
}

Result<CycleReport> SyncClient::sync_once() {
  CycleReport report;
  auto pushed = push();
  if (!pushed.ok()) return pushed.error();
  report.push = std::move(pushed).value();
  auto pulled = pull();
  if (!pulled.ok()) return pulled.error();
  report.pull = std::move(pulled).value();
  return report;
}

Result<RepairReport> SyncClient::check_digest(bool repair) {
  auto& db = replica_.db();
  if (!replica_.device().enrolled()) return not_enrolled();
  phase(Phase::repairing);
  auto local = replica_digest(db);
  if (!local.ok()) return local.error();
  const DigestRequest request{local->digest, local->buckets};
  auto body = call("/v1/digest", encode(request), /*authenticated=*/true);
  if (!body.ok()) return body.error();
  auto response = decode_answer<DigestResponse>(*body, "digest");
  if (!response.ok()) return response.error();

  RepairReport report;
  report.local_digest = local->digest;
  report.server_digest = response->digest;
  report.equal = response->equal || local->digest == response->digest;
  report.equal_after = report.equal;
  report.differing_buckets = response->differing_buckets.size();
  if (!report.equal && repair) {
    auto tx = storage::Transaction::begin(db);
    if (!tx.ok()) return tx.error();
    auto counts = detail::replace_buckets(replica_, *response);
    if (!counts.ok()) return counts.error();
    SIMPUL_TRY(save_digest_time(db, replica_.clock().now_ms()));
    SIMPUL_TRY(tx->commit());
    report.repaired = true;
    report.rows_written = counts->written;
    report.rows_removed = counts->removed;
    report.rows_kept = counts->kept;
    auto after = replica_digest(db);
    if (!after.ok()) return after.error();
    report.equal_after = after->digest == response->digest;
  } else {
    SIMPUL_TRY(save_digest_time(db, replica_.clock().now_ms()));
  }
  return report;
}

}  // namespace simpul::sync
