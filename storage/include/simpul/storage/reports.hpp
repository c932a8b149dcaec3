#pragma once
// Reports over the replica (docs/CARE.md "Reports"): daily visits per poli, queue waiting times,
// screening risk distribution and sync health. Each is a typed value for the screens (ImGui plots) and
// a Table for CSV export (RFC 4180).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/date.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/screenings.hpp"

namespace simpul::storage {

// Rows of text cells under a header: what a CSV file holds.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};
// RFC 4180: CRLF line ends; a field holding a comma, a double quote, CR or LF is enclosed in double
// quotes, with each double quote doubled. The header line is included.
std::string to_csv(const Table& table);
std::string csv_field(const std::string& value);

struct DailyVisits {
  struct Row {
    Date day;
    std::string poli;
    std::string poli_name;
    int visits = 0;
  };
  std::vector<Row> rows;            // by day, then poli; days without visits are left out
  std::vector<std::string> polis;   // every poli that appears, sorted
  int total = 0;
  int referred = 0;                 // outcome referred
};

// Waiting time = first call − arrival, in whole minutes, for entries that arrived at the facility (desk or
// kiosk; a Mobile JKN booking's "arrival" is its booking time, so bookings are left out) and were called.
struct WaitTimes {
  struct Bucket {
    int from_minutes = 0;
    std::optional<int> to_minutes;  // exclusive; nullopt for the last, open bucket
    int count = 0;
    std::string label() const;      // "0-15", "120+"
  };
  struct PoliRow {
    std::string poli;
    int called = 0;
    double mean_minutes = 0;
    int median_minutes = 0;
    int p90_minutes = 0;
  };
  std::vector<Bucket> histogram;  // 0-15, 15-30, 30-60, 60-90, 90-120, 120+
  std::vector<PoliRow> per_poli;  // sorted by poli
  int entries = 0;                // arrivals in the range (called or not)
  int not_called = 0;
};

struct SyncHealth {
  struct AgeRow {
    std::string age;  // "<1h", "1h-24h", "1d-7d", ">7d"
    int pending = 0;  // not yet confirmed (pending or sent)
    int rejected = 0;
  };
  std::vector<AgeRow> by_age;
  int pending = 0;
  int rejected = 0;
  std::optional<std::int64_t> last_sync_at_ms;
  std::optional<std::int64_t> last_attempt_at_ms;
  std::string last_error;
  int conflicts_open = 0;            // server conflict records not resolved
  int screening_duplicates_open = 0; // duplicate screenings not reviewed
};

class Reports {
 public:
  // `facility`: whose visits, queue and screenings to count; "" = this replica's facility (or everything
  // on an unenrolled replica).
  explicit Reports(Replica& replica, std::string facility = "");

  Result<DailyVisits> daily_visits(const Date& from, const Date& to);
  Result<WaitTimes> waits(const Date& from, const Date& to);
  Result<RiskDistribution> screening(const Date& from, const Date& to);
  Result<SyncHealth> sync_health();

  static Table table(const DailyVisits& r);
  static Table table(const WaitTimes& r);  // the histogram, then one row per poli
  static Table table(const RiskDistribution& r);
  static Table table(const SyncHealth& r);

 private:
  Replica& r_;
  std::string facility_;
};

}  // namespace simpul::storage
