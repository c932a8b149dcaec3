#pragma once
// Loads the synthetic demo regency (simpul::demo::generate) into a server store as its initial state:
// facilities, participants with families and card numbers, KK history, bills, payments, visit
// histories, and the civil registry registrations are checked against.
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/server/store.hpp"

namespace simpul::server {

struct SeedHint {
  std::string facility;  // an FKTP code
  std::string nik;       // a civil-registry person who is not a participant yet
  std::string name;
  std::string birth_date;
};

struct SeedSummary {
  std::vector<FacilitySummary> facilities;
  std::vector<SeedHint> hints;  // one unregistered person per FKTP, for trying a registration
  std::size_t participants = 0;
  std::size_t rows = 0;         // every entity row written
  std::size_t civil_registry = 0;
};

// Refuses a store that already holds facilities. The rows are written in one transaction without
// change-log entries: devices receive them through bootstrap.
Result<SeedSummary> seed_demo(Store& store, const Clock& clock, const demo::DemoData& data);

}  // namespace simpul::server
