// Frame times of the desk's search and queue screens on a big replica (issue 7, figure 6): the whole AppShell
// in the headless harness (a real ImGui context with no renderer, docs/TESTING.md), so what is timed is the
// app's own work per frame (layout, draw lists, draining the run queue, whatever a screen does on the UI
// thread), not the GPU.
//
//   ui_bench [--participants N] [--queue N] [--db FILE] [--json]
//
//   search  a registration clerk signs in, then types a name, a NIK and a card number one character per
//   frame,
//           with the results of each query arriving (up to 30 frames per character), as a person types
//   queue   the desk queue panel with N entries today, idle frames
//
// --db FILE keeps the replica (built when it has no participants, reused otherwise: a 1M replica takes
// minutes to build). Figures are milliseconds of wall clock per frame: p50, p99, max.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.hpp"
#include "context/app_context.hpp"
#include "shell/app_shell.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/storage/bulk.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/queue.hpp"
#include "simpul/storage/users.hpp"
#include "testing/ui_harness.hpp"
#include "ui/i18n.hpp"

using namespace simpul;
using bench::cpu_ms;
using bench::die;
using bench::must;
using bench::Steady;

namespace {

struct Options {
  std::size_t participants = 100'000;
  int queue = 500;
  std::string db;
  bool json = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (bench::Args args("ui_bench", argc, argv); args.next();) {
    if (args.is("--participants")) {
      o.participants = args.number();
    } else if (args.is("--queue")) {
      o.queue = static_cast<int>(args.number());
    } else if (args.is("--db")) {
      o.db = args.value();
    } else if (args.is("--json")) {
      o.json = true;
    } else if (args.is("--help") || args.is("-h")) {
      std::puts("ui_bench [--participants N] [--queue N] [--db FILE] [--json]");
      std::exit(0);
    } else {
      args.unknown();
    }
  }
  if (o.participants == 0) die("--participants must be at least 1");
  return o;
}

struct Stats {
  double p50 = 0, p99 = 0, max = 0;
  std::size_t n = 0;
};

Stats stats(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
  };
  s.p50 = at(0.50);
  s.p99 = at(0.99);
  s.max = v.back();
  s.n = v.size();
  return s;
}

constexpr const char* kFacility = "BENCH001";

