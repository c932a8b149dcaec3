#pragma once
// The sync engine's status as the status bar shows it: phase names in the UI language, counts, and the last
// successful sync as "hari ini 09:14" / "12-03-2026 09:14" in local time.
#include <cstdint>
#include <string>

#include "simpul/sync/status.hpp"
#include "widgets/status_bar.hpp"

namespace simpul::widgets {

SyncStatusView sync_status_view(const sync::SyncStatus& status, std::int64_t now_ms);

// "hari ini 09:14" (today), else "12-03-2026 09:14", in local time and the UI language.
std::string format_when(std::int64_t at_ms, std::int64_t now_ms);

}  // namespace simpul::widgets
