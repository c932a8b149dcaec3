// The push endpoint, driven directly with encoded PushRequests through the proxy and the real libcurl
// transport: the same batch replayed, reordered and duplicated applies nothing twice; and a poison-pill op
// (values the server refuses) is answered "rejected" with a reason while the ops after it go through.
#include <gtest/gtest.h>

#include <algorithm>

#include "checks.hpp"
#include "simpul/storage/schema.hpp"
#include "simpul/sync/attention.hpp"
#include "simpul/sync/status.hpp"
#include "simpul/sync/wire.hpp"

namespace simpul::scenario {
namespace {

using sync::Verdict;

// Sends the desk's outbox ops with these seqs, in this order (repeats allowed), as one push request.
std::vector<sync::OpResult> push_raw(World& world, Desk& desk, const std::vector<std::int64_t>& seqs) {
  std::map<std::int64_t, storage::OutboxOp> by_seq;
  for (auto& op : desk.outbox()) by_seq.emplace(op.seq, op);
  sync::PushRequest request;
  request.client_time_ms = desk.clock().now_ms() + desk.db().hlc().offset_ms();
  for (const auto seq : seqs) {
    const auto& op = by_seq.at(seq);
    request.ops.push_back(sync::WireOp{op.seq, op.op_id, op.entity, op.entity_id, op.kind, op.fields, op.hlc,
                                       op.user_id, desk.cursor()});
  }
  sync::CurlTransport transport(world.proxy_url(), scenario_curl_options());
  const sync::Headers headers{{sync::kProtocolHeader, std::to_string(sync::kProtocolVersion)},
                              {sync::kSchemaHeader, std::to_string(storage::latest_schema_version())},
                              {"Content-Type", sync::kContentType},
                              {"Authorization", "Bearer " + desk.device_id() + "." + desk.db().device_token()}};
  auto response = must(transport.post("/v1/push", headers, sync::encode(request)), "push");
  auto decoded = must(sync::decode<sync::PushResponse>(response.body), "decode push answer");
  if (decoded.results.size() != seqs.size()) throw std::runtime_error("one answer per op expected");
  return decoded.results;
}

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> out;
  for (std::int64_t s = from; s <= to; ++s) out.push_back(s);
  return out;
}

TEST(PushReplay, TheSameBatchReplayedReorderedAndDuplicatedAppliesNothingTwice) {
  World world;
  Desk& d = world.add_desk("d");
  ASSERT_TRUE(d.sync().ok());
  const auto who = d.texts("SELECT id FROM participants WHERE fktp = '" + world.facility() + "' ORDER BY id LIMIT 2");
  ASSERT_EQ(who.size(), 2u);
  // Ops 1..10: six queue entries, two edits of one phone (the second is newer), an edit of an entry, an email.
  d.upsert_all("queue_entry", queue_entries(world.facility(), "q-", 6));
  d.upsert("participant", who[0], Fields{{"phone", "+6281277770001"}});
  d.upsert("participant", who[0], Fields{{"phone", "+6281277770002"}});
  d.upsert("queue_entry", "q-0", Fields{{"complaint", "sakit gigi"}});
  d.upsert("participant", who[1], Fields{{"email", "ulang@example.id"}});
  const auto ops = d.outbox();
  ASSERT_EQ(ops.size(), 10u);
  const std::int64_t s1 = ops.front().seq;
  const auto first_ten = range(s1, s1 + 9);

  // The desk's push arrives (its answer is lost, say); then it comes again in every shape.
  const auto original = push_raw(world, d, first_ten);
  std::map<std::int64_t, sync::OpResult> first;
  for (const auto& r : original) {
    EXPECT_TRUE(r.verdict == Verdict::applied || r.verdict == Verdict::merged) << r.seq << ": " << r.reason;
    first.emplace(r.seq, r);
  }
  auto reversed = first_ten;
  std::reverse(reversed.begin(), reversed.end());
  std::vector<std::int64_t> doubled;
  for (const auto s : first_ten) doubled.insert(doubled.end(), {s, s});
  for (const auto& shape : {first_ten, reversed, doubled}) {
    for (const auto& r : push_raw(world, d, shape)) {
      EXPECT_EQ(r.verdict, Verdict::duplicate) << "seq " << r.seq;
      EXPECT_EQ(r.canonical_id, first.at(r.seq).canonical_id);
    }
  }
  EXPECT_EQ(world.ops_counted("applied") + world.ops_counted("merged"), 10);
  EXPECT_EQ(world.ops_counted("duplicate"), 10 + 10 + 20);
  EXPECT_EQ(world.admin().fields_of("participant", who[0]).value("phone", ""), "+6281277770002");

  // New ops mixed with old ones, out of order, some twice: each new op is applied once, and the two edits
  // of one field still end with the newer value (the timestamps decide, not the order of arrival).
  d.upsert_all("queue_entry", {{"q-new-1", queue_entry(world.facility(), 11)}, {"q-new-2", queue_entry(world.facility(), 12)}});
  d.upsert("participant", who[0], Fields{{"phone", "+6281277770003"}});  // s1 + 12
  d.upsert("participant", who[0], Fields{{"phone", "+6281277770004"}});  // s1 + 13, newer
  const std::vector<std::int64_t> mixed = {s1 + 13, s1 + 2, s1 + 12, s1 + 12, s1 + 10, s1, s1 + 11, s1 + 13, s1 + 5};
  std::map<std::int64_t, int> fresh_seen;
  for (const auto& r : push_raw(world, d, mixed)) {
    if (r.seq < s1 + 10) {
      EXPECT_EQ(r.verdict, Verdict::duplicate) << "old seq " << r.seq;
    } else if (fresh_seen[r.seq]++ == 0) {
      EXPECT_NE(r.verdict, Verdict::duplicate) << "new seq " << r.seq << " on its first arrival";
      EXPECT_NE(r.verdict, Verdict::rejected) << "new seq " << r.seq << ": " << r.reason;
    } else {
      EXPECT_EQ(r.verdict, Verdict::duplicate) << "new seq " << r.seq << " repeated in the same request";
    }
  }
  EXPECT_EQ(world.ops_counted("applied") + world.ops_counted("merged"), 14);
  EXPECT_EQ(world.admin().fields_of("participant", who[0]).value("phone", ""), "+6281277770004");

  // The desk itself now syncs: every op in its outbox is answered from the server's record.
  auto cycle = d.sync();
  ASSERT_TRUE(cycle.ok()) << cycle.error().message;
  EXPECT_EQ(cycle->push.duplicate, 14);
  EXPECT_EQ(world.ops_counted("applied") + world.ops_counted("merged"), 14);
  EXPECT_EQ(world.admin().query_int("SELECT count(*) FROM queue_entries WHERE id LIKE 'q-%'"), 8);
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

TEST(PushReplay, APoisonPillIsRejectedWithAReasonAndBlocksNothingAfterIt) {
  World world;
  Desk& d = world.add_desk("d");
  ASSERT_TRUE(d.sync().ok());
  const auto who = d.texts("SELECT id FROM participants WHERE fktp = '" + world.facility() + "' ORDER BY id LIMIT 1");
  const CivilPerson person = world.admin().unregistered(1).at(0);
  d.upsert("queue_entry", "q-1", queue_entry(world.facility(), 1));
  CivilPerson poison = person;
  Fields bad_class = registration(poison, world.facility(), "+6281288880001");
  bad_class["nik"] = "3204999999999999";
  bad_class["class"] = 9;  // there is no class 9
  d.upsert("participant", "p-poison", bad_class);
  d.upsert("queue_entry", "q-2", queue_entry(world.facility(), 2));
  d.upsert("participant", who[0], Fields{{"phone", "+6281288880002"}});
  Fields bad_day = queue_entry(world.facility(), 3);
  bad_day["day"] = "2026-13-45";
  d.upsert("queue_entry", "q-bad", bad_day);
  d.upsert("participant", "p-good", registration(person, world.facility(), "+6281288880003"));
  d.upsert("queue_entry", "q-3", queue_entry(world.facility(), 4));

  auto cycle = d.sync();
  ASSERT_TRUE(cycle.ok()) << "a poison pill must not stop the exchange: " << cycle.error().message;
  EXPECT_EQ(cycle->push.rejected, 2);
  EXPECT_EQ(cycle->push.sent, 7);
  const auto rejected = must(sync::NeedsAttention(d.db()).list(), "needs attention");
  ASSERT_EQ(rejected.size(), 2u);
  EXPECT_EQ(rejected[0].entity_id, "p-poison");
  EXPECT_NE(rejected[0].reason.find("participant.class"), std::string::npos) << rejected[0].reason;
  EXPECT_EQ(rejected[1].entity_id, "q-bad");
  EXPECT_NE(rejected[1].reason.find("queue_entry.day"), std::string::npos) << rejected[1].reason;
  // Everything after the poison went through, the registration with its civil-registry result.
  for (const std::string id : {"q-1", "q-2", "q-3"}) EXPECT_TRUE(world.admin().row("queue_entry", id)) << id;
  EXPECT_FALSE(world.admin().row("queue_entry", "q-bad"));
  EXPECT_FALSE(world.admin().row("participant", "p-poison"));
  EXPECT_EQ(d.load("participant", "p-good")->value("verification", ""), "verified");
  EXPECT_EQ(d.load("participant", who[0])->value("phone", ""), "+6281288880002");
  const auto status = d.engine().status();
  EXPECT_EQ(status.rejected_ops, 2);
  EXPECT_EQ(status.pending_ops, 0);
  EXPECT_FALSE(status.synced()) << "'Synced' while records were refused";
  EXPECT_TRUE(status.needs_attention());
  // Until someone acts, only the refused records differ from the server.
  const Findings before = check_converged(world, d, rows_with_rejected_ops(d));
  EXPECT_TRUE(before.ok()) << before.text();

  // The desk corrects the class and sends the registration again; the impossible entry is discarded.
  d.upsert("participant", "p-poison", Fields{{"class", 3}});
  sync::NeedsAttention attention(d.db());
  must(attention.resend(rejected[0].seq, storage::Actor{"u-d", "d"}), "resend");
  must(attention.discard(rejected[1].seq, storage::Actor{"u-d", "d"}), "discard");
  auto again = d.sync();
  ASSERT_TRUE(again.ok()) << again.error().message;
  ASSERT_TRUE(world.admin().row("participant", "p-poison"));
  EXPECT_EQ(world.admin().fields_of("participant", "p-poison").value("class", 0), 3);
  EXPECT_FALSE(d.load("queue_entry", "q-bad").has_value()) << "the discarded entry was repaired away";
  const auto left = must(sync::NeedsAttention(d.db()).list(), "needs attention");
  for (const auto& op : left) ADD_FAILURE() << "still needs attention: seq " << op.seq << " " << op.reason;
  EXPECT_TRUE(d.engine().status().synced());
  const Findings f = check_all(world);
  EXPECT_TRUE(f.ok()) << f.text();
}

}  // namespace
}  // namespace simpul::scenario
