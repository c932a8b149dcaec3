#pragma once
// Child processes for tests (servers, CLI tools): started with posix_spawn, killed and reaped by RAII. Also
// the bounded-polling and small file/port helpers that tests which drive processes need.
#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace simpul::test {

// Where a child's stdout or stderr goes.
struct Output {
  enum class Kind { inherit, discard, file, capture };
  Kind kind = Kind::inherit;
  std::filesystem::path path{};  // Kind::file: created or truncated

  static Output inherit() { return {}; }
  static Output discard() { return {Kind::discard, {}}; }
  static Output to_file(std::filesystem::path file) { return {Kind::file, std::move(file)}; }
  static Output capture() { return {Kind::capture, {}}; }  // read back with Process::captured_*()
};

struct ProcessOptions {
  std::vector<std::string> argv{};  // argv[0] is looked up in PATH unless it contains a '/'
  std::vector<std::pair<std::string, std::string>> env{};  // added to, or replacing in, our environment
  Output out{};
  Output err{};
  std::filesystem::path cwd{};  // empty: ours
};

struct ExitStatus {
  int code = 0;    // exit code, when the child exited
  int signal = 0;  // the signal that ended it, or 0 when it exited
  bool exited() const { return signal == 0; }
  bool operator==(const ExitStatus&) const = default;
};
std::string to_string(const ExitStatus& status);  // "exit 3", "signal 9 (Killed)"

class Process {
 public:
  // Starts the child in its own process group with stdin from /dev/null. Throws std::system_error when it
  // cannot be started (program not found or not executable, no processes left).
  explicit Process(ProcessOptions options);
  // Kills the child's process group with SIGKILL and reaps the child, unless it was already reaped.
  ~Process();
  Process(Process&&) noexcept;
  Process& operator=(Process&&) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const;
  // False once the child has exited (and then it is reaped).
  bool running();
  // Signals the child's process group, so that the children of a `sh -c` wrapper get it too. No-op once
  // reaped.
  void kill(int signal = SIGTERM);
  // The exit status, or nullopt if the child is still running after `timeout`. Captured output is complete
  // when this returns a status (unless a grandchild still holds the pipe open).
  std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
  std::optional<ExitStatus> status() const;  // once reaped

  // What the child wrote so far to an Output::capture() stream.
  std::string captured_stdout() const;
  std::string captured_stderr() const;

 private:
  struct State;
  void destroy() noexcept;
  std::unique_ptr<State> state_;
};

// Calls `predicate` every `poll` until it returns true or `timeout` has passed; returns its last answer.
bool wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll = std::chrono::milliseconds(10));

// The whole file, or "" when it cannot be read (so it can be polled while a log file does not exist yet).
std::string read_file(const std::filesystem::path& path);

// A TCP port that was free on 127.0.0.1 a moment ago. Another process may take it before it is bound again:
// prefer port 0 wherever the code under test can report the port it got.
int free_tcp_port();

}  // namespace simpul::test
