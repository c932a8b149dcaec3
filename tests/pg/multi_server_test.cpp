// Several stateless simpul-server processes in front of one PostgreSQL database (the deployment issue 8
// is for): desks sync through different processes in random order, all at the same time, and still
// converge with every op applied exactly once.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "../scenarios/changes.hpp"
#include "../scenarios/checks.hpp"
#include "../scenarios/harness.hpp"

namespace simpul::scenario {
namespace {

// Points the desk at another server process: the engine takes the URL from the replica before each request.
void route(Desk& desk, const std::string& url) {
  must(desk.db().db().exec("UPDATE device SET server_url = '" + url + "' WHERE singleton = 1"), "route " + desk.name());
}

TEST(MultiServer, DesksSyncingThroughThreeServerProcessesInRandomOrderConverge) {
  if (test::pg_cluster_url().empty()) GTEST_SKIP() << test::kPgSkipMessage;
  WorldOptions wo;
  wo.postgres = true;
  wo.participants = 150;
  World world(wo);
  // Two more processes on the same database, each with its own port and connection pool.
  std::vector<std::unique_ptr<ServerProcess>> more;
  for (int i = 0; i < 2; ++i) {
    more.push_back(std::make_unique<ServerProcess>(world.server_db(), world.dir().path(), 0, "server" + std::to_string(i + 2)));
    more.back()->start();
  }
  std::vector<std::string> urls = {world.direct_url()};
  for (const auto& p : more) urls.push_back("http://127.0.0.1:" + std::to_string(p->port()));

  auto& admin = world.admin();
  const auto hot = admin.query_texts("SELECT id FROM participants WHERE _deleted = 0 AND fktp = '" + world.facility() +
                                     "' ORDER BY id LIMIT 6");
  ChangeMaker maker(20261207, hot, admin.unregistered(8));
  for (int i = 0; i < 4; ++i) {
    DeskOptions d;
    d.through_proxy = false;
    if (i == 3) d.facility = world.other_facility();
    Desk& desk = world.add_desk("d" + std::to_string(i + 1), d);
    route(desk, urls[static_cast<std::size_t>(i) % urls.size()]);
    ASSERT_TRUE(desk.sync().ok()) << desk.name();
  }

  std::mt19937 rng(7);
  const ChangeMaker::Kind kinds[] = {ChangeMaker::Kind::register_known, ChangeMaker::Kind::register_unknown,
                                     ChangeMaker::Kind::edit_participant, ChangeMaker::Kind::edit_participant,
                                     ChangeMaker::Kind::queue_create,     ChangeMaker::Kind::queue_update,
                                     ChangeMaker::Kind::remove};
  std::map<std::string, std::set<std::size_t>> used;  // desk -> servers it synced through
  for (int round = 0; round < 6; ++round) {
    for (auto& desk : world.desks()) {
      for (int n = 0; n < 4; ++n) maker.make(*desk, kinds[rng() % std::size(kinds)]);
    }
    // Every desk at once, each through a randomly chosen process (a load balancer's choice).
    std::vector<std::thread> threads;
    std::vector<std::string> errors(world.desks().size());
    for (std::size_t i = 0; i < world.desks().size(); ++i) {
      const std::size_t server = rng() % urls.size();
      used[world.desks()[i]->name()].insert(server);
      route(*world.desks()[i], urls[server]);
      threads.emplace_back([&, i] {
        auto r = world.desks()[i]->sync();
        if (!r.ok()) errors[i] = r.error().message;
      });
    }
    for (auto& t : threads) t.join();
    for (std::size_t i = 0; i < errors.size(); ++i) EXPECT_EQ(errors[i], "") << world.desks()[i]->name();
  }
  // Everyone pulls what the others did (twice: a pull may bring a change another desk made meanwhile).
  for (int pass = 0; pass < 2; ++pass) {
    for (auto& desk : world.desks()) {
      route(*desk, urls[rng() % urls.size()]);
      ASSERT_TRUE(desk->sync().ok()) << desk->name();
    }
  }
  for (const auto& [name, servers] : used) EXPECT_GT(servers.size(), 1u) << name << " always used one server";
  // Digests equal to the server's (check_converged), exactly once, no duplicate people.
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
  for (const auto& p : more) EXPECT_TRUE(p->running()) << p->stderr_text();
}

}  // namespace
}  // namespace simpul::scenario
