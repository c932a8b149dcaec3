// Server figures for issue 7 with many simulated devices at once, and their baseline from the same load
// generator in the same run (docs/PERFORMANCE.md):
//
//   server_polls_per_s       devices asking "anything new?" (POST /v1/pull at the newest cursor) with nothing
//   new bare_http_polls_per_s    a bare cpp-httplib handler answering one indexed SQLite query, same settings
//                            (TCP_NODELAY, keep-alive) and same load generator
//   server_ingest_ops_per_s  devices pushing their queued changes (POST /v1/push, 100 ops a request) at once
//
//   server_bench [--db URL] [--devices D] [--connections C] [--seconds S] [--ops N] [--json]
//
// The server is the real `simpul-server serve` child process on 127.0.0.1. Without --db it runs on a
// temporary SQLite database seeded with the demo regency; with --db the URL is passed through as it is (an
// initialised, seeded database: `simpul-server init` and `seed --demo`), so the same figures can be taken on
// another store.
//
// The requests are the real client's: each simulated device is a replica enrolled with SyncClient, its pull
// request recorded after its bootstrap, and its pushes recorded from SyncClient::push() against a recorder
// that answers "applied" without sending them; the load generator then replays those bytes on keep-alive
// connections (TCP_NODELAY), C threads, each thread one connection and its devices' requests in turn.
#include <arpa/inet.h>
#include <sstream>
#include <cstring>
#include <httplib.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.hpp"
#include "harness.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/sync/client.hpp"
#include "simpul/sync/curl_transport.hpp"
#include "simpul/sync/wire.hpp"
#include "support/temp_dir.hpp"

using namespace simpul;
using namespace simpul::scenario;
using bench::die;
using bench::seconds_since;
using bench::Steady;

namespace {

struct Options {
  std::string db;
  int devices = 16;
  int connections = 8;
  double seconds = 4;
  int ops = 2000;  // per device, for ingest
  int participants = 2000;
  bool json = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (bench::Args args("server_bench", argc, argv); args.next();) {
    if (args.is("--db")) {
      o.db = args.value();
    } else if (args.is("--devices")) {
      o.devices = static_cast<int>(args.positive_real());
    } else if (args.is("--connections")) {
      o.connections = static_cast<int>(args.positive_real());
    } else if (args.is("--seconds")) {
      o.seconds = args.positive_real();
    } else if (args.is("--ops")) {
      o.ops = static_cast<int>(args.positive_real());
    } else if (args.is("--participants")) {
      o.participants = static_cast<int>(args.positive_real());
    } else if (args.is("--json")) {
      o.json = true;
    } else if (args.is("--help") || args.is("-h")) {
      std::puts("server_bench [--db URL] [--devices D] [--connections C] [--seconds S] [--ops N] [--json]");
      std::exit(0);
    } else {
      args.unknown();
    }
  }
  o.connections = std::min(o.connections, o.devices);
  return o;
}

std::string http_request(const sync::HttpRequest& r) {
  std::string s = r.method + " " + r.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : r.headers) s += k + ": " + v + "\r\n";
  s += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
  return s;
}

// The real client's requests, recorded: pulls go to the server (so the device bootstraps for real and the
// recorded pull is at the newest cursor); pushes are answered "applied" here and only recorded.
class Recorder final : public sync::Transport {
 public:
  explicit Recorder(std::string url) : inner_(std::move(url)) {}
  void cancel() override {}
  void resume() override {}
  void set_base_url(const std::string& url) override { inner_.set_base_url(url); }
  std::string base_url() const override { return inner_.base_url(); }
  std::vector<std::string> pushes;
  std::string last_pull;

 protected:
  Result<sync::HttpResponse> exchange(const sync::HttpRequest& request) override {
    if (request.path == "/v1/push") {
      pushes.push_back(http_request(request));
      auto decoded = sync::decode<sync::PushRequest>(request.body);
      if (!decoded.ok()) return decoded.error();
      sync::PushResponse answer;
      for (const auto& op : decoded->ops)
        answer.results.push_back(sync::OpResult{op.seq, sync::Verdict::applied, {}, {}, {}});
      return sync::HttpResponse{200, sync::encode(answer), sync::kContentType};
    }
    if (request.path == "/v1/pull") last_pull = http_request(request);
    return inner_.post(request.path, request.headers, request.body);
  }

