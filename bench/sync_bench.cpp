// Sync and storage figures for issue 7, each against a baseline measured in the same run
// (docs/PERFORMANCE.md):
//
//   push      push_ops_per_s: a desk pushes N queued changes to a real simpul-server on 127.0.0.1
//   capture   capture_write_ratio: writes through Replica::upsert (row + outbox op + audit) versus the same
//             writes as plain prepared UPDATEs; one transaction per write as the forms do, and batched
//   bootstrap bootstrap_rows_per_s versus raw_insert_rows_per_s (the same rows into the same schema with
//   plain
//             prepared statements in one transaction), wire_bytes_per_row versus gzip_csv_bytes_per_row
//   slowlink  slow_link_ratio: a bootstrap through the fault proxy at 1 Mbit/s and at 256 kbit/s with 10 %
//             loss, versus bytes / bandwidth; then a cut half way and the resumed bootstrap's extra bytes
//
//   sync_bench [--only push,capture,bootstrap,slowlink] [--participants N] [--ops N] [--slow-participants N]
//   [--json]
//
// Everything is real: the simpul-server binary as a child process (seeded with the demo regency), the fault
// proxy of the tests, the sync engine over libcurl. A bootstrap is of ONE facility, and a demo facility holds
// only a few percent of the regency, so the bench makes its facility see every participant (it copies the
// server's row_scope entries to that facility before the desk enrolls): the desk then pulls all N.
#include <zlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "harness.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/storage/bulk.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/schema.hpp"
#include "simpul/sync/client.hpp"
#include "simpul/sync/curl_transport.hpp"
#include "support/temp_dir.hpp"

using namespace simpul;
using namespace simpul::scenario;
using bench::die;
using bench::seconds_since;
using bench::Steady;

namespace {

struct Options {
  std::set<std::string> only;
  std::size_t participants = 100'000;
  std::size_t slow_participants = 20'000;
  std::size_t ops = 20'000;
  std::size_t writes = 2'000;
  bool json = false;
  bool want(const std::string& name) const { return only.empty() || only.count(name) > 0; }
};

Options parse(int argc, char** argv) {
  Options o;
  for (bench::Args args("sync_bench", argc, argv); args.next();) {
    if (args.is("--only")) {
      std::string list = args.value();
      for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        if (comma > start) o.only.insert(list.substr(start, comma - start));
        start = comma + 1;
      }
    } else if (args.is("--participants")) {
      o.participants = args.positive();
    } else if (args.is("--slow-participants")) {
      o.slow_participants = args.positive();
    } else if (args.is("--ops")) {
      o.ops = args.positive();
    } else if (args.is("--writes")) {
      o.writes = args.positive();
    } else if (args.is("--json")) {
      o.json = true;
    } else if (args.is("--help") || args.is("-h")) {
      std::puts(
          "sync_bench [--only push,capture,bootstrap,slowlink] [--participants N] [--slow-participants N] "
          "[--ops N] "
          "[--writes N] [--json]");
      std::exit(0);
    } else {
      args.unknown();
    }
  }
  return o;
}

void note(const char* format, const std::string& a = {}, double x = 0) {
  std::fprintf(stderr, format, a.c_str(), x);
}

// The desk's replica rows of every synced entity, as text (NULL kept apart): what a bootstrap stored.
struct TableRows {
  const storage::EntityDef* def = nullptr;
  std::vector<std::string> columns;  // "id" first
  std::vector<std::vector<std::optional<std::string>>> rows;
};

std::vector<TableRows> read_synced_rows(storage::Database& db) {
  std::vector<TableRows> out;
  for (const auto& def : storage::entities()) {
    TableRows t;
    t.def = &def;
    t.columns.push_back("id");
    for (const auto& c : def.columns) t.columns.push_back(c.name);
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < t.columns.size(); ++i) sql += (i ? ", " : "") + t.columns[i];
    sql += " FROM " + def.table;
    auto st = must(db.prepare_uncached(sql), "prepare " + sql);
    while (must(st.step(), "read " + def.table)) {
      std::vector<std::optional<std::string>> row(t.columns.size());
      for (std::size_t i = 0; i < t.columns.size(); ++i) row[i] = st.opt_text(static_cast<int>(i));
      t.rows.push_back(std::move(row));
    }
    if (!t.rows.empty()) out.push_back(std::move(t));
  }
  return out;
}

