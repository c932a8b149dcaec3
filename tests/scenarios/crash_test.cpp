// Processes die mid-sync: the server is SIGKILLed and restarted while a desk uploads and while another
// downloads its first copy; the desk's own sync process is SIGKILLed mid-upload and mid-download and
// started again. Nothing is lost, nothing is applied twice, and every replica ends equal to the server.
#include <gtest/gtest.h>

#include <thread>

#include "checks.hpp"
#include "simpul/sync/sync_state.hpp"

namespace simpul::scenario {
namespace {

using test::Direction;

std::int64_t count_state(Desk& desk, const std::string& states) {
  return desk.count("SELECT count(*) FROM outbox WHERE state IN (" + states + ")");
}

// Runs `attempt` on this thread while a watcher polls `ready` and SIGKILLs the server when it holds. Returns
// whether the watcher killed it.
template <class Attempt, class Ready>
bool kill_server_during(World& world, Attempt attempt, Ready ready) {
  std::atomic<bool> killed{false};
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    test::wait_until(
        [&] {
          if (finished) return true;
          if (!ready()) return false;
          world.server().kill();
          killed = true;
          return true;
        },
        60s, 5ms);
  });
  attempt();
  finished = true;
  watcher.join();
  return killed;
}

TEST(Crashes, ServerKilledMidUploadAndMidBootstrapThenRestarted) {
  World world;
  DeskOptions batches;
  batches.push_max_ops = 100;
  Desk& a = world.add_desk("a", batches);
  ASSERT_TRUE(a.sync().ok());
  a.upsert_all("queue_entry", queue_entries(world.facility(), "q-", 1000));

  // Mid-upload: ten requests on a slow uplink; the server dies after a few of them committed.
  world.proxy().set_bandwidth(Direction::upstream, 16 << 10);
  Result<sync::CycleReport> first = make_error(ErrorKind::transient, "not_run", "");
  const bool killed = kill_server_during(
      world, [&] { first = a.sync_once(); }, [&] { return world.admin().count_applied(a.device_id()) >= 300; });
  ASSERT_TRUE(killed) << "the upload finished before the server could be killed";
  EXPECT_FALSE(first.ok());
  const std::int64_t applied_before = world.admin().count_applied(a.device_id());
  EXPECT_LT(applied_before, 1000);
  world.proxy().clear_faults();
  world.server().start();
  auto rest = a.sync();
  ASSERT_TRUE(rest.ok()) << rest.error().message;
  // The restarted server applied exactly what the dead one had not; anything it had committed is a duplicate.
  EXPECT_EQ(world.ops_counted("applied"), 1000 - applied_before);
  EXPECT_EQ(world.admin().count_applied(a.device_id()), 1000);
  EXPECT_EQ(world.admin().query_int("SELECT count(*) FROM queue_entries WHERE id LIKE 'q-%'"), 1000);

  // Mid-bootstrap: a new desk downloads its first copy in small pages on a slow downlink.
  DeskOptions small;
  small.page_rows = 50;
  Desk& b = world.add_desk("b", small);
  world.proxy().set_bandwidth(Direction::downstream, 24 << 10);
  auto progress = [&] {
    auto replica = storage::Replica::open(b.path(), b.clock());
    if (!replica.ok()) return std::uint64_t{0};
    auto st = sync::load_sync_state((*replica)->db());
    return st.ok() && st->snapshot.active ? st->snapshot.rows_done : std::uint64_t{0};
  };
  Result<sync::CycleReport> boot = make_error(ErrorKind::transient, "not_run", "");
  ASSERT_TRUE(kill_server_during(world, [&] { boot = b.sync_once(); }, [&] { return progress() >= 200; }))
      << "the bootstrap finished before the server could be killed";
  EXPECT_FALSE(boot.ok());
  const std::uint64_t stored = progress();
  EXPECT_GE(stored, 200u);
  world.server().start();
  world.proxy().clear_faults();
  std::uint64_t resumed_from = 0;
  b.engine().set_listener([&](const sync::SyncStatus& st) {
    if (resumed_from == 0 && st.progress.rows_done > 0) resumed_from = st.progress.rows_done;
  });
  auto finished = b.sync();
  b.engine().set_listener(nullptr);
  ASSERT_TRUE(finished.ok()) << finished.error().message;
  EXPECT_GE(resumed_from, stored) << "the bootstrap started over";
  ASSERT_TRUE(a.sync().ok());
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

// The desk's sync process: scenario_sync_child on the desk's replica file.
test::Process start_child(Desk& desk, const std::string& log) {
  return test::Process(test::ProcessOptions{{SIMPUL_SCENARIO_CHILD_BIN, "--db", desk.path(), "--attempts", "20",
                                             "--push-max-ops", "100", "--page-rows", "25"},
                                            {},
                                            test::Output::to_file(log),
                                            test::Output::to_file(log + ".err"),
                                            {}});
}

TEST(Crashes, ClientProcessKilledMidUploadAndMidDownloadThenRestarted) {
  World world;
  Desk& a = world.add_desk("a");
  DeskOptions busy;
  busy.push_max_ops = 25;  // many small server transactions: many pages for A to download
  Desk& b = world.add_desk("b", busy);
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());
  a.upsert_all("queue_entry", queue_entries(world.facility(), "qa-", 1500));
  b.upsert_all("queue_entry", queue_entries(world.facility(), "qb-", 600));
  ASSERT_TRUE(b.sync().ok());

  // 1. SIGKILL while uploading over a slow uplink, after some requests were applied.
  world.proxy().set_bandwidth(Direction::upstream, 16 << 10);
  {
    test::Process child = start_child(a, world.dir().file("child-1.log").string());
    ASSERT_TRUE(test::wait_until([&] { return world.admin().count_applied(a.device_id()) >= 400 || !child.running(); },
                                 60s))
        << "the upload never got going";
    ASSERT_TRUE(child.running()) << "the child finished before it could be killed: "
                                 << test::read_file(world.dir().file("child-1.log"));
    child.kill(SIGKILL);
    ASSERT_TRUE(child.wait_for(10s).has_value());
  }
  const std::int64_t unconfirmed = count_state(a, "'pending', 'sent'");
  EXPECT_GT(unconfirmed, 0);
  EXPECT_LT(world.admin().count_applied(a.device_id()), 1500);

  // 2. Started again: it sends the rest (the batch in flight comes back "duplicate"), then downloads B's rows
  //    over a slow downlink and is SIGKILLed between pages.
  world.proxy().clear_faults();
  world.proxy().set_bandwidth(Direction::downstream, 12 << 10);
  const std::int64_t cursor_before = a.cursor();
  {
    test::Process child = start_child(a, world.dir().file("child-2.log").string());
    ASSERT_TRUE(test::wait_until(
        [&] { return (count_state(a, "'pending', 'sent'") == 0 && a.cursor() > cursor_before) || !child.running(); },
        60s));
    ASSERT_TRUE(child.running()) << "the child finished before it could be killed: "
                                 << test::read_file(world.dir().file("child-2.log"));
    child.kill(SIGKILL);
    ASSERT_TRUE(child.wait_for(10s).has_value());
  }
  EXPECT_EQ(world.admin().count_applied(a.device_id()), 1500);
  const std::int64_t stored = a.count("SELECT count(*) FROM queue_entries WHERE id LIKE 'qb-%'");
  EXPECT_LT(stored, 600) << "the download finished before the kill";
  EXPECT_EQ(stored % 25, 0) << "half a page was stored";

  // 3. Started again on a clean link: it completes.
  world.proxy().clear_faults();
  {
    test::Process child = start_child(a, world.dir().file("child-3.log").string());
    const auto status = child.wait_for(60s);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->code, 0) << test::read_file(world.dir().file("child-3.log"))
                               << test::read_file(world.dir().file("child-3.log.err"));
  }
  EXPECT_EQ(world.ops_counted("applied"), 1500 + 600) << "an op was applied twice (or not at all)";
  a.reopen();  // the in-process desk picks up what its other process did
  ASSERT_TRUE(b.sync().ok());
  EXPECT_EQ(a.count("SELECT count(*) FROM queue_entries"), b.count("SELECT count(*) FROM queue_entries"));
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

}  // namespace
}  // namespace simpul::scenario
