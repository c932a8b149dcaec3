#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "support/socket.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace simpul::test {
namespace {

using std::chrono::milliseconds;

[[noreturn]] void throw_error(int error, const std::string& what) {
  throw std::system_error(error, std::generic_category(), what);
}

// Drains one captured stream into a string on its own thread, so a chatty child never blocks on a full pipe.
class Capture {
 public:
  explicit Capture(Fd read_end) : fd_(std::move(read_end)), thread_([this] { pump(); }) {}
  ~Capture() {
    stop_ = true;
    thread_.join();
  }
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;

  std::string text() const {
    const std::lock_guard lock(mutex_);
    return text_;
  }
  bool finished() const { return eof_.load(); }

 private:
  void pump() {
    std::array<char, 4096> buffer{};
    while (!stop_) {
      pollfd pfd{fd_.get(), POLLIN, 0};
      if (::poll(&pfd, 1, 50) <= 0) continue;
      const ssize_t got = ::read(fd_.get(), buffer.data(), buffer.size());
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      const std::lock_guard lock(mutex_);
      text_.append(buffer.data(), static_cast<std::size_t>(got));
    }
    eof_ = true;
  }

  Fd fd_;
  mutable std::mutex mutex_;
  std::string text_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> eof_{false};
  std::thread thread_;  // last: starts once everything it uses exists
};

// posix_spawn file actions and attributes, freed however spawning ends.
class SpawnSetup {
 public:
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions_);
    posix_spawnattr_init(&attributes_);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions_);
    posix_spawnattr_destroy(&attributes_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  posix_spawn_file_actions_t* actions() { return &actions_; }
  posix_spawnattr_t* attributes() { return &attributes_; }

 private:
  posix_spawn_file_actions_t actions_{};
  posix_spawnattr_t attributes_{};
};

// Both ends of a capture pipe: the parent closes its write end once the child has been spawned.
struct Pipe {
  Fd read_end;
  Fd write_end;
};

// Sets up `target` (1 or 2) as `output` asks; a pipe for Kind::capture.
Pipe redirect(SpawnSetup& setup, int target, const Output& output) {
  switch (output.kind) {
    case Output::Kind::inherit:
      return {};
    case Output::Kind::discard:
      posix_spawn_file_actions_addopen(setup.actions(), target, "/dev/null", O_WRONLY, 0);
      return {};
    case Output::Kind::file:
      posix_spawn_file_actions_addopen(setup.actions(), target, output.path.c_str(),
                                       O_WRONLY | O_CREAT | O_TRUNC, 0644);
      return {};
    case Output::Kind::capture: {
      std::array<int, 2> ends{};
      if (pipe2(ends.data(), O_CLOEXEC) != 0) throw_error(errno, "pipe2");
      Pipe pipe{Fd(ends[0]), Fd(ends[1])};
      // dup2 clears close-on-exec on the child's copy only.
      posix_spawn_file_actions_adddup2(setup.actions(), pipe.write_end.get(), target);
      return pipe;
    }
  }
  return {};
}

std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& additions) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::string_view name = text.substr(0, text.find('='));
    bool replaced = false;
    for (const auto& addition : additions) replaced = replaced || addition.first == name;
    if (!replaced) env.emplace_back(text);
  }
  for (const auto& [name, value] : additions) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

ExitStatus decode(int wait_status) {
  if (WIFSIGNALED(wait_status)) return ExitStatus{0, WTERMSIG(wait_status)};
  return ExitStatus{WEXITSTATUS(wait_status), 0};
}

}  // namespace

struct Process::State {
  pid_t pid = -1;
  std::optional<ExitStatus> status;
  std::unique_ptr<Capture> out;
  std::unique_ptr<Capture> err;

  bool reap(int flags) {
    if (status) return true;
    int wait_status = 0;
    pid_t result = 0;
    do {
      result = waitpid(pid, &wait_status, flags);
    } while (result < 0 && errno == EINTR);
    if (result == pid) status = decode(wait_status);
    return status.has_value();
  }
};

