// Errors are mapped once: HTTP statuses (pure), and libcurl's failures against loopback servers that
// misbehave on purpose (refuse, close without answering, reset, truncate, stall).
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "simpul/sync/curl_transport.hpp"
#include "support/fault_proxy.hpp"
#include "support/process.hpp"
#include "support/socket.hpp"
#include "support_tests/upstream.hpp"

using namespace std::chrono_literals;
using namespace simpul;
using namespace simpul::sync;

TEST(TransportTest, HttpStatusesMapToKindsOnce) {
  auto revoked = http_error(401, R"({"error":"device_revoked","message":"revoked by the operator"})");
  EXPECT_EQ(revoked.kind, ErrorKind::unauthorized);
  EXPECT_EQ(revoked.code, "device_revoked");
  EXPECT_NE(revoked.message.find("revoked by the operator"), std::string::npos);
  auto unknown = http_error(401, R"({"error":"bad_token","message":"who are you"})");
  EXPECT_EQ(unknown.kind, ErrorKind::unauthorized);
  EXPECT_EQ(unknown.code, "unauthorized");
  auto old = http_error(426, R"({"error":"protocol_mismatch","message":"update Simpul","server_protocol":2})");
  EXPECT_EQ(old.kind, ErrorKind::permanent);
  EXPECT_EQ(old.code, "protocol_mismatch");
  auto scope = http_error(403, R"({"error":"out_of_scope","message":"not your facility"})");
  EXPECT_EQ(scope.kind, ErrorKind::permanent);
  EXPECT_EQ(scope.code, "out_of_scope");
  auto gateway = http_error(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(gateway.kind, ErrorKind::transient);
  EXPECT_EQ(gateway.code, "http.502");
  EXPECT_EQ(http_error(503, R"({"error":"unavailable","message":"busy"})").kind, ErrorKind::transient);
  EXPECT_EQ(http_error(429, "").kind, ErrorKind::transient);
  EXPECT_EQ(http_error(400, "").kind, ErrorKind::permanent);
  EXPECT_FALSE(is_network_error(gateway));
}

TEST(TransportTest, NetworkFailuresAreAmbiguousOnlyWhenTheRequestMayHaveArrived) {
  EXPECT_FALSE(is_ambiguous(net_error(NetFailure::connect, "")));
  EXPECT_FALSE(is_ambiguous(net_error(NetFailure::send, "")));
  EXPECT_FALSE(is_ambiguous(net_error(NetFailure::timeout, "")));
  EXPECT_TRUE(is_ambiguous(net_error(NetFailure::timeout_after_send, "")));
  EXPECT_TRUE(is_ambiguous(net_error(NetFailure::partial, "")));
  EXPECT_TRUE(is_ambiguous(net_error(NetFailure::empty_reply, "")));
  EXPECT_TRUE(is_ambiguous(net_error(NetFailure::recv, "")));
  for (auto f : {NetFailure::connect, NetFailure::recv, NetFailure::timeout}) {
    EXPECT_EQ(net_error(f, "").kind, ErrorKind::transient);
    EXPECT_TRUE(is_network_error(net_error(f, "")));
  }
  EXPECT_TRUE(is_cancelled(net_error(NetFailure::cancelled, "")));
}

namespace {

// Reads one HTTP/1.1 request (head and Content-Length body). "" when the peer closed first.
std::string read_request(int fd) {
  std::string buf;
  char chunk[8192];
  auto more = [&] {
    const auto n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
    return true;
  };
  while (buf.find("\r\n\r\n") == std::string::npos) {
    if (!more()) return {};
  }
  const std::size_t head = buf.find("\r\n\r\n") + 4;
  std::size_t length = 0;
  std::string lower = buf.substr(0, head);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto at = lower.find("content-length:"); at != std::string::npos) length = std::stoul(lower.substr(at + 15));
  while (buf.size() < head + length) {
    if (!more()) return {};
  }
  return buf;
}

std::string response(int status, const std::string& body, const std::string& type = "application/json") {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

CurlOptions quick() {
  CurlOptions o;
  o.connect_timeout = 2000ms;
  o.low_speed_limit = 1000;  // a server silent for a second is stalled
  o.low_speed_time = 1s;
  o.total_timeout = 10'000ms;
  return o;
}

std::string url(std::uint16_t port) { return "http://127.0.0.1:" + std::to_string(port); }

}  // namespace

TEST(CurlTransportTest, RefusedConnectionIsTransientAndNotAmbiguous) {
  const int port = test::free_tcp_port();
  CurlTransport t(url(static_cast<std::uint16_t>(port)), quick());
  auto r = t.post("/v1/push", {}, "body");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "net.connect");
  EXPECT_EQ(r.error().kind, ErrorKind::transient);
  EXPECT_FALSE(is_ambiguous(r.error()));
}

