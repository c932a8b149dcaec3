// Registrations travel from the desk to the central server and back: the civil-registry check, and the same
// person registered on two offline desks, which must end as one participant (an alias, references re-pointed,
// a review record), never as two people and never silently.
#include <gtest/gtest.h>

#include "checks.hpp"
#include "simpul/sync/status.hpp"

namespace simpul::scenario {
namespace {

std::string text(const std::optional<Fields>& row, const std::string& field) {
  if (!row) return "<absent>";
  const auto it = row->find(field);
  return it == row->end() || it->is_null() ? "<null>" : it->dump();
}

TEST(Registrations, VerifiedAndRefusedRegistrationsComeBackWithTheirResults) {
  World world;
  Desk& a = world.add_desk("a");
  ASSERT_TRUE(a.sync().ok());
  const auto pool = world.admin().unregistered(2);
  ASSERT_EQ(pool.size(), 2u);
  a.upsert("participant", "p-known", registration(pool[0], world.facility(), "+6281211110001"));
  CivilPerson wrong = pool[1];
  wrong.name += " Salah";  // not as Dukcapil knows the name
  a.upsert("participant", "p-wrong", registration(wrong, world.facility(), "+6281211110002"));
  ASSERT_TRUE(a.sync().ok());
  const auto known = a.load("participant", "p-known");
  EXPECT_EQ(text(known, "verification"), "\"verified\"");
  EXPECT_EQ(text(known, "card_number").size(), 15u) << "a 13-digit card number, quoted";
  EXPECT_NE(text(known, "va_number"), "<null>");
  const auto refused = a.load("participant", "p-wrong");
  EXPECT_EQ(text(refused, "verification"), "\"rejected\"");
  EXPECT_NE(text(refused, "rejection_reason").find("name.mismatch"), std::string::npos);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(Registrations, TheSameNikOnTwoOfflineDesksEndsAsOneParticipantWithAnAliasAndAReview) {
  World world;
  Desk& a = world.add_desk("a");
  Desk& b = world.add_desk("b");
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());
  const CivilPerson person = world.admin().unregistered(1).at(0);
  // Both desks register her while offline; B also queues her under its own id and edits her phone.
  a.upsert("participant", "p-at-a", registration(person, world.facility(), "+6281233330001"));
  b.upsert("participant", "p-at-b", registration(person, world.facility(), "+6281233330002"));
  Fields entry = queue_entry(world.facility(), 7);
  entry["participant_id"] = "p-at-b";
  b.upsert("queue_entry", "q-b", entry);
  b.upsert("participant", "p-at-b", Fields{{"email", "sama.orang@example.id"}});

  ASSERT_TRUE(a.sync().ok());
  auto merged = b.sync();
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_GE(merged->push.merged, 1) << "B's registration was merged into A's";
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());

  // One person on the server: A's id is canonical, B's is an alias.
  EXPECT_EQ(world.admin().query_int("SELECT count(*) FROM participants WHERE _deleted = 0 AND nik = '" + person.nik +
                                    "'"),
            1);
  const auto aliases = world.admin().aliases();
  ASSERT_EQ(aliases.count("p-at-b"), 1u);
  EXPECT_EQ(aliases.at("p-at-b"), "p-at-a");
  EXPECT_EQ(world.admin().fields_of("queue_entry", "q-b").value("participant_id", ""), "p-at-a");
  EXPECT_EQ(world.admin().fields_of("participant", "p-at-a").value("email", ""), "sama.orang@example.id")
      << "B's later edit of its own id reached the canonical record";
  for (Desk* d : {&a, &b}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->count("SELECT count(*) FROM participants WHERE nik = '" + person.nik + "'"), 1);
    EXPECT_FALSE(d->load("participant", "p-at-b").has_value());
    EXPECT_EQ(text(d->load("queue_entry", "q-b"), "participant_id"), "\"p-at-a\"");
    bool review = false;
    for (const auto& c : must(sync::open_conflicts(d->db().db()), "conflicts")) {
      review = review || (c.field == "duplicate_registration" && c.entity_id == "p-at-a");
    }
    EXPECT_TRUE(review) << "no duplicate-registration record to review";
  }
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

}  // namespace
}  // namespace simpul::scenario
