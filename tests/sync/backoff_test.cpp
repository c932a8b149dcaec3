// Full jitter: every delay lies in [0, min(cap, base * 2^(n-1))], the schedule is reproducible from its
// seed, and desks with different seeds spread out.
#include <gtest/gtest.h>

#include "simpul/sync/backoff.hpp"

using namespace std::chrono_literals;
using simpul::sync::Backoff;

TEST(SyncBackoffTest, DelaysStayWithinTheDoublingCeilingAndTheCap) {
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    Backoff b(1000ms, 300'000ms, seed);
    std::int64_t bound = 1000;
    for (int n = 1; n <= 20; ++n) {
      EXPECT_EQ(b.ceiling().count(), bound);
      const auto d = b.next();
      EXPECT_GE(d.count(), 0);
      EXPECT_LE(d.count(), bound) << "failure " << n << " seed " << seed;
      bound = std::min<std::int64_t>(bound * 2, 300'000);
    }
    EXPECT_EQ(b.ceiling().count(), 300'000);
  }
}

TEST(SyncBackoffTest, ResetStartsOverAndTheSameSeedGivesTheSameSchedule) {
  Backoff a(1000ms, 300'000ms, 42);
  Backoff b(1000ms, 300'000ms, 42);
  Backoff c(1000ms, 300'000ms, 43);
  bool differs = false;
  for (int i = 0; i < 12; ++i) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    differs = differs || x != c.next();
  }
  EXPECT_TRUE(differs);
  a.reset();
  EXPECT_EQ(a.failures(), 0);
  EXPECT_EQ(a.ceiling(), 1000ms);
}

TEST(SyncBackoffTest, JitterIsSpreadNotConstant) {
  // At the cap, many draws cover the range roughly uniformly: the mean is near half the cap.
  Backoff b(1000ms, 8000ms, 7);
  for (int i = 0; i < 4; ++i) (void)b.next();
  double sum = 0;
  std::int64_t lo = 8000, hi = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    const auto d = b.next().count();
    sum += static_cast<double>(d);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  EXPECT_NEAR(sum / n, 4000.0, 300.0);
  EXPECT_LT(lo, 400);
  EXPECT_GT(hi, 7600);
}
