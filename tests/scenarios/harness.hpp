#pragma once
// The end-to-end sync harness: everything real, all on 127.0.0.1.
//
//   desks (replica file + SyncEngine + libcurl) --> FaultProxy (seeded faults) --> simpul-server (child process)
//
// The server runs as the real `simpul-server serve` binary so that a test can SIGKILL and restart it; an
// operator's view of the same database (ServerAdmin, in this process) hands out enrollment codes, compacts,
// and reads what the server stored for the checks (checks.hpp). Each Desk has two connections to its
// replica, as the app has: the desk's own (what the user writes) and the engine's.
//
// Harness failures (a server that will not start, a write the replica refuses) throw: GoogleTest reports
// an exception as a failure of the test that hit it. Every wait is bounded.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/result.hpp"
#include "simpul/server/store.hpp"
#include "simpul/server/sync_service.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/client.hpp"
#include "simpul/sync/curl_transport.hpp"
#include "simpul/sync/engine.hpp"
#include "simpul/sync/transport.hpp"
#include "support/fault_proxy.hpp"
#include "support/pg_database.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace simpul::scenario {

using storage::Fields;
using namespace std::chrono_literals;

inline constexpr std::int64_t kYearMs = 365LL * 24 * 3600 * 1000;

// Throws std::runtime_error with `what` and the error when `r` failed; the value otherwise.
template <class T>
T must(Result<T> r, const std::string& what);
void must(const Status& s, const std::string& what);

// A desk's wall clock: the real clock plus an error the test sets (a desk a year off, or one whose clock
// jumps while it is offline). It has to move with real time because the server's clock does: the skew the
// server measures is the difference between the two.
class DeskClock final : public Clock {
 public:
  std::int64_t now_ms() const override { return SystemClock::instance().now_ms() + skew_ms_.load(); }
  std::int64_t steady_ms() const override { return SystemClock::instance().steady_ms(); }
  std::string boot_id() const override { return SystemClock::instance().boot_id(); }
  void set_skew_ms(std::int64_t skew) { skew_ms_ = skew; }
  std::int64_t skew_ms() const { return skew_ms_.load(); }

 private:
  std::atomic<std::int64_t> skew_ms_{0};
};

// The real libcurl transport, counting the requests a desk makes and optionally rewriting request headers
// on the way out (a desk of another protocol version).
class DeskTransport final : public sync::Transport {
 public:
  DeskTransport(std::string base_url, sync::CurlOptions options);
  void cancel() override { inner_.cancel(); }
  void resume() override { inner_.resume(); }
  void set_base_url(const std::string& url) override { inner_.set_base_url(url); }
  std::string base_url() const override { return inner_.base_url(); }

  void override_header(const std::string& name, const std::string& value);
  void clear_overrides();
  std::int64_t requests() const { return requests_.load(); }

 protected:
  Result<sync::HttpResponse> exchange(const sync::HttpRequest& request) override;

 private:
  sync::CurlTransport inner_;
  std::mutex mu_;
  sync::Headers overrides_;
  std::atomic<std::int64_t> requests_{0};
};

// Short timeouts: on loopback a stalled link is detected in about a second, not 45.
sync::CurlOptions scenario_curl_options();

// `simpul-server serve` as a child process, on one loopback port for its whole life (restarts included), so
// the proxy in front of it keeps working across restarts. Not thread-safe: one thread drives it.
class ServerProcess {
 public:
  // `db`: an SQLite file or a postgresql:// URL. `port` 0: a free one.
  ServerProcess(std::string db, std::filesystem::path log_dir, std::uint16_t port = 0, std::string log_prefix = "server");
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Returns once the server accepts connections (bounded); throws if it does not.
  void start();
  // SIGKILL, as a crash or power cut of the process; returns once it is reaped.
  void kill();
  void restart() {
    kill();
    start();
  }
  bool running();
  std::uint16_t port() const { return port_; }
  int starts() const { return starts_; }
  std::string stderr_text() const;  // the JSON log of the current (or last) run

 private:
  std::string db_;
  std::filesystem::path log_dir_;
  std::string log_prefix_;
  std::uint16_t port_ = 0;
  int starts_ = 0;
  std::unique_ptr<test::Process> process_;
};

