#pragma once
// Queue values: states, events, priority class, source, and the entry/event records that mirror the
// `queue_entries` / `queue_events` tables. Plain values; the rules live beside this header
// (state_machine, numbering, order, booking, stats), persistence in storage/.
//
// Every enum has a stable text code (what the database and the wire store) and a parser that
// returns nullopt for anything it does not know, so a newer device's value never crashes an older one.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "simpul/core/date.hpp"

namespace simpul::queue {

// waiting -> called (recall keeps it called) -> serving -> done; called -> skipped / no_show;
// skipped -> called again; waiting / called / skipped -> cancelled. done, no_show, cancelled are terminal.
enum class QueueState { waiting, called, serving, done, skipped, no_show, cancelled };
inline constexpr std::array<QueueState, 7> kAllStates{
    QueueState::waiting, QueueState::called,  QueueState::serving,  QueueState::done,
    QueueState::skipped, QueueState::no_show, QueueState::cancelled};
const char* state_code(QueueState s);  // "waiting","called","serving","done","skipped","no_show","cancelled"
std::optional<QueueState> parse_state(std::string_view code);
// Bahasa Indonesia label for screens: "Menunggu", "Dipanggil", "Dilayani", "Selesai", "Dilewati",
// "Tidak hadir", "Batal".
const char* state_label_id(QueueState s);
// No event can leave these states.
bool is_terminal(QueueState s);
// Still holds the booking: every state but cancelled (a cancelled entry frees the card's booking and
// its quota place; a done or no-show entry does not).
inline bool holds_booking(QueueState s) {
  return s != QueueState::cancelled;
}

enum class QueueEventKind { call, recall, skip, serve, done, no_show, cancel };
inline constexpr std::array<QueueEventKind, 7> kAllEventKinds{
    QueueEventKind::call, QueueEventKind::recall,  QueueEventKind::skip,  QueueEventKind::serve,
    QueueEventKind::done, QueueEventKind::no_show, QueueEventKind::cancel};
const char* event_code(QueueEventKind e);  // "call","recall","skip","serve","done","no_show","cancel"
std::optional<QueueEventKind> parse_event(std::string_view code);

// A = umum (regular), B = prioritas: elderly (>= 60), children under 5, pregnant, disabled.
enum class Priority { regular, priority };
const char* priority_code(Priority p);    // "regular" / "priority" (stored in queue_entries.priority)
const char* priority_letter(Priority p);  // "A" / "B" (kiosk buttons and tickets)
std::optional<Priority> parse_priority(std::string_view code);  // accepts the code or the letter

enum class Source { kiosk, desk, mobile_jkn };
const char* source_code(Source s);  // "kiosk", "desk", "mobile_jkn"
std::optional<Source> parse_source(std::string_view code);

// One row of queue_entries. `state` is a cached projection: the truth is the entry's event list
// (see replay() in state_machine.hpp), which merges correctly across offline devices.
struct QueueEntry {
  std::string id;        // UUIDv7
  std::string facility;  // PPK code
  std::string poli;      // PCare poli code, e.g. "001"
  Date day;              // service day (tanggalperiksa)
  std::string number;    // human number, e.g. "A-101" (numbering.hpp); unique per (facility, poli, day)
  int seq_no = 0;        // the digits of `number` as an integer (angkaantrean), e.g. 101
  Priority priority = Priority::regular;
  std::string participant_id;
  std::string card_number;  // 13-digit JKN card number, text; may be empty for a non-JKN patient
  Source source = Source::desk;
  QueueState state = QueueState::waiting;
  std::string arrival_hlc;  // HlcTimestamp::encode() of the arrival (or booking); orders service
  std::string complaint;    // keluhan
  std::string device;       // device id that issued the number
};

// One row of queue_events: an append-only fact. `at_ms` is the HLC wall time of the event
// (HybridClock::now().wall_ms: epoch ms corrected by the server offset), so events from several
// devices order consistently; `id` (UUIDv7) is the final tie-break and the duplicate key.
struct QueueEvent {
  std::string id;
  std::string entry_id;
  QueueEventKind kind = QueueEventKind::call;
  std::int64_t at_ms = 0;
  std::string user_id;
  std::string device;
};

}  // namespace simpul::queue
