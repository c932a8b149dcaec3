// Queue numbers: format and parse, counters, overflow, and no collision between offline devices.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "simpul/core/queue/numbering.hpp"

using namespace simpul;
using namespace simpul::queue;

namespace {

Poli poli(std::string code, std::string prefix) {
  Poli p;
  p.code = std::move(code);
  p.name = "Poli " + p.code;
  p.prefix = std::move(prefix);
  return p;
}

QueueEntry numbered(const Poli& p, const Date& day, const QueueNumber& n, std::string id) {
  QueueEntry e;
  e.id = std::move(id);
  e.poli = p.code;
  e.day = day;
  e.number = n.text;
  e.seq_no = n.seq_no;
  return e;
}

constexpr Date kDay{2026, 1, 15};

}  // namespace

TEST(QueueNumbering, FormatPerSlot) {
  const Poli umum = poli("001", "A");
  EXPECT_EQ(format_number(umum, 1, 1), "A-101");
  EXPECT_EQ(format_number(umum, 1, 12), "A-112");
  EXPECT_EQ(format_number(umum, 1, 99), "A-199");
  EXPECT_EQ(format_number(umum, 8, 7), "A-807");
  EXPECT_EQ(format_number(umum, kServerSlot, 1), "A-901");
  EXPECT_EQ(format_number(umum, kUnenrolledSlot, 12), "A-012");
  EXPECT_EQ(format_number("", 2, 3), "203");
  EXPECT_EQ(format_number("KIA", 2, 3), "KIA-203");
}

TEST(QueueNumbering, OverflowGrowsInsteadOfColliding) {
  EXPECT_EQ(format_number("A", 1, 100), "A-1100");
  EXPECT_EQ(format_number("A", 1, 999), "A-1999");
  EXPECT_EQ(format_number("A", 1, 1000), "A-11000");
  EXPECT_EQ(format_number("A", 9, 100), "A-9100");
  EXPECT_EQ(format_number("A", 0, 100), "A-0100");
  EXPECT_EQ(seq_no_of(1, 1), 101);
  EXPECT_EQ(seq_no_of(1, 99), 199);
  EXPECT_EQ(seq_no_of(1, 100), 1100);
  EXPECT_EQ(seq_no_of(2, 100), 2100);
  EXPECT_EQ(seq_no_of(9, kMaxCounter), 999'999);
  EXPECT_EQ(seq_no_of(0, 12), 12);
}

TEST(QueueNumbering, EveryNumberOfEverySlotIsDistinctAndParsesBack) {
  std::set<std::string> texts;
  std::set<int> enrolled_seq_nos;
  for (int slot = kUnenrolledSlot; slot <= kServerSlot; ++slot) {
    for (int n = 1; n <= 2500; ++n) {
      const QueueNumber made = make_number("A", slot, n);
      ASSERT_TRUE(texts.insert(made.text).second) << made.text;
      if (slot != kUnenrolledSlot) {
        ASSERT_TRUE(enrolled_seq_nos.insert(made.seq_no).second) << made.text;
      }
      const auto parsed = parse_number(made.text);
      ASSERT_TRUE(parsed.has_value()) << made.text;
      EXPECT_EQ(parsed->text, made.text);
      EXPECT_EQ(parsed->prefix, "A");
      EXPECT_EQ(parsed->slot, slot);
      EXPECT_EQ(parsed->counter, n);
      EXPECT_EQ(parsed->seq_no, made.seq_no);
      EXPECT_EQ(parsed->seq_no, std::stoi(made.text.substr(2)));  // the digits after "A-"
    }
  }
}

TEST(QueueNumbering, ParseRejectsWhatFormatNeverWrites) {
  for (const char* bad : {"", "A-", "-101", "A-1", "A-10", "A-100", "A-1000", "A-10001", "A-1x1", "A--101",
                          "A 1-101", "A-1999999", "A-101 "}) {
    EXPECT_FALSE(parse_number(bad).has_value()) << '"' << bad << '"';
  }
  const auto bare = parse_number("203");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->prefix, "");
  EXPECT_EQ(bare->slot, 2);
  EXPECT_EQ(bare->counter, 3);
  const auto kia = parse_number("KIA-9100");
  ASSERT_TRUE(kia.has_value());
  EXPECT_EQ(kia->prefix, "KIA");
  EXPECT_EQ(kia->slot, 9);
  EXPECT_EQ(kia->counter, 100);
}

