// End to end on 127.0.0.1: the real simpul-server process, the seeded fault proxy in front of it, and
// desks running the real engine over libcurl. Each scenario asserts no loss and no duplicates: digests
// equal to the server's, and the server's own count of applied ops.
#include <gtest/gtest.h>

#include <functional>

#include <chrono>
#include <deque>
#include <fstream>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "simpul/core/clock.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/users.hpp"
#include "simpul/sync/curl_transport.hpp"
#include "simpul/sync/engine.hpp"
#include "simpul/sync/rows.hpp"
#include "simpul/sync/sync_state.hpp"
#include "support/fault_proxy.hpp"
#include "support/process.hpp"
#include "support/socket.hpp"
#include "support/temp_dir.hpp"

using namespace std::chrono_literals;
using namespace simpul;
using namespace simpul::sync;
using storage::Fields;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// Runs a command to completion (bounded) and returns its stdout; fails the test on a non-zero exit.
std::string run(const std::vector<std::string>& argv, int* exit_code = nullptr) {
  test::Process p(test::ProcessOptions{argv, {}, test::Output::capture(), test::Output::capture(), {}});
  auto status = p.wait_for(60s);
  EXPECT_TRUE(status.has_value()) << argv[0] << " " << argv[1] << " did not finish";
  if (exit_code != nullptr) {
    *exit_code = status ? status->code : -1;
  } else {
    EXPECT_TRUE(status && status->exited() && status->code == 0)
        << argv[1] << ": " << (status ? test::to_string(*status) : "running") << "\n" << p.captured_stderr();
  }
  return p.captured_stdout();
}

struct E2eDesk {
  std::string path;
  std::unique_ptr<storage::Replica> ui;
  std::unique_ptr<SyncEngine> engine;
};

}  // namespace

class SyncEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    server_db = dir.file("server.db").string();
    run({SIMPUL_SERVER_BIN, "init", "--db", server_db});
    run({SIMPUL_SERVER_BIN, "seed", "--db", server_db, "--demo", "--participants", "300", "--seed", "11"});
    auto list = nlohmann::json::parse(run({SIMPUL_SERVER_BIN, "facilities", "--db", server_db, "--json"}));
    std::int64_t most = -1;
    for (const auto& f : list) {
      if (f.value("participants", 0) > most) {
        most = f.value("participants", 0);
        facility = f.value("code", "");
      }
    }
    ASSERT_FALSE(facility.empty());
    for (const auto& f : list) {
      if (f.value("code", "") != facility) other_facility = f.value("code", "");
    }
    port = static_cast<std::uint16_t>(test::free_tcp_port());
    start_server();
    proxy = std::make_unique<test::FaultProxy>(port, /*seed=*/20260101);
  }

  void TearDown() override {
    desks.clear();
    proxy.reset();
    server.reset();
  }

  void start_server() {
    server = std::make_unique<test::Process>(test::ProcessOptions{
        {SIMPUL_SERVER_BIN, "serve", "--db", server_db, "--listen", "127.0.0.1:" + std::to_string(port)},
        {},
        test::Output::to_file(dir.file("server.log")),
        test::Output::to_file(dir.file("server.err")),
        {}});
    ASSERT_TRUE(test::wait_until([&] { return static_cast<bool>(test::connect_tcp(port)); }, 10s))
        << test::read_file(dir.file("server.err"));
  }
  void kill_server() {
    server->kill(SIGKILL);
    ASSERT_TRUE(server->wait_for(10s).has_value());
    server.reset();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(proxy->port()); }

  E2eDesk& make_desk(const std::string& name, std::uint32_t page_rows = 5000,
                     const std::function<void(storage::Replica&)>& before_enroll = {}) {
    E2eDesk d;
    d.path = dir.file(name + ".db").string();
    auto ui = storage::Replica::open(d.path, clock);
    EXPECT_TRUE(ui.ok());
    d.ui = std::move(ui).value();
    CurlOptions curl;
    curl.connect_timeout = 2000ms;
    curl.low_speed_limit = 100;
    curl.low_speed_time = 2s;
    curl.total_timeout = 30'000ms;
    EngineOptions options;
    options.db_path = d.path;
    options.seed = 99;
    options.backoff_base = 20ms;
    options.backoff_cap = 200ms;
    options.client.pull_max_rows = page_rows;
    options.client.pull_max_bytes = 16u << 10;
    auto engine = SyncEngine::open(options, clock, std::make_unique<CurlTransport>(url(), curl));
    EXPECT_TRUE(engine.ok()) << engine.error().message;
    d.engine = std::move(engine).value();
    if (before_enroll) before_enroll(*d.ui);
    const std::string code =
        trim(run({SIMPUL_SERVER_BIN, "enroll-code", "--db", server_db, "--facility", facility}));
    SyncClient client(d.engine->replica(), d.engine->transport());
    auto enrolled = client.enroll(url(), facility, code);
    EXPECT_TRUE(enrolled.ok()) << enrolled.error().message;
    desks.push_back(std::move(d));
    return desks.back();
  }

  // Cycles until one completes; bounded. Failures in between are what the scenario injects.
  Result<CycleReport> sync_until_complete(E2eDesk& d, int attempts = 30) {
    Result<CycleReport> last = make_error(ErrorKind::transient, "e2e.not_run", "not run");
    for (int i = 0; i < attempts; ++i) {
      last = d.engine->run_cycle();
      if (last.ok()) return last;
      std::this_thread::sleep_for(50ms);
    }
    return last;
  }

  std::string server_digest() {
    return trim(run({SIMPUL_SERVER_BIN, "digest", "--db", server_db, "--facility", facility}));
  }
  static std::string replica_digest_of(storage::Replica& r) {
    auto d = replica_digest(r.db());
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->digest : "";
  }
  // The server's own count of pushed ops by verdict (Prometheus text from /metrics), straight, not via the proxy.
  std::int64_t ops_counted(const std::string& verdict) {
    auto fd = test::connect_tcp(port);
    if (!fd) return -1;
    test::send_all(fd.get(), "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string text = test::receive_all(fd.get());
    std::smatch m;
    const std::regex line("simpul_sync_ops_total\\{verdict=\"" + verdict + "\"\\} ([0-9]+)");
    return std::regex_search(text, m, line) ? std::stoll(m[1]) : 0;
  }

  // Ops the server accepts from a desk of `facility`: queue entries of its own.
  static void queue_patients(storage::Replica& r, const std::string& facility, const std::string& prefix, int n) {
    auto tx = storage::Transaction::begin(r.db());
    ASSERT_TRUE(tx.ok());
    for (int i = 0; i < n; ++i) {
      auto w = r.upsert(storage::Actor{"", "e2e"}, "queue_entry", prefix + std::to_string(i),
                        Fields{{"facility", facility}, {"poli", "umum"}, {"day", "2026-01-05"},
                               {"number", "A-" + std::to_string(i)}, {"seq_no", i}, {"state", "waiting"}});
      ASSERT_TRUE(w.ok()) << w.error().message;
    }
    ASSERT_TRUE(tx->commit().ok());
  }
  static std::int64_t count(storage::Replica& r, const std::string& sql) {
    return r.db().query_int(sql).value_or(std::optional<std::int64_t>(-1)).value_or(-1);
  }

  SystemClock& clock = SystemClock::instance();
  test::TempDir dir{"simpul-e2e"};
  std::string server_db;
  std::string facility;
  std::string other_facility;  // reference data this desk may not edit
  std::uint16_t port = 0;
  std::unique_ptr<test::Process> server;
  std::unique_ptr<test::FaultProxy> proxy;
  std::deque<E2eDesk> desks;  // stable references
};

TEST_F(SyncEndToEnd, EnrollBootstrapPushPullConvergeWithEqualDigests) {
  E2eDesk& a = make_desk("a");
  E2eDesk& b = make_desk("b");
  auto ra = sync_until_complete(a);
  ASSERT_TRUE(ra.ok()) << ra.error().message;
  EXPECT_TRUE(ra->pull.bootstrap);
  EXPECT_GT(ra->pull.upserts, 0u);
  ASSERT_TRUE(sync_until_complete(b).ok());
  EXPECT_EQ(replica_digest_of(*a.ui), server_digest());

  queue_patients(*a.ui, facility, "qa-", 5);
  queue_patients(*b.ui, facility, "qb-", 3);
  ASSERT_TRUE(sync_until_complete(a).ok());
  ASSERT_TRUE(sync_until_complete(b).ok());
  ASSERT_TRUE(sync_until_complete(a).ok());
  const std::string digest = server_digest();
  EXPECT_EQ(replica_digest_of(*a.ui), digest);
  EXPECT_EQ(replica_digest_of(*b.ui), digest);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM queue_entries"), 8);
  EXPECT_EQ(ops_counted("applied"), 8);
  EXPECT_TRUE(a.engine->status().synced());
  EXPECT_TRUE(b.engine->status().synced());
}

