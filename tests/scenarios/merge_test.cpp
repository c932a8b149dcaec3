// Two desks change the same records while apart: the same field (one winner and a conflict record, on both
// replicas), different fields (merged silently), a delete against an update (no resurrection, the lost edit
// kept for review), and one desk's clock a year off from the start or jumping a year while it is offline
// (the later edit in real time still wins).
#include <gtest/gtest.h>

#include <thread>

#include "checks.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/sync/status.hpp"

namespace simpul::scenario {
namespace {

// Every desk pulls what the others did, so that all can be compared with the server.
void sync_all(World& world) {
  for (auto& desk : world.desks()) ASSERT_TRUE(desk->sync().ok()) << desk->name();
}

// Participants of the main facility that every desk of it sees.
std::vector<std::string> people(World& world, int n, int offset = 0) {
  return world.admin().query_texts("SELECT id FROM participants WHERE _deleted = 0 AND fktp = '" + world.facility() +
                                   "' ORDER BY id LIMIT " + std::to_string(n) + " OFFSET " + std::to_string(offset));
}

// Real time moves on, so that "later" is unambiguous for every clock in the room. The server corrects each
// desk's stamps by the skew it measures per request, which is off by up to that request's latency: a few
// milliseconds on a loaded machine (more on PostgreSQL, a round trip per statement), so 5 ms was not enough.
void tick() { std::this_thread::sleep_for(25ms); }

std::vector<sync::ConflictRecord> conflicts_on(Desk& desk, const std::string& entity_id) {
  std::vector<sync::ConflictRecord> out;
  for (auto& c : must(sync::open_conflicts(desk.db().db()), "conflicts")) {
    if (c.entity_id == entity_id) out.push_back(std::move(c));
  }
  return out;
}

std::string server_value(World& world, const std::string& entity, const std::string& id, const std::string& field) {
  auto row = world.admin().row(entity, id);
  if (!row) return "<absent>";
  const auto it = row->fields.find(field);
  return it == row->fields.end() || it->is_null() ? "<null>" : it->get<std::string>();
}

std::string replica_value(Desk& desk, const std::string& entity, const std::string& id, const std::string& field) {
  auto row = desk.load(entity, id);
  if (!row) return "<absent>";
  const auto it = row->find(field);
  return it == row->end() || it->is_null() ? "<null>" : it->get<std::string>();
}

// `earlier` and then `later` (in real time) change `field` of participant `who` without having seen each
// other's change; they push in the order given, then both pull. The later edit must win, with a conflict
// record naming both values on both replicas.
void race(World& world, Desk& earlier, Desk& later, bool earlier_pushes_first, const std::string& who,
          const std::string& field) {
  SCOPED_TRACE(earlier.name() + " (skew " + std::to_string(earlier.clock().skew_ms()) + " ms) then " + later.name() +
               " (skew " + std::to_string(later.clock().skew_ms()) + " ms), " +
               (earlier_pushes_first ? "earlier" : "later") + " pushes first, " + who + "." + field);
  static int n = 0;
  const std::string mine = "+6281" + std::to_string(100'000'000 + ++n) + "1";
  const std::string theirs = "+6281" + std::to_string(100'000'000 + n) + "2";
  earlier.upsert("participant", who, Fields{{field, mine}});
  tick();
  later.upsert("participant", who, Fields{{field, theirs}});
  Desk& first = earlier_pushes_first ? earlier : later;
  Desk& second = earlier_pushes_first ? later : earlier;
  ASSERT_TRUE(first.sync().ok());
  ASSERT_TRUE(second.sync().ok());
  ASSERT_TRUE(first.sync().ok());
  EXPECT_EQ(server_value(world, "participant", who, field), theirs)
      << "the earlier edit won; field clocks on the server: "
      << server::encode_clocks(world.admin().row("participant", who).value_or(server::StoredRow{}).clocks)
      << "; outbox hlc of "
      << earlier.name() << ": " << earlier.outbox().back().hlc << ", of " << later.name() << ": "
      << later.outbox().back().hlc;
  EXPECT_EQ(replica_value(earlier, "participant", who, field), theirs);
  EXPECT_EQ(replica_value(later, "participant", who, field), theirs);
  for (Desk* d : {&earlier, &later}) {
    bool found = false;
    for (const auto& c : conflicts_on(*d, who)) {
      if (c.field == field && c.winner_value == theirs && c.loser_value == mine) found = true;
    }
    EXPECT_TRUE(found) << d->name() << " has no conflict record keeping " << mine << " against " << theirs;
  }
}

TEST(Merges, ConcurrentSameFieldEditsKeepOneWinnerAndAConflictRecordOnBothReplicas) {
  World world;
  Desk& a = world.add_desk("a");
  Desk& b = world.add_desk("b");
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());
  const auto who = people(world, 2);
  race(world, a, b, /*earlier_pushes_first=*/true, who[0], "phone");
  race(world, a, b, /*earlier_pushes_first=*/false, who[1], "phone");
  EXPECT_EQ(a.engine().status().open_conflicts, 2);
  EXPECT_TRUE(a.engine().status().needs_attention());
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(Merges, DifferentFieldEditsMergeWithoutAConflict) {
  World world;
  Desk& a = world.add_desk("a");
  Desk& b = world.add_desk("b");
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());
  const std::string who = people(world, 1)[0];
  a.upsert("participant", who, Fields{{"phone", "+6281377770001"}});
  b.upsert("participant", who, Fields{{"email", "beda.kolom@example.id"}, {"street", "Jl. Cempaka 7"}});
  for (Desk* d : {&a, &b, &a}) ASSERT_TRUE(d->sync().ok());
  for (Desk* d : {&a, &b}) {
    EXPECT_EQ(replica_value(*d, "participant", who, "phone"), "+6281377770001") << d->name();
    EXPECT_EQ(replica_value(*d, "participant", who, "email"), "beda.kolom@example.id") << d->name();
    EXPECT_EQ(replica_value(*d, "participant", who, "street"), "Jl. Cempaka 7") << d->name();
    EXPECT_TRUE(conflicts_on(*d, who).empty()) << d->name();
  }
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(Merges, DeleteAgainstUpdateNeverResurrectsAndKeepsTheLostEdit) {
  World world;
  Desk& a = world.add_desk("a");
  Desk& b = world.add_desk("b");
  ASSERT_TRUE(a.sync().ok());
  a.upsert_all("queue_entry", queue_entries(world.facility(), "q-", 2));
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());
  const std::string who = people(world, 1)[0];