TEST(QueueNumbering, NextCounterContinuesTheSlotAndIgnoresOthers) {
  const Poli umum = poli("001", "A");
  std::vector<QueueEntry> entries;
  EXPECT_EQ(next_counter(entries, 1), 1);
  for (int n : {1, 2, 5})
    entries.push_back(numbered(umum, kDay, make_number("A", 1, n), "s1-" + std::to_string(n)));
  for (int n = 1; n <= 40; ++n)
    entries.push_back(numbered(umum, kDay, make_number("A", 2, n), "s2-" + std::to_string(n)));
  entries.push_back(numbered(umum, kDay, make_number("A", 9, 3), "server"));
  entries.back().state = QueueState::cancelled;  // a cancelled number is never reused
  QueueEntry odd;
  odd.number = "walk-in";
  entries.push_back(odd);
  EXPECT_EQ(next_counter(entries, 1), 6);  // gaps are kept, never refilled
  EXPECT_EQ(next_counter(entries, 2), 41);
  EXPECT_EQ(next_counter(entries, 3), 1);
  EXPECT_EQ(next_counter(entries, kServerSlot), 4);
}

TEST(QueueNumbering, AllocatorCountsPerPoliAndDay) {
  const Poli umum = poli("001", "A");
  const Poli gigi = poli("002", "B");
  const NumberAllocator kiosk{1};
  std::vector<QueueEntry> replica;
  replica.push_back(numbered(umum, kDay, kiosk.next(umum, kDay, replica), "1"));
  replica.push_back(numbered(umum, kDay, kiosk.next(umum, kDay, replica), "2"));
  replica.push_back(numbered(gigi, kDay, kiosk.next(gigi, kDay, replica), "3"));
  replica.push_back(numbered(umum, kDay.add_days(1), kiosk.next(umum, kDay.add_days(1), replica), "4"));
  EXPECT_EQ(replica[0].number, "A-101");
  EXPECT_EQ(replica[1].number, "A-102");
  EXPECT_EQ(replica[2].number, "B-101");
  EXPECT_EQ(replica[3].number, "A-101");  // a new day starts again
  EXPECT_EQ(kiosk.next(umum, kDay, replica).text, "A-103");
  EXPECT_EQ(NumberAllocator{kServerSlot}.next(umum, kDay, replica).text, "A-901");
}

TEST(QueueNumbering, AllocatorOverflowsToTheLongForm) {
  const Poli umum = poli("001", "A");
  const NumberAllocator desk{2};
  std::vector<QueueEntry> replica;
  for (int i = 0; i < 101; ++i)
    replica.push_back(numbered(umum, kDay, desk.next(umum, kDay, replica), std::to_string(i)));
  EXPECT_EQ(replica[98].number, "A-299");
  EXPECT_EQ(replica[99].number, "A-2100");
  EXPECT_EQ(replica[99].seq_no, 2100);
  EXPECT_EQ(replica[100].number, "A-2101");
}

