#include "support/fault_proxy.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "support/process.hpp"
#include "support/socket.hpp"
#include "support_tests/upstream.hpp"

namespace simpul::test {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

const std::string kRequest = "POST /sync HTTP/1.1\r\nHost: test\r\n\r\n";

Fd connect_to(const FaultProxy& proxy, milliseconds receive_timeout = milliseconds(5000)) {
  Fd fd = connect_tcp(proxy.port());
  if (fd) set_receive_timeout(fd.get(), receive_timeout);
  return fd;
}

milliseconds elapsed_since(SteadyClock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start);
}

// Sends `message` and reads back as many bytes; for echo upstreams.
std::string round_trip(int fd, const std::string& message) {
  if (!send_all(fd, message)) return "send failed";
  return receive_all(fd, nullptr, message.size());
}

bool all_closed(const FaultProxy& proxy) {
  return wait_until([&] { return proxy.stats().connections_open == 0; }, milliseconds(5000));
}

TEST(FaultProxy, PassesLargePayloadsUnchangedBothWays) {
  Upstream upstream(echo);
  FaultProxy proxy(upstream.port());
  const std::string payload = pattern(2 * 1024 * 1024 + 123);

  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  std::thread writer([&] {
    send_all(client.get(), payload);
    ::shutdown(client.get(), SHUT_WR);
  });
  int error = -1;
  const std::string echoed = receive_all(client.get(), &error);
  writer.join();

  EXPECT_EQ(error, 0);
  EXPECT_EQ(echoed.size(), payload.size());
  EXPECT_TRUE(echoed == payload) << "payload corrupted";
  client.reset();
  ASSERT_TRUE(all_closed(proxy));
  const FaultProxyStats stats = proxy.stats();
  EXPECT_EQ(stats.connections_accepted, 1U);
  EXPECT_EQ(stats.bytes_upstream, payload.size());
  EXPECT_EQ(stats.bytes_downstream, payload.size());
  EXPECT_EQ(stats.faults_fired, 0U);
}

TEST(FaultProxy, LatencyDelaysEachDirection) {
  Upstream upstream(echo);
  FaultProxy proxy(upstream.port());
  proxy.set_latency(Direction::upstream, milliseconds(60));
  proxy.set_latency(Direction::downstream, milliseconds(40));
  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);

  const auto start = SteadyClock::now();
  EXPECT_EQ(round_trip(client.get(), "ping"), "ping");
  EXPECT_GE(elapsed_since(start), milliseconds(100));
}

TEST(FaultProxy, LossHoldsChunksLikeARetransmission) {
  Upstream upstream(echo);
  FaultProxy proxy(upstream.port());
  proxy.set_loss(Direction::downstream, 1.0, milliseconds(80));
  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);

  const auto start = SteadyClock::now();
  EXPECT_EQ(round_trip(client.get(), "ping"), "ping");
  EXPECT_GE(elapsed_since(start), milliseconds(80));
  EXPECT_GE(proxy.stats().faults_fired, 1U);
}

TEST(FaultProxy, BandwidthLimitSetsAMinimumTransferTime) {
  const std::string body = pattern(128 * 1024);
  Upstream upstream(blast(body));
  FaultProxy proxy(upstream.port());
  const std::uint64_t rate = 256 * 1024;
  proxy.set_bandwidth(Direction::downstream, rate);

  const auto start = SteadyClock::now();
  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  const std::string received = receive_all(client.get());
  EXPECT_TRUE(received == body);
  EXPECT_GE(elapsed_since(start), milliseconds(1000 * body.size() / rate));
}

