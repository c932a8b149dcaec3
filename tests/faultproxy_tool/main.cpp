// simpul-faultproxy: a fault-injecting TCP proxy on the loopback interface, for demos and manual experiments
// with sync over a bad link. Runs until SIGINT or SIGTERM and prints one line per connection and fault.
#include <pthread.h>

#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "support/fault_proxy.hpp"

namespace {

using simpul::test::Direction;
using simpul::test::Endpoint;
using simpul::test::FaultProxy;
using std::chrono::milliseconds;

constexpr std::string_view kUsage =
    R"(usage: simpul-faultproxy --upstream 127.0.0.1:PORT [--listen 127.0.0.1:PORT] [options]

Forwards TCP connections from --listen to --upstream, both on the loopback interface only,
while injecting faults. Runs until SIGINT/SIGTERM; prints one line per connection and fault.

  --listen HOST:PORT       where clients connect (default 127.0.0.1:0, i.e. any free port)
  --upstream HOST:PORT     where connections are forwarded (required)
  --seed N                 seed for jitter and loss decisions (default 0)
  --latency MS             delay added to every chunk, each direction
  --jitter MS              extra random delay in [0, MS] per chunk, each direction
  --bandwidth BYTES_PER_S  bandwidth limit, each direction (0 = unlimited)
  --loss P                 probability per chunk of a 200 ms retransmission-like stall
                           (real TCP loss cannot be emulated in user space)
  --flap-up MS --flap-down MS
                           alternate: up for MS, then down (connections closed, new ones
                           refused) for MS, and so on
  --help                   this text
)";

struct Settings {
  Endpoint listen{"127.0.0.1", 0};
  std::optional<Endpoint> upstream;
  std::uint64_t seed = 0;
  simpul::test::LinkFaults link;
  std::optional<milliseconds> flap_up;
  std::optional<milliseconds> flap_down;
};

struct UsageError {
  std::string message;
};

template <class Number>
Number parse_number(std::string_view flag, std::string_view text) {
  Number value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw UsageError{std::string(flag) + ": not a number: '" + std::string(text) + "'"};
  }
  return value;
}

Endpoint parse_address(std::string_view flag, std::string_view text) {
  const std::optional<Endpoint> endpoint = simpul::test::parse_endpoint(text);
  if (!endpoint)
    throw UsageError{std::string(flag) + ": expected HOST:PORT, got '" + std::string(text) + "'"};
  if (!simpul::test::is_loopback(endpoint->host)) {
    throw UsageError{std::string(flag) + ": '" + endpoint->host +
                     "' is not a loopback address; simpul-faultproxy only works on 127.0.0.0/8 so that "
                     "test traffic never leaves this machine"};
  }
  return *endpoint;
}

Settings parse(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") throw UsageError{};
    if (i + 1 >= argc) throw UsageError{std::string(flag) + ": missing value (or unknown option)"};
    const std::string_view value = argv[++i];
    if (flag == "--listen") {
      settings.listen = parse_address(flag, value);
    } else if (flag == "--upstream") {
      settings.upstream = parse_address(flag, value);
    } else if (flag == "--seed") {
      settings.seed = parse_number<std::uint64_t>(flag, value);
    } else if (flag == "--latency") {
      settings.link.latency = milliseconds(parse_number<std::uint32_t>(flag, value));
    } else if (flag == "--jitter") {
      settings.link.jitter = milliseconds(parse_number<std::uint32_t>(flag, value));
    } else if (flag == "--bandwidth") {
      settings.link.bandwidth = parse_number<std::uint64_t>(flag, value);
    } else if (flag == "--loss") {
      settings.link.loss = parse_number<double>(flag, value);
      if (!(settings.link.loss >= 0.0 && settings.link.loss <= 1.0))
        throw UsageError{"--loss: P must be in [0, 1]"};
    } else if (flag == "--flap-up") {
      settings.flap_up = milliseconds(parse_number<std::uint32_t>(flag, value));
    } else if (flag == "--flap-down") {
      settings.flap_down = milliseconds(parse_number<std::uint32_t>(flag, value));
    } else {
      throw UsageError{"unknown option " + std::string(flag)};
    }
  }
  if (!settings.upstream) throw UsageError{"--upstream is required"};
  if (settings.flap_up.has_value() != settings.flap_down.has_value()) {
    throw UsageError{"--flap-up and --flap-down go together"};
  }
  if (settings.flap_up && (settings.flap_up->count() == 0 || settings.flap_down->count() == 0)) {
    throw UsageError{"--flap-up and --flap-down must be positive"};
  }
  return settings;
}

