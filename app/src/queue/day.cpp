#include "queue/day.hpp"

#include <cstdio>

namespace simpul::queue_ui {

const PoliQueue* FacilityDay::poli(std::string_view code) const {
  for (const PoliQueue& p : polis)
    if (p.poli.code == code) return &p;
  return nullptr;
}

const queue::QueueEntry* FacilityDay::entry(std::string_view id) const {
  for (const PoliQueue& p : polis)
    for (const queue::QueueEntry& e : p.entries)
      if (e.id == id) return &e;
  return nullptr;
}

const queue::QueueEntry* FacilityDay::held(std::string_view poli_code, std::string_view card_number,
                                           std::string_view participant_id) const {
  const PoliQueue* p = poli(poli_code);
  if (p == nullptr) return nullptr;
  for (const queue::QueueEntry& e : p->entries) {
    if (!queue::holds_booking(e.state)) continue;
    if ((!card_number.empty() && e.card_number == card_number) ||
        (!participant_id.empty() && e.participant_id == participant_id))
      return &e;
  }
  return nullptr;
}

Date local_day(std::int64_t epoch_ms, int utc_offset_minutes) { return Date::from_epoch_ms(epoch_ms, utc_offset_minutes); }

int local_minute(std::int64_t epoch_ms, int utc_offset_minutes) {
  const std::int64_t minutes = epoch_ms / 60'000 + utc_offset_minutes;
  const std::int64_t in_day = minutes % (24 * 60);
  return static_cast<int>(in_day < 0 ? in_day + 24 * 60 : in_day);
}

std::string clock_text(std::int64_t epoch_ms, int utc_offset_minutes) {
  const int minute = local_minute(epoch_ms, utc_offset_minutes);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string date_text(const Date& day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", day.day, day.month, day.year);
  return buf;
}

}  // namespace simpul::queue_ui
