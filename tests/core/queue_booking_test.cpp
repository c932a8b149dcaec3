// Booking rules shared by desk, kiosk and the WS Antrean: duplicates, dates, schedule, hours, quota, cancel.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "simpul/core/queue/booking.hpp"
#include "simpul/core/rules/findings.hpp"

using namespace simpul;
using namespace simpul::queue;
using simpul::rules::codes_of;

namespace {

using Codes = std::vector<std::string>;

constexpr Date kToday{2026, 1, 15};  // a Thursday
constexpr Date kSunday{2026, 1, 18};
constexpr int kNine = 9 * 60;
const std::string kCard = "0001234567890";

Poli umum() {
  Poli p;
  p.code = "001";
  p.name = "Umum";
  p.prefix = "A";
  p.open_minute = 8 * 60;
  p.close_minute = 14 * 60;
  p.daily_quota = 3;
  return p;
}

QueueEntry booked(std::string card, QueueState state = QueueState::waiting, std::string poli = "001",
                  Date day = kToday) {
  static int next = 0;
  QueueEntry e;
  e.id = "entry-" + std::to_string(++next);
  e.poli = std::move(poli);
  e.day = day;
  e.number = "A-1" + std::to_string(10 + next % 80);
  e.card_number = std::move(card);
  e.state = state;
  return e;
}

struct BookingCase {
  std::string name;
  Date day;
  int minute_now;
  std::vector<QueueEntry> entries;
  std::string card;
  Codes expected;
};

}  // namespace

TEST(QueueBooking, Rules) {
  const std::string other = "0009876543210";
  // clang-format off
  const std::vector<BookingCase> cases{
      {"first booking today", kToday, kNine, {}, kCard, {}},
      {"booking for tomorrow", kToday.add_days(1), kNine, {}, kCard, {}},
      {"booking for next week", kToday.add_days(6), 23 * 60, {}, kCard, {}},
      {"back-dated", kToday.add_days(-1), kNine, {}, kCard, {"booking.back_dated"}},
      {"not a real date", Date{2026, 2, 30}, kNine, {}, kCard, {"booking.bad_date"}},
      {"back-dated stops the other checks", kToday.add_days(-3), 3 * 60, {booked(kCard)}, kCard,
       {"booking.back_dated"}},
      {"duplicate card, same poli and day", kToday, kNine, {booked(kCard)}, kCard, {"booking.duplicate"}},
      {"served today still blocks a second number", kToday, kNine, {booked(kCard, QueueState::done)}, kCard,
       {"booking.duplicate"}},
      {"no-show still blocks", kToday, kNine, {booked(kCard, QueueState::no_show)}, kCard, {"booking.duplicate"}},
      {"cancelled booking does not block rebooking", kToday, kNine, {booked(kCard, QueueState::cancelled)}, kCard,
       {}},
      {"same card, other poli", kToday, kNine, {booked(kCard, QueueState::waiting, "002")}, kCard, {}},
      {"same card, other day", kToday, kNine, {booked(kCard, QueueState::waiting, "001", kToday.add_days(1))},
       kCard, {}},
      {"other card", kToday, kNine, {booked(other)}, kCard, {}},
      {"no card: no duplicate check", kToday, kNine, {booked("")}, "", {}},
      {"Sunday", kSunday, kNine, {}, kCard, {"booking.closed_day"}},
      {"Saturday is open", kSunday.add_days(-1), kNine, {}, kCard, {}},
      {"too early today (before 06:00)", kToday, 5 * 60 + 59, {}, kCard, {"booking.before_hours"}},
      {"early queue from 06:00", kToday, 6 * 60, {}, kCard, {}},
      {"last minute before closing", kToday, 14 * 60 - 1, {}, kCard, {}},
      {"at closing time", kToday, 14 * 60, {}, kCard, {"booking.after_hours"}},
      {"evening booking for tomorrow", kToday.add_days(1), 21 * 60, {}, kCard, {}},
      {"quota full", kToday, kNine, {booked("1"), booked("2"), booked("3")}, kCard, {"booking.quota_full"}},
      {"quota full for tomorrow too", kToday.add_days(1), kNine,
       {booked("1", QueueState::waiting, "001", kToday.add_days(1)),
        booked("2", QueueState::waiting, "001", kToday.add_days(1)),
        booked("3", QueueState::waiting, "001", kToday.add_days(1))}, kCard, {"booking.quota_full"}},
      {"served and no-show entries use the quota", kToday, kNine,
       {booked("1", QueueState::done), booked("2", QueueState::no_show), booked("3", QueueState::serving)}, kCard,
       {"booking.quota_full"}},
      {"a cancellation frees a quota place", kToday, kNine,
       {booked("1"), booked("2"), booked("3", QueueState::cancelled)}, kCard, {}},
      {"other polis and days do not use the quota", kToday, kNine,
       {booked("1"), booked("2", QueueState::waiting, "002"), booked("3", QueueState::waiting, "001", kToday.add_days(1))},
       kCard, {}},
      {"several refusals, in order", kToday, 15 * 60, {booked(kCard), booked("2"), booked("3")}, kCard,
       {"booking.duplicate", "booking.after_hours", "booking.quota_full"}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings f = check_booking(umum(), c.day, kToday, c.minute_now, c.entries, c.card);
    EXPECT_EQ(codes_of(f), c.expected);
    for (const auto& x : f) {
      EXPECT_EQ(x.severity, Severity::error);
      EXPECT_FALSE(x.id.empty());
      EXPECT_FALSE(x.en.empty());
      EXPECT_NE(x.id, x.en);
    }
  }
}

TEST(QueueBooking, MessagesNameTheDetails) {
  const Findings dup = check_booking(umum(), kToday, kToday, kNine, {booked(kCard)}, kCard);
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].field, "card_number");
  EXPECT_NE(dup[0].id.find(kCard), std::string::npos);
  EXPECT_NE(dup[0].id.find("1 kali pada tanggal yang sama"), std::string::npos);

  const Findings sunday = check_booking(umum(), kSunday, kToday, kNine, {}, kCard);
  EXPECT_NE(sunday.at(0).id.find("Minggu"), std::string::npos);
  EXPECT_NE(sunday.at(0).en.find("Sunday"), std::string::npos);

  const Findings late = check_booking(umum(), kToday, kToday, 15 * 60, {}, kCard);
  EXPECT_NE(late.at(0).id.find("08:00–14:00"), std::string::npos);

  const Findings early = check_booking(umum(), kToday, kToday, 5 * 60, {}, kCard);
  EXPECT_NE(early.at(0).en.find("06:00"), std::string::npos);
}