 private:
  sync::CurlTransport inner_;
};

// A keep-alive client connection with TCP_NODELAY; reconnects when the server closes.
class Connection {
 public:
  explicit Connection(std::uint16_t port) : port_(port) {}
  ~Connection() { close(); }
  // Sends one request and reads its answer; returns the HTTP status (0 on a network failure).
  int exchange(const std::string& request) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (fd_ < 0 && !open()) return 0;
      if (send_all(request) && read_answer()) return status_;
      close();
    }
    return 0;
  }

 private:
  bool open() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return false;
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port_);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      close();
      return false;
    }
    buf_.clear();
    return true;
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  bool send_all(const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
      const ssize_t n = ::send(fd_, s.data() + done, s.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  bool fill() {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  bool read_answer() {
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return false;
    }
    const std::string head = buf_.substr(0, end);
    status_ = head.size() > 12 ? std::atoi(head.c_str() + 9) : 0;
    std::size_t length = 0;
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (auto at = lower.find("content-length:"); at != std::string::npos) {
      length = std::strtoull(lower.c_str() + at + 15, nullptr, 10);
    }
    const bool closing = lower.find("connection: close") != std::string::npos;
    while (buf_.size() < end + 4 + length) {
      if (!fill()) return false;
    }
    buf_.erase(0, end + 4 + length);
    if (closing) close();
    return true;
  }

  std::uint16_t port_;
  int fd_ = -1;
  std::string buf_;
  int status_ = 0;
};

struct Load {
  double seconds = 1;
  std::uint64_t requests = 0;
  std::uint64_t failures = 0;
};

// C threads, each with one connection, replaying `requests[d]` of its devices d = t, t + C, ... in turn: as
// many rounds as fit in `seconds` (polls) or exactly once each (pushes, `once`).
Load run_load(std::uint16_t port, const std::vector<std::vector<std::string>>& requests, int connections,
              double seconds, bool once) {
  std::atomic<std::uint64_t> done{0}, failed{0};
  const auto start = Steady::now();
  const auto until =
      start + std::chrono::duration_cast<Steady::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t) {
    threads.emplace_back([&, t] {
      Connection c(port);
      std::vector<std::size_t> mine;
      for (std::size_t d = static_cast<std::size_t>(t); d < requests.size();
           d += static_cast<std::size_t>(connections)) {
        mine.push_back(d);
      }
      if (once) {
        // Round-robin over the devices' request lists, each list in order (a device's seq order).
        for (std::size_t i = 0;; ++i) {
          bool any = false;
          for (std::size_t d : mine) {
            if (i >= requests[d].size()) continue;
            any = true;
            (c.exchange(requests[d][i]) == 200 ? done : failed)++;
          }
          if (!any) break;
        }
        return;
      }
      for (std::size_t round = 0; Steady::now() < until; ++round) {
        for (std::size_t d : mine) {
          const auto& list = requests[d];
          (c.exchange(list[round % list.size()]) == 200 ? done : failed)++;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  return Load{seconds_since(start), done.load(), failed.load()};
}

// The baseline: a bare cpp-httplib server in this process answering POST /v1/pull with one indexed query
// (SQLite, or PostgreSQL for a postgresql:// store) on the server's database (one connection per worker thread), with the server's own socket settings.
class BareServer {
 public:
  explicit BareServer(std::string db_path) : db_path_(std::move(db_path)) {
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(1000);
    server_.new_task_queue = [] { return new httplib::ThreadPool(8); };
    server_.Post("/v1/pull", [this](const httplib::Request&, httplib::Response& res) {
      if (db_path_.rfind("postgresql://", 0) == 0) {
        res.set_content(std::to_string(pg_last_tx()), "text/plain");
        return;
      }
      thread_local std::unique_ptr<storage::Database> db;
      if (!db) {
        db = std::make_unique<storage::Database>(
            must(storage::Database::open(db_path_, storage::OpenOptions{false, true, false, 5000, false}),
                 "open"));
      }
      auto st = db->prepare("SELECT value FROM server_meta WHERE key = ?1");
      st->bind(1, "last_tx");
      const bool row = st->step().value_or(false);
      const std::int64_t v = row ? st->int64(0) : 0;
      st->reset();
      res.set_content(std::to_string(v), "text/plain");
    });
    port_ = static_cast<std::uint16_t>(server_.bind_to_any_port("127.0.0.1"));
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~BareServer() {
    server_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return port_; }

 private:
  // The same one-row lookup on PostgreSQL: one connection per worker thread, one prepared statement.
  std::int64_t pg_last_tx() {
    struct Conn {
      PGconn* c = nullptr;
      ~Conn() { PQfinish(c); }
    };
    thread_local Conn conn;
    if (conn.c == nullptr) {
      conn.c = PQconnectdb(db_path_.c_str());
      if (PQstatus(conn.c) != CONNECTION_OK) die(std::string("bare handler: ") + PQerrorMessage(conn.c));
      PGresult* prepared = PQprepare(conn.c, "last", "SELECT value FROM server_meta WHERE key = $1", 1, nullptr);
      if (PQresultStatus(prepared) != PGRES_COMMAND_OK) die(std::string("bare handler: ") + PQerrorMessage(conn.c));
      PQclear(prepared);
    }
    const char* key = "last_tx";
    PGresult* r = PQexecPrepared(conn.c, "last", 1, &key, nullptr, nullptr, 0);
    const std::int64_t v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
                               ? std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10) : 0;
    PQclear(r);
    return v;
  }

  std::string db_path_;
  httplib::Server server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

// Ops the server answered applied or merged since it started, from its /metrics.
std::uint64_t applied_ops(std::uint16_t port) {
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get("/metrics");
  if (!res || res->status != 200) die("GET /metrics failed");
  std::uint64_t total = 0;
  std::istringstream lines(res->body);
  for (std::string line; std::getline(lines, line);) {
    for (const char* verdict : {"simpul_sync_ops_total{verdict=\"applied\"} ", "simpul_sync_ops_total{verdict=\"merged\"} "}) {
      if (line.rfind(verdict, 0) == 0) total += std::strtoull(line.c_str() + std::strlen(verdict), nullptr, 10);
    }
  }
  return total;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  try {
    test::TempDir dir("simpul-bench");
    std::string db = o.db;
    if (db.empty()) {
      db = dir.file("server.db").string();
      run_tool({SIMPUL_SERVER_BIN, "init", "--db", db});
      run_tool({SIMPUL_SERVER_BIN, "seed", "--db", db, "--demo", "--participants",
                std::to_string(o.participants)});
    }
    // The FKTP with the most participants: every simulated device belongs to it.
    const auto facilities =
        nlohmann::json::parse(run_tool({SIMPUL_SERVER_BIN, "facilities", "--db", db, "--json"}));
    std::string facility;
    std::int64_t most = -1;
    for (const auto& f : facilities) {
      if (f.value("participants", 0) > most) {
        most = f.value("participants", 0);
        facility = f.value("code", "");
      }
    }
    ServerProcess server(db, dir.path());
    server.start();
    const std::string url = "http://127.0.0.1:" + std::to_string(server.port());

    // Enroll and bootstrap the devices, record their pull at the head and their pushes.
    std::vector<std::vector<std::string>> polls, pushes;
    std::size_t ops_total = 0;
    for (int d = 0; d < o.devices; ++d) {
      auto replica = must(storage::Replica::open(dir.file("desk-" + std::to_string(d) + ".db").string(),
                                                 SystemClock::instance()),
                          "open replica");
      Recorder recorder(url);
      sync::ClientOptions co;
      co.push_max_ops = 100;
      sync::SyncClient client(*replica, recorder, co);
      const std::string code =
          trim(run_tool({SIMPUL_SERVER_BIN, "enroll-code", "--db", db, "--facility", facility}));
      must(client.enroll(url, facility, code), "enroll");
      must(client.pull(), "bootstrap");
      {
        auto tx = must(storage::Transaction::begin(replica->db()), "begin");
        const storage::Actor actor{"bench", "bench"};
        for (int i = 0; i < o.ops; ++i) {
          const std::string id = "bench-" + std::to_string(d) + "-" + std::to_string(i);
          must(replica->upsert(actor, "queue_entry", id, queue_entry(facility, i + 1)), "queue entry");
        }
        must(tx.commit(), "commit");
      }
      must(client.push(), "record pushes");
      ops_total += static_cast<std::size_t>(o.ops);
      pushes.push_back(std::move(recorder.pushes));
    }

    // The polls are recorded once every device is enrolled: each enrollment writes a queue_slot row the
    // facility's devices receive, so a poll recorded before the later enrollments would be answered with
    // rows, not "nothing new". Each device catches up, then its next pull ("anything new?") is recorded.
    for (int d = 0; d < o.devices; ++d) {
      auto replica = must(storage::Replica::open(dir.file("desk-" + std::to_string(d) + ".db").string(),
                                                 SystemClock::instance()),
                          "open replica");
      Recorder recorder(url);
      sync::SyncClient client(*replica, recorder, sync::ClientOptions{});
      must(client.pull(), "catch up");
      must(client.pull(), "pull at the head");
      polls.push_back({recorder.last_pull});
    }

    BareServer bare(db);
    // Alternate, best of two each: the machine is shared.
    Load server_polls{}, bare_polls{};
    auto better = [](const Load& a, const Load& b) {
      return static_cast<double>(a.requests) / a.seconds > static_cast<double>(b.requests) / b.seconds ? a
                                                                                                       : b;
    };
    for (int rep = 0; rep < 2; ++rep) {
      server_polls = better(server_polls, run_load(server.port(), polls, o.connections, o.seconds, false));
      bare_polls = better(bare_polls, run_load(bare.port(), polls, o.connections, o.seconds, false));
    }
    const Load ingest = run_load(server.port(), pushes, o.connections, 0, true);

    const double polls_rate = static_cast<double>(server_polls.requests) / server_polls.seconds;
    const double bare_rate = static_cast<double>(bare_polls.requests) / bare_polls.seconds;
    // Count what the server applied, not what was sent: a refused op is answered fast and must not flatter.
    const std::uint64_t accepted = applied_ops(server.port());
    if (accepted < ops_total) {
      std::fprintf(stderr, "server_bench: only %llu of %zu pushed ops were applied or merged (a reused database?)\n",
                   static_cast<unsigned long long>(accepted), ops_total);
    }
    const double ingest_rate = static_cast<double>(accepted) / ingest.seconds;
    nlohmann::json figures = {{"server_devices", o.devices},
                              {"server_connections", o.connections},
                              {"server_polls_per_s", polls_rate},
                              {"bare_http_polls_per_s", bare_rate},
                              {"server_polls_ratio", polls_rate / bare_rate},
                              {"server_poll_failures", server_polls.failures + bare_polls.failures},
                              {"server_ingest_ops", ops_total},
                              {"server_ingest_ops_per_s", ingest_rate},
                              {"server_ingest_failures", ingest.failures}};
    if (o.json) {
      std::cout << figures.dump() << "\n";
    } else {
      std::printf("%d devices on %d keep-alive connections (TCP_NODELAY), store %s\n", o.devices,
                  o.connections, o.db.empty() ? "sqlite (temporary)" : o.db.c_str());
      std::printf("%-28s %16s %18s %8s  %s\n", "figure", "value", "baseline", "ratio", "target");
      std::printf("%-28s %16.0f %13.0f bare %8.2f  %s\n", "server_polls_per_s", polls_rate, bare_rate,
                  polls_rate / bare_rate, ">= 0.5");
      std::printf("%-28s %16.0f %18s %8s  %s\n", "server_ingest_ops_per_s", ingest_rate, "-", "-",
                  ">= 20000");
      if (server_polls.failures + bare_polls.failures + ingest.failures > 0) {
        std::printf("failed requests: polls %llu, bare %llu, ingest %llu\n",
                    static_cast<unsigned long long>(server_polls.failures),
                    static_cast<unsigned long long>(bare_polls.failures),
                    static_cast<unsigned long long>(ingest.failures));
      }
    }
  } catch (const std::exception& e) {
    die(e.what());
  }
  return 0;
}
