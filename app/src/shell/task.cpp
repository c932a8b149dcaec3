#include "shell/task.hpp"

#include <algorithm>
#include <exception>

namespace simpul::shell {

void TaskControl::set_progress(float fraction, std::string text) {
  {
    std::lock_guard lock(task_.mutex_);
    task_.progress_.fraction = std::clamp(fraction, 0.0f, 1.0f);
    task_.progress_.text = std::move(text);
  }
  task_.notify();
}

void TaskControl::throw_if_cancelled() const {
  if (cancel_requested()) throw TaskCancelled{};
}

bool TaskControl::wait_for(std::chrono::milliseconds duration) {
  std::unique_lock lock(task_.mutex_);
  // The stop_token overload wakes as soon as cancellation is requested.
  task_.wake_.wait_for(lock, stop_, duration, [] { return false; });
  return !stop_.stop_requested();
}

Task::Task(std::string name, Work work, std::function<void()> on_change)
    : name_(std::move(name)),
      on_change_(std::move(on_change)),
      thread_([this, w = std::move(work)](std::stop_token stop) mutable { run(std::move(stop), std::move(w)); }) {}

Task::~Task() {
  cancel();
  join();
}

void Task::run(std::stop_token stop, Work work) {
  TaskControl control(*this, stop);
  TaskState end = TaskState::succeeded;
  std::string error;
  try {
    work(control);
    if (stop.stop_requested()) end = TaskState::cancelled;
  } catch (const TaskCancelled&) {
    end = TaskState::cancelled;
  } catch (const std::exception& e) {
    end = TaskState::failed;
    error = e.what();
  } catch (...) {
    end = TaskState::failed;
    error = "unknown exception";
  }
  {
    std::lock_guard lock(mutex_);
    state_ = end;
    error_ = std::move(error);
  }
  notify();
}

void Task::notify() const {
  if (on_change_) on_change_();
}

TaskState Task::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

TaskProgress Task::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::string Task::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void Task::cancel() { thread_.request_stop(); }

void Task::join() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace simpul::shell
