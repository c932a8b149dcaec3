// simpulctl's sync commands: enroll, sync [--watch], conflicts, digest, and the needs-attention list
// (rejected, resend, discard); plus the sync part of `simpulctl status`. The work is done by the sync
// library (SyncClient, SyncEngine, CurlTransport); this file only parses, prints and maps exit codes.
#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <mutex>
#include <ostream>
#include <thread>

#include "commands.hpp"
#include "simpul/sync/attention.hpp"
#include "simpul/sync/client.hpp"
#include "simpul/sync/curl_transport.hpp"
#include "simpul/sync/engine.hpp"
#include "simpul/sync/rows.hpp"
#include "simpul/sync/status.hpp"

namespace simpul::ctl {
namespace {

using Json = nlohmann::json;

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int /*signal*/) { g_interrupted = true; }

// Ctrl-C (and SIGTERM) ends a sync cleanly: the transfer in flight is cancelled, nothing half-applied.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = false;
    old_int_ = std::signal(SIGINT, on_interrupt);
    old_term_ = std::signal(SIGTERM, on_interrupt);
  }
  ~InterruptGuard() {
    std::signal(SIGINT, old_int_);
    std::signal(SIGTERM, old_term_);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
};

Json iso_or_null(const std::optional<std::int64_t>& ms) {
  if (!ms) return nullptr;
  const std::time_t seconds = static_cast<std::time_t>(*ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf);
}

Json online_json(sync::Online online) {
  if (online == sync::Online::unknown) return nullptr;
  return online == sync::Online::online;
}

Json rejected_json(const std::vector<sync::RejectedOp>& ops) {
  Json out = Json::array();
  for (const auto& op : ops) {
    out.push_back({{"seq", op.seq},
                   {"entity", op.entity},
                   {"entity_id", op.entity_id},
                   {"kind", op.kind},
                   {"reason", op.reason},
                   {"created_at", iso_or_null(op.created_at_ms)}});
  }
  return out;
}

Result<std::int64_t> seq_option(Context& ctx) {
  const std::string text = ctx.args().get_or("seq", "");
  try {
    std::size_t pos = 0;
    const long long seq = std::stoll(text, &pos);
    if (pos == text.size() && seq > 0) return static_cast<std::int64_t>(seq);
  } catch (const std::exception&) {
  }
  return usage_error("--seq must be a positive outbox sequence number (see `simpulctl rejected`)");
}

// ---- enroll ----

Status run_enroll(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  sync::CurlTransport transport;
  sync::SyncClient client(**replica, transport);
  const std::string server = ctx.args().get_or("server", "");
  const std::string facility = ctx.args().get_or("facility", "");
  auto enrolled = client.enroll(server, facility, ctx.args().get_or("code", ""));
  if (!enrolled.ok()) return enrolled.error();
  // The token stays in the replica: never printed.
  if (ctx.json()) {
    ctx.print_json({{"device_id", enrolled->device_id},
                    {"facility", facility},
                    {"facility_name", enrolled->facility_name},
                    {"server_url", (*replica)->device().server_url}});
  } else {
    ctx.out() << ctx.tr("enrolled as device ", "terdaftar sebagai perangkat ") << enrolled->device_id << " — "
              << facility << " " << enrolled->facility_name << '\n';
  }
  return {};
}

// ---- sync ----

Json report_json(const sync::CycleReport& r) {
  return {{"pushed",
           {{"sent", r.push.sent},
            {"applied", r.push.applied},
            {"duplicate", r.push.duplicate},
            {"merged", r.push.merged},
            {"rejected", r.push.rejected}}},
          {"pulled",
           {{"pages", r.pull.pages},
            {"upserts", r.pull.upserts},
            {"removes", r.pull.removes},
            {"leaves", r.pull.leaves},
            {"aliases", r.pull.aliases},
            {"bytes", r.pull.bytes},
            {"bootstrap", r.pull.bootstrap},
            {"reset", r.pull.reset}}}};
}

