#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <thread>

#include "shell/run_queue.hpp"
#include "shell/task.hpp"

namespace simpul::shell {
namespace {

using namespace std::chrono_literals;

TEST(Task, ReportsProgressWhileRunning) {
  std::latch reported(1);
  std::latch release(1);
  Task task("upload", [&](TaskControl& control) {
    control.set_progress(0.25f, "Mengirim 1 dari 4");
    reported.count_down();
    release.wait();
    control.set_progress(1.0f, "Selesai");
  });
  reported.wait();
  EXPECT_EQ(task.state(), TaskState::running);
  EXPECT_FLOAT_EQ(task.progress().fraction, 0.25f);
  EXPECT_EQ(task.progress().text, "Mengirim 1 dari 4");
  release.count_down();
  task.join();
  EXPECT_EQ(task.state(), TaskState::succeeded);
  EXPECT_FLOAT_EQ(task.progress().fraction, 1.0f);
  EXPECT_EQ(task.progress().text, "Selesai");
}

TEST(Task, ClampsProgressToZeroOne) {
  Task task("clamp", [](TaskControl& control) { control.set_progress(7.0f); });
  task.join();
  EXPECT_FLOAT_EQ(task.progress().fraction, 1.0f);
}

TEST(Task, CancelWakesAWaitingWorkerAndEndsCancelled) {
  std::latch waiting(1);
  std::atomic<bool> wait_result = true;
  Task task("backoff", [&](TaskControl& control) {
    waiting.count_down();
    wait_result = control.wait_for(std::chrono::milliseconds(1h));  // a retry back-off
  });
  waiting.wait();
  const auto start = std::chrono::steady_clock::now();
  task.cancel();
  task.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);
  EXPECT_FALSE(wait_result.load());
  EXPECT_EQ(task.state(), TaskState::cancelled);
}

TEST(Task, ThrowIfCancelledEndsTheTaskCancelled) {
  std::latch started(1);
  Task task("loop", [&](TaskControl& control) {
    started.count_down();
    for (;;) {
      control.throw_if_cancelled();
      std::this_thread::yield();
    }
  });
  started.wait();
  task.cancel();
  task.join();
  EXPECT_EQ(task.state(), TaskState::cancelled);
}

TEST(Task, AnExceptionFailsTheTaskWithItsMessage) {
  Task task("broken", [](TaskControl&) { throw std::runtime_error("disk full"); });
  task.join();
  EXPECT_EQ(task.state(), TaskState::failed);
  EXPECT_EQ(task.error(), "disk full");
}

TEST(Task, ResultsReachTheUiThroughTheRunQueue) {
  RunQueue queue;
  int result = 0;
  std::thread::id applied_on;
  Task task("sum", [&](TaskControl&) {
    const int sum = 40 + 2;  // the work
    queue.post([&, sum] {
      result = sum;
      applied_on = std::this_thread::get_id();
    });
  });
  task.join();
  EXPECT_EQ(result, 0);
  queue.drain();
  EXPECT_EQ(result, 42);
  EXPECT_EQ(applied_on, std::this_thread::get_id());
}

TEST(Task, OnChangeFiresForProgressAndForTheEnd) {
  std::atomic<int> changes = 0;
  Task task("notify", [](TaskControl& control) { control.set_progress(0.5f); }, [&] { ++changes; });
  task.join();
  EXPECT_EQ(changes.load(), 2);
}

TEST(Task, DestroyingARunningTaskCancelsAndJoinsIt) {
  std::atomic<bool> returned = false;
  std::latch started(1);
  {
    Task task("abandoned", [&](TaskControl& control) {
      started.count_down();
      control.wait_for(std::chrono::milliseconds(1h));
      returned = true;
    });
    started.wait();
  }
  EXPECT_TRUE(returned.load());
}

}  // namespace
}  // namespace simpul::shell
