#pragma once
// An in-process, seeded, fault-injecting TCP proxy for tests (the idea of Shopify's toxiproxy, without a
// daemon): clients connect to 127.0.0.1:port() and the proxy forwards to a loopback upstream while it adds
// latency, limits bandwidth, cuts, resets, stalls or goes down, as the test says. Every setter is thread-safe
// and takes effect on open connections too.
//
// Determinism: decisions are drawn from generators seeded with (seed, connection number, direction), so the
// same seed and the same traffic give the same decisions. "Same traffic" includes how the bytes were chunked
// by the reads of the proxy: a request/response exchange is reproducible, a bulk stream whose segmentation
// depends on timing is not.
//
// Threads: one acceptor plus one per connection, all poll()-based with bounded timeouts; the destructor
// closes everything and joins within a bounded time.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "support/link_faults.hpp"
#include "support/socket.hpp"

namespace simpul::test {
namespace detail {
class ProxyCore;
}

// What happens when a trip's byte count is reached.
enum class Action {
  close,  // FIN to both sides
  reset,  // RST to both sides (SO_LINGER 0)
  stall,  // stop forwarding both ways but keep the sockets open: a black hole for this connection
};
const char* to_string(Action action);

// Whether a trip counts bytes of each connection separately or across all connections.
enum class Scope {
  per_connection,  // every connection trips once it has carried `after_bytes` in that direction
  lifetime,        // counted over all connections from the moment the trip is set; fires once, then disarms
};

// A trip fires when data beyond `after_bytes` arrives in `direction`: the first `after_bytes` bytes are
// delivered, the rest never is. An idle connection never trips, so Trip{downstream, 0, close} lets a request
// reach the server and cuts the connection when the first byte of the answer comes back.
struct Trip {
  Direction direction = Direction::downstream;
  std::uint64_t after_bytes = 0;
  Action action = Action::close;
};

struct FaultEvent {
  enum class Kind {
    accepted,         // a client connected
    upstream_failed,  // connecting to the upstream failed (`error`); the client was reset
    closed,           // the connection ended, whatever the reason
    tripped,          // a Trip fired (`action`, `direction`)
    loss,             // a chunk was held back `delay` to mimic a retransmission
    reset,            // reset_connections() reset this connection
    down,             // set_down(true)
    up,               // set_down(false)
  };
  Kind kind = Kind::accepted;
  std::uint64_t connection = 0;  // 1-based in accept order; 0 for proxy-wide events
  Direction direction = Direction::upstream;
  Action action = Action::close;
  std::uint64_t bytes_upstream = 0;  // carried by this connection so far
  std::uint64_t bytes_downstream = 0;
  std::chrono::milliseconds delay{0};
  int error = 0;
};
// One human-readable line, e.g. "conn 3: tripped downstream after 120 B: close".
std::string to_string(const FaultEvent& event);

struct FaultProxyStats {
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_open = 0;
  std::uint64_t bytes_upstream = 0;    // delivered to the upstream
  std::uint64_t bytes_downstream = 0;  // delivered to clients
  std::uint64_t faults_fired = 0;      // trips, loss delays and connections reset by reset_connections()
};

struct FaultProxyOptions {
  Endpoint upstream{};              // must be a loopback address
  Endpoint listen{"127.0.0.1", 0};  // must be a loopback address; port 0 picks a free port
  std::uint64_t seed = 0;
};

class FaultProxy {
 public:
  // Starts listening before returning. Throws std::invalid_argument for a non-loopback address and
  // std::system_error when the listen address cannot be bound.
  explicit FaultProxy(FaultProxyOptions options);
  explicit FaultProxy(std::uint16_t upstream_port, std::uint64_t seed = 0);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::uint16_t port() const;
  Endpoint endpoint() const;  // where clients connect
  Endpoint upstream() const;

  // --- Link shaping, per direction; applies to chunks read after the call.
  void set_link(Direction direction, const LinkFaults& faults);
  LinkFaults link(Direction direction) const;
  void set_latency(Direction direction, std::chrono::milliseconds latency,
                   std::chrono::milliseconds jitter = std::chrono::milliseconds(0));
  // Shared by all connections, as on a real link; 0 = unlimited. A new rate starts with an empty bucket.
  void set_bandwidth(Direction direction, std::uint64_t bytes_per_second);
  void set_loss(Direction direction, double probability,
                std::chrono::milliseconds delay = std::chrono::milliseconds(200));

  // --- Trips: cut (FIN), reset (RST) or stall a connection after N bytes in one direction.
  // Replaces any trip set before for the same direction and scope.
  void cut_after(Direction direction, std::uint64_t bytes, Scope scope = Scope::per_connection,
                 Action action = Action::close);
  // The first `bytes` of every response, then FIN: cut_after(downstream, bytes, per_connection, close).
  void truncate_responses(std::uint64_t bytes);
  void clear_cuts();

  // One-shot plans, consumed one per accepted connection in accept order: the next connection gets the
  // front plan's trip on top of the proxy-wide faults. nullopt lets a connection pass with no plan, so that
  // a test can aim at the second connection ("cut after the server committed but before the client got the
  // answer": plan_connection(Trip{Direction::downstream, 0, Action::close})).
  void plan_connection(std::optional<Trip> trip);
  std::size_t pending_plans() const;

  // --- Whole-link faults.
  void reset_connections();  // RST every open connection now
  // Black hole: nothing is forwarded, sockets stay open, until set_stalled(false). A client that hangs up
  // (or half-closes) during a stall is taken as gone and its upstream connection is closed.
  void set_stalled(bool stalled);
  bool stalled() const;
  // Down: closes the listening socket (new clients get ECONNREFUSED) and every connection (FIN), and returns
  // once they are closed. Up: listens again on the same port. Throws std::system_error if the port was taken
  // in the meantime.
  void set_down(bool down);
  bool down() const;

  // Back to a clean link: no shaping, no trips, no plans, not stalled. Does not bring the proxy up.
  void clear_faults();

  FaultProxyStats stats() const;
  // Called from the proxy's threads, one call at a time, so it must not block for long nor call set_down().
  // Set it before traffic starts to see every event.
  void set_event_sink(std::function<void(const FaultEvent&)> sink);

 private:
  std::unique_ptr<detail::ProxyCore> core_;
};

}  // namespace simpul::test
