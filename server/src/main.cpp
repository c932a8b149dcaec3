// simpul-server: the central server and its operator commands.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "simpul/core/demo.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/server/complaints.hpp"
#include "simpul/server/http_server.hpp"
#include "simpul/server/jkn_antrean.hpp"
#include "simpul/server/seed.hpp"
#include "simpul/server/pg_store.hpp"
#include "simpul/server/sqlite_store.hpp"
#include "simpul/server/store_url.hpp"
#include "simpul/server/sync_service.hpp"

#ifndef SIMPUL_ASSET_DIR
#define SIMPUL_ASSET_DIR "assets"
#endif

namespace {

using namespace simpul;
using namespace simpul::server;

struct Command {
  const char* name;
  const char* usage;
  const char* help;
};

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"init", "init --db DB", "Create an empty server database."},
      {"seed", "seed --db DB --demo [--participants N] [--seed S] [--today YYYY-MM-DD]",
       "Load a synthetic demo regency (facilities, participants and families, bills, payments, visits, and\n"
       "  the civil registry) and print the facility codes it created. Regions come from\n"
       "  $SIMPUL_ASSETS/regions/regions.tsv (default: the build's asset directory)."},
      {"facilities", "facilities --db DB [--json]", "List facilities: code, name, type, participants."},
      {"enroll-code", "enroll-code --db DB --facility CODE",
       "Print a one-time enrollment code for a device of the facility (valid 24 h)."},
      {"revoke", "revoke --db DB --device ID", "Revoke a device: it can no longer sync."},
      {"devices", "devices --db DB [--json]", "List enrolled devices."},
      {"complaints", "complaints --db DB [--facility CODE] [--json]",
       "List complaints (pengaduan), newest first: all, or those filed at one facility."},
      {"answer-complaint", "answer-complaint --db DB --id ID --answer TEXT [--close]",
       "Answer a complaint (status answered, or closed with --close). The answer reaches the facility's\n"
       "  devices with their next sync."},
      {"serve", "serve --db DB [--listen HOST:PORT] [--threads N] [--jkn-stale-minutes M]",
       "Serve the sync API (default 127.0.0.1:8470) and the Mobile JKN WS Antrean FKTP until SIGINT/SIGTERM.\n"
       "  JSON logs go to stderr. WS answers say the data may be out of date when no device of the facility\n"
       "  has synced for M minutes (default 15)."},
      {"digest", "digest --db DB --facility CODE",
       "Print the scope digest of a facility (equal to 'simpulctl digest' on a replica with the same data)."},
      {"compact", "compact --db DB [--retention-days N]",
       "Drop change-log entries and tombstone content older than N days (default 180). Devices whose cursor\n"
       "  is older must reset."},
      {"conflicts", "conflicts --db DB [--facility CODE] [--json]", "List conflict records for review."},
      {"queue-slots", "queue-slots --db DB [--facility CODE] [--json]",
       "List the devices' queue-number slots (1-8 per facility; a device issues numbers only from its own)."},
      {"queue-slot", "queue-slot --db DB --device ID (--release | --assign)",
       "Free a slot held by a device that never issues numbers (a display board, a poli caller) for another\n"
       "  device, or give a device without one a free slot. Revoking a device frees its slot too."},
      {"migrate-store", "migrate-store --from sqlite:FILE --to postgresql://…",
       "Copy an SQLite server database (everything: rows with their clocks, change log, transaction numbers,\n"
       "  devices and their cursors, enrollment codes, applied ops, counters, civil registry, WS Antrean) into an\n"
       "  empty PostgreSQL database, in one transaction. Stop the SQLite server first; devices then continue\n"
       "  against servers on PostgreSQL without a reset."},
      {"jkn-credentials", "jkn-credentials --db DB --facility CODE --username U --password P",
       "Set the facility's credentials for the Mobile JKN WS Antrean FKTP (/jkn/CODE/...). The password\n"
       "  (at least 8 characters) is stored as an argon2id hash; tokens issued before stop working."},
  };
  return kCommands;
}

