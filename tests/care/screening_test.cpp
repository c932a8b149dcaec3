// Screenings on the replica: the yearly rule offline, screenings arriving by sync (what counts, what is a
// duplicate), kiosk screenings completed by the poli, and the stored result.
#include "care_fixture.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/storage/screenings.hpp"
#include "support/temp_dir.hpp"

namespace simpul::care_test {
namespace {

using storage::NewScreening;
using storage::ScreeningMode;
using storage::Screenings;

class CareScreening : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = storage::Replica::open(dir.file("desk.db").string(), clock);
    ASSERT_TRUE(r.ok()) << r.error().message;
    replica = std::move(r).value();
    person = add_participant(*replica, "p-000000000001", "1968-04-10", "P");
  }

  storage::ScreeningOutcome screen(const std::string& day, ScreeningMode mode = ScreeningMode::poli,
                                   const json& answers = poli_answers_v1()) {
    NewScreening req;
    req.participant_id = person;
    req.day = Date::parse(day);
    req.mode = mode;
    auto parsed = storage::answers_from_json(answers);
    EXPECT_TRUE(parsed.ok());
    req.answers = *parsed;
    auto out = Screenings(*replica).record(storage::Actor{"u-1", "poli"}, req);
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message);
    return out.ok() ? *out : storage::ScreeningOutcome{};
  }

  // A screening row as the sync engine writes one pulled from the server (another device's).
  void arrive_from_sync(const std::string& id, const std::string& day, std::int64_t wall_ms, const std::string& node) {
    auto tx = storage::Transaction::begin(replica->db());
    ASSERT_TRUE(tx.ok());
    const storage::Fields row{{"participant_id", person}, {"facility", "1004P001"}, {"day", day},
                              {"questionnaire", "v1"}, {"answers", self_answers_v1().dump()},
                              {"result", json{{"risks", json::array()}}.dump()}, {"mode", "kiosk"},
                              {"user_id", "u-9"}, {"recorded_hlc", HlcTimestamp{wall_ms, 0, node}.encode()}};
    ASSERT_TRUE(replica->apply_remote("screening", id, &row).ok());
    ASSERT_TRUE(tx->commit().ok());
  }

  test::TempDir dir{"simpul-care-screening"};
  ManualClock clock{1'780'000'000'000};  // 2026-05-28
  std::unique_ptr<storage::Replica> replica;
  std::string person;
};

TEST_F(CareScreening, SecondScreeningWithinTwelveMonthsIsRefusedOfflineWithTheNextAllowedDay) {
  const auto first = screen("2025-03-03");
  ASSERT_TRUE(first.accepted()) << first.refusals.front().en;
  EXPECT_TRUE(first.saved.counts);

  const auto again = screen("2025-09-01");
  ASSERT_FALSE(again.accepted());
  EXPECT_EQ(again.refusals.front().code, "screening.too_soon");
  ASSERT_TRUE(again.next_allowed.has_value());
  EXPECT_EQ(again.next_allowed->iso(), "2026-03-03");
  EXPECT_EQ(replica->db().query_int("SELECT count(*) FROM screenings")->value_or(-1), 1) << "nothing was written";

  auto next = Screenings(*replica).next_allowed(person);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ((*next)->iso(), "2026-03-03");
  EXPECT_FALSE(screen("2026-03-02").accepted());
  const auto year_later = screen("2026-03-03");
  EXPECT_TRUE(year_later.accepted());
  EXPECT_TRUE(year_later.saved.counts);
}

TEST_F(CareScreening, ResultIsStoredWithItsVersionAnswersAndRiskLevels) {
  const auto out = screen("2026-05-01", ScreeningMode::poli, poli_answers_v1(/*waist_cm=*/95, 150, 95));
  ASSERT_TRUE(out.accepted());
  const auto& s = out.saved;
  EXPECT_EQ(s.version, "v1");
  EXPECT_EQ(s.mode, "poli");
  EXPECT_FALSE(s.recorded_hlc.empty());
  EXPECT_EQ(s.answers.value("waist_cm", 0.0), 95.0);
  EXPECT_EQ(s.result["age_years"], 58);
  // 58 years: 3; BMI 22.0: 0; women's waist 95: 4  ->  7, slightly elevated.
  EXPECT_EQ(s.result["findrisc"]["score"], 7);
  EXPECT_EQ(s.result["findrisc"]["band"], "slightly_elevated");
  ASSERT_EQ(s.result["risks"].size(), 4u);
  EXPECT_EQ(s.result["risks"][1]["disease"], "hypertension");
  EXPECT_EQ(s.result["risks"][1]["level"], "high");  // measured 150/95
  EXPECT_TRUE(s.result["follow_up"].get<bool>());
  // The fact is captured for sync.
  EXPECT_EQ(replica->db().query_int("SELECT count(*) FROM outbox WHERE entity = 'screening'")->value_or(0), 1);

  auto dist = Screenings(*replica).risk_distribution(*Date::parse("2026-05-01"), *Date::parse("2026-05-31"));
  ASSERT_TRUE(dist.ok());
  EXPECT_EQ(dist->screenings, 1);
  EXPECT_EQ(dist->follow_up, 1);
  EXPECT_EQ(dist->diseases[1].high, 1);
}