TEST(CurlTransportTest, AnswerLostAfterTheRequestArrivedIsAmbiguous) {
  struct Case {
    const char* name;
    std::function<void(int)> after_request;
    const char* code;
  };
  const std::vector<Case> cases = {
      {"closed without answer", [](int fd) { ::shutdown(fd, SHUT_RDWR); }, "net.empty_reply"},
      {"truncated body",
       [](int fd) {
         test::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
         ::shutdown(fd, SHUT_RDWR);
       },
       "net.partial"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::atomic<int> requests{0};
    test::Upstream server([&](int fd) {
      if (read_request(fd).empty()) return;
      ++requests;
      c.after_request(fd);
    });
    CurlTransport t(url(server.port()), quick());
    auto r = t.post("/v1/push", {}, std::string(1000, 'x'));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, c.code) << r.error().message;
    EXPECT_TRUE(is_ambiguous(r.error()));
    EXPECT_EQ(requests.load(), 1);
  }
}

TEST(CurlTransportTest, ResetWhenTheAnswerComesIsAmbiguous) {
  std::atomic<int> requests{0};
  test::Upstream server([&](int fd) {
    if (read_request(fd).empty()) return;
    ++requests;
    test::send_all(fd, response(200, "verdicts"));
  });
  test::FaultProxy proxy(server.port(), /*seed=*/1);
  proxy.cut_after(test::Direction::downstream, 0, test::Scope::per_connection, test::Action::reset);
  CurlTransport t(url(proxy.port()), quick());
  auto r = t.post("/v1/push", {}, std::string(1000, 'x'));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().code == "net.recv" || r.error().code == "net.empty_reply") << r.error().code;
  EXPECT_TRUE(is_ambiguous(r.error()));
  EXPECT_EQ(requests.load(), 1) << "the server did get the request";
}

TEST(CurlTransportTest, StallAfterSendIsDetectedByTheLowSpeedLimitAndIsAmbiguous) {
  std::atomic<bool> release{false};
  test::Upstream server([&](int fd) {
    if (read_request(fd).empty()) return;
    for (int i = 0; i < 500 && !release; ++i) std::this_thread::sleep_for(10ms);  // a silent black hole
  });
  CurlTransport t(url(server.port()), quick());
  const auto start = std::chrono::steady_clock::now();
  auto r = t.post("/v1/push", {}, "ops");
  const auto took = std::chrono::steady_clock::now() - start;
  release = true;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "net.timeout_after_send") << r.error().message;
  EXPECT_TRUE(is_ambiguous(r.error()));
  EXPECT_LT(took, 4s) << "the stall was not detected by the low-speed limit";
}

TEST(CurlTransportTest, ServerErrorBodiesAreReadAndTheConnectionIsKeptAlive) {
  std::atomic<int> served{0};
  std::string seen_headers;
  std::mutex mu;
  test::Upstream server([&](int fd) {
    for (;;) {
      const std::string req = read_request(fd);
      if (req.empty()) return;
      {
        std::lock_guard lock(mu);
        seen_headers = req.substr(0, req.find("\r\n\r\n"));
      }
      const int n = ++served;
      if (n == 1) test::send_all(fd, response(200, "hello", "application/x-simpul"));
      if (n == 2) test::send_all(fd, response(401, R"({"error":"device_revoked","message":"revoked"})"));
      if (n == 3) test::send_all(fd, response(426, R"({"error":"protocol_mismatch","message":"update"})"));
      if (n >= 4) test::send_all(fd, response(503, "<html>busy</html>", "text/html"));
    }
  });
  CurlTransport t(url(server.port()), quick());
  const std::string big(3u << 20, 'z');  // large enough that curl would otherwise ask "Expect: 100-continue"
  auto ok = t.post("/v1/pull", {{"X-Simpul-Protocol", "1"}}, big);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->body, "hello");
  EXPECT_EQ(ok->content_type, "application/x-simpul");
  {
    std::lock_guard lock(mu);
    EXPECT_NE(seen_headers.find("X-Simpul-Protocol: 1"), std::string::npos);
    EXPECT_EQ(seen_headers.find("100-continue"), std::string::npos);
  }
  auto revoked = t.post("/v1/pull", {}, "x");
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.error().code, "device_revoked");
  EXPECT_EQ(revoked.error().kind, ErrorKind::unauthorized);
  auto old = t.post("/v1/pull", {}, "x");
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().code, "protocol_mismatch");
  auto busy = t.get("/healthz");
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, "http.503");
  EXPECT_EQ(busy.error().kind, ErrorKind::transient);
  EXPECT_EQ(server.connections(), 1) << "one kept-alive connection for all requests";
}

TEST(CurlTransportTest, CancelAbortsTheTransferInFlightPromptly) {
  std::atomic<bool> release{false};
  test::Upstream server([&](int fd) {
    if (read_request(fd).empty()) return;
    for (int i = 0; i < 1000 && !release; ++i) std::this_thread::sleep_for(10ms);
    ::shutdown(fd, SHUT_RDWR);
  });
  CurlOptions slow = quick();
  slow.low_speed_time = 30s;  // only cancel() may end this transfer early
  CurlTransport t(url(server.port()), slow);
  std::thread canceller([&] {
    std::this_thread::sleep_for(200ms);
    t.cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  auto r = t.post("/v1/pull", {}, "x");
  const auto took = std::chrono::steady_clock::now() - start;
  canceller.join();
  release = true;
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_cancelled(r.error())) << r.error().code;
  EXPECT_LT(took, 2500ms);
  // Stays cancelled until resumed.
  EXPECT_TRUE(is_cancelled(t.get("/healthz").error()));
  t.resume();
  EXPECT_FALSE(is_cancelled(t.get("/healthz").error()));
}
