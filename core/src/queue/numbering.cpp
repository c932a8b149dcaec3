#include "simpul/core/queue/numbering.hpp"

#include <algorithm>
#include <cassert>

namespace simpul::queue {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_prefix_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c);
}

// The counter as written: zero-padded to two digits, longer when it needs more.
std::string counter_text(int n) {
  std::string s = std::to_string(n);
  if (s.size() < 2) s.insert(0, 2 - s.size(), '0');
  return s;
}

// The entry's counter when its number belongs to `slot`, else 0 (parse_number is declared in the header).
int counter_in_slot(const QueueEntry& e, int slot) {
  const auto parsed = parse_number(e.number);
  return parsed && parsed->slot == slot ? parsed->counter : 0;
}

}  // namespace

int seq_no_of(int slot, int n) {
  assert(valid_slot(slot) && n >= 1 && n <= kMaxCounter);
  int scale = 100;
  while (scale <= n) scale *= 10;
  return slot * scale + n;
}

std::string format_number(std::string_view prefix, int slot, int n) {
  assert(valid_slot(slot) && n >= 1 && n <= kMaxCounter);
  std::string out(prefix);
  if (!out.empty()) out += '-';
  out += static_cast<char>('0' + slot);
  out += counter_text(n);
  return out;
}

std::string format_number(const Poli& poli, int slot, int n) {
  return format_number(poli.prefix, slot, n);
}

QueueNumber make_number(std::string_view prefix, int slot, int n) {
  return QueueNumber{format_number(prefix, slot, n), std::string(prefix), slot, n, seq_no_of(slot, n)};
}

std::optional<QueueNumber> parse_number(std::string_view text) {
  std::string_view prefix;
  std::string_view digits = text;
  if (const auto dash = text.rfind('-'); dash != std::string_view::npos) {
    prefix = text.substr(0, dash);
    digits = text.substr(dash + 1);
    if (prefix.empty() || !std::all_of(prefix.begin(), prefix.end(), is_prefix_char)) return std::nullopt;
  }
  // slot digit + at least two counter digits, at most as many as kMaxCounter has
  if (digits.size() < 3 || digits.size() > 6) return std::nullopt;
  if (!std::all_of(digits.begin(), digits.end(), is_digit)) return std::nullopt;
  const int slot = digits[0] - '0';
  int n = 0;
  for (const char c : digits.substr(1)) n = n * 10 + (c - '0');
  if (n < 1 || n > kMaxCounter || counter_text(n) != digits.substr(1)) return std::nullopt;
  return make_number(prefix, slot, n);
}

int next_counter(const std::vector<QueueEntry>& entries, int slot) {
  int highest = 0;
  for (const auto& e : entries) highest = std::max(highest, counter_in_slot(e, slot));
  return highest + 1;
}

QueueNumber NumberAllocator::next(const Poli& poli, const Date& day,
                                  const std::vector<QueueEntry>& known_entries) const {
  int highest = 0;
  for (const auto& e : known_entries) {
    if (e.poli == poli.code && e.day == day) highest = std::max(highest, counter_in_slot(e, slot));
  }
  return make_number(poli.prefix, slot, highest + 1);
}

}  // namespace simpul::queue
