// Replaying an entry's events merged from several offline devices: order, duplicates, invalid events.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "simpul/core/queue/state_machine.hpp"

using namespace simpul;
using namespace simpul::queue;

namespace {

using E = QueueEventKind;

QueueEvent ev(std::string id, E kind, std::int64_t at_ms, std::string device = "desk",
              std::string entry = "entry-1") {
  return QueueEvent{std::move(id), std::move(entry), kind, at_ms, "user-1", std::move(device)};
}

std::vector<std::string> ids_of(const std::vector<QueueEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.id);
  return out;
}

std::vector<std::string> ids_of(const std::vector<RejectedEvent>& rejected) {
  std::vector<std::string> out;
  for (const auto& r : rejected) out.push_back(r.event.id);
  return out;
}

}  // namespace

TEST(QueueReplay, NoEventsStaysWaiting) {
  const ReplayResult r = replay({});
  EXPECT_EQ(r.state, QueueState::waiting);
  EXPECT_TRUE(r.applied.empty());
  EXPECT_FALSE(r.first_called_ms.has_value());
}

TEST(QueueReplay, HappyPathAndMilestones) {
  const ReplayResult r = replay({ev("e1", E::call, 1000), ev("e2", E::recall, 2000), ev("e3", E::serve, 3000),
                                 ev("e4", E::done, 9000)});
  EXPECT_EQ(r.state, QueueState::done);
  EXPECT_EQ(ids_of(r.applied), (std::vector<std::string>{"e1", "e2", "e3", "e4"}));
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.first_called_ms, 1000);
  EXPECT_EQ(r.last_called_ms, 2000);
  EXPECT_EQ(r.serving_ms, 3000);
  EXPECT_EQ(r.finished_ms, 9000);
}

TEST(QueueReplay, InputOrderDoesNotMatter) {
  const ReplayResult r = replay({ev("e4", E::done, 9000), ev("e1", E::call, 1000), ev("e3", E::serve, 3000)});
  EXPECT_EQ(r.state, QueueState::done);
  EXPECT_EQ(ids_of(r.applied), (std::vector<std::string>{"e1", "e3", "e4"}));
}

TEST(QueueReplay, DuplicatesAreAppliedOnce) {
  // The same recall arrives twice (sent again after a lost acknowledgement).
  const ReplayResult r = replay({ev("e1", E::call, 1000), ev("e2", E::recall, 2000),
                                 ev("e2", E::recall, 2000), ev("e1", E::call, 1000)});
  EXPECT_EQ(r.state, QueueState::called);
  EXPECT_EQ(ids_of(r.applied), (std::vector<std::string>{"e1", "e2"}));
  EXPECT_EQ(r.duplicates.size(), 2u);
  EXPECT_TRUE(r.rejected.empty());
}

TEST(QueueReplay, EventsWithoutIdAreDeduplicatedByContent) {
  const ReplayResult r = replay(
      {ev("", E::call, 1000), ev("", E::call, 1000), ev("", E::recall, 1500), ev("", E::recall, 1600)});
  EXPECT_EQ(r.applied.size(), 3u);  // the two recalls differ in time: both are facts
  EXPECT_EQ(r.duplicates.size(), 1u);
}

TEST(QueueReplay, ConcurrentCallsFromTwoDevicesRejectTheLaterOne) {
  // Two poli callers offline both called the same number; the later call is reported, not applied.
  const ReplayResult r = replay({ev("b", E::call, 1200, "laptop"), ev("a", E::call, 1000, "desk")});
  EXPECT_EQ(r.state, QueueState::called);
  EXPECT_EQ(ids_of(r.applied), (std::vector<std::string>{"a"}));
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].event.id, "b");
  EXPECT_EQ(r.rejected[0].state, QueueState::called);
  EXPECT_EQ(r.rejected[0].reason.code, "queue.already_called");
}

TEST(QueueReplay, CancelOnOneDeviceAndServiceOnAnother) {
  // The desk cancelled at 1000 while the offline poli called and served later: the cancel stands, and the
  // service events are reported so the conflict can be shown to staff.
  const ReplayResult r = replay({ev("serve", E::serve, 1500, "poli"), ev("call", E::call, 1100, "poli"),
                                 ev("cancel", E::cancel, 1000, "desk")});
  EXPECT_EQ(r.state, QueueState::cancelled);
  EXPECT_EQ(ids_of(r.rejected), (std::vector<std::string>{"call", "serve"}));
  EXPECT_EQ(r.rejected[0].reason.code, "queue.already_cancelled");
}