Json status_json(const sync::SyncStatus& s) {
  return {{"synced", s.synced()},
          {"phase", sync::to_string(s.phase)},
          {"online", online_json(s.online)},
          {"pending_ops", s.pending_ops},
          {"rejected_ops", s.rejected_ops},
          {"open_conflicts", s.open_conflicts},
          {"cursor", s.cursor},
          {"last_sync_at", iso_or_null(s.last_sync_at_ms)},
          {"next_attempt_at", iso_or_null(s.next_attempt_at_ms)},
          {"last_error", s.last_error.empty() ? Json() : Json(s.last_error)}};
}

// One line for --watch and for progress: "12:00:01 bootstrapping 1200/5000 rows · online · pending 3".
std::string status_line(const sync::SyncStatus& s) {
  std::string line = sync::to_string(s.phase);
  if (s.phase == sync::Phase::bootstrapping && s.progress.rows_total > 0) {
    line += " " + std::to_string(s.progress.rows_done) + "/" + std::to_string(s.progress.rows_total) + " rows";
  }
  line += std::string(" · ") + sync::to_string(s.online);
  line += " · pending " + std::to_string(s.pending_ops);
  if (s.rejected_ops > 0) line += " · rejected " + std::to_string(s.rejected_ops);
  if (s.open_conflicts > 0) line += " · conflicts " + std::to_string(s.open_conflicts);
  line += s.synced() ? " · synced" : " · not synced";
  if (!s.last_error.empty() && !s.synced()) line += " · " + s.last_error;
  return line;
}

void print_report(Context& ctx, const sync::CycleReport& r, const sync::SyncStatus& s) {
  auto& out = ctx.out();
  out << ctx.tr("pushed: ", "terkirim: ") << r.push.sent << " op(s) (applied " << r.push.applied << ", duplicate "
      << r.push.duplicate << ", merged " << r.push.merged << ", rejected " << r.push.rejected << ")\n";
  out << ctx.tr("pulled: ", "diterima: ") << r.pull.pages << " page(s), " << r.pull.upserts << " row(s) changed, "
      << r.pull.removes + r.pull.leaves << " removed, " << r.pull.aliases << " merged"
      << (r.pull.bootstrap ? " (bootstrap)" : "") << (r.pull.reset ? " (client reset)" : "") << '\n';
  for (const auto& op : s.rejected) {
    out << ctx.tr("rejected: ", "ditolak: ") << "seq " << op.seq << " " << op.entity << " " << op.entity_id << ": "
        << op.reason << '\n';
  }
  if (s.open_conflicts > 0) {
    out << ctx.tr("conflicts to review: ", "konflik perlu ditinjau: ") << s.open_conflicts << '\n';
  }
  out << "cursor: " << s.cursor << '\n';
  out << (s.synced() ? ctx.tr("synced", "tersinkron")
                     : ctx.tr("exchange complete; needs attention", "pertukaran selesai; perlu perhatian"))
      << '\n';
}

Result<std::unique_ptr<sync::SyncEngine>> open_engine(Context& ctx, sync::Transport** transport) {
  auto curl = std::make_unique<sync::CurlTransport>();
  *transport = curl.get();
  sync::EngineOptions options;
  options.db_path = ctx.db_path();
  return sync::SyncEngine::open(options, ctx.clock(), std::move(curl));
}

// Until SIGINT (or --timeout): the engine's worker runs, and each change of status is one line.
Status run_watch(Context& ctx, sync::SyncEngine& engine, std::chrono::seconds timeout) {
  std::mutex mu;
  std::string last;
  engine.set_listener([&](const sync::SyncStatus& s) {
    const std::string line = status_line(s);
    std::lock_guard lock(mu);
    if (line == last) return;
    last = line;
    ctx.out() << iso_or_null(ctx.clock().now_ms()).get<std::string>() << " " << line << std::endl;
  });
  engine.start();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!g_interrupted && (timeout.count() == 0 || std::chrono::steady_clock::now() < deadline)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  engine.stop();
  engine.set_listener(nullptr);
  return {};
}

