#pragma once
// Whether a patient may take a queue number for a poli on a day: the rules shared by the desk, the
// kiosk and the server's WS Antrean FKTP (Mobile JKN bookings), plus the short Indonesian texts the
// WS puts in `metadata.message` (code 201) when it refuses.
//
// Refusal codes (Finding field in brackets), in the order check_booking reports them:
//   booking.bad_date      [day]          not a real calendar date
//   booking.back_dated    [day]          the day is before today
//   booking.duplicate     [card_number]  the card already holds a number for this poli and day
//                                         (cancelled entries do not count, so a cancelled booking
//                                         can be made again)
//   booking.closed_day    [day]          the poli does not open that weekday, or the date is closed
//   booking.before_hours  [day]          same day, earlier than accept_before_open_minutes before opening
//   booking.after_hours   [day]          same day, at or after the poli's closing time
//   booking.quota_full    [poli]         the day's quota is used (every entry but cancelled ones)
// A bad or back-dated date stops the checks; the others are all reported.
// Cancelling (PUT /antrean/batal, the desk's cancel button): booking.not_found [card_number], then the
// state machine's refusals (queue.cancel_after_service, …; state_machine.hpp).
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/queue/types.hpp"

namespace simpul::queue {

enum class Weekday { monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday };  // ISO 8601
Weekday weekday_of(const Date& day);
const char* weekday_name_id(Weekday d);  // "Senin" … "Minggu"
const char* weekday_name_en(Weekday d);  // "Monday" … "Sunday"

// When a poli serves. Poli (model.hpp) carries the hours and the quota; the days are here.
struct WeeklySchedule {
  std::array<bool, 7> open_days{true, true, true, true, true, true, false};  // Monday … Sunday
  std::vector<Date> closed_dates;  // public holidays (tanggal merah), closures

  bool is_open(const Date& day) const;
};

inline constexpr int kDefaultAcceptBeforeOpenMinutes = 120;

struct BookingPolicy {
  WeeklySchedule schedule;
  // Same-day numbers can be taken this long before the poli opens: patients come early and the kiosk
  // serves them (default 120: from 06:00 for an 08:00 opening). Use a large value to accept any time
  // before opening (e.g. for Mobile JKN).
  int accept_before_open_minutes = kDefaultAcceptBeforeOpenMinutes;
};

// Checks a booking of `card_number` at `poli` for `day`, asked on `today` at `minute_now` (minutes after
// local midnight; only used when day == today). `day_entries_for_poli` may hold more than that poli's
// day: entries of other polis (by code) or days are ignored. An empty card number (a patient without a
// JKN card) skips the duplicate check. Empty = allowed.
Findings check_booking(const Poli& poli, const Date& day, const Date& today, int minute_now,
                       const std::vector<QueueEntry>& day_entries_for_poli, const std::string& card_number,
                       const BookingPolicy& policy = {});

// The entry holding the card's booking for (poli, day): the first one that is not cancelled, or nullptr.
const QueueEntry* find_booking(const std::vector<QueueEntry>& entries, std::string_view card_number,
                               std::string_view poli_code, const Date& day);

// Whether the card's booking for (poli, day) can be cancelled now: booking.not_found, or the state
// machine's refusal for a cancel event in the booking's state. Empty = allowed (then record a cancel
// event on find_booking's entry). `entries` should carry replayed states (with_replayed_states).
Findings check_cancel(const std::vector<QueueEntry>& entries, std::string_view card_number,
                      std::string_view poli_code, const Date& day);

// Short Indonesian text for the WS Antrean `metadata.message` of a refusal, e.g.
// booking.duplicate -> "Nomor antrean hanya dapat diambil 1 kali pada tanggal yang sama",
// booking.back_dated -> "Tanggal periksa tidak berlaku", booking.closed_day -> "Poli tutup",
// booking.quota_full -> "Kuota penuh". Unknown codes fall back to the Finding's Indonesian text.
std::string ws_message(const Finding& finding);
// The first error's ws_message, or "Ok" when `findings` has no error.
std::string ws_message(const Findings& findings);

}  // namespace simpul::queue
