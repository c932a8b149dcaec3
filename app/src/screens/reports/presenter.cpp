#include "screens/reports/presenter.hpp"

#include <cstdio>
#include <map>

#include "context/format.hpp"
#include "ui/i18n.hpp"
#include "widgets/sync_status.hpp"

namespace simpul::screens::reports {
namespace {

std::string n(int v) {
  return std::to_string(v);
}

std::string decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s(buf);
  if (i18n::language() == "id")
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

// A translated label, or the code itself when the catalogue has none.
std::string label(const std::string& prefix, const std::string& code) {
  const std::string key = prefix + code;
  const char* text = tr(key.c_str());
  return key == text ? code : std::string(text);
}

}  // namespace

Section visits_section(const storage::DailyVisits& r, const Date& from, const Date& to) {
  Section s;
  s.figures = {{tr("reports.visits.total"), n(r.total)}, {tr("reports.visits.referred"), n(r.referred)}};
  s.chart_title = tr("reports.visits.chart");
  s.daily = true;
  std::map<Date, int> per_day;
  std::map<std::string, std::pair<std::string, int>> per_poli;
  for (const auto& row : r.rows) {
    per_day[row.day] += row.visits;
    auto& p = per_poli[row.poli];
    p.first = row.poli_name.empty() ? row.poli : row.poli_name;
    p.second += row.visits;
  }
  if (!per_day.empty()) {
    for (Date d = from; d <= to; d = d.add_days(1)) {
      const auto it = per_day.find(d);
      s.bars.push_back(
          Bar{context::format_date(d), static_cast<float>(it == per_day.end() ? 0 : it->second)});
    }
  } else {
    s.empty_key = "reports.none";
  }
  s.table.columns = {tr("reports.col.poli"), tr("reports.col.visits")};
  for (const auto& [code, p] : per_poli) s.table.rows.push_back({p.first + " (" + code + ")", n(p.second)});
  return s;
}

Section waits_section(const storage::WaitTimes& r) {
  Section s;
  s.figures = {{tr("reports.waits.entries"), n(r.entries)},
               {tr("reports.waits.not_called"), n(r.not_called)}};
  s.chart_title = tr("reports.waits.chart");
  int counted = 0;
  for (const auto& b : r.histogram) {
    s.bars.push_back(Bar{b.label() + " " + tr("reports.minutes_short"), static_cast<float>(b.count)});
    counted += b.count;
  }
  if (counted == 0) s.empty_key = "reports.none";
  s.table.columns = {tr("reports.col.poli"), tr("reports.col.called"), tr("reports.col.mean"),
                     tr("reports.col.median"), tr("reports.col.p90")};
  for (const auto& p : r.per_poli)
    s.table.rows.push_back(
        {p.poli, n(p.called), decimal(p.mean_minutes), n(p.median_minutes), n(p.p90_minutes)});
  return s;
}

Section screening_section(const storage::RiskDistribution& r) {
  Section s;
  s.figures = {{tr("reports.screening.count"), n(r.screenings)},
               {tr("reports.screening.follow_up"), n(r.follow_up)}};
  s.chart_title = tr("reports.screening.chart");
  for (const auto& [band, count] : r.findrisc_bands)
    s.bars.push_back(Bar{label("reports.band.", band), static_cast<float>(count)});
  if (r.screenings == 0) s.empty_key = "reports.none";
  s.table.columns = {tr("reports.col.disease"), tr("reports.col.low"), tr("reports.col.medium"),
                     tr("reports.col.high")};
  for (const auto& d : r.diseases)
    s.table.rows.push_back({label("reports.disease.", d.disease), n(d.low), n(d.medium), n(d.high)});
  return s;
}

Section sync_section(const storage::SyncHealth& r, std::int64_t now_ms) {
  Section s;
  auto when = [now_ms](const std::optional<std::int64_t>& at) {
    return at ? widgets::format_when(*at, now_ms) : std::string(tr("status.never_synced"));
  };
  s.figures = {{tr("reports.sync.pending"), n(r.pending)},
               {tr("reports.sync.rejected"), n(r.rejected)},
               {tr("reports.sync.last_sync"), when(r.last_sync_at_ms)},
               {tr("reports.sync.last_attempt"), when(r.last_attempt_at_ms)},
               {tr("reports.sync.conflicts"), n(r.conflicts_open)},
               {tr("reports.sync.duplicates"), n(r.screening_duplicates_open)}};
  if (!r.last_error.empty()) s.figures.push_back({tr("reports.sync.last_error"), r.last_error});
  s.chart_title = tr("reports.sync.chart");
  int waiting = 0;
  for (const auto& a : r.by_age) {
    s.bars.push_back(Bar{a.age, static_cast<float>(a.pending)});
    waiting += a.pending + a.rejected;
  }
  if (waiting == 0) s.bars.clear();  // nothing waiting: the figures say it all
  s.table.columns = {tr("reports.col.age"), tr("reports.col.pending"), tr("reports.col.rejected")};
  for (const auto& a : r.by_age) s.table.rows.push_back({a.age, n(a.pending), n(a.rejected)});
  return s;
}

std::string csv_of(const Figures& f, Tab tab) {
  switch (tab) {
    case Tab::visits:
      return storage::to_csv(storage::Reports::table(f.visits));
    case Tab::waits:
      return storage::to_csv(storage::Reports::table(f.waits));
    case Tab::screening:
      return storage::to_csv(storage::Reports::table(f.screening));
    case Tab::sync:
      return storage::to_csv(storage::Reports::table(f.sync));
  }
  return {};
}

}  // namespace simpul::screens::reports
