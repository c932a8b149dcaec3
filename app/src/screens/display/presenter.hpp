#pragma once
// The board's view from a facility's day: pure, so what the board shows is tested without a window.
#include <cstdint>
#include <vector>

#include "queue/day.hpp"
#include "screens/display/model.hpp"

namespace simpul::screens::display {

inline constexpr int kFreshSeconds = 20;      // a call stays highlighted this long
inline constexpr std::size_t kRecentCalls = 6;

View build_board(const queue_ui::FacilityDay& day, std::int64_t now_ms);

// A call the board has not announced yet.
struct Call {
  std::string entry_id;
  std::string number;
  std::string poli_code;
  std::string poli_name;
  std::int64_t at_ms = 0;
};
// Every call and recall in `day` after `after_ms`, oldest first (what the voice reads out, in order).
std::vector<Call> calls_after(const queue_ui::FacilityDay& day, std::int64_t after_ms);
// The time of the newest call or recall in `day` (0 when none).
std::int64_t latest_call_ms(const queue_ui::FacilityDay& day);

}  // namespace simpul::screens::display
