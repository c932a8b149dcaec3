// Scope (who sees what, `leave` when a participant moves out) and the scope digest, proven against a
// real replica filled from the pulled pages.
#include "server_fixture.hpp"
#include "simpul/storage/db.hpp"

namespace simpul::server::test {
namespace {

using ServerScope = ServerFixture;
using ServerDigest = ServerFixture;
using sync::ChangeKind;

std::set<std::string> participants_in(const std::vector<sync::PullResponse>& pages) {
  std::set<std::string> out;
  for (const auto& page : pages) {
    for (const auto& b : page.blocks) {
      if (b.entity != "participant") continue;
      for (const auto& r : b.rows) {
        if (r.kind == ChangeKind::upsert) out.insert(r.id); else out.erase(r.id);
      }
    }
  }
  return out;
}

std::string bill_of(int participant_index) { return demo::DemoId{static_cast<std::uint64_t>(1000 + participant_index), 1}.text(); }

TEST_F(ServerScope, AFacilitySeesItsParticipantsTheirFamiliesAndReferenceData) {
  Device d1 = enroll(kF1);
  Device d2 = enroll(kF2);
  auto f1 = pull_all(d1);
  auto f2 = pull_all(d2);
  EXPECT_EQ(participants_in(f1), (std::set<std::string>{kP1, kP2, kP3}));  // p2: same KK as p1
  EXPECT_EQ(participants_in(f2), (std::set<std::string>{kP1, kP2, kP4}));
  for (const char* f : {kF1, kF2, kHospital}) {
    EXPECT_NE(find_row(f1, "facility", f), nullptr) << f;
    EXPECT_NE(find_row(f2, "facility", f), nullptr) << f;
  }
  EXPECT_NE(find_row(f1, "bill", bill_of(2)), nullptr);
  EXPECT_EQ(find_row(f1, "bill", bill_of(3)), nullptr);
}

TEST_F(ServerScope, AParticipantWhoseFktpMovesAwayLeavesTheOldFacility) {
  Device d1 = enroll(kF1);
  Device d2 = enroll(kF2);
  attach_replica(d1);
  pull_all(d1);
  pull_all(d2);
  ASSERT_TRUE(d1.replica->load("participant", kP1)->has_value());
  // The whole family is now registered at F2, changed by F2's desk; F1 never wrote them.
  auto r = push(d2, {op(d2, "participant", kP1, {{"fktp", kF2}, {"fktp_changed_on", "2026-01-01"}})}).results[0];
  EXPECT_EQ(r.verdict, sync::Verdict::applied) << r.reason;
  auto pages = pull_all(d1);
  for (const char* id : {kP1, kP2}) {
    const auto* row = find_row(pages, "participant", id);
    ASSERT_NE(row, nullptr) << id;
    EXPECT_EQ(row->kind, ChangeKind::leave) << id;
  }
  const auto* bill = find_row(pages, "bill", bill_of(0));
  ASSERT_NE(bill, nullptr);
  EXPECT_EQ(bill->kind, ChangeKind::leave);
  EXPECT_EQ(find_row(pages, "participant", kP3), nullptr);  // untouched
  EXPECT_FALSE(d1.replica->load("participant", kP1)->has_value());
  EXPECT_FALSE(d1.replica->load("bill", bill_of(1))->has_value());
  // F2 still has them (and the change).
  auto f2 = pull_all(d2);
  EXPECT_EQ(value_of(f2.back(), "participant", kP1, "fktp"), kF2);
  // The replica that dropped the rows is still identical to its scope.
  EXPECT_EQ(sync::replica_digest(d1.replica->db())->digest, service->facility_digest(kF1)->digest);
}

TEST_F(ServerScope, AParticipantTheFacilityWroteStaysInItsScope) {
  Device d1 = enroll(kF1);
  Device d2 = enroll(kF2);
  pull_all(d1);
  pull_all(d2);
  push(d1, {op(d1, "participant", kP1, {{"email", "asep@contoh.id"}})});
  pull_all(d1);
  push(d2, {op(d2, "participant", kP1, {{"fktp", kF2}})});
  auto pages = pull_all(d1);
  const auto* p1 = find_row(pages, "participant", kP1);
  ASSERT_NE(p1, nullptr);
  EXPECT_EQ(p1->kind, ChangeKind::upsert);
  EXPECT_EQ(find_row(pages, "participant", kP2), nullptr);  // family of a touched participant: still seen
}

TEST_F(ServerScope, QueueingSomeoneFromAnotherFacilityBringsThemIntoScope) {
  Device d1 = enroll(kF1);
  pull_all(d1);
  auto r = push(d1, {op(d1, "queue_entry", "q-1",
                        {{"facility", kF1}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"},
                         {"participant_id", kP4}})})
               .results[0];
  EXPECT_EQ(r.verdict, sync::Verdict::applied) << r.reason;
  auto pages = pull_all(d1);
  ASSERT_NE(find_row(pages, "participant", kP4), nullptr);
  EXPECT_NE(find_row(pages, "bill", bill_of(3)), nullptr);
  // A bill of someone it does not see is refused.
  auto bad = push(d1, {op(d1, "bill", "b-x",
                          {{"participant_id", "p-9999"}, {"period", "2026-01"}, {"amount", 42000}, {"status", "unpaid"}})})
                 .results[0];
  EXPECT_EQ(bad.verdict, sync::Verdict::rejected);
}

TEST_F(ServerDigest, AReplicaFilledFromPulledPagesHasTheServersDigest) {
  Device d1 = enroll(kF1);
  Device other = enroll(kF1);
  Device d2 = enroll(kF2);
  attach_replica(d1);
  pull_all(d1, 4);  // bootstrap in small pages
  pull_all(other);
  pull_all(d2);
  // Assorted changes from the facility's other desk and from F2.
  push(other, {op(other, "participant", "n-1", registration(kNewNik, kNewName, kNewBirth, kF1)),
               op(other, "queue_entry", "q-1",
                  {{"facility", kF1}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"},
                   {"participant_id", kP1}, {"seq_no", 1}}),
               op(other, "participant", kP3, {{"phone", "+6281233334444"}, {"class", 1}})});
  clock.advance_ms(1000);
  push(d2, {op(d2, "participant", kP2, {{"phone", "+6281255556666"}})});
  push(other, {op(other, "queue_entry", "q-1", nlohmann::json::object(), "delete")});
  pull_all(d1, 3);

  auto server = service->facility_digest(kF1);
  ASSERT_TRUE(server.ok());
  auto local = sync::replica_digest(d1.replica->db());
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->digest, server->digest);
  EXPECT_EQ(local->buckets, server->buckets);