TEST(QueueBooking, ScheduleWithHolidaysAndSundayService) {
  BookingPolicy policy;
  policy.schedule.closed_dates.push_back(Date{2026, 1, 16});  // a holiday
  EXPECT_EQ(codes_of(check_booking(umum(), Date{2026, 1, 16}, kToday, kNine, {}, kCard, policy)),
            Codes{"booking.closed_day"});
  policy.schedule.open_days[6] = true;  // a clinic that also opens on Sunday
  EXPECT_TRUE(check_booking(umum(), kSunday, kToday, kNine, {}, kCard, policy).empty());
  policy.schedule.open_days[3] = false;  // closed on Thursday: today as well, whatever the hour
  EXPECT_EQ(codes_of(check_booking(umum(), kToday, kToday, kNine, {}, kCard, policy)),
            Codes{"booking.closed_day"});
}

TEST(QueueBooking, EarlyWindowIsConfigurable) {
  BookingPolicy policy;
  policy.accept_before_open_minutes = 24 * 60;  // e.g. Mobile JKN: any time before opening
  EXPECT_TRUE(check_booking(umum(), kToday, kToday, 0, {}, kCard, policy).empty());
  policy.accept_before_open_minutes = 0;
  EXPECT_EQ(codes_of(check_booking(umum(), kToday, kToday, 8 * 60 - 1, {}, kCard, policy)),
            Codes{"booking.before_hours"});
}

