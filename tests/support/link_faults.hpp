#pragma once
// How one direction of an emulated link treats each chunk of bytes it carries, and the seeded dice that make
// those per-chunk decisions reproducible.
#include <chrono>
#include <cstdint>
#include <random>

namespace simpul::test {

// upstream: client -> server; downstream: server -> client.
enum class Direction { upstream, downstream };
const char* to_string(Direction direction);

struct LinkFaults {
  std::chrono::milliseconds latency{0};  // added to every chunk
  std::chrono::milliseconds jitter{0};   // plus a uniform extra in [0, jitter], so latency stays a floor
  std::uint64_t bandwidth = 0;           // bytes per second shared by all connections; 0 = unlimited
  // TCP loss cannot be emulated exactly in user space: the proxy terminates two reliable TCP streams and
  // never sees segments. What a lost segment costs an application is a retransmission stall, so with
  // probability `loss` a chunk (and, as with TCP's in-order delivery, everything behind it) is held back an
  // extra `loss_delay`, about one minimum RTO. Good enough for benchmarks, not a model of congestion control.
  double loss = 0.0;
  std::chrono::milliseconds loss_delay{200};

  bool operator==(const LinkFaults&) const = default;
};

// Decisions for one direction of one connection. Each gets its own generator, so a decision depends only on
// (seed, connection number, direction, chunk index) and never on how the proxy's threads interleave. Every
// roll draws exactly twice whatever the settings, so changing settings mid-stream does not shift later rolls.
class FaultDice {
 public:
  FaultDice(std::uint64_t seed, std::uint64_t connection, Direction direction);

  struct Roll {
    std::chrono::milliseconds delay{0};  // latency + jitter (+ loss_delay when lost)
    bool lost = false;
  };
  Roll roll(const LinkFaults& faults);

 private:
  std::mt19937_64 rng_;
};

}  // namespace simpul::test
