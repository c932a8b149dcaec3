// The sync property test (property.hpp), over a fixed list of seeds in CI and any seeds on demand:
//   SIMPUL_PROPERTY_SEEDS=11,12 ctest -R SeedsFromTheEnvironment      (or run scenario_tests directly)
//   SIMPUL_PROPERTY_ROUNDS=20 changes the number of rounds of every run.
// A failing run names its seed and prints what happened, round by round, so that it can be replayed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "property.hpp"

namespace simpul::scenario {
namespace {

void run_seed(std::uint64_t seed, int default_rounds) {
  PropertyOptions options;
  options.seed = seed;
  options.rounds = int_from_env("SIMPUL_PROPERTY_ROUNDS", default_rounds);
  SCOPED_TRACE("seed " + std::to_string(seed) + ", " + std::to_string(options.rounds) + " rounds");
  const auto started = std::chrono::steady_clock::now();
  const PropertyReport report = run_property(options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "[ property ] seed " << seed << ": " << report.summary() << " (" << seconds << " s)" << std::endl;
  if (!report.findings.ok()) {
    std::string log;
    for (const auto& line : report.log) log += "\n" + line;
    ADD_FAILURE() << "the sync property failed for seed " << seed << " (replay: SIMPUL_PROPERTY_SEEDS=" << seed
                  << " SIMPUL_PROPERTY_ROUNDS=" << options.rounds
                  << " scenario_tests --gtest_filter='*SeedsFromTheEnvironment*')" << report.findings.text(40)
                  << "\nwhat happened:" << log;
  }
  EXPECT_GT(report.changes, 0);
  EXPECT_GT(report.cycles_ok, 0);
}

class SyncProperty : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(SyncProperty, ReplicasConvergeExactlyOnceWithEveryConflictRecordedUnderRandomFaults) {
  run_seed(GetParam(), 6);
}

// The seeds CI runs. Keep the list short: each run takes some seconds on a loaded machine.
INSTANTIATE_TEST_SUITE_P(Ci, SyncProperty, ::testing::Values<std::uint64_t>(1, 2, 3),
                         [](const ::testing::TestParamInfo<std::uint64_t>& seed) {
                           return "seed_" + std::to_string(seed.param);
                         });

TEST(SyncPropertyOnDemand, SeedsFromTheEnvironment) {
  if (std::getenv("SIMPUL_PROPERTY_SEEDS") == nullptr) GTEST_SKIP() << "set SIMPUL_PROPERTY_SEEDS=1,2,3 to run seeds";
  for (const auto seed : seeds_from_env("SIMPUL_PROPERTY_SEEDS", {})) run_seed(seed, 6);
}

}  // namespace
}  // namespace simpul::scenario