TEST_F(CareScreening, AnEarlierScreeningArrivingBySyncCountsAndTheLocalOneBecomesAVisibleDuplicate) {
  const auto local = screen("2025-03-05");
  ASSERT_TRUE(local.accepted());
  // Another device screened the same person two days earlier, offline; sync brings it now.
  arrive_from_sync("remote-screening-1", "2025-03-03", 1'741'000'000'000, "device-b");

  Screenings repo(*replica);
  auto all = repo.for_participant(person);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u) << "both answers are kept";
  const auto& newest = (*all)[0];
  const auto& oldest = (*all)[1];
  EXPECT_EQ(oldest.id, "remote-screening-1");
  EXPECT_TRUE(oldest.counts);
  EXPECT_EQ(newest.id, local.saved.id);
  EXPECT_FALSE(newest.counts);
  EXPECT_TRUE(newest.duplicate());
  EXPECT_EQ(newest.duplicate_of, "remote-screening-1");
  // The rule is checked again: the period runs from the screening that counts, never from a duplicate.
  auto next = repo.next_allowed(person);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ((*next)->iso(), "2026-03-03");

  auto dups = repo.duplicates();
  ASSERT_TRUE(dups.ok());
  ASSERT_EQ(dups->size(), 1u);
  EXPECT_EQ(dups->front().id, local.saved.id);
  ASSERT_TRUE(repo.mark_reviewed(storage::Actor{"u-1", "desk"}, local.saved.id).ok());
  EXPECT_TRUE(repo.duplicates()->empty());
  EXPECT_EQ(repo.duplicates(/*include_reviewed=*/true)->size(), 1u);
  EXPECT_FALSE(repo.mark_reviewed(storage::Actor{"u-1", "desk"}, "remote-screening-1").ok()) << "it counts";

  // A later sync touching the participant's screenings keeps the review note while the standing holds.
  arrive_from_sync("remote-screening-2", "2026-03-10", 1'773'000'000'000, "device-b");
  auto after = repo.duplicates(true);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_TRUE(after->front().reviewed);
  EXPECT_TRUE(repo.get("remote-screening-2")->value().counts) << "a year after the one that counts";
}

TEST_F(CareScreening, SameDayScreeningsAreOrderedByTheirClocksWhateverTheArrivalOrder) {
  arrive_from_sync("zz-later-by-clock", "2026-04-01", 1'775'000'000'500, "device-b");
  arrive_from_sync("aa-earlier-by-clock", "2026-04-01", 1'775'000'000'000, "device-c");
  Screenings repo(*replica);
  EXPECT_TRUE(repo.get("aa-earlier-by-clock")->value().counts);
  EXPECT_EQ(repo.get("zz-later-by-clock")->value().duplicate_of, "aa-earlier-by-clock");
}

TEST_F(CareScreening, KioskScreeningIsCompletedByThePoliTheSameDayNotRepeated) {
  json with_waist = self_answers_v1();
  with_waist["waist_cm"] = 80;
  const auto measured_at_kiosk = screen("2026-05-20", ScreeningMode::kiosk, with_waist);
  ASSERT_FALSE(measured_at_kiosk.accepted());
  EXPECT_EQ(measured_at_kiosk.refusals.front().code, "screening.kiosk_measurement");
  EXPECT_EQ(measured_at_kiosk.refusals.front().field, "waist_cm");

  const auto kiosk = screen("2026-05-20", ScreeningMode::kiosk, self_answers_v1());
  ASSERT_TRUE(kiosk.accepted());
  EXPECT_FALSE(kiosk.saved.result["findrisc"]["complete"].get<bool>());
  const auto poli = screen("2026-05-20", ScreeningMode::poli);
  ASSERT_TRUE(poli.accepted()) << poli.refusals.front().en;
  EXPECT_EQ(poli.saved.completes, kiosk.saved.id);
  EXPECT_TRUE(poli.saved.counts);

  Screenings repo(*replica);
  auto k = repo.get(kiosk.saved.id);
  ASSERT_TRUE(k.ok() && k->has_value());
  EXPECT_FALSE((*k)->counts);
  EXPECT_FALSE((*k)->duplicate());
  EXPECT_EQ((*k)->superseded_by, poli.saved.id);
  EXPECT_TRUE(repo.duplicates()->empty());
  EXPECT_EQ(repo.next_allowed(person)->value().iso(), "2027-05-20");
  EXPECT_FALSE(screen("2026-05-20", ScreeningMode::poli).accepted()) << "completed once";
}

TEST_F(CareScreening, RefusesChildrenAndBadAnswersWithFindings) {
  const std::string child = add_participant(*replica, "p-000000000002", "2016-01-01", "L");
  NewScreening req;
  req.participant_id = child;
  req.day = Date::parse("2026-05-01");
  req.answers = *storage::answers_from_json(poli_answers_v1());
  auto out = Screenings(*replica).record(storage::Actor{}, req);
  ASSERT_TRUE(out.ok());
  ASSERT_FALSE(out->accepted());
  EXPECT_EQ(out->refusals.front().code, "screening.too_young");

  json missing = poli_answers_v1();
  missing.erase("smoking");
  const auto bad = screen("2026-05-01", ScreeningMode::poli, missing);
  ASSERT_FALSE(bad.accepted());
  EXPECT_EQ(bad.refusals.front().field, "smoking");

  NewScreening nobody;
  nobody.participant_id = "no-such-person";
  auto unknown = Screenings(*replica).record(storage::Actor{}, nobody);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace simpul::care_test
