// Drives the simpul-faultproxy executable end to end (and the Process helper with it).
#include <gtest/gtest.h>

#include <charconv>
#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/socket.hpp"
#include "support_tests/upstream.hpp"

namespace simpul::test {
namespace {

using std::chrono::milliseconds;

Process start_tool(const std::vector<std::string>& arguments) {
  std::vector<std::string> argv{SIMPUL_FAULTPROXY_TOOL};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return Process({.argv = std::move(argv), .out = Output::capture(), .err = Output::capture()});
}

// The port from the tool's "listening on 127.0.0.1:PORT," line, once it has printed it.
std::optional<std::uint16_t> listening_port(const Process& tool) {
  const std::string out = tool.captured_stdout();
  const std::string marker = "listening on 127.0.0.1:";
  const auto at = out.find(marker);
  if (at == std::string::npos) return std::nullopt;
  std::uint16_t port = 0;
  const char* begin = out.data() + at + marker.size();
  if (std::from_chars(begin, out.data() + out.size(), port).ec != std::errc()) return std::nullopt;
  return port;
}

TEST(FaultProxyTool, PrintsUsage) {
  Process tool = start_tool({"--help"});
  ASSERT_EQ(tool.wait_for(milliseconds(5000)), (ExitStatus{0, 0}));
  EXPECT_NE(tool.captured_stdout().find("usage: simpul-faultproxy"), std::string::npos);
}

TEST(FaultProxyTool, RefusesNonLoopbackAddresses) {
  Process tool = start_tool({"--upstream", "192.168.1.10:8080"});
  ASSERT_EQ(tool.wait_for(milliseconds(5000)), (ExitStatus{2, 0}));
  EXPECT_NE(tool.captured_stderr().find("'192.168.1.10' is not a loopback address"), std::string::npos)
      << tool.captured_stderr();
}

TEST(FaultProxyTool, ForwardsAndLogsEachConnectionUntilSigterm) {
  Upstream upstream(echo);
  Process tool = start_tool(
      {"--upstream", "127.0.0.1:" + std::to_string(upstream.port()), "--latency", "5", "--seed", "3"});
  ASSERT_TRUE(wait_until([&] { return listening_port(tool).has_value(); }, milliseconds(5000)))
      << tool.captured_stdout() << tool.captured_stderr();
  {
    Fd client = connect_tcp(*listening_port(tool));
    ASSERT_TRUE(client);
    set_receive_timeout(client.get(), milliseconds(5000));
    ASSERT_TRUE(send_all(client.get(), "ping"));
    EXPECT_EQ(receive_all(client.get(), nullptr, 4), "ping");
  }
  EXPECT_TRUE(wait_until([&] { return tool.captured_stdout().find("conn 1: closed") != std::string::npos; },
                         milliseconds(5000)));
  tool.kill(SIGTERM);
  EXPECT_EQ(tool.wait_for(milliseconds(5000)), (ExitStatus{0, 0}));
  EXPECT_NE(tool.captured_stdout().find("conn 1: accepted"), std::string::npos) << tool.captured_stdout();
}

TEST(FaultProxyTool, FlapsBetweenUpAndDown) {
  Upstream upstream(echo);
  Process tool = start_tool({"--upstream", "127.0.0.1:" + std::to_string(upstream.port()), "--flap-up", "150",
                             "--flap-down", "150"});
  EXPECT_TRUE(wait_until(
      [&] {
        const std::string out = tool.captured_stdout();
        const auto down = out.find("proxy down");
        return down != std::string::npos && out.find("proxy up", down) != std::string::npos;
      },
      milliseconds(5000)))
      << tool.captured_stdout();
  tool.kill(SIGINT);
  EXPECT_EQ(tool.wait_for(milliseconds(5000)), (ExitStatus{0, 0}));
}

}  // namespace
}  // namespace simpul::test