// An account (and a queue entry) made on a fresh laptop before it was enrolled carries no facility; enrolling
// stamps the facility on them, so the server takes them instead of refusing them out of scope and the first
// pull deleting the account.
TEST_F(SyncEndToEnd, RowsWrittenBeforeEnrollmentJoinTheFacility) {
  std::string user_id;
  E2eDesk& a = make_desk("early", 5000, [&](storage::Replica& r) {
    User u;
    u.username = "bidan";
    u.display_name = "Bidan Desa";
    u.role = Role::registration;
    auto id = storage::Users(r).create(storage::Actor{"", "setup"}, u, "rahasia-panjang");
    ASSERT_TRUE(id.ok()) << id.error().message;
    user_id = *id;
    queue_patients(r, "", "early-", 1);
  });
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM users WHERE facility = '" + facility + "'"), 1);
  auto r = sync_until_complete(a);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->push.rejected, 0);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM users WHERE id = '" + user_id + "'"), 1) << "the account was lost";
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM queue_entries WHERE id = 'early-0' AND facility = '" + facility + "'"),
            1);
  auto signed_in = storage::Users(*a.ui).authenticate("bidan", "rahasia-panjang");
  EXPECT_TRUE(signed_in.ok()) << (signed_in.ok() ? "" : signed_in.error().message);
  EXPECT_TRUE(a.engine->status().synced());
  EXPECT_EQ(replica_digest_of(*a.ui), server_digest());
}

TEST_F(SyncEndToEnd, CutMidUploadIsRetriedWithoutLossOrDuplicates) {
  E2eDesk& a = make_desk("a");
  ASSERT_TRUE(sync_until_complete(a).ok());
  queue_patients(*a.ui, facility, "q-", 200);
  // Every connection dies after 2 KiB upstream until the cut is lifted: the push never arrives whole.
  proxy->cut_after(test::Direction::upstream, 2048, test::Scope::per_connection);
  auto cut = a.engine->run_cycle();
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(ops_counted("applied"), 0) << "an incomplete request was applied";
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM outbox WHERE state = 'sent'"), 200);
  proxy->clear_cuts();
  ASSERT_TRUE(sync_until_complete(a).ok());
  EXPECT_EQ(ops_counted("applied"), 200);
  EXPECT_EQ(ops_counted("duplicate"), 0);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM outbox"), 200);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM outbox WHERE state = 'confirmed'"), 200);
  EXPECT_EQ(replica_digest_of(*a.ui), server_digest());
}

TEST_F(SyncEndToEnd, AnswerLostAfterTheServerCommittedIsAppliedExactlyOnce) {
  E2eDesk& a = make_desk("a");
  ASSERT_TRUE(sync_until_complete(a).ok());
  queue_patients(*a.ui, facility, "q-", 20);
  // The push reaches the server and commits; the connection is cut at the first byte of the answer.
  proxy->cut_after(test::Direction::downstream, 0, test::Scope::lifetime);
  auto r = a.engine->run_cycle();  // the ambiguous failure is resent at once inside the cycle
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->push.duplicate, 20) << "the resend found the ops applied";
  EXPECT_EQ(ops_counted("applied"), 20);
  EXPECT_EQ(ops_counted("duplicate"), 20);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM outbox"), 20);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM queue_entries"), 20);
  EXPECT_EQ(replica_digest_of(*a.ui), server_digest());
}

