// Push: per-op verdicts, a poison op never blocks the ones after it, and exactly-once under replay.
#include <atomic>
#include <thread>

#include "server_fixture.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::server::test {
namespace {

using ServerPush = ServerFixture;
using sync::Verdict;

nlohmann::json queue_entry(const std::string& facility, const std::string& participant = "") {
  nlohmann::json f = {{"facility", facility}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"},
                      {"number", "A-001"}};
  if (!participant.empty()) f["participant_id"] = participant;
  return f;
}

std::string code_of(const sync::OpResult& r) { return r.reason.substr(0, r.reason.find(':')); }

TEST_F(ServerPush, EachOpGetsItsVerdictAndAPoisonOpBlocksNothing) {
  Device d = enroll(kF1);
  pull_all(d);
  std::vector<sync::WireOp> ops = {
      op(d, "queue_entry", "q-1", queue_entry(kF1, kP1)),                             // applied
      op(d, "queue_entry", "q-2", {{"facility", kF1}, {"colour", "red"}}),            // unknown field
      op(d, "participant", kP1, {{"phone", "+6281299990000"}}),                       // applied
      op(d, "participant", kP1, {{"card_number", "9999999999999"}}),                  // server-owned: ignored
      op(d, "queue_entry", "q-3", queue_entry(kF2)),                                  // another facility's queue
      op(d, "queue_entry", "q-4", queue_entry(kF1)),                                  // applied
      op(d, "spaceship", "s-1", {{"name", "x"}}),                                     // unknown entity
      op(d, "participant", kP1, {{"class", "first"}}),                                // malformed value
      op(d, "participant", kP4, {{"phone", "+6281200001111"}}),                       // out of scope
      op(d, "queue_entry", "q-5", {{"facility", kF1}, {"poli", "001"}, {"day", "2026-01-01"}}),  // missing state
      op(d, "participant", kP3, {{"birth_date", "1970-02-31"}}),                      // not a date
      op(d, "queue_entry", "q-6", queue_entry(kF1)),                                  // applied
  };
  sync::WireOp bad_hlc = op(d, "queue_entry", "q-7", queue_entry(kF1));
  bad_hlc.hlc = "yesterday";
  ops.push_back(bad_hlc);
  auto resp = push(d, ops);
  ASSERT_EQ(resp.results.size(), ops.size());
  const std::vector<std::pair<Verdict, std::string>> want = {
      {Verdict::applied, ""},           {Verdict::rejected, "field.unknown"}, {Verdict::applied, ""},
      {Verdict::merged, ""},            {Verdict::rejected, "scope.out_of_scope"}, {Verdict::applied, ""},
      {Verdict::rejected, "entity.unknown"}, {Verdict::rejected, "value.malformed"},
      {Verdict::rejected, "scope.out_of_scope"}, {Verdict::rejected, "field.required"},
      {Verdict::rejected, "value.malformed"},  {Verdict::applied, ""}, {Verdict::rejected, "hlc.malformed"}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("op " + std::to_string(i + 1) + " " + resp.results[i].reason);
    EXPECT_EQ(resp.results[i].seq, ops[i].seq);
    EXPECT_EQ(resp.results[i].verdict, want[i].first);
    if (!want[i].second.empty()) {
      EXPECT_EQ(code_of(resp.results[i]), want[i].second);
    }
  }
  EXPECT_EQ(nlohmann::json::parse(resp.results[3].winning).value("card_number", ""), "0001000000001");
  EXPECT_TRUE(stored("queue_entry", "q-1").has_value());
  EXPECT_FALSE(stored("queue_entry", "q-2").has_value());
  EXPECT_FALSE(stored("queue_entry", "q-3").has_value());
  EXPECT_TRUE(stored("queue_entry", "q-6").has_value());
  EXPECT_EQ(stored("participant", kP1)->fields["phone"], "+6281299990000");
  EXPECT_EQ(stored("participant", kP1)->fields["card_number"], "0001000000001");
  EXPECT_EQ(stored("participant", kP1)->fields["class"], 3);

  // The answer was "lost": the same batch again gives the same answers, and nothing is applied twice.
  auto last_before = service->last_tx();
  auto again = push(d, ops);
  ASSERT_EQ(again.results.size(), ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    SCOPED_TRACE("replayed op " + std::to_string(i + 1));
    if (want[i].first == Verdict::rejected) {
      EXPECT_EQ(again.results[i].verdict, Verdict::rejected);
      EXPECT_EQ(again.results[i].reason, resp.results[i].reason);
    } else {
      EXPECT_EQ(again.results[i].verdict, Verdict::duplicate);
      EXPECT_EQ(again.results[i].winning, resp.results[i].winning);
    }
  }
  EXPECT_EQ(*service->last_tx(), *last_before);
}

TEST_F(ServerPush, ReplayedReorderedAndDuplicatedBatchesApplyExactlyOnce) {
  Device d = enroll(kF1);
  Device other = enroll(kF1);
  pull_all(d);
  pull_all(other);
  auto o1 = op(d, "queue_entry", "q-1", queue_entry(kF1, kP1));
  auto o2 = op(d, "queue_entry", "q-2", queue_entry(kF1, kP3));
  auto o3 = op(d, "complaint", "c-1", {{"facility", kF1}, {"category", "service"}, {"text", "long wait"}});
  clock.advance_ms(1000);
  auto o4 = op(d, "queue_entry", "q-1", {{"state", "called"}});
  auto o5 = op(d, "queue_event", "e-1", {{"entry_id", "q-1"}, {"event", "called"}, {"at_ms", clock.now_ms()}});
  auto o6 = op(d, "participant", kP1, {{"email", "asep@contoh.id"}});

  auto first = push(d, {o1, o2, o3});
  for (const auto& r : first.results) EXPECT_EQ(r.verdict, Verdict::applied) << r.reason;
  const std::int64_t after_first = *service->last_tx();

  // Retry after an ambiguous failure, reordered, with duplicates inside the batch and the new ops.
  auto second = push(d, {o3, o1, o4, o5, o4, o2, o6, o1, o5});
  const std::vector<Verdict> want = {Verdict::duplicate, Verdict::duplicate, Verdict::applied,
                                     Verdict::applied,   Verdict::duplicate, Verdict::duplicate,
                                     Verdict::applied,   Verdict::duplicate, Verdict::duplicate};
  ASSERT_EQ(second.results.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(second.results[i].verdict, want[i]) << i;
  const std::int64_t after_second = *service->last_tx();
  EXPECT_EQ(after_second, after_first + 1);  // one server transaction per request

  auto third = push(d, {o1, o2, o3, o4, o5, o6});
  for (const auto& r : third.results) EXPECT_EQ(r.verdict, Verdict::duplicate);
  EXPECT_EQ(*service->last_tx(), after_second);

  EXPECT_EQ(stored("queue_entry", "q-1")->fields["state"], "called");
  EXPECT_EQ(stored("complaint", "c-1")->fields["status"], "open");  // server-assigned
  EXPECT_TRUE(conflicts_about("q-1").empty());
  // Another device of the facility receives each row once, in its final state.
  auto pages = pull_all(other);
  std::map<std::string, int> seen;
  for (const auto& p : pages) {
    for (const auto& b : p.blocks) {
      for (const auto& r : b.rows) ++seen[b.entity + "/" + r.id];
    }
  }
  EXPECT_EQ(seen["queue_entry/q-1"], 1);
  EXPECT_EQ(seen["queue_event/e-1"], 1);
  EXPECT_EQ(value_of(pages.back(), "queue_entry", "q-1", "state"), "called");
}

TEST_F(ServerPush, AppendOnlyFactsAcceptIdenticalRepeatsAndRejectChanges) {
  Device a = enroll(kF1);
  Device b = enroll(kF1);
  pull_all(a);
  pull_all(b);
  push(a, {op(a, "queue_entry", "q-1", queue_entry(kF1, kP1))});
  const nlohmann::json event = {{"entry_id", "q-1"}, {"event", "called"}, {"at_ms", 1767225600000}};
  EXPECT_EQ(push(a, {op(a, "queue_event", "e-1", event)}).results[0].verdict, Verdict::applied);
  EXPECT_EQ(push(b, {op(b, "queue_event", "e-1", event)}).results[0].verdict, Verdict::duplicate);
  auto changed = event;
  changed["event"] = "skipped";
  auto r = push(b, {op(b, "queue_event", "e-1", changed)}).results[0];
  EXPECT_EQ(r.verdict, Verdict::rejected);
  EXPECT_EQ(code_of(r), "append_only");
  auto del = push(b, {op(b, "queue_event", "e-1", nlohmann::json::object(), "delete")}).results[0];
  EXPECT_EQ(del.verdict, Verdict::rejected);
  EXPECT_EQ(stored("queue_event", "e-1")->fields["event"], "called");
}

TEST_F(ServerPush, TooManyOpsInOneRequestIsABadRequest) {
  Device d = enroll(kF1);
  std::vector<sync::WireOp> ops;
  for (int i = 0; i < 1001; ++i) ops.push_back(op(d, "queue_entry", "q-" + std::to_string(i), queue_entry(kF1)));
  auto reply = push_raw(d, ops);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.json().value("error", ""), "bad_request");
}

}  // namespace
}  // namespace simpul::server::test

