// The link between a desk and the server fails: an upload cut half way, an answer lost after the server
// committed, a download cut before the page and its cursor were stored, and a slow link that drops during
// the first download. Each ends with nothing lost, nothing applied twice, and the replica equal to the
// server's scope.
#include <gtest/gtest.h>

#include <thread>

#include "checks.hpp"
#include "simpul/sync/sync_state.hpp"
#include "simpul/sync/wire.hpp"

namespace simpul::scenario {
namespace {

using test::Direction;

// The compressed body of a push of these ops, as SyncClient sends it.
std::size_t push_body_size(Desk& desk, const std::vector<storage::OutboxOp>& ops) {
  sync::PushRequest request;
  request.client_time_ms = desk.clock().now_ms();
  for (const auto& op : ops) {
    request.ops.push_back(sync::WireOp{op.seq, op.op_id, op.entity, op.entity_id, op.kind, op.fields, op.hlc,
                                       op.user_id, desk.cursor()});
  }
  return sync::encode(request).size();
}

std::int64_t count_state(Desk& desk, const std::string& state) {
  return desk.count("SELECT count(*) FROM outbox WHERE state = '" + state + "'");
}

TEST(LinkFaults, TwoDesksConvergeThroughTheProxy) {
  World world;
  Desk& a = world.add_desk("a");
  Desk& b = world.add_desk("b");
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());
  a.upsert_all("queue_entry", queue_entries(world.facility(), "qa-", 5));
  const auto someone = b.texts("SELECT id FROM participants ORDER BY id LIMIT 1");
  ASSERT_FALSE(someone.empty());
  b.upsert("participant", someone[0], Fields{{"phone", "+6281355550000"}});
  for (Desk* d : {&a, &b, &a}) ASSERT_TRUE(d->sync().ok());
  EXPECT_EQ(b.count("SELECT count(*) FROM queue_entries WHERE id LIKE 'qa-%'"), 5);
  EXPECT_EQ(a.load("participant", someone[0])->value("phone", ""), "+6281355550000");
  EXPECT_TRUE(a.engine().status().synced());
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(LinkFaults, UploadCutMidRequestIsResentWithoutLossOrDuplicates) {
  World world;
  DeskOptions o;
  o.push_max_ops = 500;
  o.ambiguous_retries = 0;  // look at what one cut leaves behind before the desk tries again
  Desk& a = world.add_desk("a", o);
  ASSERT_TRUE(a.sync().ok());
  a.upsert_all("queue_entry", queue_entries(world.facility(), "q-", 1500));
  const auto ops = a.outbox();
  ASSERT_EQ(ops.size(), 1500u);
  const std::size_t first = push_body_size(a, {ops.begin(), ops.begin() + 500});
  const std::size_t second = push_body_size(a, {ops.begin() + 500, ops.begin() + 1000});

  // 1. The link drops half way through the first request, on a fresh connection: the attempt fails and the
  //    server applies nothing of a request it never received whole.
  world.proxy().reset_connections();
  ASSERT_TRUE(test::wait_until([&] { return world.proxy().stats().connections_open == 0; }, 5s));
  const auto fired = world.proxy().stats().faults_fired;
  world.proxy().cut_after(Direction::upstream, first / 2, test::Scope::lifetime);
  auto cut = a.sync_once();
  ASSERT_FALSE(cut.ok()) << "the cut did not hit the upload";
  EXPECT_EQ(world.proxy().stats().faults_fired, fired + 1);
  EXPECT_EQ(world.admin().count_applied(a.device_id()), 0) << "an incomplete request was applied";
  EXPECT_EQ(count_state(a, "sent"), 500) << "the cut request stays 'sent' until it is answered";
  EXPECT_EQ(count_state(a, "pending"), 1000);

  // 2. Next attempt: this time the second request is cut half way, on a connection libcurl had reused, so
  //    libcurl itself sends it again on a new one. Either way each op is applied once.
  const std::size_t headers = 400;  // about, per request
  world.proxy().cut_after(Direction::upstream, first + headers + second / 2, test::Scope::lifetime);
  auto done = a.sync();
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(world.proxy().stats().faults_fired, fired + 2) << "the second cut did not fire";
  EXPECT_EQ(done->push.applied, 1500);
  EXPECT_EQ(done->push.duplicate, 0) << "an incomplete request was applied";
  EXPECT_EQ(world.ops_counted("applied"), 1500);
  EXPECT_EQ(world.ops_counted("duplicate"), 0);
  EXPECT_EQ(world.admin().query_int("SELECT count(*) FROM queue_entries WHERE id LIKE 'q-%'"), 1500);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(LinkFaults, AnswerLostAfterTheServerCommittedIsAnsweredDuplicateOnResend) {
  World world;
  Desk& a = world.add_desk("a");
  ASSERT_TRUE(a.sync().ok());
  a.upsert_all("queue_entry", queue_entries(world.facility(), "q-", 50));
  const auto people = a.texts("SELECT id FROM participants ORDER BY id LIMIT 10");
  for (std::size_t i = 0; i < people.size(); ++i) {
    a.upsert("participant", people[i], Fields{{"email", "lost-answer-" + std::to_string(i) + "@example.id"}});
  }
  const auto sent = static_cast<std::int64_t>(a.outbox().size());
  // The push goes out on a fresh connection that is cut at the first byte of the server's answer.
  world.proxy().reset_connections();
  ASSERT_TRUE(test::wait_until([&] { return world.proxy().stats().connections_open == 0; }, 5s));
  world.proxy().plan_connection(test::Trip{Direction::downstream, 0, test::Action::close});

  auto r = a.sync_once();  // the ambiguous failure is resent at once, inside the same attempt
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(world.proxy().pending_plans(), 0u);
  EXPECT_GE(world.proxy().stats().faults_fired, 1u);
  EXPECT_EQ(r->push.duplicate, sent) << "the resend must find every op already applied";
  EXPECT_EQ(r->push.applied, 0);
  EXPECT_EQ(world.ops_counted("applied") + world.ops_counted("merged"), sent) << "applied once";
  EXPECT_EQ(world.ops_counted("duplicate"), sent);
  for (const auto& [seq, op] : world.admin().applied_ops(a.device_id())) {
    EXPECT_NE(op.verdict, sync::Verdict::rejected) << "seq " << seq << ": " << op.reason;
  }
  EXPECT_EQ(count_state(a, "confirmed"), sent);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(LinkFaults, DownloadCutBeforeThePageAndCursorAreStoredRepeatsThePage) {
  World world;
  DeskOptions small;
  small.page_rows = 25;
  small.ambiguous_retries = 0;  // look at what one cut leaves behind before the desk tries again
  Desk& a = world.add_desk("a", small);
  DeskOptions busy;
  busy.push_max_ops = 25;  // one server transaction per 25 rows, so that pages can end between them
  Desk& b = world.add_desk("b", busy);
  ASSERT_TRUE(a.sync().ok());
  ASSERT_TRUE(b.sync().ok());
  b.upsert_all("queue_entry", queue_entries(world.facility(), "qb-", 300));
  ASSERT_TRUE(b.sync().ok());
  const std::int64_t before = a.cursor();
  const std::int64_t rows_before = a.count("SELECT count(*) FROM queue_entries");

  // About twelve pages wait for A; the link dies in the middle of one of them.
  const auto at = world.proxy().stats().bytes_downstream;
  world.proxy().cut_after(Direction::downstream, 6000, test::Scope::lifetime, test::Action::reset);
  auto cut = a.sync_once();
  ASSERT_FALSE(cut.ok()) << "the cut did not hit the download";
  EXPECT_GT(world.proxy().stats().bytes_downstream, at);
  const std::int64_t stored = a.cursor();
  const std::int64_t rows_stored = a.count("SELECT count(*) FROM queue_entries");
  EXPECT_GT(rows_stored, rows_before) << "pages before the cut are kept";
  EXPECT_LT(rows_stored, rows_before + 300) << "the cut page was not stored";
  EXPECT_GE(stored, before);
  // Whole pages only: a page's rows are all there with their cursor, or none is.
  EXPECT_EQ((rows_stored - rows_before) % 25, 0) << "half a page was applied";

  auto done = a.sync();
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(a.count("SELECT count(*) FROM queue_entries"), rows_before + 300);
  EXPECT_GT(a.cursor(), stored);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(LinkFaults, SlowLinkBootstrapResumesAfterACutWithoutStartingOver) {
  World world;
  // How many bytes a whole first download takes on a clean link.
  Desk& reference = world.add_desk("reference");
  const auto b0 = world.proxy().stats().bytes_downstream;
  ASSERT_TRUE(reference.sync().ok());
  const auto full = world.proxy().stats().bytes_downstream - b0;
  const auto rows_total = must(sync::load_sync_state(reference.db().db()), "state").snapshot.rows_total;
  ASSERT_GT(rows_total, 100u);

  // A village link: 20 ms each way and 24 KiB/s down. Half way through, it drops.
  world.proxy().set_latency(Direction::upstream, 20ms);
  world.proxy().set_latency(Direction::downstream, 20ms);
  world.proxy().set_bandwidth(Direction::downstream, 24 << 10);
  DeskOptions slow;
  slow.ambiguous_retries = 0;  // the drop ends this attempt; the next one resumes
  Desk& s = world.add_desk("slow", slow);
  const auto b1 = world.proxy().stats().bytes_downstream;
  std::atomic<bool> cut{false};
  std::atomic<std::uint64_t> done_at_cut{0};
  std::thread watcher([&] {
    // Its own connection to the desk's replica: the desk's UI reading progress while the engine works.
    auto replica = storage::Replica::open(s.path(), s.clock());
    if (!replica.ok()) return;
    test::wait_until(
        [&] {
          auto st = sync::load_sync_state((*replica)->db());
          if (!st.ok() || !st->snapshot.active || st->snapshot.rows_done < rows_total / 2) return false;
          done_at_cut = st->snapshot.rows_done;
          world.proxy().set_down(true);  // the link drops (and stays down until the test brings it back)
          cut = true;
          return true;
        },
        60s, 20ms);
  });
  auto first = s.sync_once();
  watcher.join();
  ASSERT_TRUE(cut.load()) << "the bootstrap finished before the link could drop";
  ASSERT_FALSE(first.ok());
  const auto before_cut = world.proxy().stats().bytes_downstream - b1;
  world.proxy().set_down(false);

  std::uint64_t resumed_from = 0;
  s.engine().set_listener([&](const sync::SyncStatus& st) {
    if (resumed_from == 0 && st.phase == sync::Phase::bootstrapping && st.progress.rows_done > 0) {
      resumed_from = st.progress.rows_done;
    }
  });
  const auto b2 = world.proxy().stats().bytes_downstream;
  auto resumed = s.sync();
  s.engine().set_listener(nullptr);
  ASSERT_TRUE(resumed.ok()) << resumed.error().message;
  const auto after_cut = world.proxy().stats().bytes_downstream - b2;
  EXPECT_GE(resumed_from, done_at_cut.load()) << "the progress went back";
  EXPECT_LT(after_cut, full) << "the resumed download fetched as much as a whole bootstrap";
  EXPECT_LT(after_cut, full - before_cut / 2) << "the resumed download repeated much of what was already stored";
  EXPECT_TRUE(must(sync::load_sync_state(s.db().db()), "state").bootstrap_done);
  world.proxy().clear_faults();
  ASSERT_TRUE(reference.sync().ok());  // it has not heard of the second desk's enrollment yet
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

}  // namespace
}  // namespace simpul::scenario