std::string to_string(const ExitStatus& status) {
  if (status.exited()) return "exit " + std::to_string(status.code);
  return "signal " + std::to_string(status.signal) + " (" + strsignal(status.signal) + ")";
}

Process::Process(ProcessOptions options) : state_(std::make_unique<State>()) {
  if (options.argv.empty()) throw std::invalid_argument("Process: empty argv");
  SpawnSetup setup;
  posix_spawn_file_actions_addopen(setup.actions(), 0, "/dev/null", O_RDONLY, 0);
  Pipe out = redirect(setup, 1, options.out);
  Pipe err = redirect(setup, 2, options.err);
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(setup.actions(), options.cwd.c_str());

  // Own process group (so kill() reaches a wrapper's children), no blocked signals, default dispositions for
  // the signals a test runner or this process may have changed.
  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (const int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2}) {
    sigaddset(&defaults, signal);
  }
  posix_spawnattr_setpgroup(setup.attributes(), 0);
  posix_spawnattr_setsigmask(setup.attributes(), &no_signals);
  posix_spawnattr_setsigdefault(setup.attributes(), &defaults);
  posix_spawnattr_setflags(setup.attributes(),
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> argv_strings = options.argv;
  std::vector<std::string> env_strings = environment_with(options.env);
  std::vector<char*> argv = pointers_to(argv_strings);
  std::vector<char*> envp = pointers_to(env_strings);
  const int error =
      posix_spawnp(&state_->pid, argv[0], setup.actions(), setup.attributes(), argv.data(), envp.data());
  if (error != 0) throw_error(error, "spawn " + options.argv[0]);
  // The child has its copies of the write ends; ours must close for the readers to see EOF.
  out.write_end.reset();
  err.write_end.reset();
  if (out.read_end) state_->out = std::make_unique<Capture>(std::move(out.read_end));
  if (err.read_end) state_->err = std::make_unique<Capture>(std::move(err.read_end));
}

Process::~Process() {
  destroy();
}

Process::Process(Process&& other) noexcept = default;

Process& Process::operator=(Process&& other) noexcept {
  if (this != &other) {
    destroy();
    state_ = std::move(other.state_);
  }
  return *this;
}

void Process::destroy() noexcept {
  if (!state_) return;
  if (!state_->status) {
    ::kill(-state_->pid, SIGKILL);
    state_->reap(0);
  }
  state_.reset();
}

pid_t Process::pid() const {
  return state_->pid;
}

bool Process::running() {
  return !state_->reap(WNOHANG);
}

void Process::kill(int signal) {
  if (!state_->reap(WNOHANG)) ::kill(-state_->pid, signal);
}

std::optional<ExitStatus> Process::wait_for(milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  if (!wait_until([this] { return state_->reap(WNOHANG); }, timeout, milliseconds(2))) return std::nullopt;
  // The child is gone; let the readers collect what it wrote (bounded: a grandchild may hold a pipe open).
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  const auto drained = [this] {
    return (!state_->out || state_->out->finished()) && (!state_->err || state_->err->finished());
  };
  wait_until(drained, std::clamp(left, milliseconds(100), milliseconds(1000)), milliseconds(2));
  return state_->status;
}

std::optional<ExitStatus> Process::status() const {
  return state_->status;
}

std::string Process::captured_stdout() const {
  return state_->out ? state_->out->text() : std::string();
}

std::string Process::captured_stderr() const {
  return state_->err ? state_->err->text() : std::string();
}

bool wait_until(const std::function<bool()>& predicate, milliseconds timeout, milliseconds poll) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (predicate()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(poll, deadline - now));
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  std::array<char, 16 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  return text;
}

int free_tcp_port() {
  const Fd socket = listen_tcp(Endpoint{"127.0.0.1", 0}, 1);
  return local_port(socket.get());
}

}  // namespace simpul::test
