#include "simpul/core/queue/booking.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "../rules/text.hpp"
#include "simpul/core/queue/state_machine.hpp"
#include "simpul/core/rules/findings.hpp"

namespace simpul::queue {
namespace {

constexpr std::array<const char*, 7> kWeekdaysId{"Senin", "Selasa", "Rabu",  "Kamis",
                                                 "Jumat", "Sabtu",  "Minggu"};
constexpr std::array<const char*, 7> kWeekdaysEn{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                 "Friday", "Saturday", "Sunday"};

std::size_t weekday_index(Weekday d) {
  return static_cast<std::size_t>(static_cast<int>(d) - 1);
}

std::string poli_text(const Poli& poli) {
  return poli.name.empty() ? poli.code : poli.name;
}

std::string clock_text(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 24, minute % 60);
  return buf;
}

struct WsText {
  const char* code;
  const char* text;
};
constexpr std::array<WsText, 11> kWsTexts{{
    {"booking.bad_date", "Tanggal periksa tidak berlaku"},
    {"booking.back_dated", "Tanggal periksa tidak berlaku"},
    {"booking.duplicate", "Nomor antrean hanya dapat diambil 1 kali pada tanggal yang sama"},
    {"booking.closed_day", "Poli tutup"},
    {"booking.before_hours", "Poli belum buka"},
    {"booking.after_hours", "Poli sudah tutup"},
    {"booking.quota_full", "Kuota penuh"},
    {"booking.not_found", "Antrean tidak ditemukan"},
    {"queue.cancel_after_service", "Antrean tidak dapat dibatalkan karena sudah dilayani"},
    {"queue.already_no_show", "Antrean sudah ditandai tidak hadir"},
    {"queue.already_cancelled", "Antrean sudah dibatalkan"},
}};

bool same_queue(const QueueEntry& e, const Poli& poli, const Date& day) {
  return e.poli == poli.code && e.day == day;
}

Findings check_date(const Date& day, const Date& today) {
  if (!day.valid()) {
    return {rules::error_finding("day", "booking.bad_date", "Tanggal periksa tidak valid.",
                                 "The visit date is not a valid date.")};
  }
  if (day < today) {
    return {rules::error_finding(
        "day", "booking.back_dated",
        "Tanggal periksa " + rules::detail::date_text_id(day) +
            " sudah lewat. Pilih hari ini atau tanggal sesudahnya.",
        "The visit date " + rules::detail::date_text_en(day) + " has passed. Choose today or a later date.")};
  }
  return {};
}

Findings check_open(const Poli& poli, const Date& day, const Date& today, int minute_now,
                    const BookingPolicy& policy) {
  const std::string name = poli_text(poli);
  if (!policy.schedule.is_open(day)) {
    const Weekday wd = weekday_of(day);
    return {rules::error_finding("day", "booking.closed_day",
                                 "Poli " + name + " tutup pada hari " + weekday_name_id(wd) + ", " +
                                     rules::detail::date_text_id(day) + ". Pilih tanggal lain.",
                                 "Poli " + name + " is closed on " + weekday_name_en(wd) + ", " +
                                     rules::detail::date_text_en(day) + ". Choose another date.")};
  }
  if (day != today) return {};
  const std::string hours = clock_text(poli.open_minute) + "–" + clock_text(poli.close_minute);
  const int accept_from = poli.open_minute - policy.accept_before_open_minutes;
  if (minute_now < accept_from) {
    return {rules::error_finding("day", "booking.before_hours",
                                 "Pendaftaran poli " + name + " hari ini dibuka mulai pukul " +
                                     clock_text(accept_from) + " (jam layanan " + hours + ").",
                                 "Registration for poli " + name + " opens today at " +
                                     clock_text(accept_from) + " (service hours " + hours + ").")};
  }
  if (minute_now >= poli.close_minute) {
    return {rules::error_finding(
        "day", "booking.after_hours",
        "Poli " + name + " sudah tutup hari ini (jam layanan " + hours + "). Silakan daftar untuk hari lain.",
        "Poli " + name + " has closed for today (service hours " + hours + "). Please book another day.")};
  }
  return {};
}

}  // namespace

