// Search-as-you-type latency on a replica of N participants: every prefix of sampled names, NIKs and card
// numbers is one query (limit 50), as the desk's search box sends them while the clerk types. For contrast, the
// same run times an exact indexed NIK lookup and a LIKE 'prefix%' full scan.
//
//   search_bench [--participants N] [--db FILE] [--targets T] [--seed S] [--assets DIR] [--json]
//
// The replica holds the demo data set (as `simpulctl demo --participants N` builds it). --db FILE keeps it in
// FILE: built there when it has no participants, reused as it is otherwise (e.g. one simpulctl demo made).
// Without it a temporary replica is built and removed. Figures are milliseconds, wall clock and this
// thread's CPU time (the difference is time spent waiting for a core on a busy machine).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_util.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/storage/bulk.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/replica.hpp"

using namespace simpul;
using namespace simpul::storage;
using bench::cpu_ms;
using bench::die;
using bench::ms_since;
using bench::Steady;

namespace {

struct Options {
  std::size_t participants = 100'000;
  std::string db;
  std::size_t targets = 200;
  std::uint64_t seed = 1;
  std::string assets = SIMPUL_ASSET_DIR;
  bool json = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (bench::Args args("search_bench", argc, argv); args.next();) {
    if (args.is("--participants")) {
      o.participants = args.number();
    } else if (args.is("--db")) {
      o.db = args.value();
    } else if (args.is("--targets")) {
      o.targets = args.number();
    } else if (args.is("--seed")) {
      o.seed = args.number();
    } else if (args.is("--assets")) {
      o.assets = args.value();
    } else if (args.is("--json")) {
      o.json = true;
    } else if (args.is("--help") || args.is("-h")) {
      std::puts("search_bench [--participants N] [--db FILE] [--targets T] [--seed S] [--assets DIR] [--json]");
      std::exit(0);
    } else {
      args.unknown();
    }
  }
  if (o.targets == 0) die("--targets must be at least 1");
  return o;
}

struct Sample {
  double ms = 0;
  double cpu_ms = 0;
  std::string query;
};

// Times one query, in wall and CPU milliseconds.
class Timer {
 public:
  Timer() : wall_(Steady::now()), cpu_(cpu_ms()) {}
  Sample done(std::string query) const { return Sample{ms_since(wall_), cpu_ms() - cpu_, std::move(query)}; }

 private:
  Steady::time_point wall_;
  double cpu_;
};

struct Stats {
  std::size_t n = 0;
  double p50 = 0;
  double p99 = 0;
  double max = 0;
  std::string slowest;  // the query that took `max`
  double cpu_p50 = 0;
  double cpu_p99 = 0;
};

Stats stats(std::vector<Sample> samples) {
  Stats s;
  s.n = samples.size();
  if (samples.empty()) return s;
  const auto rank = [&](double q) {
    const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(samples.size())));
    return std::min(samples.size(), std::max<std::size_t>(k, 1)) - 1;
  };
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.cpu_ms < b.cpu_ms; });
  s.cpu_p50 = samples[rank(0.50)].cpu_ms;
  s.cpu_p99 = samples[rank(0.99)].cpu_ms;
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.ms < b.ms; });
  s.p50 = samples[rank(0.50)].ms;
  s.p99 = samples[rank(0.99)].ms;
  s.max = samples.back().ms;
  s.slowest = samples.back().query;
  return s;
}

// Fills an empty replica with the demo data set, loaded as `simpulctl demo` loads it.
void populate(Replica& replica, const Options& o) {
  if (Participants(replica).count().value_or(0) > 0) return;
  auto regions = RegionTable::load(o.assets + "/regions/regions.tsv");
  if (!regions.ok()) die(regions.error().message);
  demo::DemoOptions demo_options;
  demo_options.participants = o.participants;
  demo_options.seed = o.seed;
  demo_options.today = Date{2026, 1, 15};
  const auto built = Steady::now();
  auto data = demo::generate(*regions, demo_options);
  if (!data.ok()) die(data.error().message);
  const Status loaded = load_demo(replica, *data, "");
  if (!loaded.ok()) die(loaded.error().message);
  std::fprintf(stderr, "search_bench: built %zu participants in %.1f s\n", data->participants.size(),
               ms_since(built) / 1000);
}

struct Target {
  std::string name;
  std::string nik;
  std::string card;
};

std::vector<Target> sample_targets(Database& db, const Options& o) {
  std::vector<Target> all;
  auto st = db.prepare("SELECT name, nik, coalesce(card_number, '') FROM participants ORDER BY rowid");
  while (st->step().value_or(false)) all.push_back({st->text(0), st->text(1), st->text(2)});
  if (all.empty()) die("the replica has no participants");
  std::mt19937_64 rng(o.seed);
  std::vector<Target> picked;
  std::uniform_int_distribution<std::size_t> any(0, all.size() - 1);
  for (std::size_t i = 0; i < o.targets; ++i) picked.push_back(all[any(rng)]);
  return picked;
}

// Every prefix of `text` a person typing it would produce (never splitting a UTF-8 sequence).
std::vector<std::string> typed_prefixes(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t len = 1; len <= text.size(); ++len) {
    if (len < text.size() && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) continue;
    out.push_back(text.substr(0, len));
  }
  return out;
}

