#pragma once
// Voice calls for the waiting-room board: phrases spoken one after another by espeak-ng's Indonesian voice
// (`espeak-ng -v id "Nomor antrean A seratus dua belas, silakan ke poli umum"`), as a child process on a worker
// thread: say() never blocks the UI. Off unless asked for; when the program is missing the announcer disables
// itself with one log line and say() does nothing.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace simpul::queue_ui {

inline constexpr const char* kVoiceSetting = "display.voice";  // "on" / "off" (default off)

struct VoiceOptions {
  bool enabled = false;
  std::string program = "espeak-ng";  // looked up on PATH unless it contains a '/'
  std::string voice = "id";
  std::size_t max_pending = 8;  // a burst of calls beyond this drops the oldest phrases: the board shows them anyway
};

// The program's full path when it is executable (a name is searched on PATH), else "".
std::string find_program(const std::string& program);

class Announcer {
 public:
  explicit Announcer(VoiceOptions options);
  // Stops the worker; a phrase being spoken is cut short (the child is terminated).
  ~Announcer();
  Announcer(const Announcer&) = delete;
  Announcer& operator=(const Announcer&) = delete;

  bool active() const { return !program_path_.empty(); }
  void say(std::string phrase);
  // Blocks until every queued phrase was spoken. Tests only.
  void wait_idle();

 private:
  void run(const std::stop_token& stop);
  void speak(const std::string& phrase, const std::stop_token& stop);

  VoiceOptions options_;
  std::string program_path_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::condition_variable_any idle_;
  std::deque<std::string> pending_;
  bool speaking_ = false;
  int child_ = 0;         // pid of the running espeak-ng, 0 when none (guarded by mutex_)
  std::jthread worker_;   // last: starts after every other member exists
};

}  // namespace simpul::queue_ui