  // 1. The delete reaches the server first; the update arrives later and must not bring the row back.
  a.remove("queue_entry", "q-0");
  a.remove("participant", who);
  b.upsert("queue_entry", "q-0", Fields{{"complaint", "batuk tiga hari"}});
  b.upsert("participant", who, Fields{{"phone", "+6281399990000"}});
  ASSERT_TRUE(a.sync().ok());
  auto late = b.sync();
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_EQ(late->push.merged, 2) << "the updates lost to the deletes";
  // 2. The update reaches the server first; the delete (whose author never saw it) still wins, with a record.
  b.upsert("queue_entry", "q-1", Fields{{"complaint", "pusing"}});
  ASSERT_TRUE(b.sync().ok());
  a.remove("queue_entry", "q-1");
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());

  for (Desk* d : {&a, &b}) {
    EXPECT_FALSE(d->load("queue_entry", "q-0").has_value()) << d->name() << ": resurrected";
    EXPECT_FALSE(d->load("queue_entry", "q-1").has_value()) << d->name();
    EXPECT_FALSE(d->load("participant", who).has_value()) << d->name() << ": resurrected";
    for (const std::string& id : std::vector<std::string>{"q-0", "q-1", who}) {
      bool kept = false;
      for (const auto& c : conflicts_on(*d, id)) kept = kept || c.field == "_deleted";
      EXPECT_TRUE(kept) << d->name() << ": no conflict record keeps the edit lost with " << id;
    }
  }
  const auto tombstone = world.admin().row("queue_entry", "q-0");
  ASSERT_TRUE(tombstone.has_value());
  EXPECT_TRUE(tombstone->deleted);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

// A year ahead or behind, either from the start (the desk learned the offset when it enrolled) or jumping
// while it is offline after a sync (its stored offset is now wrong): the later edit in real time wins.
void skew_races(World& world, Desk& skewed, Desk& normal, int first_person) {
  const auto who = people(world, 4, first_person);
  race(world, skewed, normal, true, who[0], "phone");
  race(world, skewed, normal, false, who[1], "phone");
  race(world, normal, skewed, true, who[2], "phone");
  race(world, normal, skewed, false, who[3], "phone");
}

TEST(ClockSkew, ADeskAYearOffFromTheStartDoesNotDecideTheWinner) {
  World world;
  for (const std::int64_t skew : {kYearMs, -kYearMs}) {
    SCOPED_TRACE("skew " + std::to_string(skew));
    DeskOptions o;
    o.skew_ms = skew;
    Desk& skewed = world.add_desk(skew > 0 ? "ahead" : "behind", o);
    Desk& normal = world.add_desk(skew > 0 ? "normal-1" : "normal-2");
    ASSERT_TRUE(skewed.sync().ok());
    ASSERT_TRUE(normal.sync().ok());
    skew_races(world, skewed, normal, skew > 0 ? 0 : 4);
  }
  sync_all(world);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

// The newest field timestamp the server stores for a participant, as epoch ms.
std::int64_t newest_stamp(World& world, const std::string& who) {
  std::int64_t newest = 0;
  const auto row = world.admin().row("participant", who);
  if (!row) return newest;
  for (const auto& [field, clock] : row->clocks) {
    HlcTimestamp ts;
    if (HlcTimestamp::decode(clock.hlc, ts)) newest = std::max(newest, ts.wall_ms);
  }
  return newest;
}

std::int64_t newest_outbox_stamp(Desk& desk) {
  HlcTimestamp ts;
  const auto ops = desk.outbox();
  return !ops.empty() && HlcTimestamp::decode(ops.back().hlc, ts) ? ts.wall_ms : 0;
}

// A desk's clock jumps a year while it is offline and it syncs again (twice, so that it also learns the new
// offset): whatever it stamps, the server never stores a time in the future, so the other desks' clocks,
// which follow every timestamp they pull, are not dragged a year ahead with it.
TEST(ClockSkew, AClockThatJumpsAYearNeverPushesTheFutureOntoTheServerOrOtherDesks) {
  World world;
  const auto who = people(world, 6);
  for (const std::int64_t jump : {kYearMs, -kYearMs}) {
    SCOPED_TRACE("jump " + std::to_string(jump));
    Desk& jumper = world.add_desk(jump > 0 ? "jumps-ahead" : "jumps-behind");
    Desk& normal = world.add_desk(jump > 0 ? "normal-1" : "normal-2");
    ASSERT_TRUE(jumper.sync().ok());
    ASSERT_TRUE(normal.sync().ok());
    jumper.clock().set_skew_ms(jump);
    const std::size_t base = jump > 0 ? 0 : 3;
    for (std::size_t i = 0; i < 2; ++i) {
      jumper.upsert("participant", who[base + i], Fields{{"email", "lompat-" + std::to_string(i) + "@example.id"}});
      ASSERT_TRUE(jumper.sync().ok());
      const std::int64_t now = SystemClock::instance().now_ms();
      EXPECT_LE(newest_stamp(world, who[base + i]), now) << "edit " << i << " was stored with a future timestamp";
    }
    ASSERT_TRUE(normal.sync().ok());
    normal.upsert("participant", who[base + 2], Fields{{"email", "biasa@example.id"}});
    EXPECT_LE(newest_outbox_stamp(normal), SystemClock::instance().now_ms() + 60'000)
        << "a desk with a correct clock now stamps its edits in the future";
    ASSERT_TRUE(normal.sync().ok());
  }
  sync_all(world);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

// A desk's clock jumps a year after its last sync, while it is offline. Its timestamps come from the server's
// time at the last sync plus the elapsed monotonic time (the HLC's anchor), so its edits neither win every race
// (a year ahead) nor lose every race (a year behind): the real order of the edits decides.
TEST(ClockSkew, ADeskWhoseClockJumpsAYearWhileOfflineDoesNotDecideTheWinner) {
  World world;
  int person = 0;
  for (const std::int64_t skew : {kYearMs, -kYearMs}) {
    SCOPED_TRACE("jump " + std::to_string(skew));
    Desk& jumper = world.add_desk(skew > 0 ? "jumps-ahead" : "jumps-behind");
    Desk& normal = world.add_desk(skew > 0 ? "normal-1" : "normal-2");
    ASSERT_TRUE(jumper.sync().ok());
    ASSERT_TRUE(normal.sync().ok());
    jumper.clock().set_skew_ms(skew);  // the clock jumps after the last sync; the stored offset is now wrong
    skew_races(world, jumper, normal, person);
    person += 4;
    // It has synced since the jump and learned the new offset: still no advantage either way.
    skew_races(world, jumper, normal, person);
    person += 4;
  }
  sync_all(world);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

}  // namespace
}  // namespace simpul::scenario
