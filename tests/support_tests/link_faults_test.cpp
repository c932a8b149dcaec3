#include "support/link_faults.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "support/token_bucket.hpp"

namespace simpul::test {
namespace {

using std::chrono::milliseconds;

std::vector<FaultDice::Roll> rolls(FaultDice dice, const LinkFaults& faults, int count) {
  std::vector<FaultDice::Roll> out;
  for (int i = 0; i < count; ++i) out.push_back(dice.roll(faults));
  return out;
}

std::vector<long> delays(const std::vector<FaultDice::Roll>& rolled) {
  std::vector<long> out;
  for (const auto& roll : rolled) out.push_back(static_cast<long>(roll.delay.count()));
  return out;
}

const LinkFaults kJittery{.latency = milliseconds(20), .jitter = milliseconds(30)};

TEST(FaultDice, SameSeedGivesTheSameJitterSequence) {
  const auto first = delays(rolls(FaultDice(42, 1, Direction::downstream), kJittery, 200));
  EXPECT_EQ(delays(rolls(FaultDice(42, 1, Direction::downstream), kJittery, 200)), first);
  EXPECT_NE(delays(rolls(FaultDice(43, 1, Direction::downstream), kJittery, 200)), first);
  EXPECT_NE(delays(rolls(FaultDice(42, 2, Direction::downstream), kJittery, 200)), first);
  EXPECT_NE(delays(rolls(FaultDice(42, 1, Direction::upstream), kJittery, 200)), first);
}

TEST(FaultDice, JitterStaysWithinLatencyPlusJitter) {
  bool saw_low = false;
  bool saw_high = false;
  for (const auto& roll : rolls(FaultDice(1, 1, Direction::upstream), kJittery, 2000)) {
    ASSERT_GE(roll.delay, milliseconds(20));
    ASSERT_LE(roll.delay, milliseconds(50));
    ASSERT_FALSE(roll.lost);
    saw_low = saw_low || roll.delay == milliseconds(20);
    saw_high = saw_high || roll.delay == milliseconds(50);
  }
  EXPECT_TRUE(saw_low && saw_high);
}

TEST(FaultDice, LossHappensAtAboutTheConfiguredRateAndAddsTheDelay) {
  const LinkFaults lossy{.loss = 0.25, .loss_delay = milliseconds(200)};
  int lost = 0;
  for (const auto& roll : rolls(FaultDice(9, 3, Direction::downstream), lossy, 4000)) {
    EXPECT_EQ(roll.delay, roll.lost ? milliseconds(200) : milliseconds(0));
    lost += roll.lost ? 1 : 0;
  }
  EXPECT_GT(lost, 800);
  EXPECT_LT(lost, 1200);
}

TEST(FaultDice, ChangingSettingsDoesNotShiftLaterDecisions) {
  FaultDice plain(5, 1, Direction::upstream);
  FaultDice shaped(5, 1, Direction::upstream);
  for (int i = 0; i < 10; ++i) {
    plain.roll(LinkFaults{});
    shaped.roll(kJittery);
  }
  EXPECT_EQ(delays(rolls(plain, kJittery, 50)), delays(rolls(shaped, kJittery, 50)));
}

using Clock = TokenBucket::Clock;

TEST(TokenBucket, UnlimitedGrantsEverything) {
  TokenBucket bucket;
  EXPECT_EQ(bucket.take(123456, Clock::now()).bytes, 123456U);
}

TEST(TokenBucket, NeverExceedsTheRateAndKeepsUpWithIt) {
  TokenBucket bucket;
  const Clock::time_point start{};
  bucket.set_rate(100'000, start);
  Clock::time_point now = start;
  std::size_t sent = 0;
  while (now - start < std::chrono::seconds(2)) {
    const TokenBucket::Grant grant = bucket.take(16 * 1024, now);
    sent += grant.bytes;
    const double seconds = std::chrono::duration<double>(now - start).count();
    ASSERT_LE(static_cast<double>(sent), 100'000 * seconds + 1) << "at " << seconds << " s";
    now += grant.bytes == 0 ? Clock::duration(grant.wait) : Clock::duration(std::chrono::microseconds(100));
  }
  EXPECT_GT(sent, 190'000U);
}

TEST(TokenBucket, IdleTimeSavesAtMostTwentyMilliseconds) {
  TokenBucket bucket;
  const Clock::time_point start{};
  bucket.set_rate(100'000, start);
  EXPECT_EQ(bucket.take(1'000'000, start + std::chrono::seconds(10)).bytes, 2000U);
  const TokenBucket::Grant empty = bucket.take(1000, start + std::chrono::seconds(10));
  EXPECT_EQ(empty.bytes, 0U);
  EXPECT_EQ(empty.wait, milliseconds(10));
}

TEST(TokenBucket, RefundReturnsUnsentTokens) {
  TokenBucket bucket;
  const Clock::time_point start{};
  bucket.set_rate(100'000, start);
  const auto later = start + milliseconds(20);
  ASSERT_EQ(bucket.take(2000, later).bytes, 2000U);
  bucket.refund(500);
  EXPECT_EQ(bucket.take(500, later).bytes, 500U);
  EXPECT_EQ(bucket.take(1, later).bytes, 0U);
}

}  // namespace
}  // namespace simpul::test
