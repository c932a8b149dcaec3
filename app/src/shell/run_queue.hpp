#pragma once
// Work handed to the UI thread. Any thread may post(); the UI thread drains the queue at the start of each frame.
// Posting wakes an idle loop (the runner installs glfwPostEmptyEvent as the wake function).
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

namespace simpul::shell {

class RunQueue {
 public:
  using Work = std::function<void()>;

  RunQueue() = default;
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  // Called after each post, on the posting thread; must be thread-safe. Empty: no wake-up. The runner clears it
  // before tearing GLFW down; wake-ups run under the queue's lock so none can straddle that.
  void set_wake(std::function<void()> wake);

  void post(Work work);
  // Wakes the UI loop without posting work (a background task reporting progress).
  void wake();

  // Runs, in posting order, everything posted before the call. Work posted while draining waits for the next
  // drain, so a task that re-posts itself cannot starve the frame. Returns how many ran.
  std::size_t drain();

  bool empty() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Work> pending_;
  std::function<void()> wake_;
};

}  // namespace simpul::shell