// Three enrolled devices (kiosk, desk, laptop) and the server (Mobile JKN bookings) issue numbers for the
// same polis and days, each from its own replica, and sync with the server in random order while the
// others are offline. No two entries may ever share a number (nor a seq_no) in one poli's day.
TEST(QueueNumbering, OfflineDevicesAndServerNeverCollide) {
  struct Replica {
    std::map<std::string, QueueEntry> rows;  // by id: a sync is a union
    std::vector<QueueEntry> list() const {
      std::vector<QueueEntry> out;
      for (const auto& [id, e] : rows) out.push_back(e);
      return out;
    }
    void merge(const Replica& other) { rows.insert(other.rows.begin(), other.rows.end()); }
  };
  struct Issuer {
    NumberAllocator allocator;
    Replica replica;
  };
  const std::vector<Poli> polis{poli("001", "A"), poli("002", "B")};
  const std::vector<Date> days{kDay, kDay.add_days(1)};

  std::mt19937 rng(5);
  std::size_t long_form_numbers = 0;
  std::size_t issued_total = 0;
  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    // issuers[0..2]: devices in slots 1..3; issuers[3]: the server (its replica is the central one).
    std::vector<Issuer> issuers{{NumberAllocator{1}, {}},
                                {NumberAllocator{2}, {}},
                                {NumberAllocator{3}, {}},
                                {NumberAllocator{kServerSlot}, {}}};
    std::vector<int> weights{6, 2, 1, 1};  // one busy kiosk pushes its slot into the long form
    std::shuffle(weights.begin(), weights.end(), rng);
    std::discrete_distribution<std::size_t> who(weights.begin(), weights.end());
    const std::size_t poli_count = 1 + static_cast<std::size_t>(round % 2);
    const std::size_t day_count = 1 + static_cast<std::size_t>((round / 2) % 2);
    std::uniform_int_distribution<std::size_t> pick_poli(0, poli_count - 1);
    std::uniform_int_distribution<std::size_t> pick_day(0, day_count - 1);
    std::uniform_int_distribution<int> action(0, 9);
    int next_id = 0;

    for (int step = 0; step < 450; ++step) {
      const std::size_t i = who(rng);
      Issuer& issuer = issuers[i];
      const int a = action(rng);
      if (a < 7) {  // issue a number from what this issuer has seen
        const Poli& p = polis[pick_poli(rng)];
        const Date& d = days[pick_day(rng)];
        const QueueNumber n = issuer.allocator.next(p, d, issuer.replica.list());
        QueueEntry e = numbered(p, d, n, "e" + std::to_string(next_id++));
        issuer.replica.rows.emplace(e.id, e);
        ++issued_total;
      } else if (a < 9 && i != 3) {  // a device syncs: push, then pull everything the server has
        issuers[3].replica.merge(issuer.replica);
        issuer.replica.merge(issuers[3].replica);
      } else if (!issuer.replica.rows.empty()) {  // cancel something it knows: the number stays taken
        auto it = issuer.replica.rows.begin();
        std::advance(it, std::uniform_int_distribution<std::size_t>(0, issuer.replica.rows.size() - 1)(rng));
        it->second.state = QueueState::cancelled;
      }
    }
    // Everyone comes back online.
    Replica all;
    for (const auto& issuer : issuers) all.merge(issuer.replica);

    std::set<std::tuple<std::string, Date, std::string>> numbers;
    std::set<std::tuple<std::string, Date, int>> seq_nos;
    std::map<std::tuple<std::string, Date, int>, std::vector<int>> counters;  // per poli, day, slot
    for (const auto& [id, e] : all.rows) {
      ASSERT_TRUE(numbers.insert({e.poli, e.day, e.number}).second) << "duplicate " << e.number;
      ASSERT_TRUE(seq_nos.insert({e.poli, e.day, e.seq_no}).second) << "duplicate seq_no " << e.seq_no;
      const auto parsed = parse_number(e.number);
      ASSERT_TRUE(parsed.has_value()) << e.number;
      counters[{e.poli, e.day, parsed->slot}].push_back(parsed->counter);
      if (parsed->counter >= 100) ++long_form_numbers;
    }
    // Each slot numbers its queue 1, 2, 3 … without gaps: a device always sees what it issued itself.
    for (auto& [key, list] : counters) {
      std::sort(list.begin(), list.end());
      for (std::size_t k = 0; k < list.size(); ++k) ASSERT_EQ(list[k], static_cast<int>(k) + 1);
    }
  }
  EXPECT_GT(issued_total, 15'000u);
  EXPECT_GT(long_form_numbers, 0u) << "the simulation should reach the overflow form";
}

// Why enrollment matters: two unenrolled devices share slot 0 and do collide when both are offline.
TEST(QueueNumbering, TwoUnenrolledDevicesCanCollide) {
  const Poli umum = poli("001", "A");
  const NumberAllocator a{kUnenrolledSlot};
  const NumberAllocator b{kUnenrolledSlot};
  EXPECT_EQ(a.next(umum, kDay, {}).text, b.next(umum, kDay, {}).text);
  EXPECT_NE(NumberAllocator{1}.next(umum, kDay, {}).text, NumberAllocator{2}.next(umum, kDay, {}).text);
}
