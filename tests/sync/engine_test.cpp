// The engine's decisions, driven synchronously on a manual clock (run_due / run_cycle), plus the worker
// thread's start/stop. No real sleeps: the few threaded tests wait with bounded polls.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "simpul/sync/status.hpp"
#include "simpul/sync/sync_state.hpp"
#include "support/process.hpp"
#include "sync_fixture.hpp"

using namespace std::chrono_literals;
using namespace simpul;
using namespace simpul::sync;
using namespace simpul::test;
using storage::Fields;

class EngineTest : public SyncFixture {
 protected:
  // Moves the manual clock to the engine's next due time and runs what is due.
  StepOutcome advance_and_run(Desk& d) {
    const auto due = d.engine->next_due_ms();
    EXPECT_TRUE(due.has_value());
    if (due && *due > clock.steady_ms()) clock.advance_ms(*due - clock.steady_ms());
    return d.engine->run_due();
  }
};

TEST_F(EngineTest, AmbiguousFailureIsResentAtOnceAndNothingIsDuplicated) {
  Desk d = make_desk("a");
  for (int i = 1; i <= 3; ++i) {
    write(*d.ui, "participant", "p-" + std::to_string(i), person("320410450690000" + std::to_string(i), "W"));
  }
  // The server commits the push, then the connection dies before the answer arrives.
  d.transport->add_fault(FakeTransport::Fault{FakeTransport::Fault::When::after, NetFailure::empty_reply, "/v1/push"});
  auto r = d.engine->run_cycle();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(d.transport->calls("/v1/push"), 2) << "resent once, at once";
  EXPECT_EQ(r->push.duplicate, 3);
  EXPECT_EQ(server.applied_ops(), 3) << "an op was applied twice";
  EXPECT_EQ(server.row_count("participant"), 3u);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM outbox"), 3) << "the outbox grew";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM outbox WHERE state = 'confirmed'"), 3);
  EXPECT_TRUE(d.engine->status().synced());
  EXPECT_EQ(digest(*d.ui), server.digest());
}

