// Merge rules: field-level last-writer-wins by skew-corrected HLC, conflict records for concurrent
// same-field edits, server-owned fields, tombstones.
#include "server_fixture.hpp"

namespace simpul::server::test {
namespace {

using ServerMerge = ServerFixture;
using sync::Verdict;

class ServerMergeTwoDesks : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    a = enroll(kF1);
    b = enroll(kF1);
    pull_all(a);
    pull_all(b);
  }
  Device a, b;
};

TEST_F(ServerMergeTwoDesks, ConcurrentSameFieldEditsKeepTheNewerValueAndRecordAConflict) {
  auto from_a = op(a, "participant", kP1, {{"phone", "+6281100000001"}});
  clock.advance_ms(60'000);
  auto from_b = op(b, "participant", kP1, {{"phone", "+6281100000002"}});
  EXPECT_EQ(push(a, {from_a}).results[0].verdict, Verdict::applied);
  EXPECT_EQ(push(b, {from_b}).results[0].verdict, Verdict::applied);
  EXPECT_EQ(stored("participant", kP1)->fields["phone"], "+6281100000002");

  auto conflicts = conflicts_about(kP1);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0]["entity"], "participant");
  EXPECT_EQ(conflicts[0]["field"], "phone");
  EXPECT_EQ(conflicts[0]["winner_value"], "+6281100000002");
  EXPECT_EQ(conflicts[0]["loser_value"], "+6281100000001");
  EXPECT_EQ(conflicts[0]["resolved"], 0);
  // Both desks receive the winner and the conflict record for review.
  auto pages = pull_all(a);
  EXPECT_EQ(value_of(pages.back(), "participant", kP1, "phone"), "+6281100000002");
  EXPECT_NE(find_row(pages, "conflict", conflicts[0]["id"].get<std::string>()), nullptr);
}

TEST_F(ServerMergeTwoDesks, TheNewerEditWinsWhicheverArrivesFirst) {
  auto older = op(a, "participant", kP1, {{"phone", "+6281100000001"}});
  clock.advance_ms(60'000);
  auto newer_op = op(b, "participant", kP1, {{"phone", "+6281100000002"}});
  EXPECT_EQ(push(b, {newer_op}).results[0].verdict, Verdict::applied);
  auto r = push(a, {older}).results[0];
  EXPECT_EQ(r.verdict, Verdict::merged);
  EXPECT_EQ(nlohmann::json::parse(r.winning)["phone"], "+6281100000002");
  EXPECT_EQ(stored("participant", kP1)->fields["phone"], "+6281100000002");
  auto conflicts = conflicts_about(kP1);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0]["winner_value"], "+6281100000002");
  EXPECT_EQ(conflicts[0]["loser_value"], "+6281100000001");
}

TEST_F(ServerMergeTwoDesks, DifferentFieldEditsMergeSilently) {
  auto from_a = op(a, "participant", kP1, {{"phone", "+6281100000001"}});
  auto from_b = op(b, "participant", kP1, {{"email", "asep@contoh.id"}});
  EXPECT_EQ(push(a, {from_a}).results[0].verdict, Verdict::applied);
  EXPECT_EQ(push(b, {from_b}).results[0].verdict, Verdict::applied);
  auto row = stored("participant", kP1);
  EXPECT_EQ(row->fields["phone"], "+6281100000001");
  EXPECT_EQ(row->fields["email"], "asep@contoh.id");
  EXPECT_TRUE(conflicts_about(kP1).empty());
}

TEST_F(ServerMergeTwoDesks, AnEditMadeAfterSeeingTheOtherIsNoConflict) {
  push(a, {op(a, "participant", kP1, {{"phone", "+6281100000001"}})});
  pull_all(b);  // b has seen a's value
  clock.advance_ms(1000);
  push(b, {op(b, "participant", kP1, {{"phone", "+6281100000002"}})});
  EXPECT_EQ(stored("participant", kP1)->fields["phone"], "+6281100000002");
  EXPECT_TRUE(conflicts_about(kP1).empty());
}