TEST(FaultProxy, CutDeliversExactlyNBytesThenEof) {
  const std::string body = pattern(100'000);
  Upstream upstream(blast(body));
  FaultProxy proxy(upstream.port());
  proxy.cut_after(Direction::downstream, 12'345);

  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  int error = -1;
  const std::string received = receive_all(client.get(), &error);
  EXPECT_EQ(error, 0) << "expected a clean FIN";
  EXPECT_TRUE(received == body.substr(0, 12'345)) << received.size() << " bytes";
  EXPECT_EQ(proxy.stats().faults_fired, 1U);
}

TEST(FaultProxy, UpstreamCutGivesTheServerExactlyNBytes) {
  RequestLog log;
  Upstream upstream(log.sink());
  FaultProxy proxy(upstream.port());
  proxy.cut_after(Direction::upstream, 1000);
  const std::string upload = pattern(50'000);

  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  send_all(client.get(), upload);  // may fail part-way once the proxy has cut
  int error = -1;
  EXPECT_EQ(receive_all(client.get(), &error), "");
  EXPECT_EQ(error, 0);
  ASSERT_TRUE(wait_until([&] { return log.requests().size() == 1; }, milliseconds(5000)));
  EXPECT_TRUE(log.requests()[0] == upload.substr(0, 1000)) << log.requests()[0].size() << " bytes";
}

TEST(FaultProxy, LifetimeCutCountsAcrossConnectionsAndFiresOnce) {
  const std::string body = pattern(1000);
  Upstream upstream(blast(body));
  FaultProxy proxy(upstream.port());
  proxy.cut_after(Direction::downstream, 1500, Scope::lifetime);

  std::vector<std::size_t> sizes;
  for (int i = 0; i < 3; ++i) {
    Fd client = connect_to(proxy);
    ASSERT_TRUE(client);
    sizes.push_back(receive_all(client.get()).size());
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{1000, 500, 1000}));
}

TEST(FaultProxy, ResetTripGivesEconnreset) {
  RequestLog log;
  Upstream upstream(log.responder(pattern(10'000)));
  FaultProxy proxy(upstream.port());
  proxy.cut_after(Direction::downstream, 100, Scope::per_connection, Action::reset);

  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  ASSERT_TRUE(send_all(client.get(), kRequest));
  int error = 0;
  const std::string received = receive_all(client.get(), &error);
  EXPECT_EQ(error, ECONNRESET);
  EXPECT_LE(received.size(), 100U);
}

TEST(FaultProxy, ResetConnectionsResetsOpenConnectionsNow) {
  Upstream upstream(echo);
  FaultProxy proxy(upstream.port());
  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  ASSERT_EQ(round_trip(client.get(), "ping"), "ping");

  proxy.reset_connections();
  int error = 0;
  EXPECT_EQ(receive_all(client.get(), &error), "");
  EXPECT_EQ(error, ECONNRESET);
}

TEST(FaultProxy, UnreachableUpstreamResetsTheClient) {
  FaultProxy proxy(static_cast<std::uint16_t>(free_tcp_port()));
  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  int error = 0;
  EXPECT_EQ(receive_all(client.get(), &error), "");
  EXPECT_EQ(error, ECONNRESET);
}

TEST(FaultProxy, StallBlackHolesTrafficUntilCleared) {
  Upstream upstream(echo);
  FaultProxy proxy(upstream.port());
  Fd client = connect_to(proxy, milliseconds(200));
  ASSERT_TRUE(client);
  ASSERT_EQ(round_trip(client.get(), "warm"), "warm");

  proxy.set_stalled(true);
  ASSERT_TRUE(send_all(client.get(), "ping"));
  int error = 0;
  EXPECT_EQ(receive_all(client.get(), &error, 4), "");
  EXPECT_TRUE(error == EAGAIN || error == EWOULDBLOCK) << "read should time out, got errno " << error;
  EXPECT_EQ(proxy.stats().connections_open, 1U) << "a stall keeps the connection open";

  proxy.set_stalled(false);
  set_receive_timeout(client.get(), milliseconds(5000));
  EXPECT_EQ(receive_all(client.get(), nullptr, 4), "ping");
}

TEST(FaultProxy, TruncatedResponseEndsWithFinAfterNBytes) {
  RequestLog log;
  const std::string body = pattern(1000);
  Upstream upstream(log.responder(body));
  FaultProxy proxy(upstream.port());
  proxy.truncate_responses(20);

  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  ASSERT_TRUE(send_all(client.get(), kRequest));
  int error = -1;
  EXPECT_EQ(receive_all(client.get(), &error), "HTTP/1.1 200 OK\r\nCon");
  EXPECT_EQ(error, 0);
}

TEST(FaultProxy, DownRefusesConnectionsAndUpListensOnTheSamePort) {
  Upstream upstream(echo);
  FaultProxy proxy(upstream.port());
  const std::uint16_t port = proxy.port();
  Fd open = connect_to(proxy);
  ASSERT_TRUE(open);
  ASSERT_EQ(round_trip(open.get(), "ping"), "ping");

  proxy.set_down(true);
  EXPECT_TRUE(proxy.down());
  int error = -1;
  EXPECT_EQ(receive_all(open.get(), &error), "") << "open connections are closed";
  EXPECT_EQ(error, 0);
  const Fd refused = connect_tcp(port);
  EXPECT_FALSE(refused);
  EXPECT_EQ(errno, ECONNREFUSED);

  proxy.set_down(false);
  EXPECT_FALSE(proxy.down());
  EXPECT_EQ(proxy.port(), port);
  Fd again = connect_to(proxy);
  ASSERT_TRUE(again);
  EXPECT_EQ(round_trip(again.get(), "pong"), "pong");
}

TEST(FaultProxy, PlansApplyOnlyToTheConnectionTheyAreFor) {
  RequestLog log;
  const std::string body = "{\"committed\":true}";
  Upstream upstream(log.responder(body));
  FaultProxy proxy(upstream.port());
  // First connection untouched; second cut when the answer starts to come back, after the server committed.
  proxy.plan_connection(std::nullopt);
  proxy.plan_connection(Trip{Direction::downstream, 0, Action::close});
  EXPECT_EQ(proxy.pending_plans(), 2U);

  std::vector<std::string> answers;
  for (int i = 0; i < 3; ++i) {
    Fd client = connect_to(proxy);
    ASSERT_TRUE(client);
    ASSERT_TRUE(send_all(client.get(), kRequest));
    answers.push_back(receive_all(client.get()));
  }
  const std::string full = "HTTP/1.1 200 OK\r\nContent-Length: 18\r\n\r\n" + body;
  EXPECT_EQ(answers, (std::vector<std::string>{full, "", full}));
  EXPECT_EQ(log.requests().size(), 3U) << "the server saw (and committed) every request";
  EXPECT_EQ(proxy.pending_plans(), 0U);
}

TEST(FaultProxy, StallPlanBlackHolesTheAnswerAndCleansUpWhenTheClientGivesUp) {
  RequestLog log;
  Upstream upstream(log.responder("ok"));
  FaultProxy proxy(upstream.port());
  proxy.plan_connection(Trip{Direction::downstream, 0, Action::stall});

  Fd client = connect_to(proxy, milliseconds(200));
  ASSERT_TRUE(client);
  ASSERT_TRUE(send_all(client.get(), kRequest));
  int error = 0;
  EXPECT_EQ(receive_all(client.get(), &error), "");
  EXPECT_EQ(error, EAGAIN);
  EXPECT_TRUE(wait_until([&] { return log.requests().size() == 1; }, milliseconds(5000)));

  client.reset();  // the client times out and hangs up
  EXPECT_TRUE(all_closed(proxy));
}

// Loss decisions seen on one connection doing `rounds` request/response exchanges.
std::vector<std::tuple<Direction, std::uint64_t, std::uint64_t>> loss_pattern(std::uint64_t seed,
                                                                              int rounds) {
  Upstream upstream(echo);
  FaultProxy proxy(upstream.port(), seed);
  std::mutex mutex;
  std::vector<std::tuple<Direction, std::uint64_t, std::uint64_t>> losses;
  proxy.set_event_sink([&](const FaultEvent& event) {
    const std::lock_guard lock(mutex);
    if (event.kind == FaultEvent::Kind::loss) {
      losses.emplace_back(event.direction, event.bytes_upstream, event.bytes_downstream);
    }
  });
  for (const Direction direction : {Direction::upstream, Direction::downstream}) {
    proxy.set_loss(direction, 0.5, milliseconds(1));
  }
  Fd client = connect_to(proxy);
  for (int i = 0; i < rounds && client; ++i) round_trip(client.get(), "message " + std::to_string(i));
  const std::lock_guard lock(mutex);
  return losses;
}

TEST(FaultProxy, SameSeedGivesTheSameDecisions) {
  const auto first = loss_pattern(7, 40);
  EXPECT_GT(first.size(), 10U);
  EXPECT_EQ(loss_pattern(7, 40), first);
  EXPECT_NE(loss_pattern(8, 40), first);
}

TEST(FaultProxy, ClearFaultsRestoresACleanLink) {
  Upstream upstream(echo);
  FaultProxy proxy(upstream.port());
  proxy.set_link(Direction::downstream, LinkFaults{.latency = milliseconds(60'000), .bandwidth = 10});
  proxy.cut_after(Direction::upstream, 0);
  proxy.cut_after(Direction::downstream, 0, Scope::lifetime, Action::reset);
  proxy.plan_connection(Trip{Direction::upstream, 0, Action::reset});
  proxy.set_stalled(true);

  proxy.clear_faults();
  EXPECT_EQ(proxy.link(Direction::downstream), LinkFaults{});
  EXPECT_FALSE(proxy.stalled());
  EXPECT_EQ(proxy.pending_plans(), 0U);
  Fd client = connect_to(proxy);
  ASSERT_TRUE(client);
  EXPECT_EQ(round_trip(client.get(), "ping"), "ping");
}

TEST(FaultProxy, RefusesNonLoopbackAddresses) {
  EXPECT_THROW(FaultProxy(FaultProxyOptions{.upstream = {"10.0.0.1", 80}}), std::invalid_argument);
  EXPECT_THROW(FaultProxy(FaultProxyOptions{.upstream = {"example.com", 80}}), std::invalid_argument);
  EXPECT_THROW(FaultProxy(FaultProxyOptions{.upstream = {"127.0.0.1", 80}, .listen = {"0.0.0.0", 0}}),
               std::invalid_argument);
}

TEST(FaultProxy, EventsDescribeConnectionsAndFaults) {
  const std::string body = pattern(300);
  Upstream upstream(blast(body));
  FaultProxy proxy(upstream.port());
  std::mutex mutex;
  std::vector<std::string> lines;
  proxy.set_event_sink([&](const FaultEvent& event) {
    const std::lock_guard lock(mutex);
    lines.push_back(to_string(event));
  });
  proxy.cut_after(Direction::downstream, 100);
  {
    Fd client = connect_to(proxy);
    ASSERT_TRUE(client);
    EXPECT_EQ(receive_all(client.get()).size(), 100U);
  }
  ASSERT_TRUE(all_closed(proxy));
  const std::lock_guard lock(mutex);
  EXPECT_EQ(lines, (std::vector<std::string>{"conn 1: accepted",
                                             "conn 1: trip downstream -> close (after 0 B up, 100 B down)",
                                             "conn 1: closed after 0 B up, 100 B down"}));
}

TEST(FaultProxy, ShutsDownPromptlyWithBusyConnections) {
  Upstream upstream(echo);
  auto proxy = std::make_unique<FaultProxy>(upstream.port());
  proxy->set_latency(Direction::downstream, milliseconds(10'000));
  Fd delayed = connect_to(*proxy);
  Fd stalled = connect_to(*proxy);
  ASSERT_TRUE(delayed && stalled);
  ASSERT_TRUE(send_all(delayed.get(), "held for ten seconds"));
  ASSERT_TRUE(wait_until([&] { return proxy->stats().bytes_upstream > 0; }, milliseconds(5000)));
  proxy->set_stalled(true);

  const auto start = SteadyClock::now();
  proxy.reset();
  EXPECT_LT(elapsed_since(start), milliseconds(5000)) << "generous bound: the proxy polls in 50 ms slices";
}

}  // namespace
}  // namespace simpul::test
