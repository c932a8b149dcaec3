#include "simpul/storage/reports.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>

#include "care_common.hpp"
#include "simpul/core/hlc.hpp"

namespace simpul::storage {
namespace {

using nlohmann::json;

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// A call more than a day after the arrival is a data problem (a clock, a forgotten entry), not a wait.
constexpr std::int64_t kMaxPlausibleWaitMs = kDayMs;

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The value at fraction q of a sorted list (nearest rank).
int quantile(const std::vector<int>& sorted, double q) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(q * static_cast<double>(sorted.size()) + 0.999999);
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string to_csv(const Table& table) {
  std::string out;
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += csv_field(cells[i]);
    }
    out += "\r\n";
  };
  line(table.columns);
  for (const auto& row : table.rows) line(row);
  return out;
}

std::string WaitTimes::Bucket::label() const {
  return std::to_string(from_minutes) + (to_minutes ? "-" + std::to_string(*to_minutes) : "+");
}

Reports::Reports(Replica& replica, std::string facility) : r_(replica), facility_(std::move(facility)) {
  if (facility_.empty()) facility_ = care::replica_facility(r_);
}

Result<DailyVisits> Reports::daily_visits(const Date& from, const Date& to) {
  DailyVisits out;
  std::map<std::string, std::string> poli_names;
  SIMPUL_TRY(care::each_row(r_.db(), "SELECT polis FROM facilities WHERE id = ?1", {facility_}, [&](const Statement& st) {
    const json polis = care::parse_json(st.opt_text(0), json::array());
    if (!polis.is_array()) return;
    for (const auto& p : polis) {
      if (p.is_object()) poli_names[p.value("code", "")] = p.value("name", "");
    }
  }));
  SIMPUL_TRY(care::each_row(
      r_.db(),
      "SELECT day, coalesce(poli, ''), count(*), sum(outcome = 'referred') FROM visits "
      "WHERE day BETWEEN ?1 AND ?2 AND (?3 = '' OR facility = ?3) GROUP BY day, poli ORDER BY day, poli",
      {from.iso(), to.iso(), facility_}, [&](const Statement& st) {
        DailyVisits::Row row;
        row.day = Date::parse(st.text(0)).value_or(Date{});
        row.poli = st.text(1);
        auto name = poli_names.find(row.poli);
        row.poli_name = name == poli_names.end() ? std::string() : name->second;
        row.visits = st.int32(2);
        out.total += row.visits;
        out.referred += st.int32(3);
        if (std::find(out.polis.begin(), out.polis.end(), row.poli) == out.polis.end()) out.polis.push_back(row.poli);
        out.rows.push_back(std::move(row));
      }));
  std::sort(out.polis.begin(), out.polis.end());
  return out;
}

Result<WaitTimes> Reports::waits(const Date& from, const Date& to) {
  WaitTimes out;
  for (const auto& [lo, hi] : std::vector<std::pair<int, std::optional<int>>>{
           {0, 15}, {15, 30}, {30, 60}, {60, 90}, {90, 120}, {120, std::nullopt}}) {
    out.histogram.push_back(WaitTimes::Bucket{lo, hi, 0});
  }
  std::map<std::string, std::vector<int>> by_poli;
  SIMPUL_TRY(care::each_row(
      r_.db(),
      "SELECT e.poli, e.arrival_hlc, (SELECT min(v.at_ms) FROM queue_events v WHERE v.entry_id = e.id AND "
      "v.event = 'call') FROM queue_entries e WHERE e.day BETWEEN ?1 AND ?2 AND (?3 = '' OR e.facility = ?3) AND "
      "coalesce(e.source, '') <> 'mobile_jkn'",
      {from.iso(), to.iso(), facility_}, [&](const Statement& st) {
        HlcTimestamp arrival;
        if (!HlcTimestamp::decode(st.text(1), arrival)) return;
        ++out.entries;
        if (st.is_null(2)) {
          ++out.not_called;
          return;
        }
        const std::int64_t wait_ms = st.int64(2) - arrival.wall_ms;
        if (wait_ms < 0 || wait_ms > kMaxPlausibleWaitMs) return;
        const int minutes = static_cast<int>(wait_ms / kMinuteMs);
        for (auto& b : out.histogram) {
          if (minutes >= b.from_minutes && (!b.to_minutes || minutes < *b.to_minutes)) ++b.count;
        }
        by_poli[st.text(0)].push_back(minutes);
      }));
  for (auto& [poli, minutes] : by_poli) {
    std::sort(minutes.begin(), minutes.end());
    WaitTimes::PoliRow row;
    row.poli = poli;
    row.called = static_cast<int>(minutes.size());
    double sum = 0;
    for (const int m : minutes) sum += m;
    row.mean_minutes = sum / static_cast<double>(minutes.size());
    row.median_minutes = quantile(minutes, 0.5);
    row.p90_minutes = quantile(minutes, 0.9);
    out.per_poli.push_back(row);
  }
  return out;
}

