#pragma once
// Long work off the UI thread, with progress and cooperative cancellation. Draw code polls a Task (state,
// progress) every frame and never waits on it; results reach the UI by posting to the RunQueue.
//
//   auto task = std::make_unique<Task>("sync", [&queue](TaskControl& ctl) {
//     for (...) { if (ctl.cancel_requested()) return; ctl.set_progress(i / n, "Mengirim"); ... }
//     queue.post([result] { /* apply on the UI thread */ });
//   }, wake);
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace simpul::shell {

struct TaskProgress {
  float fraction = 0.0f;  // 0..1
  std::string text;       // what is happening now, for the user
};

enum class TaskState { running, succeeded, failed, cancelled };

// Thrown by TaskControl::throw_if_cancelled(); the task then ends as cancelled.
struct TaskCancelled {};

// The worker's side of a task.
class TaskControl {
 public:
  void set_progress(float fraction, std::string text = {});
  bool cancel_requested() const { return stop_.stop_requested(); }
  void throw_if_cancelled() const;
  // Sleeps up to `duration` (back-off between retries); returns false at once when cancellation is requested.
  bool wait_for(std::chrono::milliseconds duration);

 private:
  friend class Task;
  TaskControl(class Task& task, std::stop_token stop) : task_(task), stop_(std::move(stop)) {}
  class Task& task_;
  std::stop_token stop_;
};

class Task {
 public:
  using Work = std::function<void(TaskControl&)>;

  // Starts `work` on its own thread at once. `on_change` runs on the worker thread after every progress
  // update and when the task ends (the runner passes glfwPostEmptyEvent so an idle UI redraws); thread-safe.
  Task(std::string name, Work work, std::function<void()> on_change = {});
  // Requests cancellation and joins: a task never outlives what it references.
  ~Task();
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;

  const std::string& name() const { return name_; }
  TaskState state() const;
  bool finished() const { return state() != TaskState::running; }
  TaskProgress progress() const;
  std::string error() const;  // what() of the exception that failed the task

  // Asks the work to stop; it notices at its next check. Never blocks.
  void cancel();
  // Blocks until the work has returned. For shutdown and tests only: draw code polls finished().
  void join();

 private:
  friend class TaskControl;
  void run(std::stop_token stop, Work work);
  void notify() const;

  std::string name_;
  std::function<void()> on_change_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  TaskState state_ = TaskState::running;
  TaskProgress progress_;
  std::string error_;
  std::jthread thread_;  // last: started after every other member exists
};

}  // namespace simpul::shell
