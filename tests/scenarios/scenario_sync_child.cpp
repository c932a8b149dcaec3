// scenario_sync_child --db FILE [--attempts N] [--push-max-ops N] [--page-rows N] [--page-bytes N]
//
// A desk's sync as a process of its own, so that a scenario can SIGKILL it mid-sync and start it again:
// the real SyncEngine over the real libcurl transport, on an enrolled replica (the server address is the
// one stored at enrollment). Runs cycles until one completes a full exchange; exit 0 then, 1 if none did,
// 2 on bad arguments. Prints one line saying what it did.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "simpul/core/clock.hpp"
#include "simpul/sync/curl_transport.hpp"
#include "simpul/sync/engine.hpp"

namespace {

using namespace simpul;

struct Args {
  std::string db;
  int attempts = 1;
  std::size_t push_max_ops = 1000;
  std::uint32_t page_rows = 200;
  std::uint32_t page_bytes = 16u << 10;
};

bool parse(int argc, char** argv, Args& a) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    const unsigned long n = std::strtoul(value.c_str(), nullptr, 10);
    if (name == "--db") a.db = value;
    else if (name == "--attempts") a.attempts = static_cast<int>(n);
    else if (name == "--push-max-ops") a.push_max_ops = n;
    else if (name == "--page-rows") a.page_rows = static_cast<std::uint32_t>(n);
    else if (name == "--page-bytes") a.page_bytes = static_cast<std::uint32_t>(n);
    else return false;
  }
  return !a.db.empty() && a.attempts > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if ((argc - 1) % 2 != 0 || !parse(argc, argv, a)) {
    std::fprintf(stderr, "usage: scenario_sync_child --db FILE [--attempts N] [--push-max-ops N] "
                         "[--page-rows N] [--page-bytes N]\n");
    return 2;
  }
  sync::CurlOptions curl;
  curl.connect_timeout = std::chrono::milliseconds(2000);
  curl.low_speed_limit = 64;
  curl.low_speed_time = std::chrono::seconds(2);
  curl.total_timeout = std::chrono::milliseconds(60'000);
  sync::EngineOptions o;
  o.db_path = a.db;
  o.seed = 77;
  o.ambiguous_retries = 2;
  o.client.push_max_ops = a.push_max_ops;
  o.client.pull_max_rows = a.page_rows;
  o.client.pull_max_bytes = a.page_bytes;
  o.client.device_name = "scenario-child";
  o.digest_interval = std::chrono::hours(24 * 365 * 20);  // the scenario checks digests itself
  auto engine = sync::SyncEngine::open(o, SystemClock::instance(), std::make_unique<sync::CurlTransport>("", curl));
  if (!engine.ok()) {
    std::fprintf(stderr, "scenario_sync_child: %s\n", engine.error().message.c_str());
    return 1;
  }
  std::string last_error;
  for (int i = 0; i < a.attempts; ++i) {
    auto cycle = (*engine)->run_cycle();
    if (cycle.ok()) {
      std::printf("complete: pushed %lld (applied %lld, duplicate %lld), pulled %d page(s)\n",
                  static_cast<long long>(cycle->push.sent), static_cast<long long>(cycle->push.applied),
                  static_cast<long long>(cycle->push.duplicate), cycle->pull.pages);
      return 0;
    }
    last_error = cycle.error().code + ": " + cycle.error().message;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::printf("incomplete: %s\n", last_error.c_str());
  return 1;
}