TEST_F(ServerMergeTwoDesks, ClockSkewOfAYearDoesNotDecideTheWinner) {
  // Desk A's clock runs a year fast; it edits first. Desk B (a year slow) edits a minute later in
  // real time. Uncorrected, A's timestamp would win every conflict for a year.
  a.skew_ms = kYearMs;
  b.skew_ms = -kYearMs;
  auto from_a = op(a, "participant", kP1, {{"phone", "+6281100000001"}});
  clock.advance_ms(60'000);
  auto from_b = op(b, "participant", kP1, {{"phone", "+6281100000002"}});
  push(a, {from_a});
  push(b, {from_b});
  EXPECT_EQ(stored("participant", kP1)->fields["phone"], "+6281100000002");
  // And the other way round: the late-but-fast edit arriving last still loses.
  auto from_b2 = op(b, "participant", kP3, {{"phone", "+6281100000003"}});
  clock.advance_ms(60'000);
  auto from_a2 = op(a, "participant", kP3, {{"phone", "+6281100000004"}});
  push(a, {from_a2});
  auto r = push(b, {from_b2}).results[0];
  EXPECT_EQ(r.verdict, Verdict::merged);
  EXPECT_EQ(stored("participant", kP3)->fields["phone"], "+6281100000004");
}

TEST_F(ServerMergeTwoDesks, ServerOwnedFieldsFromADeviceAreIgnored) {
  auto r = push(a, {op(a, "participant", kP1,
                       {{"verification", "rejected"}, {"va_number", "123"}, {"status", "inactive"},
                        {"phone", "+6281100000009"}})})
               .results[0];
  EXPECT_EQ(r.verdict, Verdict::merged);
  auto winning = nlohmann::json::parse(r.winning);
  EXPECT_EQ(winning["verification"], "verified");
  EXPECT_EQ(winning["status"], "active");
  EXPECT_FALSE(winning.contains("phone"));
  auto row = stored("participant", kP1);
  EXPECT_EQ(row->fields["verification"], "verified");
  EXPECT_EQ(row->fields["va_number"], "8888801000000001");
  EXPECT_EQ(row->fields["phone"], "+6281100000009");
}

TEST_F(ServerMergeTwoDesks, AnUpdateToADeletedRowDoesNotResurrectIt) {
  push(a, {op(a, "queue_entry", "q-1",
              {{"facility", kF1}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"}})});
  pull_all(b);
  clock.advance_ms(1000);
  EXPECT_EQ(push(a, {op(a, "queue_entry", "q-1", nlohmann::json::object(), "delete")}).results[0].verdict,
            Verdict::applied);
  clock.advance_ms(1000);
  auto r = push(b, {op(b, "queue_entry", "q-1", {{"state", "called"}})}).results[0];
  EXPECT_EQ(r.verdict, Verdict::merged);
  EXPECT_NE(r.reason.find("deleted"), std::string::npos);
  auto row = stored("queue_entry", "q-1");
  EXPECT_TRUE(row->deleted);
  EXPECT_EQ(row->fields["state"], "waiting");
  auto conflicts = conflicts_about("q-1");
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0]["field"], "_deleted");
  EXPECT_EQ(nlohmann::json::parse(conflicts[0]["loser_value"].get<std::string>())["state"], "called");
  // B receives the tombstone (and the conflict), not the row.
  auto pages = pull_all(b);
  const auto* q = find_row(pages, "queue_entry", "q-1");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, sync::ChangeKind::remove);
  // Deleting again is harmless.
  EXPECT_EQ(push(b, {op(b, "queue_entry", "q-1", nlohmann::json::object(), "delete")}).results[0].verdict,
            Verdict::applied);
}

TEST_F(ServerMergeTwoDesks, ADeleteThatLosesAnUnseenEditRecordsIt) {
  push(a, {op(a, "queue_entry", "q-1",
              {{"facility", kF1}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"}})});
  pull_all(b);
  push(a, {op(a, "queue_entry", "q-1", {{"complaint", "batuk"}})});
  // B has not seen the complaint when it deletes the entry.
  push(b, {op(b, "queue_entry", "q-1", nlohmann::json::object(), "delete")});
  EXPECT_TRUE(stored("queue_entry", "q-1")->deleted);
  auto conflicts = conflicts_about("q-1");
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(conflicts[0]["loser_value"].get<std::string>())["complaint"], "batuk");
}

TEST_F(ServerMergeTwoDesks, ADeskResolvesAConflictRecord) {
  auto from_a = op(a, "participant", kP1, {{"phone", "+6281100000001"}});
  clock.advance_ms(1000);
  push(a, {from_a});
  push(b, {op(b, "participant", kP1, {{"phone", "+6281100000002"}})});
  auto conflicts = conflicts_about(kP1);
  ASSERT_EQ(conflicts.size(), 1u);
  const std::string id = conflicts[0]["id"];
  pull_all(a);
  auto ok = push(a, {op(a, "conflict", id, {{"resolved", 1}, {"resolution", "keep_theirs"}})}).results[0];
  EXPECT_EQ(ok.verdict, Verdict::applied) << ok.reason;
  auto tamper = push(a, {op(a, "conflict", id, {{"winner_value", "x"}})}).results[0];
  EXPECT_EQ(tamper.verdict, Verdict::merged);  // conflict details are server-owned
  auto invent = push(a, {op(a, "conflict", "c-new", {{"entity", "participant"}, {"entity_id", kP1}, {"field", "x"}})});
  EXPECT_EQ(invent.results[0].verdict, Verdict::rejected);
  EXPECT_EQ(conflicts_about(kP1)[0]["resolved"], 1);
}

}  // namespace
}  // namespace simpul::server::test