Result<RiskDistribution> Reports::screening(const Date& from, const Date& to) {
  return Screenings(r_).risk_distribution(from, to, facility_);
}

Result<SyncHealth> Reports::sync_health() {
  SyncHealth out;
  const std::int64_t now = r_.clock().now_ms();
  const std::pair<const char*, std::int64_t> kAges[] = {{"<1h", kHourMs}, {"1h-24h", kDayMs}, {"1d-7d", 7 * kDayMs},
                                                        {">7d", std::numeric_limits<std::int64_t>::max()}};
  for (const auto& [label, limit] : kAges) out.by_age.push_back(SyncHealth::AgeRow{label, 0, 0});
  SIMPUL_TRY(care::each_row(r_.db(),
                            "SELECT state, created_at_ms FROM outbox WHERE state IN ('pending', 'sent', 'rejected')",
                            {}, [&](const Statement& st) {
                              const bool rejected = st.text(0) == "rejected";
                              const std::int64_t age = now - st.int64(1);
                              for (std::size_t i = 0; i < std::size(kAges); ++i) {
                                if (age < kAges[i].second || i + 1 == std::size(kAges)) {
                                  (rejected ? out.by_age[i].rejected : out.by_age[i].pending) += 1;
                                  break;
                                }
                              }
                              (rejected ? out.rejected : out.pending) += 1;
                            }));
  SIMPUL_TRY(care::each_row(r_.db(),
                            "SELECT last_sync_at_ms, last_attempt_at_ms, last_error FROM sync_state WHERE singleton = 1",
                            {}, [&](const Statement& st) {
                              if (!st.is_null(0)) out.last_sync_at_ms = st.int64(0);
                              if (!st.is_null(1)) out.last_attempt_at_ms = st.int64(1);
                              out.last_error = st.text(2);
                            }));
  auto conflicts = r_.db().query_int("SELECT count(*) FROM conflicts WHERE resolved = 0");
  if (!conflicts.ok()) return conflicts.error();
  out.conflicts_open = static_cast<int>(conflicts->value_or(0));
  auto dups = Screenings(r_).duplicates();
  if (!dups.ok()) return dups.error();
  out.screening_duplicates_open = static_cast<int>(dups->size());
  return out;
}

Table Reports::table(const DailyVisits& r) {
  Table t{{"day", "poli", "poli_name", "visits"}, {}};
  for (const auto& row : r.rows) t.rows.push_back({row.day.iso(), row.poli, row.poli_name, std::to_string(row.visits)});
  return t;
}

Table Reports::table(const WaitTimes& r) {
  Table t{{"section", "key", "count", "mean_minutes", "median_minutes", "p90_minutes"}, {}};
  for (const auto& b : r.histogram) t.rows.push_back({"histogram", b.label(), std::to_string(b.count), "", "", ""});
  for (const auto& p : r.per_poli) {
    t.rows.push_back({"poli", p.poli, std::to_string(p.called), fixed1(p.mean_minutes), std::to_string(p.median_minutes),
                      std::to_string(p.p90_minutes)});
  }
  return t;
}

Table Reports::table(const RiskDistribution& r) {
  Table t{{"disease", "low", "medium", "high"}, {}};
  for (const auto& d : r.diseases) {
    t.rows.push_back({d.disease, std::to_string(d.low), std::to_string(d.medium), std::to_string(d.high)});
  }
  return t;
}

Table Reports::table(const SyncHealth& r) {
  Table t{{"age", "pending", "rejected"}, {}};
  for (const auto& a : r.by_age) t.rows.push_back({a.age, std::to_string(a.pending), std::to_string(a.rejected)});
  t.rows.push_back({"total", std::to_string(r.pending), std::to_string(r.rejected)});
  return t;
}

}  // namespace simpul::storage