Weekday weekday_of(const Date& day) {
  const std::int64_t days = day.to_days();  // 1970-01-01 was a Thursday
  const auto index = ((days + 3) % 7 + 7) % 7;
  return static_cast<Weekday>(index + 1);
}

const char* weekday_name_id(Weekday d) {
  return kWeekdaysId[weekday_index(d)];
}
const char* weekday_name_en(Weekday d) {
  return kWeekdaysEn[weekday_index(d)];
}

bool WeeklySchedule::is_open(const Date& day) const {
  if (!open_days[weekday_index(weekday_of(day))]) return false;
  return std::find(closed_dates.begin(), closed_dates.end(), day) == closed_dates.end();
}

Findings check_booking(const Poli& poli, const Date& day, const Date& today, int minute_now,
                       const std::vector<QueueEntry>& day_entries_for_poli, const std::string& card_number,
                       const BookingPolicy& policy) {
  Findings out = check_date(day, today);
  if (!out.empty()) return out;

  if (!card_number.empty()) {
    for (const auto& e : day_entries_for_poli) {
      if (same_queue(e, poli, day) && e.card_number == card_number && holds_booking(e.state)) {
        out.push_back(rules::error_finding(
            "card_number", "booking.duplicate",
            "Kartu " + card_number + " sudah mendapat nomor antrean " + e.number + " di poli " +
                poli_text(poli) + " pada " + rules::detail::date_text_id(day) +
                ". Nomor antrean hanya dapat diambil 1 kali pada tanggal yang sama.",
            "Card " + card_number + " already has queue number " + e.number + " at poli " + poli_text(poli) +
                " on " + rules::detail::date_text_en(day) +
                ". A number can be taken only once per poli and date."));
        break;
      }
    }
  }

  rules::append(out, check_open(poli, day, today, minute_now, policy));

  const auto used =
      std::count_if(day_entries_for_poli.begin(), day_entries_for_poli.end(),
                    [&](const QueueEntry& e) { return same_queue(e, poli, day) && holds_booking(e.state); });
  if (used >= poli.daily_quota) {
    const std::string quota = std::to_string(poli.daily_quota);
    out.push_back(rules::error_finding(
        "poli", "booking.quota_full",
        "Kuota poli " + poli_text(poli) + " pada " + rules::detail::date_text_id(day) + " sudah penuh (" +
            quota + " pasien). Pilih tanggal lain.",
        "The quota of poli " + poli_text(poli) + " on " + rules::detail::date_text_en(day) + " is full (" +
            quota + " patients). Choose another date."));
  }
  return out;
}

const QueueEntry* find_booking(const std::vector<QueueEntry>& entries, std::string_view card_number,
                               std::string_view poli_code, const Date& day) {
  for (const auto& e : entries) {
    if (e.card_number == card_number && e.poli == poli_code && e.day == day && holds_booking(e.state))
      return &e;
  }
  return nullptr;
}

Findings check_cancel(const std::vector<QueueEntry>& entries, std::string_view card_number,
                      std::string_view poli_code, const Date& day) {
  const QueueEntry* booking = find_booking(entries, card_number, poli_code, day);
  if (booking == nullptr) {
    const std::string card(card_number);
    return {rules::error_finding("card_number", "booking.not_found",
                                 "Tidak ada antrean aktif untuk kartu " + card + " di poli ini pada " +
                                     rules::detail::date_text_id(day) + ".",
                                 "There is no active queue number for card " + card + " at this poli on " +
                                     rules::detail::date_text_en(day) + ".")};
  }
  return check_event(booking->state, QueueEventKind::cancel);
}

std::string ws_message(const Finding& finding) {
  for (const auto& t : kWsTexts) {
    if (finding.code == t.code) return t.text;
  }
  return finding.id;
}

std::string ws_message(const Findings& findings) {
  for (const auto& f : findings) {
    if (f.severity == Severity::error) return ws_message(f);
  }
  return "Ok";
}

}  // namespace simpul::queue
