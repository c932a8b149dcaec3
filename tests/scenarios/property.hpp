#pragma once
// The sync property: whatever the network and the server do in between, once the link is clean again and
// every desk has synced, every replica equals its facility's scope on the server (digest and rows), every op
// reached the server exactly once, and every pair of concurrent edits of the same field left a conflict
// record.
//
// One run: a seeded world (server, proxy, 3 desks of one facility and 1 of another), then rounds. In each
// round every desk makes a few random changes (changes.hpp) while offline, the proxy gets a random fault plan
// (latency, bandwidth, cuts after N bytes, lost answers, resets, stalls, the link down) and the server may be
// SIGKILLed and restarted at a random moment, while the desks try to sync. Then the faults are cleared, every
// desk syncs to completion twice, and the checks run. The seed decides the changes, the faults and when they
// strike; thread timing still varies, so a replay retraces the run closely rather than byte for byte.
#include <cstdint>
#include <string>
#include <vector>

#include "checks.hpp"

namespace simpul::scenario {

struct PropertyOptions {
  std::uint64_t seed = 1;
  int rounds = 6;
  int desks = 4;        // the last one belongs to another facility
  int max_changes = 5;  // per desk and round
  double restart_chance = 0.35;
  std::size_t participants = 150;
};

struct PropertyReport {
  Findings findings;
  int rounds = 0;
  int changes = 0;
  int cycles_ok = 0;
  int cycles_failed = 0;
  int faults = 0;
  int restarts = 0;
  int rejected = 0;           // ops the server refused (poison pills), discarded at the end
  int concurrent_edits = 0;   // (row, field) pairs edited concurrently by two desks
  int conflicts = 0;          // conflict records on the server at the end
  int aliases = 0;            // duplicate registrations merged
  std::vector<std::string> log;  // what happened, round by round (printed when the property fails)
  std::string summary() const;
};

PropertyReport run_property(const PropertyOptions& options);

// "1,2,3" from the environment variable, or `fallback` when it is unset or empty.
std::vector<std::uint64_t> seeds_from_env(const char* name, const std::vector<std::uint64_t>& fallback);
int int_from_env(const char* name, int fallback);

}  // namespace simpul::scenario
