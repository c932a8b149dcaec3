// Scope: a participant whose FKTP moves to another facility leaves the first facility's replicas, with the
// rows that belong to them; an edit the first facility made meanwhile is refused with a reason, not lost
// silently.
#include <gtest/gtest.h>

#include "checks.hpp"
#include "simpul/sync/status.hpp"

namespace simpul::scenario {
namespace {

TEST(Scope, AParticipantMovedToAnotherFacilityLeavesTheFirstFacilitysReplicas) {
  World world;
  Desk& a = world.add_desk("a");
  DeskOptions other;
  other.facility = world.other_facility();
  Desk& g = world.add_desk("g", other);
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(g.sync().ok());
  // Someone of A's facility, alone on their family card, whom no desk of it has written.
  const auto found = world.admin().query_texts(
      "SELECT p.id FROM participants p WHERE p._deleted = 0 AND p.fktp = '" + world.facility() +
      "' AND (SELECT count(*) FROM participants q WHERE q.kk_number = p.kk_number) = 1"
      " AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.participant_id = p.id) ORDER BY p.id LIMIT 1");
  ASSERT_FALSE(found.empty());
  const std::string who = found[0];
  ASSERT_TRUE(a.load("participant", who).has_value());
  ASSERT_FALSE(g.load("participant", who).has_value());
  const std::int64_t theirs = a.count("SELECT count(*) FROM bills WHERE participant_id = '" + who + "'") +
                              a.count("SELECT count(*) FROM kk_history WHERE participant_id = '" + who + "'");
  EXPECT_GT(theirs, 0) << "pick someone with rows of their own";

  // They turn up at G's puskesmas: queued there, and their FKTP moved to G.
  Fields entry = queue_entry(other.facility, 1);
  entry["participant_id"] = who;
  g.upsert("queue_entry", "q-g", entry);
  ASSERT_TRUE(g.sync().ok());
  ASSERT_TRUE(g.load("participant", who).has_value()) << "queueing them brought them into G's scope";
  g.upsert("participant", who, Fields{{"fktp", other.facility}, {"fktp_changed_on", "2026-02-01"}});
  ASSERT_TRUE(g.sync().ok());

  // A had not heard of the move and edited their phone.
  a.upsert("participant", who, Fields{{"phone", "+6281266660000"}});
  auto r = a.sync();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GE(r->pull.leaves, 1u);
  EXPECT_FALSE(a.load("participant", who).has_value()) << "the participant stayed on the old facility's replica";
  EXPECT_EQ(a.count("SELECT count(*) FROM bills WHERE participant_id = '" + who + "'") +
                a.count("SELECT count(*) FROM kk_history WHERE participant_id = '" + who + "'"),
            0)
      << "their rows stayed behind";
  ASSERT_EQ(r->push.newly_rejected.size(), 1u) << "the edit of someone no longer in scope must be refused";
  EXPECT_NE(r->push.newly_rejected[0].reason.find("scope.out_of_scope"), std::string::npos)
      << r->push.newly_rejected[0].reason;
  EXPECT_EQ(a.engine().status().rejected_ops, 1);
  ASSERT_TRUE(g.sync().ok());
  EXPECT_EQ(g.load("participant", who)->value("fktp", ""), other.facility);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

}  // namespace
}  // namespace simpul::scenario