TEST(QueueBooking, Weekdays) {
  EXPECT_EQ(weekday_of(Date{1970, 1, 1}), Weekday::thursday);
  EXPECT_EQ(weekday_of(kToday), Weekday::thursday);
  EXPECT_EQ(weekday_of(kSunday), Weekday::sunday);
  EXPECT_EQ(weekday_of(Date{1969, 12, 29}), Weekday::monday);
  EXPECT_EQ(weekday_of(Date{2024, 2, 29}), Weekday::thursday);
  EXPECT_STREQ(weekday_name_id(Weekday::friday), "Jumat");
  EXPECT_STREQ(weekday_name_en(Weekday::saturday), "Saturday");
}

TEST(QueueBooking, WsAntreanMessages) {
  const auto ws = [](const Findings& f) { return ws_message(f); };
  EXPECT_EQ(ws(check_booking(umum(), kToday, kToday, kNine, {booked(kCard)}, kCard)),
            "Nomor antrean hanya dapat diambil 1 kali pada tanggal yang sama");
  EXPECT_EQ(ws(check_booking(umum(), kToday.add_days(-1), kToday, kNine, {}, kCard)),
            "Tanggal periksa tidak berlaku");
  EXPECT_EQ(ws(check_booking(umum(), Date{2026, 13, 1}, kToday, kNine, {}, kCard)),
            "Tanggal periksa tidak berlaku");
  EXPECT_EQ(ws(check_booking(umum(), kSunday, kToday, kNine, {}, kCard)), "Poli tutup");
  EXPECT_EQ(ws(check_booking(umum(), kToday, kToday, 15 * 60, {}, kCard)), "Poli sudah tutup");
  EXPECT_EQ(ws(check_booking(umum(), kToday, kToday, 60, {}, kCard)), "Poli belum buka");
  EXPECT_EQ(ws(check_booking(umum(), kToday, kToday, kNine, {booked("1"), booked("2"), booked("3")}, kCard)),
            "Kuota penuh");
  EXPECT_EQ(ws(Findings{}), "Ok");
  const Finding unknown{"x", Severity::error, "something.else", "Teks lengkap.", "Full text."};
  EXPECT_EQ(ws_message(unknown), "Teks lengkap.");
  const Finding warning{"x", Severity::warning, "booking.quota_full", "w", "w"};
  EXPECT_EQ(ws(Findings{warning}), "Ok");
}

TEST(QueueBooking, FindBookingSkipsCancelledOnes) {
  const std::vector<QueueEntry> entries{booked(kCard, QueueState::cancelled), booked(kCard),
                                        booked(kCard, QueueState::waiting, "002")};
  const QueueEntry* b = find_booking(entries, kCard, "001", kToday);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->id, entries[1].id);
  EXPECT_EQ(find_booking(entries, kCard, "003", kToday), nullptr);
  EXPECT_EQ(find_booking(entries, kCard, "001", kToday.add_days(1)), nullptr);
}

TEST(QueueBooking, Cancel) {
  struct CancelCase {
    std::string name;
    std::vector<QueueEntry> entries;
    Codes expected;
    std::string ws;
  };
  // clang-format off
  const std::vector<CancelCase> cases{
      {"waiting", {booked(kCard)}, {}, "Ok"},
      {"called", {booked(kCard, QueueState::called)}, {}, "Ok"},
      {"skipped", {booked(kCard, QueueState::skipped)}, {}, "Ok"},
      {"no booking", {booked("other")}, {"booking.not_found"}, "Antrean tidak ditemukan"},
      {"already cancelled", {booked(kCard, QueueState::cancelled)}, {"booking.not_found"}, "Antrean tidak ditemukan"},
      {"being served", {booked(kCard, QueueState::serving)}, {"queue.cancel_after_service"},
       "Antrean tidak dapat dibatalkan karena sudah dilayani"},
      {"served", {booked(kCard, QueueState::done)}, {"queue.cancel_after_service"},
       "Antrean tidak dapat dibatalkan karena sudah dilayani"},
      {"no-show", {booked(kCard, QueueState::no_show)}, {"queue.already_no_show"}, "Antrean sudah ditandai tidak hadir"},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Findings f = check_cancel(c.entries, kCard, "001", kToday);
    EXPECT_EQ(codes_of(f), c.expected);
    EXPECT_EQ(ws_message(f), c.ws);
  }
}
