// Scope: a family whose FKTP moves to another facility leaves the first facility's replicas, with the
// rows that belong to them; an edit the first facility made meanwhile is refused with a reason, not lost
// silently.
#include <gtest/gtest.h>

#include "checks.hpp"
#include "simpul/sync/status.hpp"

namespace simpul::scenario {
namespace {

TEST(Scope, AFamilyMovedToAnotherFacilityLeavesTheFirstFacilitysReplicas) {
  World world;
  Desk& a = world.add_desk("a");
  DeskOptions other;
  other.facility = world.other_facility();
  Desk& g = world.add_desk("g", other);
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(g.sync().ok());
  // A family of A's facility (every member's FKTP is A's) whom no desk has written: families move together,
  // and a member left behind would keep the others in A's scope as family.
  const auto found = world.admin().query_texts(
      "SELECT p.kk_number FROM participants p WHERE p._deleted = 0 GROUP BY p.kk_number"
      " HAVING count(*) = sum(CASE WHEN p.fktp = '" + world.facility() + "' THEN 1 ELSE 0 END)"
      " AND sum(CASE WHEN EXISTS (SELECT 1 FROM touches t WHERE t.participant_id = p.id) THEN 1 ELSE 0 END) = 0"
      " AND sum(CASE WHEN EXISTS (SELECT 1 FROM row_scope s WHERE s.facility = '" + other.facility +
      "' AND s.id = p.id) THEN 1 ELSE 0 END) = 0"
      " ORDER BY p.kk_number LIMIT 1");
  ASSERT_FALSE(found.empty());
  const auto family = world.admin().query_texts("SELECT id FROM participants WHERE _deleted = 0 AND kk_number = '" +
                                                found[0] + "' ORDER BY id");
  ASSERT_FALSE(family.empty());
  const std::string who = family[0];
  auto rows_of_family = [&](Desk& d) {
    std::int64_t n = 0;
    for (const auto& id : family) {
      n += d.count("SELECT count(*) FROM bills WHERE participant_id = '" + id + "'") +
           d.count("SELECT count(*) FROM kk_history WHERE participant_id = '" + id + "'");
    }
    return n;
  };
  for (const auto& id : family) {
    ASSERT_TRUE(a.load("participant", id).has_value()) << id;
    ASSERT_FALSE(g.load("participant", id).has_value()) << id;
  }
  EXPECT_GT(rows_of_family(a), 0) << "pick a family with rows of their own";

  // They turn up at G's puskesmas: one of them queued there, and the family's FKTP moved to G.
  Fields entry = queue_entry(other.facility, 1);
  entry["participant_id"] = who;
  g.upsert("queue_entry", "q-g", entry);
  ASSERT_TRUE(g.sync().ok());
  ASSERT_TRUE(g.load("participant", who).has_value()) << "queueing them brought them into G's scope";
  for (const auto& id : family) {
    ASSERT_TRUE(g.load("participant", id).has_value()) << "the family came with them: " << id;
    g.upsert("participant", id, Fields{{"fktp", other.facility}, {"fktp_changed_on", "2026-02-01"}});
  }
  ASSERT_TRUE(g.sync().ok());

  // A had not heard of the move and edited their phone.
  a.upsert("participant", who, Fields{{"phone", "+6281266660000"}});
  auto r = a.sync();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GE(r->pull.leaves, family.size());
  for (const auto& id : family) {
    EXPECT_FALSE(a.load("participant", id).has_value()) << "stayed on the old facility's replica: " << id;
  }
  EXPECT_EQ(rows_of_family(a), 0) << "their rows stayed behind";
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
