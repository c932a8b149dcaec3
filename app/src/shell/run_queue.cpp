#include "shell/run_queue.hpp"

namespace simpul::shell {

void RunQueue::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

void RunQueue::post(Work work) {
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(work));
  if (wake_) wake_();
}

void RunQueue::wake() {
  std::lock_guard lock(mutex_);
  if (wake_) wake_();
}

std::size_t RunQueue::drain() {
  std::vector<Work> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  for (auto& work : batch) work();
  return batch.size();
}

bool RunQueue::empty() const {
  std::lock_guard lock(mutex_);
  return pending_.empty();
}

}  // namespace simpul::shell