// One (device, seq) as the server recorded it: the exactly-once key and the answer it gave.
struct AppliedOp {
  std::int64_t seq = 0;
  sync::Verdict verdict = sync::Verdict::applied;
  std::string reason;
  std::string canonical_id;
  std::int64_t tx = 0;  // the server transaction that applied it
};

struct CivilPerson {
  std::string nik, name, birth_date, sex, kk_number;
};

// The operator's view of the server database, opened in this process beside the serving child (SQLite
// serialises the writers, PostgreSQL queues them on the transaction-number lock; every read is its own
// snapshot). Thread-safe. Its plain SQL (query_int, query_texts) must be valid on both engines.
class ServerAdmin {
 public:
  explicit ServerAdmin(const std::string& db);
  ~ServerAdmin();
  ServerAdmin(const ServerAdmin&) = delete;
  ServerAdmin& operator=(const ServerAdmin&) = delete;

  std::string enroll_code(const std::string& facility);
  std::string digest(const std::string& facility);
  server::CompactCounts compact(int retention_days);
  std::vector<Fields> conflicts(const std::optional<std::string>& facility = std::nullopt);
  std::vector<server::FacilitySummary> facilities();
  // The facility's scope, row by row, as the digest sees it (wire rows with canonical value text).
  server::Store& store() { return *store_; }

  std::map<std::int64_t, AppliedOp> applied_ops(const std::string& device_id);
  std::int64_t count_applied(const std::string& device_id);
  std::map<std::string, std::string> aliases();  // alias id -> canonical id
  std::optional<server::StoredRow> row(const std::string& entity, const std::string& id);
  // The stored fields of a row, or an empty object when there is no such row.
  Fields fields_of(const std::string& entity, const std::string& id);
  // People in the civil registry who are not participants yet: a desk can register them.
  std::vector<CivilPerson> unregistered(std::size_t limit);
  std::int64_t query_int(const std::string& sql);
  std::vector<std::string> query_texts(const std::string& sql);

 private:
  std::mutex mu_;
  std::unique_ptr<server::Store> store_;
  std::unique_ptr<server::SyncService> service_;
  // Plain SQL for the bookkeeping tables the store does not expose: every value as text (nullopt = NULL).
  std::vector<std::vector<std::optional<std::string>>> raw_rows(const std::string& sql);

  std::unique_ptr<storage::Database> raw_;           // SQLite
  std::unique_ptr<server::PgSession> raw_pg_;        // PostgreSQL
};

struct DeskOptions {
  std::string facility;              // empty: the world's main facility
  std::int64_t skew_ms = 0;          // the desk's clock error from the start
  bool through_proxy = true;         // false: straight to the server
  std::uint32_t page_rows = 200;     // small pages: many page boundaries for faults to land on
  std::uint32_t page_bytes = 16u << 10;
  std::size_t push_max_ops = 1000;
  // Immediate resends after an ambiguous failure inside one attempt (the engine's default is 2). A test that
  // wants to look at the state a single cut leaves behind sets 0.
  int ambiguous_retries = 2;
  // Let the engine compare digests and repair on its own. Off by default: a repair would hide a pull that
  // lost or doubled something, and the checks want to see exactly what the protocol delivered.
  bool auto_repair = false;
  bool enroll = true;
};

class Desk {
 public:
  Desk(std::string name, std::string path, std::string url, const DeskOptions& options);
  ~Desk();
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;

  const std::string& name() const { return name_; }
  const std::string& path() const { return path_; }
  const std::string& facility() const { return facility_; }
  std::string device_id();
  DeskClock& clock() { return clock_; }
  storage::Replica& db() { return *ui_; }  // the desk's own connection: what the user writes and sees
  sync::SyncEngine& engine() { return *engine_; }
  DeskTransport& transport() { return *transport_; }

  void enroll(const std::string& url, const std::string& code);
  // One attempt, as the engine's worker makes it (ambiguous failures are resent inside it).
  Result<sync::CycleReport> sync_once();
  // Attempts until one completes a full exchange, at most `attempts` (and about a minute); stops at once on
  // a refusal no retry can fix (protocol mismatch, revoked).
  Result<sync::CycleReport> sync(int attempts = 40);