// Lines from the proxy's threads and from main, whole and in order, flushed at once for pipes.
class Log {
 public:
  void line(const std::string& text) {
    const std::lock_guard lock(mutex_);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::printf("[%9.3f] %s\n", seconds, text.c_str());
    std::fflush(stdout);
  }

 private:
  std::mutex mutex_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

std::string describe(const Settings& settings) {
  const simpul::test::LinkFaults& link = settings.link;
  std::string text = "seed " + std::to_string(settings.seed);
  if (link.latency.count() > 0) text += ", latency " + std::to_string(link.latency.count()) + " ms";
  if (link.jitter.count() > 0) text += ", jitter " + std::to_string(link.jitter.count()) + " ms";
  if (link.bandwidth > 0) text += ", bandwidth " + std::to_string(link.bandwidth) + " B/s";
  if (link.loss > 0) {
    char loss[32];
    std::snprintf(loss, sizeof loss, "%g", link.loss);
    text += ", loss " + std::string(loss);
  }
  if (settings.flap_up) {
    text += ", flapping " + std::to_string(settings.flap_up->count()) + " ms up / " +
            std::to_string(settings.flap_down->count()) + " ms down";
  }
  return text;
}

// Waits up to `period` (forever when nullopt) for SIGINT/SIGTERM, which are blocked in every thread.
bool signalled_within(const sigset_t& signals, std::optional<milliseconds> period) {
  if (!period) {
    int signal = 0;
    sigwait(&signals, &signal);
    return true;
  }
  const auto deadline = std::chrono::steady_clock::now() + *period;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    const timespec timeout{static_cast<time_t>(left.count() / 1'000'000'000),
                           static_cast<long>(left.count() % 1'000'000'000)};
    if (sigtimedwait(&signals, nullptr, &timeout) > 0) return true;
    // EAGAIN: the period is over (checked above); EINTR: some other signal, keep waiting.
  }
}

int run(const Settings& settings) {
  // Block the stop signals before the proxy starts its threads, so that only sigwait() ever sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Log log;
  FaultProxy proxy(simpul::test::FaultProxyOptions{
      .upstream = *settings.upstream, .listen = settings.listen, .seed = settings.seed});
  proxy.set_event_sink([&log](const simpul::test::FaultEvent& event) { log.line(to_string(event)); });
  for (const Direction direction : {Direction::upstream, Direction::downstream}) {
    proxy.set_link(direction, settings.link);
  }
  log.line("listening on " + to_string(proxy.endpoint()) + ", forwarding to " + to_string(proxy.upstream()) +
           " (" + describe(settings) + ")");

  if (!settings.flap_up) {
    signalled_within(signals, std::nullopt);
  } else {
    for (bool down = false;; down = !down) {
      if (signalled_within(signals, down ? settings.flap_down : settings.flap_up)) break;
      proxy.set_down(!down);
    }
  }
  log.line("stopping");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  try {
    settings = parse(argc, argv);
  } catch (const UsageError& error) {
    if (error.message.empty()) {
      std::fputs(kUsage.data(), stdout);
      return 0;
    }
    std::fprintf(stderr, "simpul-faultproxy: %s (see --help)\n", error.message.c_str());
    return 2;
  }
  try {
    return run(settings);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "simpul-faultproxy: %s\n", error.what());
    return 1;
  }
}
