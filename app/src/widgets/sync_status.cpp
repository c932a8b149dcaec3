#include "widgets/sync_status.hpp"

#include <cstdio>
#include <ctime>

#include "ui/i18n.hpp"

namespace simpul::widgets {
namespace {

std::tm local_tm(std::int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

}  // namespace

std::string format_when(std::int64_t at_ms, std::int64_t now_ms) {
  const std::tm at = local_tm(at_ms);
  const std::tm now = local_tm(now_ms);
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", at.tm_hour, at.tm_min);
  if (at.tm_year == now.tm_year && at.tm_yday == now.tm_yday) return std::string(tr("when.today")) + " " + clock;
  char date[32];
  std::snprintf(date, sizeof date, "%02d-%02d-%04d %s", at.tm_mday, at.tm_mon + 1, at.tm_year + 1900, clock);
  return date;
}

SyncStatusView sync_status_view(const sync::SyncStatus& status, std::int64_t now_ms) {
  SyncStatusView view;
  view.enrolled = status.enrolled;
  view.synced = status.enrolled && status.synced();
  view.online = status.online == sync::Online::online;
  view.pending_ops = static_cast<int>(status.pending_ops);
  view.rejected_ops = static_cast<int>(status.rejected_ops);
  view.open_conflicts = static_cast<int>(status.open_conflicts);
  if (status.enrolled && status.phase != sync::Phase::idle) {
    const std::string key = std::string("sync.phase.") + sync::to_string(status.phase);
    view.phase = tr(key.c_str());
  }
  if (status.phase == sync::Phase::bootstrapping) {
    const auto& p = status.progress;
    if (p.rows_total > 0) {
      view.progress = static_cast<float>(static_cast<double>(p.rows_done) / static_cast<double>(p.rows_total));
    } else {
      view.progress = 0.0f;  // total not known yet: an empty bar says "started"
    }
  }
  if (status.last_sync_at_ms) view.last_success = format_when(*status.last_sync_at_ms, now_ms);
  return view;
}

}  // namespace simpul::widgets
