// Every message survives encode -> decode unchanged; damaged bodies are refused, not misread.
#include <gtest/gtest.h>

#include "simpul/sync/wire.hpp"

using namespace simpul;
using namespace simpul::sync;

namespace {

WireRow sample_row() {
  WireRow row;
  row.id = "p-1";
  row.kind = ChangeKind::upsert;
  row.hlc = "0001767225600000-00003-node";
  row.values = {"3204104506900001", "", "Siti Rahma"};
  row.null_mask = 0b010;
  return row;
}

}  // namespace

TEST(WireTest, PushRoundTripKeepsEveryField) {
  PushRequest req;
  req.client_time_ms = 1'767'225'600'123;
  req.ops.push_back(WireOp{7, "op-7", "participant", "p-1", "upsert", R"({"name":"Siti"})", "hlc", "u-1", 42});
  req.ops.push_back(WireOp{8, "op-8", "visit", "v-1", "delete", "{}", "hlc2", "", 42});
  auto back = decode<PushRequest>(encode(req));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->client_time_ms, req.client_time_ms);
  ASSERT_EQ(back->ops.size(), 2u);
  EXPECT_EQ(back->ops[0].seq, 7);
  EXPECT_EQ(back->ops[0].fields, R"({"name":"Siti"})");
  EXPECT_EQ(back->ops[0].base_cursor, 42);
  EXPECT_EQ(back->ops[1].kind, "delete");

  PushResponse resp;
  resp.server_time_ms = 5;
  resp.results.push_back(OpResult{7, Verdict::merged, "", "p-0", R"({"card_number":"000123"})"});
  resp.results.push_back(OpResult{8, Verdict::rejected, "scope: not yours", "", ""});
  auto rback = decode<PushResponse>(encode(resp));
  ASSERT_TRUE(rback.ok());
  ASSERT_EQ(rback->results.size(), 2u);
  EXPECT_EQ(rback->results[0].verdict, Verdict::merged);
  EXPECT_EQ(rback->results[0].canonical_id, "p-0");
  EXPECT_EQ(rback->results[1].reason, "scope: not yours");
}

TEST(WireTest, PullRoundTripKeepsBlocksSnapshotAndFlags) {
  PullRequest req{12, SnapshotPos{true, 3, "b-9", 11, 500, 1200}, 100, 4096};
  auto rq = decode<PullRequest>(encode(req));
  ASSERT_TRUE(rq.ok());
  EXPECT_EQ(rq->cursor, 12);
  EXPECT_TRUE(rq->snapshot.active);
  EXPECT_EQ(rq->snapshot.after_id, "b-9");
  EXPECT_EQ(rq->snapshot.rows_total, 1200u);
  EXPECT_EQ(rq->max_bytes, 4096u);

  PullResponse resp;
  EntityBlock block{"participant", {"nik", "card_number", "name"}, {sample_row()}};
  WireRow alias;
  alias.id = "p-2";
  alias.kind = ChangeKind::alias;
  alias.canonical_id = "p-1";
  block.rows.push_back(alias);
  resp.blocks.push_back(block);
  resp.cursor = 99;
  resp.more = true;
  resp.reset_required = false;
  resp.server_time_ms = 77;
  auto back = decode<PullResponse>(encode(resp));
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->blocks.size(), 1u);
  EXPECT_EQ(back->blocks[0].columns, block.columns);
  ASSERT_EQ(back->blocks[0].rows.size(), 2u);
  EXPECT_EQ(back->blocks[0].rows[0].values, sample_row().values);
  EXPECT_EQ(back->blocks[0].rows[0].null_mask, 0b010u);
  EXPECT_EQ(back->blocks[0].rows[1].kind, ChangeKind::alias);
  EXPECT_EQ(back->blocks[0].rows[1].canonical_id, "p-1");
  EXPECT_EQ(back->cursor, 99);
  EXPECT_TRUE(back->more);
}

TEST(WireTest, EnrollAndDigestRoundTrip) {
  auto e = decode<EnrollRequest>(encode(EnrollRequest{"0114U163", "123456", "install", "desk-1"}));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->code, "123456");
  EXPECT_EQ(e->device_name, "desk-1");
  auto er = decode<EnrollResponse>(encode(EnrollResponse{"dev-1", "tok", "Puskesmas", 9}));
  ASSERT_TRUE(er.ok());
  EXPECT_EQ(er->token, "tok");
  EXPECT_EQ(er->server_time_ms, 9);

  DigestRequest d{"abc", {"b0", "b1"}};
  auto dr = decode<DigestRequest>(encode(d));
  ASSERT_TRUE(dr.ok());
  EXPECT_EQ(dr->bucket_digests, d.bucket_digests);
  DigestResponse resp;
  resp.digest = "def";
  resp.differing_buckets = {3, 130};
  resp.blocks.push_back(EntityBlock{"bill", {"amount"}, {}});
  resp.cursor = 5;
  auto back = decode<DigestResponse>(encode(resp));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->differing_buckets, resp.differing_buckets);
  EXPECT_EQ(back->blocks[0].entity, "bill");
  EXPECT_FALSE(back->equal);
}

TEST(WireTest, DamagedBodiesAreRefused) {
  const std::string body = encode(PullResponse{});
  EXPECT_FALSE(decode<PullResponse>("").ok());
  EXPECT_FALSE(decode<PullResponse>(body.substr(0, body.size() - 1)).ok());
  std::string flipped = body;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
  EXPECT_FALSE(decode<PullResponse>(flipped).ok());
  EXPECT_FALSE(decode<PullResponse>("<html>502 Bad Gateway</html>").ok());
  // A size prefix that claims more than the limit is refused before allocating.
  std::string huge(8, '\xff');
  EXPECT_EQ(inflate_bytes(huge + "x").error().code, "wire.too_large");
}

TEST(WireTest, LargeMessagesCompress) {
  PushRequest req;
  for (int i = 0; i < 2000; ++i) {
    req.ops.push_back(WireOp{i, "op", "participant", "p-" + std::to_string(i), "upsert",
                             R"({"name":"Siti Rahma","street":"Jl. Melati 3"})", "hlc", "u", 0});
  }
  const std::string body = encode(req);
  auto back = decode<PushRequest>(body);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ops.size(), 2000u);
  EXPECT_EQ(back->ops[1999].entity_id, "p-1999");
  EXPECT_LT(body.size(), 2000u * 40u);  // far smaller than the raw text
}