void print_usage(std::FILE* out) {
  std::fprintf(out, "simpul-server — the Simpul central sync server\n\nUsage: simpul-server COMMAND [OPTIONS]\n\n");
  for (const auto& c : commands()) std::fprintf(out, "  %s\n      %s\n", c.usage, c.help);
  std::fprintf(out,
               "\nDB is an SQLite file (FILE or sqlite:FILE; one server process) or a PostgreSQL URL\n"
               "(postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]; any number of server processes may\n"
               "share it). An empty PostgreSQL database gets the schema on first use.\n");
  std::fprintf(out, "\nRun 'simpul-server COMMAND --help' for one command.\n");
}

int fail(const std::string& message) {
  std::fprintf(stderr, "simpul-server: %s\n", message.c_str());
  return 1;
}

int fail(const Error& e) { return fail(e.message); }

// --name value options and --flag switches.
struct Args {
  std::string command;
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;

  std::optional<std::string> get(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
  bool flag(const std::string& name) const { return flags.count(name) != 0; }
};

const std::vector<std::string>& flag_names() {
  static const std::vector<std::string> kFlags = {"--json", "--demo", "--close", "--release", "--assign", "--help", "-h"};
  return kFlags;
}

std::optional<Args> parse(int argc, char** argv, std::string& error) {
  Args a;
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    bool is_flag = false;
    for (const auto& f : flag_names()) is_flag = is_flag || arg == f;
    if (is_flag) {
      a.flags[arg == "-h" ? "--help" : arg] = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      error = "unexpected argument '" + arg + "'";
      return std::nullopt;
    }
    if (i + 1 >= argc) {
      error = "option " + arg + " needs a value";
      return std::nullopt;
    }
    a.values[arg] = argv[++i];
  }
  return a;
}

