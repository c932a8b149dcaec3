#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "shell/run_queue.hpp"

namespace simpul::shell {
namespace {

TEST(RunQueue, RunsPostedWorkOnTheDrainingThreadInPostingOrder) {
  RunQueue queue;
  std::vector<int> order;
  std::vector<std::thread::id> ran_on;
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) queue.post([&, i] {
        order.push_back(i);
        ran_on.push_back(std::this_thread::get_id());
      });
  });
  producer.join();
  EXPECT_TRUE(order.empty()) << "work must wait for drain()";

  EXPECT_EQ(queue.drain(), 100u);
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
  for (auto id : ran_on) EXPECT_EQ(id, std::this_thread::get_id());
  EXPECT_TRUE(queue.empty());
}

TEST(RunQueue, KeepsEachProducersOrderWithManyProducers) {
  RunQueue queue;
  constexpr int kProducers = 4;
  constexpr int kEach = 250;
  std::vector<std::pair<int, int>> seen;  // (producer, sequence)
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p)
    producers.emplace_back([&, p] {
      for (int i = 0; i < kEach; ++i) queue.post([&seen, p, i] { seen.emplace_back(p, i); });
    });
  for (auto& t : producers) t.join();
  queue.drain();
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kProducers * kEach));
  std::vector<int> next(kProducers, 0);
  for (auto [p, i] : seen) EXPECT_EQ(i, next[static_cast<std::size_t>(p)]++);
}

TEST(RunQueue, WorkPostedWhileDrainingWaitsForTheNextDrain) {
  RunQueue queue;
  int runs = 0;
  std::function<void()> again = [&] {
    ++runs;
    queue.post(again);
  };
  queue.post(again);
  EXPECT_EQ(queue.drain(), 1u);
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(queue.empty());
  EXPECT_EQ(queue.drain(), 1u);
  EXPECT_EQ(runs, 2);
}

TEST(RunQueue, EveryPostWakesTheLoop) {
  RunQueue queue;
  std::atomic<int> wakes = 0;
  queue.set_wake([&] { ++wakes; });
  queue.post([] {});
  queue.post([] {});
  queue.wake();
  EXPECT_EQ(wakes.load(), 3);
  queue.set_wake({});
  queue.post([] {});
  EXPECT_EQ(wakes.load(), 3);
}

}  // namespace
}  // namespace simpul::shell