TEST(QueueReplay, CancelAfterServiceIsRejected) {
  const ReplayResult r = replay({ev("1", E::call, 100), ev("2", E::serve, 200),
                                 ev("3", E::cancel, 300, "kiosk"), ev("4", E::done, 400)});
  EXPECT_EQ(r.state, QueueState::done);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].reason.code, "queue.cancel_after_service");
}

TEST(QueueReplay, SameMillisecondTiesBreakByIdOnEveryDevice) {
  // Within one millisecond the id decides, not the order in which a device happened to receive them.
  const std::vector<QueueEvent> a{ev("0190-a", E::serve, 500), ev("0190-b", E::call, 500)};
  const std::vector<QueueEvent> b{a[1], a[0]};
  for (const auto& input : {a, b}) {
    const ReplayResult r = replay(input);
    EXPECT_EQ(r.state, QueueState::called);
    EXPECT_EQ(ids_of(r.applied), (std::vector<std::string>{"0190-b"}));
    EXPECT_EQ(ids_of(r.rejected), (std::vector<std::string>{"0190-a"}));
  }
}

TEST(QueueReplay, StartsFromTheGivenState) {
  EXPECT_EQ(replay({ev("1", E::serve, 10)}, QueueState::called).state, QueueState::serving);
}

TEST(QueueReplay, DeterministicUnderShuffleAndDuplication) {
  // A busy entry's life, with noise from several devices: repeated calls, late cancels, stray dones.
  const std::vector<QueueEvent> facts{
      ev("01", E::call, 1000, "poli-1"),   ev("02", E::call, 1000, "poli-2"),
      ev("03", E::recall, 1400, "poli-1"), ev("04", E::skip, 1800, "poli-1"),
      ev("05", E::serve, 1900, "poli-2"),  ev("06", E::recall, 2500, "poli-2"),
      ev("07", E::cancel, 2600, "desk"),   ev("08", E::serve, 2700, "poli-1"),
      ev("09", E::done, 2650, "poli-1"),   ev("10", E::no_show, 2800, "poli-2"),
      ev("11", E::done, 3000, "poli-1"),   ev("12", E::cancel, 3100, "kiosk"),
  };
  const ReplayResult reference = replay(facts);
  std::mt19937 rng(20260115);
  for (int round = 0; round < 500; ++round) {
    std::vector<QueueEvent> input = facts;
    std::uniform_int_distribution<std::size_t> pick(0, facts.size() - 1);
    const int copies = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int i = 0; i < copies; ++i) input.push_back(facts[pick(rng)]);
    std::shuffle(input.begin(), input.end(), rng);
    const ReplayResult r = replay(input);
    ASSERT_EQ(r.state, reference.state) << "round " << round;
    ASSERT_EQ(ids_of(r.applied), ids_of(reference.applied)) << "round " << round;
    ASSERT_EQ(ids_of(r.rejected), ids_of(reference.rejected)) << "round " << round;
    ASSERT_EQ(r.duplicates.size(), static_cast<std::size_t>(copies));
    ASSERT_EQ(r.last_called_ms, reference.last_called_ms);
  }
  // The reference itself: call(01) [call 02 rejected] recall skip -> skipped, serve(05) refused
  // (call again first), recall -> called, cancel -> cancelled; the rest are rejected.
  EXPECT_EQ(reference.state, QueueState::cancelled);
  EXPECT_EQ(ids_of(reference.applied), (std::vector<std::string>{"01", "03", "04", "06", "07"}));
  EXPECT_EQ(reference.rejected.size(), 7u);
}

TEST(QueueReplay, ByEntryAndProjectedStates) {
  const std::vector<QueueEvent> events{ev("1", E::call, 10, "d", "x"), ev("2", E::serve, 20, "d", "x"),
                                       ev("3", E::cancel, 15, "d", "y")};
  const auto by_entry = replay_by_entry(events);
  ASSERT_EQ(by_entry.size(), 2u);
  EXPECT_EQ(by_entry.at("x").state, QueueState::serving);
  EXPECT_EQ(by_entry.at("y").state, QueueState::cancelled);

  std::vector<QueueEntry> entries(3);
  entries[0].id = "x";
  entries[1].id = "y";
  entries[2].id = "z";
  entries[2].state = QueueState::called;  // no events: keeps the stored state
  const auto projected = with_replayed_states(entries, events);
  EXPECT_EQ(projected[0].state, QueueState::serving);
  EXPECT_EQ(projected[1].state, QueueState::cancelled);
  EXPECT_EQ(projected[2].state, QueueState::called);
}
