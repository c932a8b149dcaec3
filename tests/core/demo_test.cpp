#include "simpul/core/demo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "simpul/core/icd10.hpp"
#include "simpul/core/rules/identity.hpp"
#include "simpul/core/rules/participant.hpp"

using namespace simpul;

namespace {

const Date kToday{2026, 3, 15};

const RegionTable& regions() {
  static const RegionTable table = [] {
    auto loaded = RegionTable::load(std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv");
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return table;
}

demo::DemoData make(std::size_t participants, std::uint64_t seed = 7, const std::string& regency = "3204") {
  demo::DemoOptions options;
  options.participants = participants;
  options.seed = seed;
  options.regency = regency;
  options.today = kToday;
  auto data = demo::generate(regions(), options);
  if (!data.ok()) {
    ADD_FAILURE() << data.error().message;
    return {};
  }
  return std::move(data).value();
}

// Every generated value as text, to compare two generations byte for byte.
std::string dump(const demo::DemoData& d) {
  std::ostringstream out;
  for (const auto& f : d.facilities) {
    out << f.code << '|' << f.name << '|' << f.address.street << '|' << f.address.village_code << '|' << f.latitude
        << '|' << f.longitude << '|' << f.phone << '|' << f.polis.size() << '|' << f.services.size() << '\n';
  }
  for (const auto& c : d.clinicians) out << c.name << '|' << c.facility << '|' << c.poli << '\n';
  for (const auto& p : d.participants) {
    out << p.id << '|' << p.card_number << '|' << p.nik << '|' << p.name << '|' << p.birth_date.iso() << '|'
        << sex_code(p.sex) << '|' << p.kk_number << '|' << relation_code(p.relation) << '|' << p.address.street << '|'
        << p.address.rt << '|' << p.address.rw << '|' << p.address.village_code << '|' << p.phone << '|' << p.email
        << '|' << segment_code(p.segment) << '|' << p.care_class << '|' << p.fktp << '|' << p.dental_fktp << '|'
        << (p.status == MemberStatus::active) << '|' << p.status_reason << '|' << p.va_number << '|'
        << autodebit_code(p.autodebit) << p.autodebit_provider << '|'
        << (p.fktp_changed_on ? p.fktp_changed_on->iso() : "") << '\n';
  }
  for (const auto& k : d.kk_history) out << k.id.text() << '|' << k.participant << '|' << k.kk_number << '\n';
  for (const auto& b : d.bills) {
    out << b.id.text() << '|' << b.participant << '|' << demo::period_text(b) << '|' << b.amount << '|'
        << demo::status_text(b) << '\n';
  }
  for (const auto& p : d.payments) out << p.id.text() << '|' << p.bill << '|' << p.paid_on.iso() << '|' << p.channel << '\n';
  for (const auto& v : d.visits) {
    out << v.id.text() << '|' << v.participant << '|' << v.facility << '|' << v.poli << '|' << v.day.iso() << '|'
        << v.complaint << '|' << demo::vitals_json(v.vitals) << '|' << demo::diagnoses_json(v) << '|'
        << demo::outcome_text(v) << '|' << v.clinician << '\n';
  }
  for (const auto& c : d.civil_registry) out << c.nik << '|' << c.name << '|' << c.kk_number << '|' << c.in_jkn << '\n';
  return out.str();
}

}  // namespace

TEST(Demo, SameSeedGivesIdenticalDataAndAnotherSeedDoesNot) {
  const std::string a = dump(make(800, 42));
  const std::string b = dump(make(800, 42));
  const std::string c = dump(make(800, 43));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(Demo, FacilitiesOfOneRegencyWithValidCodesPolisAndPlaces) {
  const auto d = make(300);
  const std::regex ppk("^[0-9]{4}[0-9A-Z][0-9]{3}$");
  std::map<FacilityType, int> count;
  std::set<std::string> codes;
  for (const auto& f : d.facilities) {
    ++count[f.type];
    EXPECT_TRUE(std::regex_match(f.code, ppk)) << f.code;
    EXPECT_TRUE(codes.insert(f.code).second) << "duplicate " << f.code;
    EXPECT_EQ(f.address.village_code.substr(0, 4), "3204") << f.name;
    EXPECT_TRUE(regions().find(f.address.village_code).has_value()) << f.address.village_code;
    // Kab. Bandung lies around 7.0 S, 107.6 E.
    EXPECT_GT(f.latitude, -7.35);
    EXPECT_LT(f.latitude, -6.75);
    EXPECT_GT(f.longitude, 107.3);
    EXPECT_LT(f.longitude, 108.0);
    if (is_fktp(f.type)) {
      ASSERT_FALSE(f.polis.empty()) << f.name;
      for (const auto& p : f.polis) {
        EXPECT_EQ(p.code.size(), 3u);
        EXPECT_LT(p.open_minute, p.close_minute);
        EXPECT_GT(p.daily_quota, 0);
      }
    }
  }
  const int fktps = count[FacilityType::puskesmas] + count[FacilityType::klinik] + count[FacilityType::dpp] +
                    count[FacilityType::dpg];
  EXPECT_GE(fktps, 8);
  EXPECT_LE(fktps, 15);
  EXPECT_GE(count[FacilityType::dpp], 1);
  EXPECT_GE(count[FacilityType::dpg], 1);
  EXPECT_GE(count[FacilityType::hospital], 2);
  EXPECT_LE(count[FacilityType::hospital], 3);
  EXPECT_EQ(count[FacilityType::bpjs_office], 1);
  const auto puskesmas = std::find_if(d.facilities.begin(), d.facilities.end(),
                                    [](const Facility& f) { return f.name.rfind("Puskesmas ", 0) == 0; });
  ASSERT_NE(puskesmas, d.facilities.end());
  const auto& polis = puskesmas->polis;
  EXPECT_EQ(polis[0].code, "001");
  EXPECT_EQ(polis[0].prefix, "A");
  EXPECT_EQ(polis[1].code, "002");
  EXPECT_EQ(polis[2].code, "003");
}

TEST(Demo, EveryNikIsValidAndDecodesToTheParticipantsBirthDateAndSex) {
  const auto d = make(2000);
  ASSERT_EQ(d.participants.size(), 2000u);
  std::set<std::string> niks;
  std::set<std::string> cards;
  std::set<std::string> ids;
  for (const auto& p : d.participants) {
    const Findings f = rules::check_nik(p.nik, p.sex, p.birth_date, &regions(), kToday);
    EXPECT_TRUE(f.empty()) << p.nik << ": " << (f.empty() ? "" : f.front().en);
    auto info = rules::decode_nik(p.nik, kToday);
    ASSERT_TRUE(info.ok()) << p.nik;
    EXPECT_EQ(info->birth_date, p.birth_date) << p.nik;
    EXPECT_EQ(info->sex, p.sex) << p.nik;
    EXPECT_EQ(info->regency, "3204");
    EXPECT_TRUE(niks.insert(p.nik).second) << "duplicate NIK " << p.nik;
    EXPECT_EQ(p.card_number.size(), 13u);
    EXPECT_TRUE(cards.insert(p.card_number).second) << "duplicate card " << p.card_number;
    EXPECT_TRUE(ids.insert(p.id).second);
    EXPECT_EQ(p.id.size(), 36u);
  }
}

TEST(Demo, EveryParticipantPassesTheRegistrationRules) {
  const auto d = make(1500, 3);
  for (const auto& p : d.participants) {
    const Findings f = rules::validate_participant(p, &regions(), kToday);
    for (const auto& x : f) ADD_FAILURE() << p.name << " (" << p.nik << "): " << x.code << " " << x.en;
    if (p.segment == Segment::pbpu) EXPECT_EQ(p.va_number.size(), 16u);
    if (is_pbi(p.segment)) EXPECT_EQ(p.care_class, 3);
    if (p.status == MemberStatus::inactive) EXPECT_FALSE(p.status_reason.empty());
  }
}

TEST(Demo, FamiliesShareKkAddressAndFktpWithTheHeadFirst) {
  const auto d = make(1000);
  std::size_t members = 0;
  std::map<std::string, FacilityType> types;
  for (const auto& f : d.facilities) types[f.code] = f.type;
  for (const auto& fam : d.families) {
    ASSERT_GE(fam.size, 2u);
    ASSERT_LE(fam.size, 6u);
    members += fam.size;
    const auto& head = d.participants[fam.first];
    EXPECT_EQ(head.relation, FamilyRelation::head);
    EXPECT_TRUE(rules::check_kk_number(fam.kk_number, &regions(), kToday).empty()) << fam.kk_number;
    int spouses = 0;
    for (std::uint32_t i = fam.first; i < fam.first + fam.size; ++i) {
      const auto& m = d.participants[i];
      EXPECT_EQ(m.kk_number, fam.kk_number);
      EXPECT_EQ(m.fktp, head.fktp);
      EXPECT_EQ(m.address.village_code, head.address.village_code);
      EXPECT_EQ(m.segment, head.segment);
      if (m.relation == FamilyRelation::spouse) ++spouses;
      if (m.relation == FamilyRelation::child) EXPECT_GT(m.birth_date, head.birth_date.add_months(12 * 12));
    }
    EXPECT_LE(spouses, 1);
    EXPECT_TRUE(types.count(head.fktp) && is_fktp(types[head.fktp]));
    if (!head.dental_fktp.empty()) {
      EXPECT_EQ(types[head.fktp], FacilityType::dpp);
      EXPECT_EQ(types[head.dental_fktp], FacilityType::dpg);
    }
  }
  EXPECT_EQ(members, d.participants.size());
  // Every participant has a current KK history entry for the current card.
  std::vector<int> current(d.participants.size());
  for (const auto& k : d.kk_history) {
    if (!k.valid_until) {
      EXPECT_EQ(k.kk_number, d.participants[k.participant].kk_number);
      ++current[k.participant];
    }
  }
  for (const int c : current) EXPECT_EQ(c, 1);
}

TEST(Demo, BillsPaymentsAndVisitsAreConsistent) {
  const auto d = make(3000);
  ASSERT_FALSE(d.bills.empty());
  ASSERT_FALSE(d.payments.empty());
  int unpaid = 0;
  for (const auto& b : d.bills) {
    const auto& p = d.participants[b.participant];
    EXPECT_EQ(p.segment, Segment::pbpu);
    EXPECT_EQ(b.amount, p.care_class == 1 ? 150000 : p.care_class == 2 ? 100000 : 35000);
    EXPECT_EQ(b.due_date.day, 10);
    EXPECT_LE(b.period, kToday);
    EXPECT_GE(b.period, (Date{2025, 10, 1}));
    if (!b.paid) ++unpaid;
  }
  EXPECT_GT(unpaid, 0) << "some members are in arrears";
  for (const auto& pay : d.payments) {
    const auto& bill = d.bills[pay.bill];
    EXPECT_TRUE(bill.paid);
    EXPECT_EQ(pay.participant, bill.participant);
    EXPECT_EQ(pay.amount, bill.amount);
    EXPECT_LE(pay.paid_on, kToday);
    EXPECT_STRNE(pay.channel, "");
  }
  auto catalog = Icd10Catalog::load(std::string(SIMPUL_ASSET_DIR) + "/icd10/fktp.tsv");
  ASSERT_TRUE(catalog.ok()) << catalog.error().message;
  std::set<std::uint32_t> visited;
  for (const auto& v : d.visits) {
    visited.insert(v.participant);
    EXPECT_LT(v.day, kToday);
    ASSERT_NE(v.diagnoses[0], nullptr);
    for (const char* code : v.diagnoses) {
      if (code != nullptr) EXPECT_NE(catalog->find(code), nullptr) << code;
    }
    EXPECT_EQ(d.clinicians[v.clinician].facility, v.facility);
    EXPECT_EQ(demo::vitals_json(v.vitals).front(), '{');
  }
  const double share = static_cast<double>(visited.size()) / static_cast<double>(d.participants.size());
  EXPECT_GT(share, 0.4);
  EXPECT_LT(share, 0.6);
}

TEST(Demo, CivilRegistryHoldsEveryParticipantAndSomeUnregisteredPeople) {
  const auto d = make(1000);
  std::set<std::string> participant_niks;
  for (const auto& p : d.participants) participant_niks.insert(p.nik);
  std::size_t outside = 0;
  std::set<std::string> civil_niks;
  for (const auto& c : d.civil_registry) {
    EXPECT_TRUE(civil_niks.insert(c.nik).second) << "duplicate " << c.nik;
    EXPECT_EQ(participant_niks.count(c.nik) == 1, c.in_jkn);
    if (!c.in_jkn) {
      ++outside;
      EXPECT_TRUE(rules::check_nik(c.nik, c.sex, c.birth_date, &regions(), kToday).empty());
    }
  }
  EXPECT_EQ(civil_niks.size() - outside, d.participants.size());
  EXPECT_GE(outside, 45u);
  EXPECT_LE(outside, 60u);
}

TEST(Demo, IdsAreUuidShaped) {
  const auto d = make(50);
  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (const auto& p : d.participants) EXPECT_TRUE(std::regex_match(p.id, uuid)) << p.id;
  for (const auto& b : d.bills) EXPECT_TRUE(std::regex_match(b.id.text(), uuid));
  for (std::size_t i = 1; i < d.participants.size(); ++i) {
    EXPECT_LT(d.participants[i - 1].id, d.participants[i].id) << "ids sort in creation order";
  }
}

TEST(Demo, OtherRegenciesWorkAndUnknownOnesAreRefused) {
  const auto d = make(200, 1, "3471");  // Kota Yogyakarta
  ASSERT_EQ(d.participants.size(), 200u);
  EXPECT_EQ(d.participants.front().nik.substr(0, 4), "3471");
  demo::DemoOptions bad;
  bad.regency = "9999";
  bad.today = kToday;
  auto r = demo::generate(regions(), bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "demo.unknown_regency");
  bad.regency = "3204";
  bad.today = Date{2026, 2, 30};
  EXPECT_FALSE(demo::generate(regions(), bad).ok());
}

TEST(Demo, HundredThousandParticipantsAreGenerated) {
  const auto start = std::chrono::steady_clock::now();
  const auto d = make(100'000, 11);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  std::printf("demo: 100k participants, %zu bills, %zu visits generated in %lld ms\n", d.bills.size(),
              d.visits.size(), static_cast<long long>(ms));
  EXPECT_EQ(d.participants.size(), 100'000u);
}