Status run_sync(Context& ctx) {
  auto seconds = count_option(ctx.args(), "timeout", ctx.args().has("watch") ? 0 : 60, 7 * 24 * 3600);
  if (!seconds.ok()) return seconds.error();
  const auto timeout = std::chrono::seconds(static_cast<std::int64_t>(*seconds));
  {
    auto replica = ctx.replica();  // a clear error for a missing file, before the engine opens its own
    if (!replica.ok()) return replica.error();
  }
  sync::Transport* transport = nullptr;
  auto opened = open_engine(ctx, &transport);
  if (!opened.ok()) return opened.error();
  sync::SyncEngine& engine = **opened;
  InterruptGuard interrupts;
  if (ctx.args().has("watch")) return run_watch(ctx, engine, timeout);

  // One complete exchange, retrying failures with the engine's backoff until --timeout. A watchdog
  // cancels the transfer in flight at the deadline or on Ctrl-C.
  const auto deadline =
      timeout.count() > 0 ? std::chrono::steady_clock::now() + timeout : std::chrono::steady_clock::time_point::max();
  std::atomic<bool> finished{false};
  std::thread watchdog([&] {
    while (!finished) {
      if (g_interrupted || std::chrono::steady_clock::now() >= deadline) {
        transport->cancel();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  std::optional<sync::CycleReport> complete;
  for (;;) {
    auto step = engine.run_due();
    if (step.kind == sync::StepKind::cycle && step.ok) {
      complete = std::move(step.report);
      break;
    }
    const auto phase = engine.status().phase;
    if (phase == sync::Phase::revoked || phase == sync::Phase::incompatible || phase == sync::Phase::not_enrolled) break;
    if (g_interrupted || std::chrono::steady_clock::now() >= deadline) break;
    const auto due = engine.next_due_ms();
    if (!due) break;
    if (step.kind != sync::StepKind::nothing) {
      ctx.err() << "simpulctl: " << status_line(engine.status()) << '\n';
    }
    // Wait for the backoff (bounded by the deadline), waking often enough to notice Ctrl-C.
    while (!g_interrupted && std::chrono::steady_clock::now() < deadline && ctx.clock().steady_ms() < *due) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  finished = true;
  watchdog.join();

  const sync::SyncStatus status = engine.status();
  if (complete) {
    if (ctx.json()) {
      Json out = report_json(*complete);
      out["complete"] = true;
      out["rejected"] = rejected_json(status.rejected);
      out["status"] = status_json(status);
      ctx.print_json(out);
    } else {
      print_report(ctx, *complete, status);
    }
    return {};
  }
  if (ctx.json()) {
    ctx.print_json({{"complete", false}, {"rejected", rejected_json(status.rejected)}, {"status", status_json(status)}});
  }
  std::string why = status.last_error.empty() ? sync::to_string(status.phase) : status.last_error;
  if (status.phase == sync::Phase::not_enrolled) {
    why = ctx.tr("not enrolled: run `simpulctl enroll --db " + ctx.db_path() + " --server URL --facility CODE --code CODE`",
                 "belum terdaftar: jalankan `simpulctl enroll --db " + ctx.db_path() +
                     " --server URL --facility KODE --code KODE`");
  }
  if (g_interrupted) why = ctx.tr("interrupted", "dihentikan");
  else if (std::chrono::steady_clock::now() >= deadline) why = ctx.tr("timed out", "waktu habis") + " (" + why + ")";
  return make_error(ErrorKind::transient, "sync.incomplete",
                    ctx.tr("sync incomplete: ", "sinkronisasi belum selesai: ") + why);
}

// ---- conflicts, digest, needs attention ----

Status run_conflicts(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto list = sync::open_conflicts((*replica)->db());
  if (!list.ok()) return list.error();
  if (ctx.json()) {
    Json out = Json::array();
    for (const auto& c : *list) {
      out.push_back({{"id", c.id},
                     {"entity", c.entity},
                     {"entity_id", c.entity_id},
                     {"field", c.field},
                     {"winner_value", c.winner_value ? Json(*c.winner_value) : Json()},
                     {"loser_value", c.loser_value ? Json(*c.loser_value) : Json()},
                     {"winner_hlc", c.winner_hlc},
                     {"loser_hlc", c.loser_hlc},
                     {"detected_at", iso_or_null(c.detected_at_ms)}});
    }
    ctx.print_json(out);
    return {};
  }
  for (const auto& c : *list) {
    ctx.out() << c.id << "  " << c.entity << " " << c.entity_id << " ." << c.field << "  kept "
              << c.winner_value.value_or("null") << "  lost " << c.loser_value.value_or("null") << '\n';
  }
  if (list->empty()) ctx.out() << ctx.tr("no open conflicts", "tidak ada konflik terbuka") << '\n';
  return {};
}

Status run_digest(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto digest = sync::replica_digest((*replica)->db());
  if (!digest.ok()) return digest.error();
  ctx.out() << digest->digest << '\n';
  return {};
}

Status run_rejected(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto list = sync::NeedsAttention(**replica).list();
  if (!list.ok()) return list.error();
  if (ctx.json()) {
    ctx.print_json(rejected_json(*list));
    return {};
  }
  for (const auto& op : *list) {
    ctx.out() << "seq " << op.seq << "  " << op.kind << " " << op.entity << " " << op.entity_id << "  " << op.reason
              << '\n';
  }
  if (list->empty()) ctx.out() << ctx.tr("nothing needs attention", "tidak ada yang perlu perhatian") << '\n';
  return {};
}

Status run_resend(Context& ctx) {
  auto seq = seq_option(ctx);
  if (!seq.ok()) return seq.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  auto fresh = sync::NeedsAttention(**replica).resend(*seq, *who);
  if (!fresh.ok()) return fresh.error();
  if (ctx.json()) {
    ctx.print_json({{"seq", *seq}, {"new_seq", *fresh}});
  } else {
    ctx.out() << ctx.tr("queued again as seq ", "diantrekan lagi sebagai seq ") << *fresh << '\n';
  }
  return {};
}

Status run_discard(Context& ctx) {
  auto seq = seq_option(ctx);
  if (!seq.ok()) return seq.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  SIMPUL_TRY(sync::NeedsAttention(**replica).discard(*seq, *who));
  if (ctx.json()) {
    ctx.print_json({{"seq", *seq}, {"discarded", true}});
  } else {
    ctx.out() << ctx.tr("discarded seq ", "dibuang seq ") << *seq << '\n';
  }
  return {};
}

}  // namespace

Status fill_sync_status(storage::Replica& r, nlohmann::json& report) {
  auto s = sync::read_status(r.db());
  if (!s.ok()) return s.error();
  report["open_conflicts"] = s->open_conflicts;
  report["last_sync_at"] = iso_or_null(s->last_sync_at_ms);
  report["online"] = online_json(s->online);  // as last recorded: status never goes online
  report["cursor"] = s->cursor;
  report["phase"] = sync::to_string(s->phase);
  report["synced"] = s->synced();
  report["last_error"] = s->last_error.empty() ? Json() : Json(s->last_error);
  report["next_attempt_at"] = iso_or_null(s->next_attempt_at_ms);
  if (s->progress.rows_total > 0) {
    report["bootstrap"] = {{"rows_done", s->progress.rows_done}, {"rows_total", s->progress.rows_total}};
  }
  return {};
}

Command enroll_command() {
  Command c;
  c.name = "enroll";
  c.summary = "Enroll this replica as a device of a facility (one-time code from the server operator)";
  c.usage = "--db FILE --server URL --facility CODE --code CODE [--json]";
  c.options = {{"server", "URL", "the central server, e.g. http://10.0.0.5:8470", true},
               {"facility", "CODE", "the facility (PPK) code", true},
               {"code", "CODE", "the one-time code from `simpul-server enroll-code`", true}};
  c.details =
      "Stores the device id, the facility and the server address in the replica; the device token stays\n"
      "in the replica and is never printed. A replica that is already enrolled is refused.\n\n"
      "Example:\n  simpulctl enroll --db desk.db --server http://127.0.0.1:8470 --facility 1001P001 --code 4821-0937\n";
  c.creates_db = true;
  c.run = run_enroll;
  return c;
}

Command sync_command() {
  Command c;
  c.name = "sync";
  c.summary = "Push local changes and pull the server's, once (exit 0 only after a complete exchange) or --watch";
  c.usage = "--db FILE [--watch] [--timeout S] [--json]";
  c.options = {{"watch", "", "keep syncing in the background until Ctrl-C, printing each status change"},
               {"timeout", "S", "give up after S seconds (default 60, 0 = no limit; --watch: until Ctrl-C)"}};
  c.details =
      "Without --watch: retries failures with backoff until one full exchange (push until only rejected\n"
      "ops remain, pull until the server has nothing more) completes or --timeout passes. Prints what was\n"
      "pushed and pulled and every rejected op with the server's reason. Exit 0 only when the exchange\n"
      "completed; a revoked device or an incompatible version stops at once (exit 1).\n\n"
      "Examples:\n  simpulctl sync --db desk.db\n  simpulctl sync --db desk.db --watch\n";
  c.run = run_sync;
  return c;
}

Command conflicts_command() {
  Command c;
  c.name = "conflicts";
  c.summary = "Open conflicts to review (same field edited on two devices, duplicate registrations)";
  c.usage = "--db FILE [--json]";
  c.details =
      "--json prints [{\"id\", \"entity\", \"entity_id\", \"field\", \"winner_value\", \"loser_value\", \"winner_hlc\",\n"
      "\"loser_hlc\", \"detected_at\"}].\n";
  c.run = run_conflicts;
  return c;
}

Command digest_command() {
  Command c;
  c.name = "digest";
  c.summary = "The replica's scope digest (hex): equal to `simpul-server digest` exactly when the data is";
  c.usage = "--db FILE";
  c.run = run_digest;
  return c;
}

Command rejected_command() {
  Command c;
  c.name = "rejected";
  c.summary = "Changes the server refused (needs attention), with its reasons";
  c.usage = "--db FILE [--json]";
  c.details =
      "--json prints [{\"seq\", \"entity\", \"entity_id\", \"kind\", \"reason\", \"created_at\"}]. Fix the record and\n"
      "`simpulctl resend --seq N`, or `simpulctl discard --seq N`.\n";
  c.run = run_rejected;
  return c;
}

Command resend_command() {
  Command c;
  c.name = "resend";
  c.summary = "Queue a rejected change again, with the record's current values";
  c.usage = "--db FILE --seq N [--json]";
  c.options = {{"seq", "N", "the rejected op's sequence number (see `simpulctl rejected`)", true}};
  c.details = "The change goes as a new op (new sequence number); the old one is retired. Audited.\n";
  c.run = run_resend;
  return c;
}

Command discard_command() {
  Command c;
  c.name = "discard";
  c.summary = "Drop a rejected change for good (audited)";
  c.usage = "--db FILE --seq N [--json]";
  c.options = {{"seq", "N", "the rejected op's sequence number (see `simpulctl rejected`)", true}};
  c.details = "The next sync compares digests and restores the server's version of the record.\n";
  c.run = run_discard;
  return c;
}

}  // namespace simpul::ctl