TEST_F(SyncEndToEnd, CutMidDownloadResumesTheBootstrap) {
  E2eDesk& a = make_desk("a", /*page_rows=*/25);
  // Every connection dies after 4 KiB downstream: some pages are stored, then the link drops mid-page.
  proxy->cut_after(test::Direction::downstream, 4 * 1024, test::Scope::per_connection);
  auto first = a.engine->run_cycle();
  ASSERT_FALSE(first.ok());
  auto mid = load_sync_state(a.ui->db());
  ASSERT_TRUE(mid.ok());
  ASSERT_TRUE(mid->snapshot.active) << "the whole bootstrap fitted before the cut";
  EXPECT_GT(mid->snapshot.rows_done, 0u);
  const std::uint64_t done_before = mid->snapshot.rows_done;
  proxy->clear_cuts();
  std::uint64_t first_resumed = 0;
  a.engine->set_listener([&](const SyncStatus& s) {
    if (first_resumed == 0 && s.phase == Phase::bootstrapping && s.progress.rows_done > done_before) {
      first_resumed = s.progress.rows_done;
    }
  });
  ASSERT_TRUE(sync_until_complete(a).ok());
  a.engine->set_listener(nullptr);
  EXPECT_GT(first_resumed, done_before);
  EXPECT_LE(first_resumed, done_before + 25) << "the bootstrap started over";
  EXPECT_EQ(replica_digest_of(*a.ui), server_digest());
  EXPECT_TRUE(load_sync_state(a.ui->db())->bootstrap_done);
}

TEST_F(SyncEndToEnd, ServerKilledAndRestartedMidSync) {
  E2eDesk& a = make_desk("a", /*page_rows=*/10);
  queue_patients(*a.ui, facility, "q-", 30);
  proxy->set_bandwidth(test::Direction::downstream, 8 * 1024);  // slow enough to kill it half way
  // A watcher on the desk's UI connection kills the server once part of the bootstrap is stored.
  std::atomic<bool> killed{false};
  std::thread killer([&] {
    for (int i = 0; i < 1000 && !killed; ++i) {
      auto s = load_sync_state(a.ui->db());
      if (s.ok() && s->snapshot.rows_done >= 20) {
        kill_server();
        killed = true;
        return;
      }
      std::this_thread::sleep_for(10ms);
    }
  });
  auto first = a.engine->run_cycle();
  killer.join();
  ASSERT_TRUE(killed.load()) << "the sync finished before the server could be killed";
  EXPECT_FALSE(first.ok());
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM outbox WHERE state = 'confirmed'"), 30) << "pushed before the pull";
  start_server();
  proxy->set_bandwidth(test::Direction::downstream, 0);
  ASSERT_TRUE(sync_until_complete(a).ok());
  EXPECT_EQ(ops_counted("applied"), 0) << "a confirmed op was applied again after the restart";
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM outbox"), 30);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM queue_entries"), 30);
  EXPECT_EQ(replica_digest_of(*a.ui), server_digest());
}

TEST_F(SyncEndToEnd, ReturnAfterRetentionResetsAndKeepsLocalChanges) {
  E2eDesk& a = make_desk("a");
  E2eDesk& b = make_desk("b");
  ASSERT_TRUE(sync_until_complete(a).ok());
  ASSERT_TRUE(sync_until_complete(b).ok());
  // Desk a is offline for a long time and works: queue entries nobody else has seen.
  queue_patients(*a.ui, facility, "offline-", 4);
  // Meanwhile desk b keeps working, and the server drops its change log beyond retention.
  queue_patients(*b.ui, facility, "online-", 3);
  ASSERT_TRUE(sync_until_complete(b).ok());
  std::this_thread::sleep_for(20ms);
  run({SIMPUL_SERVER_BIN, "compact", "--db", server_db, "--retention-days", "0"});

  // Only the pull (no push first): the reset happens with the local ops still unconfirmed.
  SyncClient client(a.engine->replica(), a.engine->transport());
  auto pulled = client.pull();
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_TRUE(pulled->reset);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM queue_entries WHERE id LIKE 'offline-%'"), 4) << "local work lost";
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM queue_entries WHERE id LIKE 'online-%'"), 3);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sent')"), 4);
  ASSERT_TRUE(sync_until_complete(a).ok());
  ASSERT_TRUE(sync_until_complete(b).ok());
  const std::string digest = server_digest();
  EXPECT_EQ(replica_digest_of(*a.ui), digest);
  EXPECT_EQ(replica_digest_of(*b.ui), digest);
  EXPECT_EQ(count(*b.ui, "SELECT count(*) FROM queue_entries WHERE id LIKE 'offline-%'"), 4);
}

