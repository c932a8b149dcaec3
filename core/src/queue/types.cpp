#include "simpul/core/queue/types.hpp"

#include <cstddef>

namespace simpul::queue {
namespace {

// Codes are indexed by the enumerator's value; one table per enum keeps code and parser in step.
constexpr std::array<const char*, 7> kStateCodes{"waiting", "called",  "serving",  "done",
                                                 "skipped", "no_show", "cancelled"};
constexpr std::array<const char*, 7> kStateLabelsId{"Menunggu", "Dipanggil",   "Dilayani", "Selesai",
                                                    "Dilewati", "Tidak hadir", "Batal"};
constexpr std::array<const char*, 7> kEventCodes{"call", "recall",  "skip",  "serve",
                                                 "done", "no_show", "cancel"};
constexpr std::array<const char*, 2> kPriorityCodes{"regular", "priority"};
constexpr std::array<const char*, 2> kPriorityLetters{"A", "B"};
constexpr std::array<const char*, 3> kSourceCodes{"kiosk", "desk", "mobile_jkn"};

template <class E, std::size_t N>
const char* code_of(const std::array<const char*, N>& codes, E value) {
  return codes[static_cast<std::size_t>(value)];
}

template <class E, std::size_t N>
std::optional<E> parse_code(const std::array<const char*, N>& codes, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (text == codes[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* state_code(QueueState s) {
  return code_of(kStateCodes, s);
}
std::optional<QueueState> parse_state(std::string_view code) {
  return parse_code<QueueState>(kStateCodes, code);
}
const char* state_label_id(QueueState s) {
  return code_of(kStateLabelsId, s);
}

bool is_terminal(QueueState s) {
  return s == QueueState::done || s == QueueState::no_show || s == QueueState::cancelled;
}

const char* event_code(QueueEventKind e) {
  return code_of(kEventCodes, e);
}
std::optional<QueueEventKind> parse_event(std::string_view code) {
  return parse_code<QueueEventKind>(kEventCodes, code);
}

const char* priority_code(Priority p) {
  return code_of(kPriorityCodes, p);
}
const char* priority_letter(Priority p) {
  return code_of(kPriorityLetters, p);
}
std::optional<Priority> parse_priority(std::string_view code) {
  if (auto p = parse_code<Priority>(kPriorityCodes, code)) return p;
  return parse_code<Priority>(kPriorityLetters, code);
}

const char* source_code(Source s) {
  return code_of(kSourceCodes, s);
}
std::optional<Source> parse_source(std::string_view code) {
  return parse_code<Source>(kSourceCodes, code);
}

}  // namespace simpul::queue
