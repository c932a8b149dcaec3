#pragma once
// Facilities (FKTPs, hospitals, BPJS offices) on the replica: reference data from the server,
// plus the nearest-first locator.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/model.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

class Facilities {
 public:
  explicit Facilities(Replica& replica) : r_(replica) {}
  Status put(const Actor& who, const Facility& f);
  Result<std::optional<Facility>> get(const std::string& code);
  Result<std::vector<Facility>> list(std::optional<FacilityType> type = std::nullopt);

 private:
  Replica& r_;
};

}  // namespace simpul::storage