TEST_F(EngineTest, OfflineBacksOffWithFullJitterAndProbesBeforeEachRetry) {
  Desk d = make_desk("a");
  write(*d.ui, "participant", "p-1", person("3204104506900001", "Siti"));
  d.transport->set_down(true);
  auto first = d.engine->run_due();  // the engine syncs once at start
  EXPECT_EQ(first.kind, StepKind::cycle);
  EXPECT_FALSE(first.ok);
  EXPECT_EQ(first.error, "net.connect");
  auto s = d.engine->status();
  EXPECT_EQ(s.phase, Phase::backing_off);
  EXPECT_EQ(s.online, Online::offline);
  ASSERT_TRUE(s.next_attempt_at_ms.has_value());
  EXPECT_FALSE(s.synced());

  std::int64_t ceiling = 1000;
  for (int failure = 2; failure <= 14; ++failure) {
    const std::int64_t before = clock.steady_ms();
    const auto due = d.engine->next_due_ms();
    ASSERT_TRUE(due.has_value());
    EXPECT_GE(*due, before);
    EXPECT_LE(*due - before, ceiling) << "failure " << failure;
    // Nothing happens before the due time, whatever the desk does meanwhile.
    d.engine->notify_local_change();
    if (*due > before) {
      EXPECT_EQ(d.engine->run_due().kind, StepKind::nothing);
    }
    const int calls = d.transport->calls();
    auto step = advance_and_run(d);
    EXPECT_EQ(step.kind, StepKind::probe) << "offline: a cheap probe, not a full push";
    EXPECT_EQ(d.transport->calls(), calls + 1) << "one request per backoff step";
    ceiling = std::min<std::int64_t>(ceiling * 2, 300'000);
  }
  EXPECT_EQ(d.transport->calls("/v1/push"), 1);
  EXPECT_EQ(d.transport->calls("/healthz"), 13);
  EXPECT_LE(*d.engine->next_due_ms() - clock.steady_ms(), 300'000) << "capped at five minutes";

  // The link returns: the next probe sees the server and the cycle runs right away.
  d.transport->set_down(false);
  auto back = advance_and_run(d);
  EXPECT_EQ(back.kind, StepKind::cycle);
  EXPECT_TRUE(back.ok) << back.error;
  s = d.engine->status();
  EXPECT_EQ(s.online, Online::online);
  EXPECT_EQ(s.phase, Phase::idle);
  EXPECT_TRUE(s.synced());
  EXPECT_EQ(d.engine->backoff().failures(), 0);
  EXPECT_EQ(*d.engine->next_due_ms() - clock.steady_ms(), 5 * 60 * 1000) << "back to the periodic schedule";
}

TEST_F(EngineTest, SyncNowOverridesTheBackoffButLocalChangesDoNot) {
  Desk d = make_desk("a");
  d.transport->set_down(true);
  (void)d.engine->run_due();
  for (int i = 0; i < 6; ++i) (void)advance_and_run(d);  // deep into the backoff
  const int calls = d.transport->calls();
  d.engine->notify_local_change();
  EXPECT_EQ(d.engine->run_due().kind, StepKind::nothing);
  d.engine->sync_now();
  auto now = d.engine->run_due();
  EXPECT_EQ(now.kind, StepKind::cycle) << "the user asked: a full attempt, no probe";
  EXPECT_EQ(d.transport->calls(), calls + 1);
}

TEST_F(EngineTest, RevokedDeviceStopsTheLoopWithoutARetryStorm) {
  Desk d = make_desk("a");
  server.revoked = true;
  auto step = d.engine->run_due();
  EXPECT_FALSE(step.ok);
  EXPECT_EQ(step.error, "device_revoked");
  auto s = d.engine->status();
  EXPECT_EQ(s.phase, Phase::revoked);
  EXPECT_FALSE(s.synced());
  EXPECT_FALSE(d.engine->next_due_ms().has_value()) << "nothing is scheduled";
  const int calls = d.transport->calls();
  for (int i = 0; i < 50; ++i) {
    clock.advance_ms(3'600'000);
    d.engine->notify_local_change();
    EXPECT_EQ(d.engine->run_due().kind, StepKind::nothing);
  }
  EXPECT_EQ(d.transport->calls(), calls) << "a revoked device kept calling";
  // The persisted status says so, for simpulctl status.
  auto persisted = read_status(d.ui->db());
  EXPECT_EQ(persisted->phase, Phase::revoked);
  EXPECT_NE(persisted->last_error.find("revoked"), std::string::npos);
  // Asking explicitly tries exactly once more.
  d.engine->sync_now();
  EXPECT_EQ(d.engine->run_due().kind, StepKind::cycle);
  EXPECT_EQ(d.transport->calls(), calls + 1);
  EXPECT_EQ(d.engine->run_due().kind, StepKind::nothing);
}

TEST_F(EngineTest, ProtocolMismatchSaysUpdateAndStops) {
  Desk d = make_desk("a");
  server.incompatible = true;
  auto step = d.engine->run_due();
  EXPECT_EQ(step.error, "protocol_mismatch");
  auto s = d.engine->status();
  EXPECT_EQ(s.phase, Phase::incompatible);
  EXPECT_NE(s.last_error.find("update Simpul"), std::string::npos);
  const int calls = d.transport->calls();
  for (int i = 0; i < 50; ++i) {
    clock.advance_ms(600'000);
    EXPECT_EQ(d.engine->run_due().kind, StepKind::nothing);
  }
  EXPECT_EQ(d.transport->calls(), calls);
  EXPECT_EQ(read_status(d.ui->db())->phase, Phase::incompatible);
}

TEST_F(EngineTest, ServerErrorsBackOffWhileOnlineAndRecover) {
  Desk d = make_desk("a");
  server.fail_next_with_503 = 2;
  auto a = d.engine->run_due();
  EXPECT_EQ(a.error, "unavailable");
  EXPECT_EQ(d.engine->status().phase, Phase::backing_off);
  EXPECT_EQ(d.engine->status().online, Online::online) << "the server answered";
  auto b = advance_and_run(d);
  EXPECT_EQ(b.kind, StepKind::cycle) << "no probe needed: the server is reachable";
  EXPECT_FALSE(b.ok);
  auto c = advance_and_run(d);
  EXPECT_TRUE(c.ok) << c.error;
  EXPECT_TRUE(d.engine->status().synced());
}

TEST_F(EngineTest, SyncedIsShownOnlyWhenItIsTrue) {
  Desk d = make_desk("a");
  EXPECT_FALSE(d.engine->status().synced()) << "never synced";
  ASSERT_TRUE(d.engine->run_cycle().ok());
  auto s = d.engine->status();
  EXPECT_TRUE(s.synced());
  ASSERT_TRUE(s.last_sync_at_ms.has_value());
  const std::int64_t synced_at = *s.last_sync_at_ms;
  EXPECT_TRUE(read_status(d.ui->db())->synced()) << "the persisted status agrees";

  // A local change: not synced from that instant, before the worker even recounts.
  write(*d.ui, "participant", "p-1", person("3204104506900001", "Siti"));
  d.engine->notify_local_change();
  EXPECT_FALSE(d.engine->status().synced());
  EXPECT_FALSE(read_status(d.ui->db())->synced());

  // A cycle that fails half way (push went through, pull did not): nothing pending, still not synced.
  clock.advance_ms(10'000);
  d.transport->add_fault(FakeTransport::Fault{FakeTransport::Fault::When::before, NetFailure::connect, "/v1/pull"});
  EXPECT_FALSE(d.engine->run_cycle().ok());
  s = d.engine->status();
  EXPECT_EQ(s.pending_ops, 0);
  EXPECT_FALSE(s.synced());
  EXPECT_EQ(*s.last_sync_at_ms, synced_at) << "last sync time moved without a complete exchange";
  EXPECT_FALSE(read_status(d.ui->db())->synced());
  EXPECT_EQ(*read_status(d.ui->db())->last_sync_at_ms, synced_at);

  // A rejected op is not on the server: not synced until someone deals with it.
  server.reject_if = [](const WireOp& op) -> std::optional<std::string> {
    if (op.entity_id == "p-2") return std::string("nik.duplicate_in_registry: NIK belongs to someone else");
    return std::nullopt;
  };
  write(*d.ui, "participant", "p-2", person("3204104506900002", "Budi"));
  ASSERT_TRUE(d.engine->run_cycle().ok());
  s = d.engine->status();
  EXPECT_EQ(s.pending_ops, 0);
  EXPECT_EQ(s.rejected_ops, 1);
  ASSERT_EQ(s.rejected.size(), 1u);
  EXPECT_NE(s.rejected[0].reason.find("nik.duplicate_in_registry"), std::string::npos);
  EXPECT_TRUE(s.last_cycle_complete);
  EXPECT_FALSE(s.synced());
  EXPECT_TRUE(s.needs_attention());
}

TEST_F(EngineTest, LocalChangesAreDebouncedButNotPostponedForever) {
  Desk d = make_desk("a");
  ASSERT_TRUE(d.engine->run_cycle().ok());
  EXPECT_EQ(*d.engine->next_due_ms() - clock.steady_ms(), 300'000);
  const std::int64_t first = clock.steady_ms();
  d.engine->notify_local_change();
  EXPECT_EQ(*d.engine->next_due_ms(), first + 2000);
  // A desk that keeps typing every 1.5 s still syncs within 15 s of the first change.
  for (int i = 0; i < 20; ++i) {
    clock.advance_ms(1500);
    if (clock.steady_ms() >= *d.engine->next_due_ms()) break;
    d.engine->notify_local_change();
  }
  EXPECT_LE(*d.engine->next_due_ms(), first + 15'000);
  auto step = advance_and_run(d);
  EXPECT_EQ(step.kind, StepKind::cycle);
}

TEST_F(EngineTest, NotEnrolledDoesNothingUntilEnrolled) {
  Desk d = make_desk("a", default_options(), /*enroll=*/false);
  auto step = d.engine->run_due();
  EXPECT_FALSE(step.ok);
  EXPECT_EQ(d.engine->status().phase, Phase::not_enrolled);
  EXPECT_EQ(d.transport->calls(), 0);
  EXPECT_FALSE(d.engine->next_due_ms().has_value());
  ASSERT_TRUE(client_for(d).enroll("http://fake", "0114U163", server.enroll_code).ok());
  d.engine->sync_now();
  EXPECT_TRUE(d.engine->run_due().ok);
  EXPECT_TRUE(d.engine->status().synced());
}

TEST_F(EngineTest, DigestIsCheckedWhenDueAndNothingIsPending) {
  Desk d = make_desk("a");
  ASSERT_TRUE(d.engine->run_cycle().ok());
  EXPECT_EQ(server.calls("/v1/digest"), 1) << "first complete exchange verifies the replica";
  ASSERT_TRUE(d.engine->run_cycle().ok());
  EXPECT_EQ(server.calls("/v1/digest"), 1);
  clock.advance_ms(6 * 3'600'000);
  server.corrupt("facility", "F1", Fields{{"type", "puskesmas"}, {"name", "Lost in the log"}});
  ASSERT_TRUE(d.engine->run_cycle().ok());
  EXPECT_EQ(server.calls("/v1/digest"), 2);
  EXPECT_EQ(text(*d.ui, "SELECT name FROM facilities WHERE id = 'F1'"), "Lost in the log") << "repaired";
  EXPECT_EQ(digest(*d.ui), server.digest());
}

TEST_F(EngineTest, ListenerSeesBootstrapProgressThenIdle) {
  for (int i = 0; i < 12; ++i) {
    server.put("facility", "F" + std::to_string(10 + i), Fields{{"type", "puskesmas"}, {"name", "F"}});
  }
  EngineOptions options = default_options();
  options.client.pull_max_rows = 5;
  Desk d = make_desk("a", options);
  std::vector<SyncStatus> seen;
  d.engine->set_listener([&](const SyncStatus& s) { seen.push_back(s); });
  ASSERT_TRUE(d.engine->run_cycle().ok());
  bool bootstrapping = false;
  std::uint64_t last_done = 0;
  for (const auto& s : seen) {
    if (s.phase != Phase::bootstrapping) continue;
    bootstrapping = true;
    EXPECT_GE(s.progress.rows_done, last_done) << "progress went backwards";
    last_done = s.progress.rows_done;
    if (s.progress.rows_total > 0) {
      EXPECT_EQ(s.progress.rows_total, 12u);
    }
  }
  EXPECT_TRUE(bootstrapping);
  EXPECT_EQ(last_done, 12u);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().phase, Phase::idle);
  EXPECT_TRUE(seen.back().synced());
}

TEST_F(EngineTest, StopCancelsTheTransferInFlightWithinBoundedTime) {
  Desk d = make_desk("a");
  d.transport->set_block(true);  // a request that would hang until cancelled
  d.engine->start();
  ASSERT_TRUE(wait_until([&] { return d.transport->in_flight(); }, 5000ms));
  const auto start = std::chrono::steady_clock::now();
  d.engine->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2000ms);
  EXPECT_FALSE(d.engine->running());
  EXPECT_NE(d.engine->status().phase, Phase::backing_off) << "a stop is not a failure to back off from";
}

// `simpulctl sync --timeout` cancels the attempt in flight at its deadline: that says nothing about the link,
// so the status keeps what the last finished attempt learned instead of turning into a reassuring "idle".
TEST_F(EngineTest, ACancelledAttemptKeepsWhatTheLastFinishedAttemptSaid) {
  Desk d = make_desk("a");
  d.transport->set_down(true);
  ASSERT_FALSE(d.engine->run_due().ok);
  const SyncStatus failed = d.engine->status();
  ASSERT_EQ(failed.phase, Phase::backing_off);
  ASSERT_EQ(failed.online, Online::offline);

  d.transport->set_down(false);
  d.transport->set_block(true);
  d.engine->sync_now();  // a full attempt that hangs until cancelled
  StepOutcome step;
  std::thread attempt([&] { step = d.engine->run_due(); });
  const bool started = wait_until([&] { return d.transport->in_flight(); }, 5000ms);
  d.transport->cancel();
  attempt.join();
  ASSERT_TRUE(started);
  EXPECT_FALSE(step.ok);
  const SyncStatus after = d.engine->status();
  EXPECT_EQ(after.phase, Phase::backing_off);
  EXPECT_EQ(after.online, Online::offline);
  EXPECT_EQ(after.last_error, failed.last_error);
  EXPECT_FALSE(after.synced());
}

TEST_F(EngineTest, WorkerThreadSyncsOnStartAndAfterLocalChanges) {
  Desk d = make_desk("a");
  std::mutex mu;
  int updates = 0;
  d.engine->set_listener([&](const SyncStatus&) {
    std::lock_guard lock(mu);
    ++updates;
  });
  d.engine->start();
  ASSERT_TRUE(wait_until([&] { return d.engine->status().synced(); }, 5000ms));
  write(*d.ui, "participant", "p-1", person("3204104506900001", "Siti"));
  d.engine->notify_local_change();
  EXPECT_FALSE(d.engine->status().synced());
  clock.advance_ms(2500);  // past the debounce; the worker re-checks the clock at least every second
  ASSERT_TRUE(wait_until([&] { return d.engine->status().synced(); }, 5000ms));
  d.engine->stop();
  EXPECT_TRUE(server.row("participant", "p-1").has_value());
  std::lock_guard lock(mu);
  EXPECT_GT(updates, 2);
}