struct Kind {
  const char* name;
  std::function<std::string(const Target&)> field;
};

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::filesystem::path scratch;
  std::string path = o.db;
  if (path.empty()) {
    scratch = std::filesystem::temp_directory_path() / ("simpul-search-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(scratch);
    path = (scratch / "replica.db").string();
  }
  int rc = 0;
  {
    auto opened = Replica::open(path, SystemClock::instance());
    if (!opened.ok()) die(opened.error().message);
    Replica& replica = **opened;
    populate(replica, o);
    Participants repo(replica);
    const std::int64_t count = repo.count().value_or(0);
    const std::vector<Target> targets = sample_targets(replica.db(), o);

    nlohmann::json figures = {{"participants", count}, {"targets", targets.size()}};
    const std::vector<Kind> kinds = {{"name", [](const Target& t) { return t.name; }},
                                     {"nik", [](const Target& t) { return t.nik; }},
                                     {"card", [](const Target& t) { return t.card; }}};
    // One untimed pass over a few queries so the first timed query does not pay for statement preparation.
    for (const auto& k : kinds) (void)repo.search(k.field(targets.front()), 50, 0);

    std::map<std::string, Stats> results;
    for (const auto& kind : kinds) {
      std::vector<Sample> samples;
      std::size_t final_misses = 0;
      for (const auto& t : targets) {
        const std::string full = kind.field(t);
        for (const auto& prefix : typed_prefixes(full)) {
          const Timer timer;
          auto page = repo.search(prefix, 50, 0);
          samples.push_back(timer.done(prefix));
          if (!page.ok()) die("search <" + prefix + ">: " + page.error().message);
          if (prefix.size() == full.size() && kind.name != std::string("name")) {
            const bool found = std::any_of(page->items.begin(), page->items.end(),
                                           [&](const Participant& p) { return p.nik == t.nik; });
            if (!found) ++final_misses;
          }
        }
      }
      if (final_misses > 0) {
        std::fprintf(stderr, "search_bench: %zu full %s queries did not find their participant\n", final_misses,
                     kind.name);
        rc = 2;
      }
      results[kind.name] = stats(std::move(samples));
    }

    // Baselines in the same run: the exact indexed lookup the prefix search is built on, and the full scan a
    // naive LIKE 'prefix%' search would do (LIKE is case-insensitive, so no index helps it).
    std::vector<Sample> exact;
    std::vector<Sample> like;
    auto by_nik = replica.db().prepare("SELECT id FROM participants WHERE nik = ?1");
    auto scan = replica.db().prepare("SELECT id FROM participants WHERE name LIKE ?1 || '%' LIMIT 51");
    for (const auto& t : targets) {
      const Timer exact_timer;
      by_nik->bind(1, t.nik);
      while (by_nik->step().value_or(false)) {
      }
      by_nik->reset();
      exact.push_back(exact_timer.done(t.nik));
      // The target's first name and the start of the next word: selective, like a clerk's query.
      const std::string prefix = t.name.substr(0, std::min(t.name.size(), t.name.find(' ') + 3));
      const Timer scan_timer;
      scan->bind(1, prefix);
      while (scan->step().value_or(false)) {
      }
      scan->reset();
      like.push_back(scan_timer.done(prefix));
    }
    results["exact_nik"] = stats(std::move(exact));
    results["like_scan"] = stats(std::move(like));

    for (const auto& [kind, s] : results) {
      const bool search = kind == "name" || kind == "nik" || kind == "card";
      const std::string stem = search ? "search_" : kind + "_";
      const std::string suffix = search ? "_" + kind : "";
      figures[stem + "p50_ms" + suffix] = s.p50;
      figures[stem + "p99_ms" + suffix] = s.p99;
      figures[stem + "max_ms" + suffix] = s.max;
      figures[stem + "cpu_p50_ms" + suffix] = s.cpu_p50;
      figures[stem + "cpu_p99_ms" + suffix] = s.cpu_p99;
      figures[(search ? "queries_" + kind : kind + "_queries")] = s.n;
    }
    // The figure issue 7 names: the worst of the three kinds of search-as-you-type.
    figures["search_p99_ms"] = std::max({results["name"].p99, results["nik"].p99, results["card"].p99});
    if (o.json) {
      std::cout << figures.dump() << "\n";
    } else {
      std::printf("%lld participants, %zu targets\n", static_cast<long long>(count), targets.size());
      std::printf("%-10s %7s %8s %8s %8s %9s %9s  %s\n", "kind", "queries", "p50 ms", "p99 ms", "max ms",
                  "cpu p50", "cpu p99", "slowest query");
      for (const char* kind : {"name", "nik", "card", "exact_nik", "like_scan"}) {
        const Stats& s = results[kind];
        std::printf("%-10s %7zu %8.3f %8.3f %8.3f %9.3f %9.3f  \"%s\"\n", kind, s.n, s.p50, s.p99, s.max, s.cpu_p50,
                    s.cpu_p99, s.slowest.c_str());
      }
      std::puts("(wall-clock figures include waiting for a CPU on a busy machine; cpu figures do not)");
    }
  }
  if (!scratch.empty()) std::filesystem::remove_all(scratch);
  return rc;
}