  // Over HTTP, and with repair: damage one row locally, the server sends that bucket back.
  sync::DigestRequest req{local->digest, local->buckets};
  auto same = sync::decode<sync::DigestResponse>(post("/v1/digest", sync::encode(req), &d1).body);
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->equal);
  EXPECT_EQ(same->digest, server->digest);

  ASSERT_TRUE(d1.replica->db().exec("UPDATE participants SET phone = '+620000' WHERE id = 'p-0003'").ok());
  auto damaged = sync::replica_digest(d1.replica->db());
  ASSERT_NE(damaged->digest, server->digest);
  req = sync::DigestRequest{damaged->digest, damaged->buckets};
  auto repair = sync::decode<sync::DigestResponse>(post("/v1/digest", sync::encode(req), &d1).body);
  ASSERT_TRUE(repair.ok());
  EXPECT_FALSE(repair->equal);
  ASSERT_EQ(repair->differing_buckets.size(), 1u);
  const std::uint32_t participant_index = 1;
  EXPECT_EQ(repair->differing_buckets[0], participant_index * sync::kDigestBuckets + sync::digest_bucket(kP3));
  sync::PullResponse as_page;
  as_page.blocks = repair->blocks;
  EXPECT_EQ(value_of(as_page, "participant", kP3, "phone"), "+6281233334444");
}

}  // namespace
}  // namespace simpul::server::test
