// The sync property test as a soak (label soak, not part of CI): many seeds, many rounds.
//   ctest -L soak            SIMPUL_SOAK_SEEDS=100,101 SIMPUL_PROPERTY_ROUNDS=40 ctest -L soak
#include <gtest/gtest.h>

#include <iostream>

#include "property.hpp"

namespace simpul::scenario {
namespace {

TEST(SyncPropertySoak, ManySeedsManyRounds) {
  std::vector<std::uint64_t> fallback;
  for (std::uint64_t s = 1000; s < 1020; ++s) fallback.push_back(s);
  for (const auto seed : seeds_from_env("SIMPUL_SOAK_SEEDS", fallback)) {
    PropertyOptions options;
    options.seed = seed;
    options.rounds = int_from_env("SIMPUL_PROPERTY_ROUNDS", 25);
    const PropertyReport report = run_property(options);
    std::cout << "[ soak ] seed " << seed << ": " << report.summary() << std::endl;
    if (!report.findings.ok()) {
      std::string log;
      for (const auto& line : report.log) log += "\n" + line;
      ADD_FAILURE() << "seed " << seed << " failed (replay: SIMPUL_PROPERTY_SEEDS=" << seed
                    << " SIMPUL_PROPERTY_ROUNDS=" << options.rounds << ")" << report.findings.text(40) << log;
    }
  }
}

}  // namespace
}  // namespace simpul::scenario