// ---- simpulctl against the same server ----

namespace {

nlohmann::json parse_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << text;
  return j;
}

}  // namespace

TEST_F(SyncEndToEnd, SimpulctlEnrollsSyncsAndHandlesARejectedChange) {
  const std::string db = dir.file("cli.db").string();
  const std::string code = trim(run({SIMPUL_SERVER_BIN, "enroll-code", "--db", server_db, "--facility", facility}));
  const std::string enrolled =
      run({SIMPUL_CTL_BIN, "enroll", "--db", db, "--server", url(), "--facility", facility, "--code", code});
  EXPECT_NE(enrolled.find("enrolled as device"), std::string::npos) << enrolled;
  {
    auto r = storage::Replica::open(db, clock);
    ASSERT_TRUE(r.ok());
    const std::string token = (*r)->device_token();
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(enrolled.find(token), std::string::npos) << "the token was printed";
  }

  auto synced = parse_json(run({SIMPUL_CTL_BIN, "sync", "--db", db, "--json", "--timeout", "60"}));
  EXPECT_EQ(synced["complete"], true);
  EXPECT_EQ(synced["pulled"]["bootstrap"], true);
  EXPECT_EQ(trim(run({SIMPUL_CTL_BIN, "digest", "--db", db})), server_digest());
  auto status = parse_json(run({SIMPUL_CTL_BIN, "status", "--db", db, "--json"}));
  EXPECT_TRUE(status["last_sync_at"].is_string());
  EXPECT_EQ(status["online"], true);
  EXPECT_EQ(status["phase"], "idle");
  EXPECT_GT(status["cursor"].get<std::int64_t>(), 0);
  EXPECT_EQ(status["open_conflicts"], 0);
  EXPECT_EQ(status["rejected_ops"], 0);
  EXPECT_EQ(status["synced"], true);

  // A change the server refuses (another facility is the server's reference data): the exchange still
  // completes, the op is listed with the reason, and "synced" stays off until it is dealt with.
  std::string facility_name;
  {
    auto r = storage::Replica::open(db, clock);
    ASSERT_TRUE(r.ok());
    auto before = (*r)->load("facility", other_facility);
    ASSERT_TRUE(before.ok() && before->has_value());
    facility_name = (**before)["name"].get<std::string>();
    auto tx = storage::Transaction::begin((*r)->db());
    ASSERT_TRUE(
        (*r)->upsert(storage::Actor{"", "cli"}, "facility", other_facility, Fields{{"name", "Renamed"}}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  auto refused = parse_json(run({SIMPUL_CTL_BIN, "sync", "--db", db, "--json"}));
  EXPECT_EQ(refused["complete"], true);
  EXPECT_EQ(refused["pushed"]["rejected"], 1) << refused.dump(2);
  ASSERT_EQ(refused["rejected"].size(), 1u);
  EXPECT_NE(refused["rejected"][0]["reason"].get<std::string>().find("scope.reference_data"), std::string::npos);
  EXPECT_EQ(parse_json(run({SIMPUL_CTL_BIN, "status", "--db", db, "--json"}))["synced"], false);
  auto rejected = parse_json(run({SIMPUL_CTL_BIN, "rejected", "--db", db, "--json"}));
  ASSERT_EQ(rejected.size(), 1u);
  const std::string seq = std::to_string(rejected[0]["seq"].get<std::int64_t>());
  run({SIMPUL_CTL_BIN, "discard", "--db", db, "--seq", seq});
  EXPECT_TRUE(parse_json(run({SIMPUL_CTL_BIN, "rejected", "--db", db, "--json"})).empty());
  // The next exchange checks the digest and puts the server's name back.
  run({SIMPUL_CTL_BIN, "sync", "--db", db});
  status = parse_json(run({SIMPUL_CTL_BIN, "status", "--db", db, "--json"}));
  EXPECT_EQ(status["synced"], true);
  EXPECT_EQ(trim(run({SIMPUL_CTL_BIN, "digest", "--db", db})), server_digest());
  auto r = storage::Replica::open(db, clock);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*(*r)->load("facility", other_facility))->value("name", ""), facility_name);
  EXPECT_TRUE(parse_json(run({SIMPUL_CTL_BIN, "conflicts", "--db", db, "--json"})).is_array());
}

TEST_F(SyncEndToEnd, SimpulctlSyncExitsZeroOnlyAfterACompleteExchange) {
  const std::string db = dir.file("cli.db").string();
  const std::string code = trim(run({SIMPUL_SERVER_BIN, "enroll-code", "--db", server_db, "--facility", facility}));
  run({SIMPUL_CTL_BIN, "enroll", "--db", db, "--server", url(), "--facility", facility, "--code", code});

  // Server unreachable: retries until --timeout, then exit 1; the persisted status says offline.
  proxy->set_down(true);
  int rc = 0;
  const auto start = std::chrono::steady_clock::now();
  run({SIMPUL_CTL_BIN, "sync", "--db", db, "--timeout", "3"}, &rc);
  EXPECT_EQ(rc, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 15s);
  auto status = parse_json(run({SIMPUL_CTL_BIN, "status", "--db", db, "--json"}));
  EXPECT_EQ(status["online"], false);
  EXPECT_EQ(status["phase"], "backing_off");
  EXPECT_TRUE(status["last_sync_at"].is_null());
  EXPECT_EQ(status["synced"], false);

  proxy->set_down(false);
  run({SIMPUL_CTL_BIN, "sync", "--db", db}, &rc);
  EXPECT_EQ(rc, 0);

  // A revoked device stops at once: no waiting out the timeout, no retry loop.
  const std::string device = parse_json(run({SIMPUL_CTL_BIN, "status", "--db", db, "--json"}))["device"]["device_id"];
  run({SIMPUL_SERVER_BIN, "revoke", "--db", server_db, "--device", device});
  const auto revoked_at = std::chrono::steady_clock::now();
  run({SIMPUL_CTL_BIN, "sync", "--db", db, "--timeout", "60"}, &rc);
  EXPECT_EQ(rc, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - revoked_at, 10s);
  status = parse_json(run({SIMPUL_CTL_BIN, "status", "--db", db, "--json"}));
  EXPECT_EQ(status["phase"], "revoked");
  EXPECT_EQ(status["synced"], false);
}

TEST_F(SyncEndToEnd, SimpulctlWatchPrintsStatusChangesUntilInterrupted) {
  const std::string db = dir.file("cli.db").string();
  const std::string code = trim(run({SIMPUL_SERVER_BIN, "enroll-code", "--db", server_db, "--facility", facility}));
  run({SIMPUL_CTL_BIN, "enroll", "--db", db, "--server", url(), "--facility", facility, "--code", code});
  test::Process watch(test::ProcessOptions{
      {SIMPUL_CTL_BIN, "sync", "--db", db, "--watch"}, {}, test::Output::capture(), test::Output::capture(), {}});
  ASSERT_TRUE(test::wait_until([&] { return watch.captured_stdout().find(" synced") != std::string::npos; }, 30s))
      << watch.captured_stdout() << watch.captured_stderr();
  watch.kill(SIGINT);
  auto status = watch.wait_for(10s);
  ASSERT_TRUE(status.has_value()) << "--watch did not stop on SIGINT";
  EXPECT_EQ(status->code, 0) << watch.captured_stderr();
  EXPECT_NE(watch.captured_stdout().find("bootstrapping"), std::string::npos) << watch.captured_stdout();
}

TEST_F(SyncEndToEnd, StopCancelsAStalledTransferPromptly) {
  E2eDesk& a = make_desk("a");
  proxy->set_stalled(true);  // a black hole: the request goes nowhere and nothing comes back
  a.engine->start();
  ASSERT_TRUE(test::wait_until([&] { return proxy->stats().connections_open > 0; }, 5s));
  std::this_thread::sleep_for(200ms);  // well inside the transfer
  const auto start = std::chrono::steady_clock::now();
  a.engine->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
  EXPECT_FALSE(a.engine->running());
  proxy->set_stalled(false);
  ASSERT_TRUE(sync_until_complete(a).ok()) << "the engine works again after a stop";
}
