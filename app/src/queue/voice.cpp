#include "queue/voice.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <vector>

extern char** environ;

namespace simpul::queue_ui {

std::string find_program(const std::string& program) {
  if (program.empty()) return {};
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0 ? program : std::string();
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = dirs.substr(start, end - start);
    if (!dir.empty()) {
      const std::string candidate = dir + "/" + program;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    start = end + 1;
  }
  return {};
}

Announcer::Announcer(VoiceOptions options) : options_(std::move(options)) {
  if (!options_.enabled) return;
  program_path_ = find_program(options_.program);
  if (program_path_.empty()) {
    std::fprintf(stderr, "simpul: voice calls are off: %s not found (install the espeak-ng package)\n",
                 options_.program.c_str());
    return;
  }
  worker_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

Announcer::~Announcer() {
  if (!worker_.joinable()) return;
  worker_.request_stop();
  {
    std::lock_guard lock(mutex_);
    if (child_ > 0) ::kill(child_, SIGTERM);
  }
  wake_.notify_all();
  worker_.join();
}

void Announcer::say(std::string phrase) {
  if (!active()) return;
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(std::move(phrase));
    while (pending_.size() > options_.max_pending) pending_.pop_front();
  }
  wake_.notify_one();
}

void Announcer::wait_idle() {
  if (!active()) return;
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return pending_.empty() && !speaking_; });
}

void Announcer::run(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    std::string phrase;
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [this] { return !pending_.empty(); })) break;
      phrase = std::move(pending_.front());
      pending_.pop_front();
      speaking_ = true;
    }
    speak(phrase, stop);
    {
      std::lock_guard lock(mutex_);
      speaking_ = false;
    }
    idle_.notify_all();
  }
  idle_.notify_all();
}

void Announcer::speak(const std::string& phrase, const std::stop_token& stop) {
  std::vector<std::string> args = {program_path_, "-v", options_.voice, phrase};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  std::unique_lock lock(mutex_);
  // Spawned under the lock, after a last look at `stop`: the destructor either finds the child (and ends it) or
  // has asked us to stop before we start one.
  if (stop.stop_requested()) return;
  if (::posix_spawn(&pid, program_path_.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "simpul: voice call failed: cannot start %s\n", program_path_.c_str());
    return;
  }
  child_ = pid;
  lock.unlock();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  lock.lock();
  child_ = 0;
}

}  // namespace simpul::queue_ui