std::size_t count_rows(const std::vector<TableRows>& tables) {
  std::size_t n = 0;
  for (const auto& t : tables) n += t.rows.size();
  return n;
}

// The baseline of a bootstrap: the same rows into an empty replica of the same schema, plain prepared INSERTs
// in one transaction (values bound as they were read; SQLite's column affinity converts them as on a pull).
double raw_insert_seconds(const std::vector<TableRows>& tables, const std::string& path) {
  auto replica = must(storage::Replica::open(path, SystemClock::instance()), "open " + path);
  storage::Database& db = replica->db();
  const auto start = Steady::now();
  auto tx = must(storage::Transaction::begin(db), "begin");
  for (const auto& t : tables) {
    std::string sql = "INSERT INTO " + t.def->table + " (";
    std::string marks;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      sql += (i ? ", " : "") + t.columns[i];
      marks += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    auto st = must(db.prepare_uncached(sql), "prepare " + sql);
    for (const auto& row : t.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i]) {
          st.bind(static_cast<int>(i) + 1, *row[i]);
        } else {
          st.bind_null(static_cast<int>(i) + 1);
        }
      }
      must(st.exec(), "insert into " + t.def->table);
      st.reset();
    }
  }
  must(tx.commit(), "commit");
  return seconds_since(start);
}

