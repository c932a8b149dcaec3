#include "support/process.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <string>
#include <system_error>

#include "support/socket.hpp"
#include "support/temp_dir.hpp"

namespace simpul::test {
namespace {

using std::chrono::milliseconds;

TEST(Process, ReportsTheExitCode) {
  Process child({.argv = {"/bin/sh", "-c", "exit 3"}});
  const auto status = child.wait_for(milliseconds(5000));
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(*status, (ExitStatus{3, 0}));
  EXPECT_EQ(to_string(*status), "exit 3");
  EXPECT_FALSE(child.running());
}

TEST(Process, KillsAndReapsAChild) {
  Process child({.argv = {"sleep", "30"}});
  EXPECT_TRUE(child.running());
  EXPECT_FALSE(child.wait_for(milliseconds(20)).has_value());
  child.kill(SIGKILL);
  const auto status = child.wait_for(milliseconds(5000));
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->signal, SIGKILL);
  EXPECT_FALSE(status->exited());
  EXPECT_EQ(::kill(child.pid(), 0), -1) << "reaped, so the pid is gone";
}

// Gone, or a zombie waiting for init to reap it (a container's PID 1 may never do that).
bool dead(pid_t pid) {
  const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  const auto state = stat.rfind(") ");
  return stat.empty() || (state != std::string::npos && stat.compare(state + 2, 1, "Z") == 0);
}

TEST(Process, DestructorKillsTheWholeGroupAndReapsTheChild) {
  pid_t pid = 0;
  pid_t grandchild = 0;
  {
    Process child({.argv = {"/bin/sh", "-c", "sleep 30 & echo $!; wait"}, .out = Output::capture()});
    pid = child.pid();
    ASSERT_TRUE(wait_until([&] { return child.captured_stdout().find('\n') != std::string::npos; },
                           milliseconds(5000)));
    grandchild = std::stoi(child.captured_stdout());
    ASSERT_FALSE(dead(grandchild));
  }
  EXPECT_EQ(::kill(pid, 0), -1) << "the child is reaped, so its pid is gone";
  EXPECT_EQ(errno, ESRCH);
  EXPECT_TRUE(wait_until([&] { return dead(grandchild); }, milliseconds(5000))) << "grandchild still running";
}

TEST(Process, CapturesOutputAndPassesEnvironment) {
  Process child({.argv = {"/bin/sh", "-c", "echo \"$SIMPUL_GREETING\"; echo oops >&2; exit 0"},
                 .env = {{"SIMPUL_GREETING", "hello"}},
                 .out = Output::capture(),
                 .err = Output::capture()});
  ASSERT_EQ(child.wait_for(milliseconds(5000)), (ExitStatus{0, 0}));
  EXPECT_EQ(child.captured_stdout(), "hello\n");
  EXPECT_EQ(child.captured_stderr(), "oops\n");
}

TEST(Process, WritesOutputToFilesInTheGivenDirectory) {
  const TempDir dir;
  Process child({.argv = {"/bin/sh", "-c", "pwd; echo to-file"},
                 .out = Output::to_file(dir.file("out.log")),
                 .cwd = dir.path()});
  ASSERT_TRUE(child.wait_for(milliseconds(5000)).has_value());
  EXPECT_EQ(read_file(dir.file("out.log")), dir.path().string() + "\nto-file\n");
}

TEST(Process, ThrowsWhenTheProgramCannotStart) {
  EXPECT_THROW(Process({.argv = {"/nonexistent/simpul-no-such-tool"}}), std::system_error);
  EXPECT_THROW(Process({.argv = {"simpul-no-such-tool-in-path"}}), std::system_error);
}

TEST(WaitUntil, ReturnsOnceThePredicateHoldsAndGivesUpAfterTheTimeout) {
  int calls = 0;
  EXPECT_TRUE(wait_until([&] { return ++calls == 3; }, milliseconds(5000), milliseconds(1)));
  EXPECT_EQ(calls, 3);
  EXPECT_FALSE(wait_until([] { return false; }, milliseconds(30), milliseconds(5)));
}

TEST(ReadFile, ReturnsContentsOrEmpty) {
  const TempDir dir;
  EXPECT_EQ(read_file(dir.file("missing")), "");
  Process child({.argv = {"/bin/sh", "-c", "printf 'a\\0b' > data"}, .cwd = dir.path()});
  ASSERT_TRUE(child.wait_for(milliseconds(5000)).has_value());
  EXPECT_EQ(read_file(dir.file("data")), std::string("a\0b", 3));
}

TEST(FreeTcpPort, GivesABindablePort) {
  const int port = free_tcp_port();
  ASSERT_GT(port, 0);
  ASSERT_LT(port, 65536);
  EXPECT_NO_THROW(listen_tcp(Endpoint{"127.0.0.1", static_cast<std::uint16_t>(port)}));
}

}  // namespace
}  // namespace simpul::test
