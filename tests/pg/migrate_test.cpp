// simpul-server migrate-store: a pilot on SQLite moves to PostgreSQL, and its desks carry on.
#include <gtest/gtest.h>

#include "../scenarios/checks.hpp"
#include "../scenarios/harness.hpp"

namespace simpul::scenario {
namespace {

TEST(MigrateStore, DesksEnrolledOnSqliteContinueOnPostgresWithoutAResetAndWithEqualDigests) {
  if (test::pg_cluster_url().empty()) GTEST_SKIP() << test::kPgSkipMessage;
  WorldOptions wo;
  wo.postgres = false;  // the pilot's SQLite server
  World world(wo);
  Desk& a = world.add_desk("a");
  Desk& b = world.add_desk("b");
  DeskOptions other;
  other.facility = world.other_facility();
  Desk& g = world.add_desk("g", other);
  for (Desk* d : {&a, &b, &g}) ASSERT_TRUE(d->sync().ok()) << d->name();
  // Some history on SQLite: queue entries, an edit, a registration, a deletion, a compaction floor.
  a.upsert_all("queue_entry", queue_entries(world.facility(), "qa-", 30));
  const auto people = world.admin().query_texts("SELECT id FROM participants WHERE _deleted = 0 AND fktp = '" +
                                                world.facility() + "' ORDER BY id LIMIT 2");
  ASSERT_EQ(people.size(), 2u);
  b.upsert("participant", people[0], Fields{{"phone", "+6281234500001"}});
  const auto person = world.admin().unregistered(1).at(0);
  b.upsert("participant", "p-migrate-1", registration(person, world.facility(), "+6281234500002"));
  for (Desk* d : {&a, &b, &g}) ASSERT_TRUE(d->sync().ok()) << d->name();
  a.remove("queue_entry", "qa-3");
  ASSERT_TRUE(a.sync().ok());
  for (Desk* d : {&a, &b, &g}) ASSERT_TRUE(d->sync().ok()) << d->name();
  const std::string sqlite_db = world.server_db();
  const std::int64_t last_tx_before = world.admin().query_int("SELECT value FROM server_meta WHERE key = 'last_tx'");
  const std::int64_t applied_before = world.admin().query_int("SELECT count(*) FROM applied_ops");
  std::map<std::string, std::string> digests_before;
  for (Desk* d : {&a, &g}) digests_before[d->facility()] = world.admin().digest(d->facility());
  std::map<std::string, std::int64_t> cursors;
  for (Desk* d : {&a, &b, &g}) cursors[d->name()] = d->cursor();

  // The operator stops the server, migrates, and starts servers on PostgreSQL (same address).
  test::PgDatabase pg;
  world.server().kill();
  const std::string out = run_tool({SIMPUL_SERVER_BIN, "migrate-store", "--from", "sqlite:" + sqlite_db, "--to", pg.url()});
  EXPECT_NE(out.find("migrated"), std::string::npos) << out;
  world.move_server_to(pg.url());
  EXPECT_EQ(world.admin().query_int("SELECT value FROM server_meta WHERE key = 'last_tx'"), last_tx_before);
  EXPECT_EQ(world.admin().query_int("SELECT count(*) FROM applied_ops"), applied_before);
  for (const auto& [facility, digest] : digests_before) EXPECT_EQ(world.admin().digest(facility), digest) << facility;

  // The desks carry on: nothing to pull yet, then new work both ways. No reset (cursors only move forward).
  for (Desk* d : {&a, &b, &g}) {
    ASSERT_TRUE(d->sync().ok()) << d->name();
    EXPECT_EQ(d->cursor(), cursors[d->name()]) << d->name() << ": nothing changed on the server";
  }
  a.upsert_all("queue_entry", queue_entries(world.facility(), "qpg-", 10));
  b.upsert("participant", people[1], Fields{{"phone", "+6281234500003"}});
  b.upsert("participant", "p-migrate-1", Fields{{"phone", "+6281234500004"}});
  for (Desk* d : {&a, &b, &g, &a, &b}) ASSERT_TRUE(d->sync().ok()) << d->name();
  for (Desk* d : {&a, &b, &g}) EXPECT_GT(d->cursor(), last_tx_before - 1) << d->name();
  EXPECT_GT(a.cursor(), last_tx_before);
  EXPECT_EQ(world.admin().query_int("SELECT count(*) FROM queue_entries WHERE id LIKE 'qpg-%'"), 10);
  // Devices, their tokens and the applied-op keys came along: a new enrollment is not needed, and the
  // replay of an old op is answered from the record (exactly once across the move).
  EXPECT_EQ(world.admin().query_int("SELECT count(*) FROM devices"), 3);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();

  // A second migration into a database that now holds data is refused.
  EXPECT_THROW(run_tool({SIMPUL_SERVER_BIN, "migrate-store", "--from", "sqlite:" + sqlite_db, "--to", pg.url()}),
               std::runtime_error);
}

}  // namespace
}  // namespace simpul::scenario