std::string csv_field(const std::optional<std::string>& v) {
  if (!v) return {};
  if (v->find_first_of(",\"\n\r") == std::string::npos) return *v;
  std::string q = "\"";
  for (char c : *v) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

// `gzip -9` of the rows as CSV, one file per table with its header line (zlib's gzip wrapper, level 9).
std::size_t gzip_csv_bytes(const std::vector<TableRows>& tables) {
  std::size_t total = 0;
  for (const auto& t : tables) {
    std::string csv;
    for (std::size_t i = 0; i < t.columns.size(); ++i) csv += (i ? "," : "") + t.columns[i];
    csv += '\n';
    for (const auto& row : t.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) csv += (i ? "," : "") + csv_field(row[i]);
      csv += '\n';
    }
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) die("deflateInit2");
    std::string out(deflateBound(&z, csv.size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(csv.data());
    z.avail_in = static_cast<uInt>(csv.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) die("deflate");
    total += z.total_out;
    deflateEnd(&z);
  }
  return total;
}

// Makes `facility` see every row some facility sees, before its desk enrolls (see the top of this file).
void widen_scope(World& world) {
  auto db = must(
      storage::Database::open(world.server_db(), storage::OpenOptions{false, false, false, 30000, false}),
      "open the server database");
  must(db.exec("INSERT OR IGNORE INTO row_scope(facility, entity, id) SELECT '" + world.facility() +
               "', entity, id FROM row_scope"),
       "widen the facility's scope");
}

std::int64_t participants_in(Desk& desk) {
  return desk.count("SELECT count(*) FROM participants");
}

std::uint64_t proxy_bytes(World& world) {
  const auto s = world.proxy().stats();
  return s.bytes_upstream + s.bytes_downstream;
}

// ---- the figures ----

class Report {
 public:
  void figure(const std::string& name, double value) { json_[name] = value; }
  void row(const std::string& what, const std::string& value, const std::string& baseline,
           const std::string& ratio, const std::string& target) {
    rows_.push_back({what, value, baseline, ratio, target});
  }
  void print(bool json) const {
    if (json) {
      std::cout << json_.dump() << "\n";
      return;
    }
    std::printf("%-28s %16s %18s %8s  %s\n", "figure", "value", "baseline", "ratio", "target");
    for (const auto& r : rows_) {
      std::printf("%-28s %16s %18s %8s  %s\n", r[0].c_str(), r[1].c_str(), r[2].c_str(), r[3].c_str(),
                  r[4].c_str());
    }
  }

 private:
  nlohmann::json json_ = nlohmann::json::object();
  std::vector<std::array<std::string, 5>> rows_;
};

std::string fmt(double v, const char* format = "%.0f") {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// The client-side benchmarks measure the desk against the embedded default store.
WorldOptions sqlite_world(std::size_t participants) {
  WorldOptions w;
  w.participants = participants;
  w.postgres = false;
  return w;
}

void bench_push(const Options& o, Report& report) {
  World world(sqlite_world(200));
  DeskOptions d;
  d.through_proxy = false;
  Desk& desk = world.add_desk("push", d);
  must(desk.sync(), "first sync");
  desk.upsert_all("queue_entry", queue_entries(world.facility(), "bench-q-", static_cast<int>(o.ops)));
  sync::CurlTransport transport(world.direct_url());
  sync::SyncClient client(desk.db(), transport);
  const auto start = Steady::now();
  auto pushed = must(client.push(), "push");
  const double s = seconds_since(start);
  if (pushed.applied + pushed.merged + pushed.duplicate != static_cast<std::int64_t>(o.ops)) {
    die("push: " + std::to_string(pushed.applied) + " applied of " + std::to_string(o.ops));
  }
  const double rate = static_cast<double>(o.ops) / s;
  report.figure("push_ops", static_cast<double>(o.ops));
  report.figure("push_ops_per_s", rate);
  report.row("push_ops_per_s", fmt(rate), "-", "-", ">= 40000");
}

// Edits of participants' phone numbers: through the repositories' capture path, and as plain UPDATEs.
void bench_capture(const Options& o, Report& report) {
  test::TempDir dir("simpul-bench");
  const std::string path = dir.file("capture.db").string();
  auto replica = must(storage::Replica::open(path, SystemClock::instance()), "open replica");
  auto regions = must(RegionTable::load(std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv"), "regions");
  demo::DemoOptions demo_options;
  demo_options.participants = std::max<std::size_t>(o.writes, 1000);
  demo_options.today = Date{2026, 1, 15};
  auto data = must(demo::generate(regions, demo_options), "demo data");
  must(storage::load_demo(*replica, data, ""), "load demo");
  std::vector<std::string> ids;
  {
    auto st = must(replica->db().prepare_uncached("SELECT id FROM participants ORDER BY id"), "ids");
    while (must(st.step(), "ids") && ids.size() < o.writes) ids.push_back(st.text(0));
  }
  storage::Database& db = replica->db();
  const storage::Actor actor{"bench", "bench"};
  auto phone = [](int round, std::size_t i) {
    return "08" + std::to_string(round) + std::to_string(100000000 + i);
  };
  // One pass of edits, `per_tx` writes per transaction; round makes every value new.
  auto captured = [&](int round, std::size_t per_tx) {
    const auto start = Steady::now();
    for (std::size_t i = 0; i < ids.size();) {
      auto tx = must(storage::Transaction::begin(db), "begin");
      for (std::size_t k = 0; k < per_tx && i < ids.size(); ++k, ++i) {
        must(replica->upsert(actor, "participant", ids[i], storage::Fields{{"phone", phone(round, i)}}),
             "upsert");
      }
      must(tx.commit(), "commit");
    }
    return seconds_since(start);
  };
  auto plain = [&](int round, std::size_t per_tx) {
    const auto start = Steady::now();
    auto st = must(db.prepare_uncached("UPDATE participants SET phone = ? WHERE id = ?"), "prepare");
    for (std::size_t i = 0; i < ids.size();) {
      auto tx = must(storage::Transaction::begin(db), "begin");
      for (std::size_t k = 0; k < per_tx && i < ids.size(); ++k, ++i) {
        st.bind(1, phone(round, i)).bind(2, ids[i]);
        must(st.exec(), "update");
        st.reset();
      }
      must(tx.commit(), "commit");
    }
    return seconds_since(start);
  };
  // Alternated and repeated, best of each: the machine is shared, and fsync times wander.
  double cap1 = 1e9, raw1 = 1e9, capn = 1e9, rawn = 1e9;
  int round = 0;
  for (int rep = 0; rep < 2; ++rep) {
    raw1 = std::min(raw1, plain(++round, 1));
    cap1 = std::min(cap1, captured(++round, 1));
    rawn = std::min(rawn, plain(++round, 1000));
    capn = std::min(capn, captured(++round, 1000));
  }
  const double n = static_cast<double>(ids.size());
  report.figure("capture_writes", n);
  report.figure("capture_writes_per_s", n / cap1);
  report.figure("plain_writes_per_s", n / raw1);
  report.figure("capture_write_ratio", cap1 / raw1);
  report.figure("capture_writes_per_s_batched", n / capn);
  report.figure("plain_writes_per_s_batched", n / rawn);
  report.figure("capture_write_ratio_batched", capn / rawn);
  report.row("capture_write_ratio", fmt(n / cap1) + " w/s", fmt(n / raw1) + " w/s", fmt(cap1 / raw1, "%.2f"),
             "<= 1.3 (1 write/tx)");
  report.row("capture_write_ratio_batched", fmt(n / capn) + " w/s", fmt(n / rawn) + " w/s",
             fmt(capn / rawn, "%.2f"), "(1000 writes/tx)");
}

struct Bootstrap {
  double seconds = 0;
  std::uint64_t wire_bytes = 0;
  std::int64_t participants = 0;
  bool complete = false;
};

// One bootstrap of a fresh desk through the proxy (shaped as the caller set it).
Bootstrap bootstrap(World& world, const std::string& name, int attempts = 1) {
  DeskOptions d;
  d.page_rows = 5000;  // the client's defaults, not the scenario tests' small pages
  d.page_bytes = 1u << 20;
  Desk& desk = world.add_desk(name, d);
  const std::uint64_t before = proxy_bytes(world);
  const auto start = Steady::now();
  Bootstrap b;
  b.complete = desk.sync(attempts).ok();
  b.seconds = seconds_since(start);
  b.wire_bytes = proxy_bytes(world) - before;
  b.participants = participants_in(desk);
  return b;
}

void bench_bootstrap(const Options& o, Report& report) {
  const auto seeded = Steady::now();
  World world(sqlite_world(o.participants));
  widen_scope(world);
  note("sync_bench: seeded %s and widened the scope in %.1f s\n", std::to_string(o.participants),
       seconds_since(seeded));
  const Bootstrap b = bootstrap(world, "bootstrap");
  if (!b.complete) die("bootstrap did not complete");
  Desk& desk = *world.desks().back();
  const auto tables = read_synced_rows(desk.db().db());
  const std::size_t rows = count_rows(tables);
  const double raw_s = raw_insert_seconds(tables, world.dir().file("raw.db").string());
  const std::size_t gz = gzip_csv_bytes(tables);
  const double p = static_cast<double>(b.participants);
  const double boot_rate = static_cast<double>(rows) / b.seconds;
  const double raw_rate = static_cast<double>(rows) / raw_s;
  report.figure("bootstrap_participants", p);
  report.figure("bootstrap_rows", static_cast<double>(rows));
  report.figure("bootstrap_seconds", b.seconds);
  report.figure("bootstrap_rows_per_s", boot_rate);
  report.figure("raw_insert_rows_per_s", raw_rate);
  report.figure("bootstrap_ratio", boot_rate / raw_rate);
  report.figure("wire_bytes", static_cast<double>(b.wire_bytes));
  report.figure("wire_bytes_per_row", static_cast<double>(b.wire_bytes) / p);
  report.figure("gzip_csv_bytes_per_row", static_cast<double>(gz) / p);
  report.figure("wire_ratio", static_cast<double>(b.wire_bytes) / static_cast<double>(gz));
  report.row("bootstrap_rows_per_s", fmt(boot_rate), fmt(raw_rate) + " raw",
             fmt(boot_rate / raw_rate, "%.2f"), ">= 0.5");
  report.row("wire_bytes_per_row", fmt(static_cast<double>(b.wire_bytes) / p, "%.1f"),
             fmt(static_cast<double>(gz) / p, "%.1f") + " gz csv",
             fmt(static_cast<double>(b.wire_bytes) / static_cast<double>(gz), "%.2f"), "<= 1.3");
}

void bench_slowlink(const Options& o, Report& report) {
  World world(sqlite_world(o.slow_participants));
  widen_scope(world);
  test::FaultProxy& proxy = world.proxy();
  struct Link {
    const char* name;
    std::uint64_t bytes_per_s;
    double loss;
  };
  const Link links[] = {{"1mbit", 125'000, 0.0}, {"256kbit_loss10", 32'000, 0.10}};
  double worst = 0;
  double full_bytes = 0;
  for (const Link& link : links) {
    proxy.set_bandwidth(test::Direction::downstream, link.bytes_per_s);
    proxy.set_bandwidth(test::Direction::upstream, link.bytes_per_s);
    proxy.set_loss(test::Direction::downstream, link.loss);
    proxy.set_loss(test::Direction::upstream, link.loss);
    const Bootstrap b = bootstrap(world, std::string("slow-") + link.name, 40);
    if (!b.complete) die(std::string("slow bootstrap did not complete: ") + link.name);
    const double ideal = static_cast<double>(b.wire_bytes) / static_cast<double>(link.bytes_per_s);
    const double ratio = b.seconds / ideal;
    worst = std::max(worst, ratio);
    if (full_bytes == 0) full_bytes = static_cast<double>(b.wire_bytes);
    report.figure(std::string("slow_link_seconds_") + link.name, b.seconds);
    report.figure(std::string("slow_link_ideal_seconds_") + link.name, ideal);
    report.figure(std::string("slow_link_ratio_") + link.name, ratio);
    report.row(std::string("slow_link_ratio_") + link.name, fmt(b.seconds, "%.1f s"),
               fmt(ideal, "%.1f s ideal"), fmt(ratio, "%.2f"), "<= 1.2");
  }
  report.figure("slow_link_ratio", worst);
  report.figure("slow_link_participants", static_cast<double>(o.slow_participants));

  // A cut half way through (1 Mbit/s, no loss), then the desk tries again: it must resume where it stopped,
  // not start over. Its bytes in all are compared with those of the whole bootstrap above.
  proxy.set_loss(test::Direction::downstream, 0);
  proxy.set_loss(test::Direction::upstream, 0);
  proxy.set_bandwidth(test::Direction::downstream, links[0].bytes_per_s);
  proxy.set_bandwidth(test::Direction::upstream, links[0].bytes_per_s);
  const double whole = full_bytes;
  proxy.cut_after(test::Direction::downstream, static_cast<std::uint64_t>(whole / 2), test::Scope::lifetime);
  const Bootstrap cut = bootstrap(world, "slow-cut", 40);
  proxy.clear_cuts();
  if (!cut.complete) die("the bootstrap cut half way did not complete");
  const double resumed = static_cast<double>(cut.wire_bytes) / whole;
  report.figure("slow_link_resume_bytes_ratio", resumed);
  report.figure("slow_link_resume_faults", static_cast<double>(proxy.stats().faults_fired));
  report.row("slow_link_resume_bytes", fmt(static_cast<double>(cut.wire_bytes)), fmt(whole) + " whole",
             fmt(resumed, "%.2f"), "< 1.5 (no restart)");
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  Report report;
  try {
    if (o.want("capture")) bench_capture(o, report);
    if (o.want("push")) bench_push(o, report);
    if (o.want("bootstrap")) bench_bootstrap(o, report);
    if (o.want("slowlink")) bench_slowlink(o, report);
  } catch (const std::exception& e) {
    die(e.what());
  }
  report.print(o.json);
  return 0;
}
