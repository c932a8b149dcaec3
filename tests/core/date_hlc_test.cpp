#include <gtest/gtest.h>

#include "simpul/core/clock.hpp"
#include "simpul/core/date.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/core/uuid.hpp"

using namespace simpul;

TEST(Date, RoundTripsThroughDayNumbers) {
  for (std::int64_t d = -700000; d < 2900000; d += 997) {
    const Date date = Date::from_days(d);
    ASSERT_TRUE(date.valid());
    ASSERT_EQ(date.to_days(), d);
  }
  EXPECT_EQ(Date::from_days(0), (Date{1970, 1, 1}));
}

TEST(Date, ParsesOnlyRealDays) {
  EXPECT_TRUE(Date::parse("2024-02-29").has_value());
  EXPECT_FALSE(Date::parse("2023-02-29").has_value());
  EXPECT_FALSE(Date::parse("1900-02-29").has_value());
  EXPECT_TRUE(Date::parse("2000-02-29").has_value());
  EXPECT_FALSE(Date::parse("2024-13-01").has_value());
  EXPECT_FALSE(Date::parse("2024-1-01").has_value());
  EXPECT_FALSE(Date::parse("20240101").has_value());
  EXPECT_EQ(Date::parse("2026-11-22")->iso(), "2026-11-22");
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ((Date{2024, 1, 31}.add_months(1)), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2023, 11, 30}.add_months(3)), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2024, 5, 15}.add_months(-6)), (Date{2023, 11, 15}));
}

TEST(Date, AgeCountsWholeYears) {
  EXPECT_EQ((Date{2000, 2, 29}.years_until(Date{2024, 2, 28})), 23);
  EXPECT_EQ((Date{2000, 2, 29}.years_until(Date{2024, 2, 29})), 24);
}

TEST(Date, EpochToLocalDayUsesOffset) {
  // 2026-01-01T18:00Z is already 2 January in Jakarta (UTC+7).
  EXPECT_EQ(Date::from_epoch_ms(1767290400000, 7 * 60), (Date{2026, 1, 2}));
  EXPECT_EQ(Date::from_epoch_ms(1767290400000, 0), (Date{2026, 1, 1}));
}

TEST(Hlc, NeverGoesBackwardsWhenWallClockDoes) {
  ManualClock clock;
  HybridClock hlc(clock, "dev-a");
  const auto a = hlc.now();
  clock.set_ms(clock.now_ms() - 86'400'000);  // wall clock jumps back a day
  const auto b = hlc.now();
  EXPECT_LT(a, b);
}

TEST(Hlc, ObservingRemoteMovesPastIt) {
  ManualClock clock;
  HybridClock hlc(clock, "dev-a");
  HlcTimestamp remote{clock.now_ms() + 5000, 7, "dev-b"};
  const auto mine = hlc.observe(remote);
  EXPECT_GT(mine.wall_ms, remote.wall_ms - 1);
  EXPECT_GT(mine, remote);
  EXPECT_GT(hlc.now(), remote);
}

TEST(Hlc, OffsetCorrectsSkewedDeviceClock) {
  ManualClock clock(1'800'000'000'000);  // device a year ahead
  HybridClock hlc(clock, "dev-a");
  hlc.set_offset_ms(-31'536'000'000);
  EXPECT_NEAR(static_cast<double>(hlc.now().wall_ms), 1'768'464'000'000.0, 1000.0);
}

// A clock with a boot id, so anchors can be persisted and restored like on a real machine.
class BootClock final : public Clock {
 public:
  std::int64_t now_ms() const override { return manual.now_ms(); }
  std::int64_t steady_ms() const override { return manual.steady_ms(); }
  std::string boot_id() const override { return boot; }
  ManualClock manual;
  std::string boot = "boot-1";
};

TEST(Hlc, AfterASyncAWallClockJumpDoesNotMoveTimestamps) {
  ManualClock clock;
  HybridClock hlc(clock, "dev-a");
  hlc.learn_offset_ms(0);  // synced: the server agrees with this clock
  const std::int64_t synced_at = clock.now_ms();
  clock.advance_ms(60'000);
  clock.set_ms(clock.now_ms() + 365LL * 24 * 3600 * 1000);  // then the wall clock jumps a year ahead
  EXPECT_NEAR(static_cast<double>(hlc.now().wall_ms), static_cast<double>(synced_at + 60'000), 1.0);
  clock.set_ms(synced_at - 365LL * 24 * 3600 * 1000);  // or a year behind
  clock.advance_ms(1000);
  EXPECT_NEAR(static_cast<double>(hlc.now().wall_ms), static_cast<double>(synced_at + 61'000), 1.0);
  EXPECT_NEAR(static_cast<double>(hlc.physical_now_ms()), static_cast<double>(synced_at + 61'000), 1.0);
}

TEST(Hlc, AnAnchorIsRestoredOnlyInTheBootThatTookIt) {
  BootClock clock;
  HybridClock first(clock, "dev-a");
  first.learn_offset_ms(-5000);
  const auto anchor = first.anchor();
  ASSERT_TRUE(anchor.has_value());
  const auto decoded = ClockAnchor::decode(anchor->encode());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->server_ms, anchor->server_ms);
  EXPECT_EQ(decoded->steady_ms, anchor->steady_ms);
  EXPECT_EQ(decoded->boot_id, "boot-1");
  EXPECT_FALSE(ClockAnchor::decode("garbage").has_value());

  clock.manual.advance_ms(10'000);
  clock.manual.set_ms(clock.manual.now_ms() + 86'400'000);  // the wall clock is a day off now
  HybridClock same_boot(clock, "dev-a");  // a new process, same boot
  same_boot.set_offset_ms(-5000);
  same_boot.restore_anchor(*decoded);
  EXPECT_EQ(same_boot.physical_now_ms(), anchor->server_ms + 10'000);

  clock.boot = "boot-2";  // rebooted: monotonic readings of the old boot mean nothing
  HybridClock rebooted(clock, "dev-a");
  rebooted.set_offset_ms(-5000);
  rebooted.restore_anchor(*decoded);
  EXPECT_FALSE(rebooted.anchor().has_value());
  EXPECT_EQ(rebooted.physical_now_ms(), clock.now_ms() - 5000);
}

TEST(Hlc, EncodingSortsLikeTimestamps) {
  HlcTimestamp a{1767225600000, 3, "x"};
  HlcTimestamp b{1767225600000, 12, "a"};
  HlcTimestamp c{1767225600001, 0, "a"};
  EXPECT_LT(a.encode(), b.encode());
  EXPECT_LT(b.encode(), c.encode());
  HlcTimestamp back;
  ASSERT_TRUE(HlcTimestamp::decode(b.encode(), back));
  EXPECT_EQ(back, b);
  EXPECT_FALSE(HlcTimestamp::decode("garbage", back));
}

TEST(Uuid, V7IsWellFormedAndTimeOrdered) {
  ManualClock clock;
  const auto a = uuid_v7(clock);
  clock.advance_ms(1);
  const auto b = uuid_v7(clock);
  EXPECT_TRUE(is_uuid(a));
  EXPECT_EQ(a[14], '7');
  EXPECT_LT(a, b);
  EXPECT_FALSE(is_uuid("not-a-uuid"));
}