// The demo data set (when the replica has none), a facility with its polis whose queue this replica keeps,
// `queue` entries today, and a registration clerk.
void prepare(context::AppContext& app, const Options& o) {
  storage::Replica& replica = app.replica();
  if (storage::Participants(replica).count().value_or(0) == 0) {
    const auto start = Steady::now();
    auto regions = must(RegionTable::load(std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv"), "regions");
    demo::DemoOptions d;
    d.participants = o.participants;
    d.today = Date::from_epoch_ms(SystemClock::instance().now_ms());
    auto data = must(demo::generate(regions, d), "demo data");
    must(storage::load_demo(replica, data, ""), "load demo");
    std::fprintf(stderr, "ui_bench: built %zu participants in %.1f s\n", data.participants.size(),
                 bench::seconds_since(start));
  }
  if (!must(app.facilities().get(kFacility), "facility")) {
    Facility f;
    f.code = kFacility;
    f.type = FacilityType::puskesmas;
    f.name = "Puskesmas Bench";
    f.polis = {Poli{"001", "Umum", "A", 0, 24 * 60 - 1, 1000}, Poli{"002", "Gigi", "B", 0, 24 * 60 - 1, 1000},
               Poli{"003", "KIA", "C", 0, 24 * 60 - 1, 1000}};
    must(app.facilities().put(storage::Actor::system(), f), "facility");
  }
  must(replica.set_setting("queue.facility", kFacility), "queue facility");
  const std::string today = storage::Queue(replica).today().iso();
  const auto have = replica.db().query_int("SELECT count(*) FROM queue_entries WHERE day = '" + today + "'");
  if (have.value_or(std::nullopt).value_or(0) < o.queue) {
    // Entries written as rows (not taken through the queue rules): the panel only has to show them.
    auto ids = replica.db().prepare_uncached("SELECT id, card_number FROM participants LIMIT " +
                                             std::to_string(o.queue));
    auto st = must(std::move(ids), "participants");
    auto tx = must(storage::Transaction::begin(replica.db()), "begin");
    const char* polis[] = {"001", "002", "003"};
    for (int i = 0; must(st.step(), "step") && i < o.queue; ++i) {
      const std::string poli = polis[i % 3];
      const int number = i / 3 + 1;
      storage::Fields fields{
          {"facility", kFacility},
          {"poli", poli},
          {"day", today},
          {"number", std::string(1, static_cast<char>('A' + i % 3)) + "-" + std::to_string(number)},
          {"seq_no", number},
          {"state", i % 5 == 0 ? "called" : "waiting"},
          {"participant_id", st.text(0)},
          {"complaint", "demam"}};
      must(replica.upsert(storage::Actor::system(), "queue_entry",
                          "bench-q-" + today + "-" + std::to_string(i), fields),
           "queue entry");
    }
    must(tx.commit(), "commit");
  }
  if (!must(storage::Users(replica).by_username("bench"), "user")) {
    User user;
    user.username = "bench";
    user.display_name = "Petugas Bench";
    user.role = Role::registration;
    must(storage::Users(replica).create(storage::Actor::system(), user, "rahasia-123"), "user");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::filesystem::path scratch;
  std::string db = o.db;
  if (db.empty()) {
    scratch = std::filesystem::temp_directory_path() / ("simpul-ui-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(scratch);
    db = (scratch / "replica.db").string();
  }
  nlohmann::json figures = nlohmann::json::object();
  {
    i18n::set_language("id");
    testing::UiHarness ui;
    context::ContextOptions co;
    co.db = db;
    co.asset_dir = SIMPUL_ASSET_DIR;
    co.start_sync = false;
    co.language = "id";
    auto app = must(context::AppContext::open(std::move(co), ui.queue()), "open the app context");
    prepare(*app, o);
    const std::int64_t participants = storage::Participants(app->replica()).count().value_or(0);
    // Three sample people: the first, the middle and the last of the replica by id.
    std::vector<std::array<std::string, 3>> people;
    for (const char* order : {"id", "id DESC", "nik"}) {
      auto st = must(
          app->replica().db().prepare_uncached("SELECT name, nik, card_number FROM participants ORDER BY " +
                                               std::string(order) + " LIMIT 1"),
          "sample");
      if (must(st.step(), "sample")) people.push_back({st.text(0), st.text(1), st.text(2)});
    }

    shell::Options shell_options;
    shell::AppShell shell(*app, shell_options);
    ui.set_frame([&] { shell.frame(); });
    ui.frame();
    ui.type_into("login.username", "bench");
    ui.type_into("login.password", "rahasia-123");
    ui.press_enter();
    for (int i = 0; i < 500 && shell.current_screen() != "search"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      ui.frame();
    }
    if (shell.current_screen() != "search")
      die("did not reach the search screen: " + std::string(shell.current_screen()));

    std::vector<double> queue_frames;
    // Wall time per frame, and this thread's CPU time (the difference is waiting for a core on a busy
    // machine).
    std::vector<double> cpu_search, cpu_queue;
    auto timed_frame = [&](std::vector<double>& into) {
      const auto start = Steady::now();
      const double cpu = cpu_ms();
      ui.frame();
      into.push_back(bench::ms_since(start));
      (&into == &queue_frames ? cpu_queue : cpu_search).push_back(cpu_ms() - cpu);
    };
    std::vector<double> search_frames;
    int found = 0;  // NIKs and card numbers typed whose person was then on screen
    for (const auto& person : people) {
      for (const std::string& text : {person[0].substr(0, 12), person[1], person[2]}) {
        // Clear the field (Ctrl+A is not in the adapter: delete with backspaces, a frame between presses so
        // each is seen as a new press).
        for (std::size_t c = 0; c < 20; ++c) {
          ui.press(ui::Key::backspace);
          ui.frame();
        }
        ui.frame(2);
        for (std::size_t c = 0; c < text.size(); ++c) {
          ui.type(text.substr(c, 1));
          // The query runs in the background; frames go on while it does, as in the app (vsync aside).
          for (int f = 0; f < 30; ++f) {
            timed_frame(search_frames);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
        }
        // The whole NIK or card number typed: the person is on screen (else the frames timed nothing real).
        if (text != person[0].substr(0, 12)) {
          for (int f = 0; f < 300 && !ui.has_text(person[0]); ++f) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            ui.frame();
          }
          if (ui.has_text(person[0])) ++found;
        }
      }
    }
    if (found == 0)
      die("no search showed the person typed: the search screen did not search\n" + ui.describe());

    shell.open("queue_desk");
    ui.frame(5);
    if (shell.current_screen() != "queue_desk")
      die("did not reach the queue desk: " + std::string(shell.current_screen()));
    for (int f = 0; f < 300; ++f) timed_frame(queue_frames);

    const Stats s = stats(search_frames);
    const Stats q = stats(queue_frames);
    figures = {{"ui_participants", participants},
               {"ui_queue_entries", o.queue},
               {"frame_ms_p50", s.p50},
               {"frame_ms_p99", s.p99},
               {"frame_ms_max", s.max},
               {"frame_count_search", s.n},
               {"search_people_found", found},
               {"frame_ms_p50_queue", q.p50},
               {"frame_ms_p99_queue", q.p99},
               {"frame_ms_max_queue", q.max},
               {"frame_cpu_ms_p99", stats(cpu_search).p99},
               {"frame_cpu_ms_p99_queue", stats(cpu_queue).p99}};
    if (!o.json) {
      std::printf("%lld participants, %d queue entries today; headless frames (no GPU)\n",
                  static_cast<long long>(participants), o.queue);
      std::printf("%-8s %7s %8s %8s %8s %11s  %s\n", "screen", "frames", "p50 ms", "p99 ms", "max ms",
                  "cpu p99 ms", "target");
      std::printf("%-8s %7zu %8.2f %8.2f %8.2f %11.2f  %s\n", "search", s.n, s.p50, s.p99, s.max,
                  stats(cpu_search).p99, "p99 <= 16");
      std::printf("%-8s %7zu %8.2f %8.2f %8.2f %11.2f  %s\n", "queue", q.n, q.p50, q.p99, q.max,
                  stats(cpu_queue).p99, "p99 <= 16");
    }
  }
  if (o.json) std::cout << figures.dump() << "\n";
  if (!scratch.empty()) std::filesystem::remove_all(scratch);
  return 0;
}