std::optional<long long> to_number(const std::string& text) {
  try {
    std::size_t pos = 0;
    const long long n = std::stoll(text, &pos);
    if (pos != text.size()) return std::nullopt;
    return n;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// --db FILE, sqlite:FILE or postgresql://… (libpq URL: user, password, host, port, database, sslmode, …).
Result<std::unique_ptr<Store>> open_store(const Args& a, bool create = false) {
  auto db = a.get("--db");
  if (!db || db->empty()) return make_error(ErrorKind::invalid, "cli.db", "--db FILE or --db postgresql://… is required");
  return open_store_url(*db, create);
}

// The --db value for output: a PostgreSQL URL without its password.
std::string shown(const std::string& db) {
  if (!is_postgres_url(db)) return db;
  const auto start = db.find("://") + 3;
  const auto at = db.find('@', start);
  const auto colon = db.find(':', start);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return db;
  return db.substr(0, colon + 1) + "***" + db.substr(at);
}

int cmd_init(const Args& a) {
  auto store = open_store(a, /*create=*/true);
  if (!store.ok()) return fail(store.error());
  std::printf("initialised %s (server schema ready, replica schema %d)\n", shown(*a.get("--db")).c_str(),
              (*store)->schema_version());
  return 0;
}

std::string asset_dir() {
  const char* env = std::getenv("SIMPUL_ASSETS");
  return (env != nullptr && *env != '\0') ? env : SIMPUL_ASSET_DIR;
}

int cmd_seed(const Args& a) {
  if (!a.flag("--demo")) return fail("seed needs --demo (the only data source so far)");
  demo::DemoOptions options;
  if (auto n = a.get("--participants")) {
    auto v = to_number(*n);
    if (!v || *v < 1 || *v > 5'000'000) return fail("--participants must be a number from 1 to 5000000");
    options.participants = static_cast<std::size_t>(*v);
  }
  if (auto s = a.get("--seed")) {
    auto v = to_number(*s);
    if (!v || *v < 0) return fail("--seed must be a non-negative number");
    options.seed = static_cast<std::uint64_t>(*v);
  }
  options.today = Date::from_epoch_ms(SystemClock::instance().now_ms());
  if (auto t = a.get("--today")) {
    auto d = Date::parse(*t);
    if (!d) return fail("--today must be a date YYYY-MM-DD");
    options.today = *d;
  }
  const std::string regions_path = asset_dir() + "/regions/regions.tsv";
  auto regions = RegionTable::load(regions_path);
  if (!regions.ok()) return fail("cannot load regions from " + regions_path + ": " + regions.error().message);
  auto data = demo::generate(*regions, options);
  if (!data.ok()) return fail(data.error());
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  auto summary = seed_demo(**store, SystemClock::instance(), *data);
  if (!summary.ok()) return fail(summary.error());
  std::printf("seeded %zu participants, %zu rows, %zu civil-registry people\n", summary->participants, summary->rows,
              summary->civil_registry);
  std::printf("facilities:\n");
  for (const auto& f : summary->facilities) {
    std::printf("  %s  %-10s %5lld participants  %s\n", f.code.c_str(), f.type.c_str(),
                static_cast<long long>(f.participants), f.name.c_str());
  }
  if (!summary->hints.empty()) {
    std::printf("not yet registered (synthetic civil registry) — try registering one at a desk:\n");
    for (const auto& h : summary->hints) {
      std::printf("  at %s: NIK %s  %s  born %s\n", h.facility.c_str(), h.nik.c_str(), h.name.c_str(),
                  h.birth_date.c_str());
    }
  }
  return 0;
}

int cmd_facilities(const Args& a) {
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  auto list = service.facilities();
  if (!list.ok()) return fail(list.error());
  if (a.flag("--json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : *list) {
      out.push_back({{"code", f.code}, {"name", f.name}, {"type", f.type}, {"participants", f.participants}});
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    for (const auto& f : *list) {
      std::printf("%s  %-10s %6lld  %s\n", f.code.c_str(), f.type.c_str(), static_cast<long long>(f.participants),
                  f.name.c_str());
    }
  }
  return 0;
}

int cmd_enroll_code(const Args& a) {
  auto facility = a.get("--facility");
  if (!facility) return fail("--facility CODE is required");
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  auto code = service.create_enroll_code(*facility);
  if (!code.ok()) return fail(code.error());
  std::printf("%s\n", code->c_str());
  std::fprintf(stderr, "one-time enrollment code for %s, valid 24 hours\n", facility->c_str());
  return 0;
}

int cmd_revoke(const Args& a) {
  auto device = a.get("--device");
  if (!device) return fail("--device ID is required");
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  if (auto s = service.revoke_device(*device); !s.ok()) return fail(s.error());
  std::printf("revoked %s\n", device->c_str());
  return 0;
}

int cmd_devices(const Args& a) {
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  auto list = service.devices();
  if (!list.ok()) return fail(list.error());
  if (a.flag("--json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : *list) {
      out.push_back({{"device_id", d.device_id},
                     {"facility", d.facility},
                     {"name", d.name},
                     {"install_id", d.install_id},
                     {"created_at_ms", d.created_at_ms},
                     {"revoked", d.revoked_at_ms.has_value()},
                     {"revoked_at_ms", d.revoked_at_ms ? nlohmann::json(*d.revoked_at_ms) : nlohmann::json()},
                     {"last_seen_ms", d.last_seen_ms ? nlohmann::json(*d.last_seen_ms) : nlohmann::json()},
                     {"last_cursor", d.last_cursor}});
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    for (const auto& d : *list) {
      std::printf("%s  %s  %-8s %s\n", d.device_id.c_str(), d.facility.c_str(), d.revoked_at_ms ? "revoked" : "active",
                  d.name.c_str());
    }
  }
  return 0;
}

int cmd_complaints(const Args& a) {
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  auto list = list_complaints(**store, a.get("--facility"));
  if (!list.ok()) return fail(list.error());
  if (a.flag("--json")) {
    std::printf("%s\n", nlohmann::json(*list).dump(2).c_str());
  } else {
    for (const auto& c : *list) {
      std::printf("%s  %s  %-9s %-12s %s\n", c.value("id", "").c_str(), c.value("facility", "").c_str(),
                  c.value("status", "").c_str(), c.value("category", "").c_str(), c.value("text", "").c_str());
    }
  }
  return 0;
}

int cmd_answer_complaint(const Args& a) {
  auto id = a.get("--id");
  auto answer = a.get("--answer");
  if (!id || !answer || answer->empty()) return fail("--id ID and --answer TEXT are required");
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  auto row = answer_complaint(**store, SystemClock::instance(), *id, *answer, a.flag("--close"));
  if (!row.ok()) return fail(row.error());
  std::printf("complaint %s %s\n", id->c_str(), row->value("status", "").c_str());
  return 0;
}

int cmd_digest(const Args& a) {
  auto facility = a.get("--facility");
  if (!facility) return fail("--facility CODE is required");
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  auto d = service.facility_digest(*facility);
  if (!d.ok()) return fail(d.error());
  std::printf("%s\n", d->digest.c_str());
  return 0;
}

int cmd_compact(const Args& a) {
  int days = 180;
  if (auto d = a.get("--retention-days")) {
    auto v = to_number(*d);
    if (!v || *v < 0 || *v > 36500) return fail("--retention-days must be a number of days (0..36500)");
    days = static_cast<int>(*v);
  }
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  auto c = service.compact(days);
  if (!c.ok()) return fail(c.error());
  std::printf("compacted: %lld change-log entries and %lld tombstones dropped; devices with a cursor below %lld must "
              "reset\n",
              static_cast<long long>(c->log_entries), static_cast<long long>(c->tombstones),
              static_cast<long long>(c->log_floor));
  return 0;
}

int cmd_conflicts(const Args& a) {
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  auto list = service.conflicts(a.get("--facility"));
  if (!list.ok()) return fail(list.error());
  if (a.flag("--json")) {
    std::printf("%s\n", nlohmann::json(*list).dump(2).c_str());
  } else {
    for (const auto& c : *list) {
      std::printf("%s  %s %s .%s  resolved=%s\n", c.value("id", "").c_str(), c.value("entity", "").c_str(),
                  c.value("entity_id", "").c_str(), c.value("field", "").c_str(),
                  c.value("resolved", 0) != 0 ? "yes" : "no");
    }
  }
  return 0;
}

int cmd_queue_slots(const Args& a) {
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  auto list = service.queue_slots(a.get("--facility"));
  if (!list.ok()) return fail(list.error());
  if (a.flag("--json")) {
    std::printf("%s\n", nlohmann::json(*list).dump(2).c_str());
    return 0;
  }
  for (const auto& s : *list) {
    const bool held = s.value("slot", nlohmann::json()).is_number() && s.value("released_at_ms", nlohmann::json()).is_null();
    std::printf("%s  %s  %-4s %s\n", s.value("facility", "").c_str(), s.value("id", "").c_str(),
                held ? std::to_string(s["slot"].get<int>()).c_str() : "-", s.value("device_name", "").c_str());
  }
  return 0;
}

int cmd_queue_slot(const Args& a) {
  auto device = a.get("--device");
  if (!device || a.flag("--release") == a.flag("--assign")) return fail("--device ID and one of --release or --assign are required");
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  if (a.flag("--release")) {
    if (auto s = service.free_queue_slot(*device); !s.ok()) return fail(s.error());
    std::printf("released the queue slot of %s\n", device->c_str());
    return 0;
  }
  auto slot = service.give_queue_slot(*device);
  if (!slot.ok()) return fail(slot.error());
  if (!*slot) return fail("all eight queue slots of the device's facility are held: release one first");
  std::printf("%s now has queue slot %d\n", device->c_str(), **slot);
  return 0;
}

int cmd_jkn_credentials(const Args& a) {
  auto facility = a.get("--facility");
  auto username = a.get("--username");
  auto password = a.get("--password");
  if (!facility || !username || !password) return fail("--facility CODE, --username U and --password P are required");
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());
  SyncService service(**store, SystemClock::instance());
  JknAntrean jkn(service);
  if (auto s = jkn.set_credentials(*facility, *username, *password); !s.ok()) return fail(s.error());
  std::printf("WS Antrean credentials set for %s (user %s)\n", facility->c_str(), username->c_str());
  return 0;
}

int cmd_migrate_store(const Args& a) {
  auto from = a.get("--from");
  auto to = a.get("--to");
  if (!from || !to) return fail("--from sqlite:FILE and --to postgresql://… are required");
  if (is_postgres_url(*from)) return fail("--from must be an SQLite server database (sqlite:FILE)");
  if (!is_postgres_url(*to)) return fail("--to must be a PostgreSQL URL (postgresql://…)");
  const std::string path = from->rfind("sqlite:", 0) == 0 ? from->substr(7) : *from;
  auto counts = migrate_sqlite_to_pg(path, *to, [](const std::string& line) {
    std::fprintf(stderr, "  %s\n", line.c_str());
  });
  if (!counts.ok()) return fail(counts.error());
  std::printf("migrated %lld rows in %lld tables; last transaction %lld\n", static_cast<long long>(counts->rows),
              static_cast<long long>(counts->tables), static_cast<long long>(counts->last_tx));
  return 0;
}

int cmd_serve(const Args& a) {
  HttpOptions options;
  const std::string listen = a.get("--listen").value_or("127.0.0.1:8470");
  const auto colon = listen.rfind(':');
  auto port = colon == std::string::npos ? std::nullopt : to_number(listen.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) return fail("--listen must be HOST:PORT, e.g. 127.0.0.1:8470");
  options.host = listen.substr(0, colon);
  options.port = static_cast<int>(*port);
  if (auto t = a.get("--threads")) {
    auto v = to_number(*t);
    if (!v || *v < 2 || *v > 512) return fail("--threads must be 2..512");
    options.threads = static_cast<std::size_t>(*v);
  }
  if (auto m = a.get("--jkn-stale-minutes")) {
    auto v = to_number(*m);
    if (!v || *v < 1 || *v > 24 * 60) return fail("--jkn-stale-minutes must be 1..1440");
    options.jkn.stale_after_ms = *v * 60'000;
  }
  auto store = open_store(a);
  if (!store.ok()) return fail(store.error());

  // SIGINT/SIGTERM are taken by a dedicated thread (blocked everywhere else, so the pool inherits it).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  JsonLog log(SystemClock::instance());
  SyncService service(**store, SystemClock::instance());
  HttpServer server(service, options, log);
  auto bound = server.bind();
  if (!bound.ok()) return fail(bound.error());
  std::printf("simpul-server listening on http://%s:%d\n", options.host.c_str(), *bound);
  std::fflush(stdout);
  log.info({{"event", "start"}, {"listen", options.host + ":" + std::to_string(*bound)},
            {"threads", options.threads}});
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    log.info({{"event", "stop"}, {"signal", sig == SIGINT ? "SIGINT" : "SIGTERM"}});
    server.stop();
  });
  const bool ok = server.serve();
  if (!ok) {
    // The listener ended without a signal: wake the waiter so it can finish.
    pthread_kill(waiter.native_handle(), SIGTERM);
  }
  waiter.join();
  log.info({{"event", "stopped"}});
  return 0;
}

using Handler = int (*)(const Args&);

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
      std::string(argv[1]) == "help") {
    print_usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::string error;
  auto args = parse(argc, argv, error);
  const std::string name = argv[1];
  const Command* command = nullptr;
  for (const auto& c : commands()) {
    if (name == c.name) command = &c;
  }
  if (command == nullptr) {
    std::fprintf(stderr, "simpul-server: unknown command '%s'\n\n", name.c_str());
    print_usage(stderr);
    return 2;
  }
  if (!args) {
    std::fprintf(stderr, "simpul-server %s: %s\nusage: simpul-server %s\n", name.c_str(), error.c_str(), command->usage);
    return 2;
  }
  if (args->flag("--help")) {
    std::printf("usage: simpul-server %s\n  %s\n", command->usage, command->help);
    return 0;
  }
  static const std::map<std::string, Handler> kHandlers = {
      {"complaints", cmd_complaints}, {"answer-complaint", cmd_answer_complaint},
      {"init", cmd_init},       {"seed", cmd_seed},     {"facilities", cmd_facilities}, {"enroll-code", cmd_enroll_code},
      {"revoke", cmd_revoke},   {"devices", cmd_devices}, {"serve", cmd_serve},       {"digest", cmd_digest},
      {"compact", cmd_compact}, {"conflicts", cmd_conflicts}, {"jkn-credentials", cmd_jkn_credentials},
      {"queue-slots", cmd_queue_slots}, {"queue-slot", cmd_queue_slot}, {"migrate-store", cmd_migrate_store}};
  return kHandlers.at(name)(*args);
}