  // ---- the desk's own writes, one local transaction each (as the app's forms make them) ----
  void upsert(const std::string& entity, const std::string& id, const Fields& fields);
  void remove(const std::string& entity, const std::string& id);
  // Many rows in one local transaction (a bulk import, or a busy morning in a test that needs volume).
  void upsert_all(const std::string& entity, const std::vector<std::pair<std::string, Fields>>& rows);
  std::optional<Fields> load(const std::string& entity, const std::string& id);
  std::int64_t count(const std::string& sql);
  std::vector<std::string> texts(const std::string& sql);
  std::int64_t cursor();
  // Every outbox op in seq order, whatever its state.
  std::vector<storage::OutboxOp> outbox();
  // The pull cursor each op was written at: what its author had seen (the op's base_cursor when pushed).
  const std::map<std::int64_t, std::int64_t>& written_at() const { return written_at_; }

  // The client process ended and started again: both connections closed and reopened.
  void close();
  void reopen();

 private:
  void open();
  void remember_new_ops(std::int64_t before_seq, std::int64_t cursor);
  std::int64_t max_seq();

  std::string name_, path_, url_, facility_;
  DeskOptions options_;
  DeskClock clock_;
  std::unique_ptr<storage::Replica> ui_;
  std::unique_ptr<sync::SyncEngine> engine_;
  DeskTransport* transport_ = nullptr;  // owned by the engine
  std::map<std::int64_t, std::int64_t> written_at_;
};

struct WorldOptions {
  std::size_t participants = 200;  // `simpul-server seed --demo --participants N`
  std::uint64_t demo_seed = 7;
  std::uint64_t proxy_seed = 20260101;
  // The store: nullopt follows SIMPUL_TEST_STORE (pg or SQLite); true/false force PostgreSQL/SQLite.
  std::optional<bool> postgres;
};

// One server (seeded demo regency), one proxy in front of it, and the desks of a test.
class World {
 public:
  explicit World(WorldOptions options = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  test::TempDir& dir() { return dir_; }
  // The server's --db: an SQLite file, or (SIMPUL_TEST_STORE=pg) a postgresql:// URL of this world's database.
  const std::string& server_db() const { return server_db_; }
  bool on_postgres() const { return pg_ != nullptr; }
  ServerProcess& server() { return *server_; }
  ServerAdmin& admin() { return *admin_; }
  test::FaultProxy& proxy() { return *proxy_; }
  std::string proxy_url() const;
  std::string direct_url() const;

  const std::string& facility() const { return facility_; }              // the FKTP with most participants
  const std::string& other_facility() const { return other_facility_; }  // a second FKTP

  // The operator moved the data to another store (migrate-store): the server is stopped and started again on
  // `db`, on the same port (the proxy keeps forwarding to it), and the admin view follows.
  void move_server_to(const std::string& db);

  // A new desk, enrolled with a fresh one-time code (not yet synced).
  Desk& add_desk(const std::string& name, DeskOptions options = {});
  std::vector<std::unique_ptr<Desk>>& desks() { return desks_; }

  // The server's own counters, read straight from it (not through the proxy). They restart with the server.
  std::int64_t metric(const std::string& name, const std::string& labels);
  std::int64_t ops_counted(const std::string& verdict) {
    return metric("simpul_sync_ops_total", "verdict=\"" + verdict + "\"");
  }

 private:
  test::TempDir dir_{"simpul-scenario"};
  std::unique_ptr<test::PgDatabase> pg_;
  std::string server_db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ServerAdmin> admin_;
  std::unique_ptr<test::FaultProxy> proxy_;
  std::string facility_, other_facility_;
  std::vector<std::unique_ptr<Desk>> desks_;
};

// Runs a program to completion (bounded) and returns its standard output; throws when it fails.
std::string run_tool(const std::vector<std::string>& argv);

// The fields of a registration as a desk's form writes them.
Fields registration(const CivilPerson& person, const std::string& fktp, const std::string& phone);
// A waiting queue entry at `facility`, as the queue desk writes it; `n` of them with ids prefix0, prefix1, ...
Fields queue_entry(const std::string& facility, std::int64_t number);
std::vector<std::pair<std::string, Fields>> queue_entries(const std::string& facility, const std::string& prefix, int n);

template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r.ok()) throw std::runtime_error(what + ": " + r.error().code + ": " + r.error().message);
  return std::move(r).value();
}

}  // namespace simpul::scenario
