// Business processing: registrations checked against the civil registry; duplicate registrations of
// the same NIK on two offline desks end as one participant.
#include <regex>

#include "server_fixture.hpp"

namespace simpul::server::test {
namespace {

using ServerRegistration = ServerFixture;
using sync::Verdict;

TEST_F(ServerRegistration, AMatchIsVerifiedWithCardAndVirtualAccountNumbers) {
  Device d = enroll(kF1);
  pull_all(d);
  auto r = push(d, {op(d, "participant", "n-1", registration(kNewNik, kNewName, kNewBirth, kF1, "PBPU")),
                    op(d, "participant", "n-2", registration(kNewNik2, "bambang  PAMUNGKAS", "1985-02-02", kF1, "PPU"))})
               .results;
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].verdict, Verdict::merged);  // the server filled in its fields
  auto winning = nlohmann::json::parse(r[0].winning);
  EXPECT_EQ(winning["verification"], "verified");
  const std::string card = winning["card_number"];
  EXPECT_TRUE(std::regex_match(card, std::regex("[0-9]{13}"))) << card;
  EXPECT_EQ(card.substr(0, 4), "0002");  // leading zeros kept: text, never a number
  EXPECT_EQ(winning["va_number"], "88888" + card.substr(2));

  auto second = stored("participant", "n-2");
  EXPECT_EQ(second->fields["verification"], "verified");
  EXPECT_NE(second->fields["card_number"], card);
  EXPECT_TRUE(second->fields["va_number"].is_null());  // PPU members do not pay by virtual account

  // The desk (and its colleagues) receive the result on pull.
  auto pages = pull_all(d);
  EXPECT_EQ(value_of(pages.back(), "participant", "n-1", "verification"), "verified");
  EXPECT_EQ(value_of(pages.back(), "participant", "n-1", "card_number"), card);
}

TEST_F(ServerRegistration, ANonMatchIsRejectedWithAReasonAndCanBeCorrected) {
  Device d = enroll(kF1);
  pull_all(d);
  auto r = push(d, {op(d, "participant", "n-1", registration("3204100909990009", "Tidak Ada", "1999-09-09", kF1)),
                    op(d, "participant", "n-2", registration(kNewNik, "Sri Wahyuningsih", kNewBirth, kF1)),
                    op(d, "participant", "n-3", registration(kNewNik2, "Bambang Pamungkas", "1985-02-03", kF1))})
               .results;
  for (const auto& x : r) EXPECT_EQ(x.verdict, Verdict::merged);  // the op itself was accepted
  auto reason = [&](const char* id) { return stored("participant", id)->fields["rejection_reason"].get<std::string>(); };
  EXPECT_EQ(stored("participant", "n-1")->fields["verification"], "rejected");
  EXPECT_EQ(reason("n-1").rfind("nik.not_found: NIK tidak ditemukan di Dukcapil / NIK not found", 0), 0u) << reason("n-1");
  EXPECT_EQ(reason("n-2").rfind("name.mismatch", 0), 0u);
  EXPECT_EQ(reason("n-3").rfind("birth_date.mismatch", 0), 0u);
  EXPECT_TRUE(stored("participant", "n-2")->fields["card_number"].is_null());

  // The desk corrects the name: the registration is checked again.
  auto fixed = push(d, {op(d, "participant", "n-2", {{"name", kNewName}})}).results[0];
  auto winning = nlohmann::json::parse(fixed.winning);
  EXPECT_EQ(winning["verification"], "verified");
  EXPECT_TRUE(stored("participant", "n-2")->fields["rejection_reason"].is_null());
  EXPECT_FALSE(stored("participant", "n-2")->fields["card_number"].is_null());
}

TEST_F(ServerRegistration, TheSameNikFromTwoDesksEndsAsOneParticipant) {
  Device a = enroll(kF1);
  Device b = enroll(kF2);
  pull_all(a);
  pull_all(b);
  auto reg_a = registration(kNewNik, kNewName, kNewBirth, kF1);
  auto reg_b = registration(kNewNik, kNewName, kNewBirth, kF2);
  reg_b["email"] = "sri@contoh.id";
  auto op_a = op(a, "participant", "reg-a", reg_a);
  clock.advance_ms(60'000);
  auto op_b = op(b, "participant", "reg-b", reg_b);
  auto qb = op(b, "queue_entry", "q-b",
               {{"facility", kF2}, {"poli", "001"}, {"day", "2026-01-01"}, {"state", "waiting"},
                {"participant_id", "reg-b"}});
  EXPECT_EQ(push(a, {op_a}).results[0].verdict, Verdict::merged);
  auto rb = push(b, {op_b, qb}).results;
  EXPECT_EQ(rb[0].verdict, Verdict::merged);
  EXPECT_EQ(rb[0].canonical_id, "reg-a");
  EXPECT_EQ(rb[1].verdict, Verdict::merged);  // its reference was re-pointed
  EXPECT_EQ(nlohmann::json::parse(rb[1].winning)["participant_id"], "reg-a");

  // One participant: the first id, with the second desk's newer field merged in.
  EXPECT_FALSE(stored("participant", "reg-b").has_value());
  auto canonical = stored("participant", "reg-a");
  EXPECT_EQ(canonical->fields["email"], "sri@contoh.id");
  EXPECT_EQ(canonical->fields["verification"], "verified");
  EXPECT_EQ(stored("queue_entry", "q-b")->fields["participant_id"], "reg-a");
  auto conflicts = conflicts_about("reg-a");
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0]["field"], "duplicate_registration");
  EXPECT_EQ(conflicts[0]["winner_value"], "reg-a");
  EXPECT_EQ(conflicts[0]["loser_value"], "reg-b");

  // Desk B is told to drop its id, and receives the canonical record and the review record.
  auto pages = pull_all(b);
  const auto* alias = find_row(pages, "participant", "reg-b");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->kind, sync::ChangeKind::alias);
  EXPECT_EQ(alias->canonical_id, "reg-a");
  ASSERT_NE(find_row(pages, "participant", "reg-a"), nullptr);
  EXPECT_NE(find_row(pages, "conflict", conflicts[0]["id"].get<std::string>()), nullptr);

  // Ops that arrive later for the alias id land on the canonical record.
  clock.advance_ms(1000);
  auto late = push(b, {op(b, "participant", "reg-b", {{"phone", "+6281277778888"}})}).results[0];
  EXPECT_EQ(late.verdict, Verdict::merged);
  EXPECT_EQ(late.canonical_id, "reg-a");
  EXPECT_EQ(stored("participant", "reg-a")->fields["phone"], "+6281277778888");
  EXPECT_FALSE(stored("participant", "reg-b").has_value());
  // Deleting the alias does not delete the person.
  auto del = push(b, {op(b, "participant", "reg-b", nlohmann::json::object(), "delete")}).results[0];
  EXPECT_EQ(del.verdict, Verdict::merged);
  EXPECT_FALSE(stored("participant", "reg-a")->deleted);
}

TEST_F(ServerRegistration, ChangingANikToOneAlreadyRegisteredIsRejected) {
  Device d = enroll(kF1);
  pull_all(d);
  auto r = push(d, {op(d, "participant", kP3, {{"nik", "3204100506800001"}})}).results[0];  // p1's NIK
  EXPECT_EQ(r.verdict, Verdict::rejected);
  EXPECT_EQ(r.reason.rfind("nik.duplicate", 0), 0u);
}

}  // namespace
}  // namespace simpul::server::test
