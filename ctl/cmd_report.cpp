// simpulctl report visits|waits|screening|sync: the facility's reports, as text, JSON or CSV.
#include <fstream>
#include <ostream>

#include "care_input.hpp"
#include "commands.hpp"
#include "simpul/storage/reports.hpp"

namespace simpul::ctl {
namespace {

using nlohmann::json;

json opt_ms(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(); }

json to_json(const storage::DailyVisits& r) {
  json rows = json::array();
  for (const auto& row : r.rows) {
    rows.push_back({{"day", row.day.iso()}, {"poli", row.poli}, {"poli_name", row.poli_name}, {"visits", row.visits}});
  }
  return {{"rows", rows}, {"polis", r.polis}, {"total", r.total}, {"referred", r.referred}};
}

json to_json(const storage::WaitTimes& r) {
  json histogram = json::array();
  for (const auto& b : r.histogram) {
    histogram.push_back({{"from_minutes", b.from_minutes},
                         {"to_minutes", b.to_minutes ? json(*b.to_minutes) : json()},
                         {"label", b.label()},
                         {"count", b.count}});
  }
  json polis = json::array();
  for (const auto& p : r.per_poli) {
    polis.push_back({{"poli", p.poli},
                     {"called", p.called},
                     {"mean_minutes", p.mean_minutes},
                     {"median_minutes", p.median_minutes},
                     {"p90_minutes", p.p90_minutes}});
  }
  return {{"histogram", histogram}, {"per_poli", polis}, {"entries", r.entries}, {"not_called", r.not_called}};
}

json to_json(const storage::RiskDistribution& r) {
  json diseases = json::array();
  for (const auto& d : r.diseases) {
    diseases.push_back({{"disease", d.disease}, {"low", d.low}, {"medium", d.medium}, {"high", d.high}});
  }
  json bands = json::object();
  for (const auto& [band, n] : r.findrisc_bands) bands[band] = n;
  return {{"diseases", diseases}, {"findrisc_bands", bands}, {"screenings", r.screenings}, {"follow_up", r.follow_up}};
}

json to_json(const storage::SyncHealth& r) {
  json ages = json::array();
  for (const auto& a : r.by_age) ages.push_back({{"age", a.age}, {"pending", a.pending}, {"rejected", a.rejected}});
  return {{"by_age", ages},
          {"pending", r.pending},
          {"rejected", r.rejected},
          {"last_sync_at_ms", opt_ms(r.last_sync_at_ms)},
          {"last_attempt_at_ms", opt_ms(r.last_attempt_at_ms)},
          {"last_error", r.last_error.empty() ? json() : json(r.last_error)},
          {"conflicts_open", r.conflicts_open},
          {"screening_duplicates_open", r.screening_duplicates_open}};
}

// Text output is the CSV table laid out in columns.
void print_table(std::ostream& out, const storage::Table& t) {
  std::vector<std::size_t> width(t.columns.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < width.size(); ++i) width[i] = std::max(width[i], cells[i].size());
  };
  measure(t.columns);
  for (const auto& r : t.rows) measure(r);
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << cells[i];
      if (i + 1 < cells.size()) out << std::string(width[i] - cells[i].size() + 2, ' ');
    }
    out << '\n';
  };
  line(t.columns);
  for (const auto& r : t.rows) line(r);
}

// Writes the report: CSV to --csv FILE (and then JSON or text on stdout), or CSV alone to stdout for "-".
Status emit(Context& ctx, const storage::Table& table, const json& value, const json& range) {
  if (const auto path = ctx.args().get("csv")) {
    const std::string csv = storage::to_csv(table);
    if (*path == "-") {
      ctx.out() << csv;
      return {};
    }
    std::ofstream file(*path, std::ios::binary | std::ios::trunc);
    if (!file || !(file << csv) || !file.flush()) {
      return make_error(ErrorKind::permanent, "report.csv_write",
                        ctx.tr("cannot write " + *path, "tidak dapat menulis " + *path));
    }
  }
  if (ctx.json()) {
    json out = value;
    for (const auto& [k, v] : range.items()) out[k] = v;
    ctx.print_json(out);
  } else {
    print_table(ctx.out(), table);
  }
  return {};
}

template <class Fetch>
Status ranged(Context& ctx, Fetch fetch) {
  auto range = care::date_range(ctx);
  if (!range.ok()) return range.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Reports reports(**replica, ctx.args().get_or("facility", ""));
  auto r = fetch(reports, range->first, range->second);
  if (!r.ok()) return r.error();
  return emit(ctx, storage::Reports::table(*r), to_json(*r),
              json{{"from", range->first.iso()}, {"to", range->second.iso()}});
}

Status run_report_visits(Context& ctx) {
  return ranged(ctx, [](storage::Reports& r, const Date& from, const Date& to) { return r.daily_visits(from, to); });
}
Status run_report_waits(Context& ctx) {
  return ranged(ctx, [](storage::Reports& r, const Date& from, const Date& to) { return r.waits(from, to); });
}
Status run_report_screening(Context& ctx) {
  return ranged(ctx, [](storage::Reports& r, const Date& from, const Date& to) { return r.screening(from, to); });
}
Status run_report_sync(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto r = storage::Reports(**replica).sync_health();
  if (!r.ok()) return r.error();
  return emit(ctx, storage::Reports::table(*r), to_json(*r), json::object());
}

Command report(const char* name, const char* summary, const char* details, Status (*run)(Context&), bool range) {
  Command c;
  c.name = std::string("report ") + name;
  c.summary = summary;
  c.usage = std::string("--db FILE") + (range ? " [--from D --to D] [--facility CODE]" : "") + " [--csv FILE|-] [--json]";
  if (range) {
    c.options = {{"from", "YYYY-MM-DD", "first day (default: 29 days before --to)"},
                 {"to", "YYYY-MM-DD", "last day (default today)"},
                 {"facility", "CODE", "whose data (default: this replica's facility)"}};
  }
  c.options.push_back({"csv", "FILE|-", "also write the table as CSV (RFC 4180); - writes it to stdout instead"});
  c.details = details;
  c.run = run;
  return c;
}

}  // namespace

Command report_visits_command() {
  return report("visits", "Visits per poli per day",
                "CSV columns: day, poli, poli_name, visits. --json: {rows, polis, total, referred, from, to}.\n",
                run_report_visits, true);
}

Command report_waits_command() {
  return report("waits", "Queue waiting times (arrival to first call): histogram and per poli",
                "Waits of entries that arrived at the desk or kiosk and were called (Mobile JKN bookings are left\n"
                "out: their arrival is the booking time). Buckets 0-15, 15-30, 30-60, 60-90, 90-120, 120+ minutes.\n"
                "CSV columns: section (histogram|poli), key, count, mean_minutes, median_minutes, p90_minutes.\n",
                run_report_waits, true);
}

Command report_screening_command() {
  return report("screening", "Screening risk distribution per disease (screenings that count)",
                "CSV columns: disease, low, medium, high. --json adds findrisc_bands, screenings, follow_up.\n",
                run_report_screening, true);
}

Command report_sync_command() {
  return report("sync", "Sync health: pending and rejected ops by age, last sync, open conflicts",
                "CSV columns: age, pending, rejected (plus a total row). --json adds last_sync_at_ms,\n"
                "last_attempt_at_ms, last_error, conflicts_open, screening_duplicates_open.\n",
                run_report_sync, false);
}

}  // namespace simpul::ctl
