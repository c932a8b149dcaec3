#pragma once
// Turns the typed reports into what the screen shows, in the UI language.
#include <cstdint>

#include "screens/reports/model.hpp"
#include "simpul/storage/reports.hpp"

namespace simpul::screens::reports {

struct Figures {
  storage::DailyVisits visits;
  storage::WaitTimes waits;
  storage::RiskDistribution screening;
  storage::SyncHealth sync;
};

// One bar per day of [from, to], days without visits included.
Section visits_section(const storage::DailyVisits& r, const Date& from, const Date& to);
Section waits_section(const storage::WaitTimes& r);
Section screening_section(const storage::RiskDistribution& r);
Section sync_section(const storage::SyncHealth& r, std::int64_t now_ms);

// The CSV of one report (RFC 4180, as `simpulctl report … --csv`).
std::string csv_of(const Figures& figures, Tab tab);

}  // namespace simpul::screens::reports
