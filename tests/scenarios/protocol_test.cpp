// The protocol's edges: a desk of another protocol version is refused clearly and stops (no retry loop), and
// a desk that comes back after the server dropped the history it needed (tombstone retention) is reset and
// keeps every change its user made.
#include <gtest/gtest.h>

#include "checks.hpp"
#include "simpul/sync/status.hpp"

namespace simpul::scenario {
namespace {

TEST(Protocol, AnIncompatibleDeskIsRefusedClearlyAndDoesNotRetryInALoop) {
  World world;
  Desk& old = world.add_desk("old");
  ASSERT_TRUE(old.sync().ok());
  old.upsert_all("queue_entry", queue_entries(world.facility(), "q-", 3));
  // An older (or newer) Simpul speaks another protocol version.
  old.transport().override_header(sync::kProtocolHeader, "2");
  const auto requests_before = old.transport().requests();
  const auto connections_before = world.proxy().stats().connections_accepted;

  old.engine().start();  // the real worker
  old.engine().sync_now();
  ASSERT_TRUE(test::wait_until([&] { return old.engine().status().phase == sync::Phase::incompatible; }, 10s))
      << "phase " << sync::to_string(old.engine().status().phase);
  // Nothing makes it ask again by itself: not the backoff, not the timer, not new local changes.
  old.engine().notify_local_change();
  EXPECT_FALSE(test::wait_until([&] { return old.transport().requests() > requests_before + 1; }, 1500ms))
      << "the desk retried a refusal";
  old.engine().stop();

  const sync::SyncStatus status = old.engine().status();
  EXPECT_EQ(old.transport().requests() - requests_before, 1);
  EXPECT_EQ(world.metric("simpul_http_requests_total", "route=\"/v1/push\",status=\"426\""), 1);
  EXPECT_LE(world.proxy().stats().connections_accepted - connections_before, 1u);
  EXPECT_NE(status.last_error.find("update Simpul"), std::string::npos) << status.last_error;
  EXPECT_EQ(status.online, sync::Online::online) << "the server answered: the link is fine";
  EXPECT_FALSE(status.synced());
  EXPECT_EQ(status.pending_ops, 3) << "nothing the desk holds was lost or marked done";
  EXPECT_EQ(world.admin().count_applied(old.device_id()), 0);

  // Updated: the same desk syncs again and its changes go through.
  old.transport().clear_overrides();
  auto updated = old.sync();
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->push.applied, 3);
  EXPECT_TRUE(old.engine().status().synced());
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(Protocol, ADeskBackAfterTombstoneRetentionIsResetAndKeepsItsUnsyncedChanges) {
  World world;
  Desk& away = world.add_desk("away");
  Desk& b = world.add_desk("b");
  ASSERT_TRUE(away.sync().ok());
  b.upsert_all("queue_entry", queue_entries(world.facility(), "qb-", 3));
  ASSERT_TRUE(b.sync().ok());
  ASSERT_TRUE(away.sync().ok());
  ASSERT_TRUE(away.load("queue_entry", "qb-0").has_value());
  const auto who = b.texts("SELECT id FROM participants WHERE fktp = '" + world.facility() + "' ORDER BY id LIMIT 2");
  ASSERT_EQ(who.size(), 2u);

  // While `away` is offline, B deletes and edits; then the server drops the history older than now.
  b.remove("queue_entry", "qb-0");
  b.upsert("participant", who[0], Fields{{"phone", "+6281244440000"}});
  ASSERT_TRUE(b.sync().ok());
  away.upsert("queue_entry", "qa-offline", queue_entry(world.facility(), 40));
  away.upsert("participant", who[1], Fields{{"email", "tetap.ada@example.id"}});
  const auto compacted = world.admin().compact(0);
  EXPECT_GT(compacted.log_floor, away.cursor());

  // Its user keeps typing while it syncs: this change lands after the push, just before the pull that finds
  // the history gone.
  bool typed = false;
  away.engine().set_listener([&](const sync::SyncStatus& s) {
    if (!typed && s.phase == sync::Phase::pulling) {
      typed = true;
      away.upsert("queue_entry", "qa-during", queue_entry(world.facility(), 41));
    }
  });
  auto reset = away.sync_once();
  away.engine().set_listener(nullptr);
  ASSERT_TRUE(reset.ok()) << reset.error().message;
  ASSERT_TRUE(typed);
  EXPECT_TRUE(reset->pull.reset) << "the server did not ask for a client reset";
  EXPECT_TRUE(reset->pull.bootstrap);
  // Everything its user entered is still there; what others changed arrived.
  EXPECT_TRUE(away.load("queue_entry", "qa-offline").has_value());
  EXPECT_TRUE(away.load("queue_entry", "qa-during").has_value()) << "an unsynced change was lost in the reset";
  EXPECT_EQ(away.load("participant", who[1])->value("email", ""), "tetap.ada@example.id");
  EXPECT_FALSE(away.load("queue_entry", "qb-0").has_value()) << "a row deleted while it was away came back";
  EXPECT_EQ(away.load("participant", who[0])->value("phone", ""), "+6281244440000");
  EXPECT_EQ(away.count("SELECT count(*) FROM outbox WHERE state = 'pending'"), 1);

  ASSERT_TRUE(away.sync().ok());
  ASSERT_TRUE(b.sync().ok());
  EXPECT_TRUE(b.load("queue_entry", "qa-during").has_value());
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

}  // namespace
}  // namespace simpul::scenario