namespace simpul::server::test {
namespace {

TEST_F(ServerPush, ConcurrentPushesFromManyDesksApplyExactlyOnce) {
  constexpr int kDevices = 4;
  constexpr int kPushes = 5;
  constexpr int kOps = 20;
  std::vector<Device> devices;
  for (int i = 0; i < kDevices; ++i) devices.push_back(enroll(i % 2 == 0 ? kF1 : kF2));
  // Bodies are built up front; each desk then sends every push twice, all desks at once.
  std::vector<std::vector<std::string>> bodies(kDevices);
  for (int d = 0; d < kDevices; ++d) {
    for (int p = 0; p < kPushes; ++p) {
      sync::PushRequest req;
      req.client_time_ms = clock.now_ms();
      for (int o = 0; o < kOps; ++o) {
        const std::string id = "q-" + std::to_string(d) + "-" + std::to_string(p) + "-" + std::to_string(o);
        req.ops.push_back(op(devices[static_cast<std::size_t>(d)], "queue_entry", id,
                             {{"facility", devices[static_cast<std::size_t>(d)].facility}, {"poli", "001"},
                              {"day", "2026-01-01"}, {"state", "waiting"}}));
      }
      bodies[static_cast<std::size_t>(d)].push_back(sync::encode(req));
    }
  }
  std::atomic<int> ok{0}, applied{0}, duplicate{0};
  std::vector<std::thread> threads;
  for (int d = 0; d < kDevices; ++d) {
    threads.emplace_back([&, d] {
      httplib::Client c("127.0.0.1", port);
      c.set_tcp_nodelay(true);
      const auto& dev = devices[static_cast<std::size_t>(d)];
      httplib::Headers h = {{sync::kProtocolHeader, "1"},
                            {sync::kSchemaHeader, std::to_string(storage::latest_schema_version())},
                            {"Authorization", "Bearer " + dev.id + "." + dev.token}};
      for (int round = 0; round < 2; ++round) {
        for (const auto& body : bodies[static_cast<std::size_t>(d)]) {
          auto r = c.Post("/v1/push", h, body, sync::kContentType);
          if (!r || r->status != 200) continue;
          ++ok;
          auto resp = sync::decode<sync::PushResponse>(r->body);
          if (!resp.ok()) continue;
          for (const auto& res : resp->results) {
            if (res.verdict == sync::Verdict::applied) ++applied;
            if (res.verdict == sync::Verdict::duplicate) ++duplicate;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kDevices * kPushes * 2);
  EXPECT_EQ(applied.load(), kDevices * kPushes * kOps);
  EXPECT_EQ(duplicate.load(), kDevices * kPushes * kOps);
  auto read = store->read();
  ASSERT_TRUE(read.ok());
  const auto e = static_cast<std::uint32_t>(sync::entity_index(*storage::find_entity("queue_entry")));
  EXPECT_EQ(*(*read)->count_live(e, std::nullopt), static_cast<std::uint64_t>(kDevices * kPushes * kOps));
}

}  // namespace
}  // namespace simpul::server::test
