#include "support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "support/token_bucket.hpp"

namespace simpul::test {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kPollSlice{50};  // the longest any proxy thread waits before rechecking its state
constexpr milliseconds kConnectTimeout{2000};
constexpr milliseconds kCloseLinger{200};  // how long a tripped close waits for the peers to finish
constexpr milliseconds kSetDownTimeout{5000};
constexpr std::size_t kReadSize = 64 * 1024;
constexpr std::size_t kQueueLimit = 256 * 1024;  // bytes held per direction, like a link's buffers

std::size_t index_of(Direction direction) {
  return direction == Direction::upstream ? 0 : 1;
}
constexpr std::array<Direction, 2> kDirections{Direction::upstream, Direction::downstream};

int poll_ms(milliseconds wait) {
  return static_cast<int>(std::clamp(wait, milliseconds(0), kPollSlice).count());
}

milliseconds ceil_ms(SteadyClock::duration duration) {
  return std::chrono::ceil<milliseconds>(duration);
}

// An eventfd that other threads write to, to wake a thread blocked in poll().
class Waker {
 public:
  Waker() : fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (!fd_) throw std::system_error(errno, std::generic_category(), "eventfd");
  }
  void notify() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(fd_.get(), &one, sizeof one);
  }
  void drain() const {
    std::uint64_t count = 0;
    [[maybe_unused]] const auto got = ::read(fd_.get(), &count, sizeof count);
  }
  int fd() const { return fd_.get(); }

 private:
  Fd fd_;
};

// Reads and drops whatever the peer already sent, so that close() sends FIN rather than RST.
// Returns true once the peer's EOF (or an error) has been seen.
bool discard_pending(int fd) {
  char buffer[16 * 1024];
  for (;;) {
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (got > 0) continue;
    if (got < 0 && errno == EINTR) continue;
    return got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
  }
}

enum class Kill : int { none, close, reset };

struct Connection {
  Connection(std::uint64_t connection_id, std::optional<Trip> connection_plan)
      : id(connection_id), plan(connection_plan) {}
  const std::uint64_t id;
  const std::optional<Trip> plan;
  Waker waker;
  std::atomic<Kill> kill{Kill::none};
  std::atomic<bool> done{false};
  std::thread thread;  // touched by the acceptor thread and the destructor only
};

// What connection threads read at every step, copied under the lock.
struct Config {
  std::array<LinkFaults, 2> links{};
  std::array<std::optional<Trip>, 2> per_connection{};
  bool stalled = false;
};

struct LifetimeTrip {
  Trip trip;
  std::uint64_t remaining = 0;
};

}  // namespace

namespace detail {

class ProxyCore {
 public:
  explicit ProxyCore(FaultProxyOptions options);
  ~ProxyCore();
  ProxyCore(const ProxyCore&) = delete;
  ProxyCore& operator=(const ProxyCore&) = delete;

  const FaultProxyOptions& options() const { return options_; }

  // --- Control, from any thread.
  template <class Change>
  void update(Change&& change) {
    const std::lock_guard lock(mutex_);
    change(config_);
    const auto now = SteadyClock::now();
    for (const Direction direction : kDirections) {
      const std::uint64_t rate = config_.links[index_of(direction)].bandwidth;
      if (buckets_[index_of(direction)].rate() != rate) buckets_[index_of(direction)].set_rate(rate, now);
    }
    wake_connections();
  }
  Config snapshot() const {
    const std::lock_guard lock(mutex_);
    return config_;
  }
  void cut_after(const Trip& trip, Scope scope);
  void clear_cuts();
  void plan_connection(std::optional<Trip> trip);
  std::size_t pending_plans() const;
  void clear_plans();
  void kill_connections(Kill kill);
  void set_down(bool down);
  bool down() const;
  FaultProxyStats stats() const;
  void set_event_sink(std::function<void(const FaultEvent&)> sink);

  // --- For connection threads.
  bool stopping() const { return stopping_.load(); }
  void emit(const FaultEvent& event);
  void count_fault() { faults_.fetch_add(1); }
  void count_delivered(Direction direction, std::size_t bytes) {
    bytes_[index_of(direction)].fetch_add(bytes);
  }
  TokenBucket& bucket(Direction direction) { return buckets_[index_of(direction)]; }
  std::uint64_t seed() const { return options_.seed; }
  // Takes up to `bytes` from the lifetime budget of `direction`. When the budget cannot cover them the trip
  // fires: it is returned through `fired` and disarmed.
  std::size_t claim_lifetime(Direction direction, std::size_t bytes, std::optional<Trip>& fired);

 private:
  void wake_connections();  // caller holds mutex_
  void accept_loop();
  void apply_down_request();
  void accept_pending();
  void reap_finished();
  void run_connection(const std::shared_ptr<Connection>& connection, Fd client);

  FaultProxyOptions options_;  // listen.port holds the bound port

  mutable std::mutex mutex_;
  std::condition_variable changed_;  // a connection ended, or the acceptor applied a down/up request
  Config config_;
  std::array<std::optional<LifetimeTrip>, 2> lifetime_;
  std::deque<std::optional<Trip>> plans_;
  std::vector<std::shared_ptr<Connection>> connections_;
  std::uint64_t next_id_ = 0;
  bool want_down_ = false;
  bool is_down_ = false;
  std::uint64_t down_requested_ = 0;
  std::uint64_t down_applied_ = 0;
  std::error_code up_error_;
  std::uint64_t open_ = 0;

  std::array<TokenBucket, 2> buckets_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> accepted_{0};
  std::array<std::atomic<std::uint64_t>, 2> bytes_{};
  std::atomic<std::uint64_t> faults_{0};

  std::mutex sink_mutex_;
  std::function<void(const FaultEvent&)> sink_;

  Waker acceptor_waker_;
  Fd listener_;  // owned by the acceptor thread once it runs
  std::thread acceptor_;
};

}  // namespace detail

namespace {

// One client connection and its upstream twin, driven by one thread.
class Session {
 public:
  Session(detail::ProxyCore& core, Connection& connection, Fd client)
      : core_(core),
        connection_(connection),
        client_(std::move(client)),
        pipes_{Pipe(Direction::upstream, core.seed(), connection.id),
               Pipe(Direction::downstream, core.seed(), connection.id)} {}

  // Forwards until the connection ends. May throw (setsockopt); then call abort().
  void run();
  void abort() { close_both(Kill::reset, milliseconds(0)); }
  FaultEvent closed_event() const { return event(FaultEvent::Kind::closed); }

 private:
  struct Chunk {
    std::vector<char> bytes;
    std::size_t sent = 0;
    SteadyClock::time_point due;
  };

  struct Pipe {
    Pipe(Direction pipe_direction, std::uint64_t seed, std::uint64_t connection)
        : direction(pipe_direction), dice(seed, connection, pipe_direction) {}
    Direction direction;
    FaultDice dice;
    std::deque<Chunk> queue;
    std::size_t queued = 0;
    std::uint64_t carried = 0;  // accepted for delivery; what trips count
    std::uint64_t delivered = 0;
    SteadyClock::time_point last_due{};
    bool src_eof = false;
    bool dst_shut = false;
    bool dst_blocked = false;  // the last send hit EAGAIN
    milliseconds bucket_wait{0};
    std::optional<Trip> pending_trip;  // fires once the queue is delivered
  };

  struct Limit {
    std::uint64_t remaining = 0;
    Trip trip;
  };

  Fd& source(const Pipe& pipe) { return pipe.direction == Direction::upstream ? client_ : server_; }
  Fd& destination(const Pipe& pipe) { return pipe.direction == Direction::upstream ? server_ : client_; }
  bool readable(const Pipe& pipe) const {
    return !pipe.src_eof && !pipe.pending_trip && pipe.queued < kQueueLimit;
  }

  int connect_upstream();
  bool interrupted() const { return core_.stopping() || connection_.kill.load() != Kill::none; }
  bool step();
  bool wait_while_stalled();
  bool flush(Pipe& pipe, SteadyClock::time_point now);
  bool read_from(Pipe& pipe, const Config& config);
  void enqueue(Pipe& pipe, const char* data, std::size_t size, const Config& config);
  std::optional<Limit> limit(const Pipe& pipe, const Config& config) const;
  bool fire(Pipe& pipe);
  void close_both(Kill how, milliseconds linger);
  FaultEvent event(FaultEvent::Kind kind) const;

  detail::ProxyCore& core_;
  Connection& connection_;
  Fd client_;
  Fd server_;
  std::array<Pipe, 2> pipes_;
  bool stalled_ = false;  // tripped into a black hole; lasts for the life of the connection
  std::vector<char> buffer_ = std::vector<char>(kReadSize);
};

FaultEvent Session::event(FaultEvent::Kind kind) const {
  FaultEvent e;
  e.kind = kind;
  e.connection = connection_.id;
  e.bytes_upstream = pipes_[0].delivered;
  e.bytes_downstream = pipes_[1].delivered;
  return e;
}

int Session::connect_upstream() {
  const Endpoint& upstream = core_.options().upstream;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(upstream.port);
  inet_pton(AF_INET, upstream.host == "localhost" ? "127.0.0.1" : upstream.host.c_str(), &address.sin_addr);
  server_ = Fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!server_) return errno;
  if (::connect(server_.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) return 0;
  if (errno != EINPROGRESS) return errno;
  const auto deadline = SteadyClock::now() + kConnectTimeout;
  while (!interrupted()) {
    const auto now = SteadyClock::now();
    if (now >= deadline) return ETIMEDOUT;
    pollfd pfd{server_.get(), POLLOUT, 0};
    if (::poll(&pfd, 1, poll_ms(ceil_ms(deadline - now))) > 0) {
      int error = 0;
      socklen_t length = sizeof error;
      getsockopt(server_.get(), SOL_SOCKET, SO_ERROR, &error, &length);
      return error;
    }
  }
  return ECANCELED;
}

void Session::run() {
  if (const int error = connect_upstream(); error != 0) {
    FaultEvent e = event(FaultEvent::Kind::upstream_failed);
    e.error = error;
    core_.emit(e);
    close_both(Kill::reset, milliseconds(0));
    return;
  }
  set_nodelay(client_.get());
  set_nodelay(server_.get());
  while (step()) {
  }
}

// One round: act on requests, deliver what is due, fire trips, then wait for the sockets. False when done.
bool Session::step() {
  if (core_.stopping()) {
    close_both(Kill::close, milliseconds(0));
    return false;
  }
  if (const Kill kill = connection_.kill.exchange(Kill::none); kill != Kill::none) {
    if (kill == Kill::reset) {
      core_.count_fault();
      core_.emit(event(FaultEvent::Kind::reset));
    }
    close_both(kill, milliseconds(0));
    return false;
  }
  const Config config = core_.snapshot();
  if (config.stalled || stalled_) return wait_while_stalled();

  const auto now = SteadyClock::now();
  for (Pipe& pipe : pipes_) {
    if (!flush(pipe, now)) {
      close_both(Kill::reset, milliseconds(0));
      return false;
    }
  }
  for (Pipe& pipe : pipes_) {
    if (pipe.pending_trip && pipe.queue.empty()) return fire(pipe);
  }
  for (Pipe& pipe : pipes_) {
    if (pipe.src_eof && pipe.queue.empty() && !pipe.dst_shut) {
      ::shutdown(destination(pipe).get(), SHUT_WR);
      pipe.dst_shut = true;
    }
  }
  if (pipes_[0].dst_shut && pipes_[1].dst_shut) {
    close_both(Kill::close, milliseconds(0));
    return false;
  }

  // Client and server each appear once; a pipe reads its source and writes its destination.
  std::array<pollfd, 3> fds{pollfd{connection_.waker.fd(), POLLIN, 0}, pollfd{client_.get(), 0, 0},
                            pollfd{server_.get(), 0, 0}};
  milliseconds timeout = kPollSlice;
  for (const Pipe& pipe : pipes_) {
    pollfd& src = fds[pipe.direction == Direction::upstream ? 1 : 2];
    pollfd& dst = fds[pipe.direction == Direction::upstream ? 2 : 1];
    if (readable(pipe)) src.events |= POLLIN;
    if (pipe.dst_blocked) dst.events |= POLLOUT;
    if (pipe.bucket_wait.count() > 0) timeout = std::min(timeout, pipe.bucket_wait);
    if (!pipe.queue.empty() && pipe.queue.front().due > now) {
      timeout = std::min(timeout, ceil_ms(pipe.queue.front().due - now));
    }
  }
  for (pollfd& pfd : fds) {
    if (pfd.events == 0) pfd.fd = -1;  // otherwise a hung-up socket we are not reading would spin poll()
  }
  if (::poll(fds.data(), fds.size(), poll_ms(timeout)) <= 0) return true;
  if (fds[0].revents != 0) connection_.waker.drain();
  for (Pipe& pipe : pipes_) {
    const pollfd& src = fds[pipe.direction == Direction::upstream ? 1 : 2];
    if (src.fd >= 0 && (src.events & POLLIN) != 0 && src.revents != 0 && !read_from(pipe, config)) {
      close_both(Kill::reset, milliseconds(0));
      return false;
    }
  }
  return true;
}

// A black hole: no reads, no writes; only notice a client that gives up, or a request from the proxy.
bool Session::wait_while_stalled() {
  std::array<pollfd, 2> fds{pollfd{connection_.waker.fd(), POLLIN, 0}, pollfd{client_.get(), POLLRDHUP, 0}};
  if (::poll(fds.data(), fds.size(), poll_ms(kPollSlice)) <= 0) return true;
  if (fds[0].revents != 0) connection_.waker.drain();
  if (fds[1].revents != 0) {
    close_both(Kill::close, milliseconds(0));
    return false;
  }
  return true;
}

bool Session::flush(Pipe& pipe, SteadyClock::time_point now) {
  pipe.dst_blocked = false;
  pipe.bucket_wait = milliseconds(0);
  TokenBucket& bucket = core_.bucket(pipe.direction);
  while (!pipe.queue.empty() && pipe.queue.front().due <= now) {
    Chunk& chunk = pipe.queue.front();
    const TokenBucket::Grant grant = bucket.take(chunk.bytes.size() - chunk.sent, now);
    if (grant.bytes == 0) {
      pipe.bucket_wait = grant.wait;
      return true;
    }
    const ssize_t sent = ::send(destination(pipe).get(), chunk.bytes.data() + chunk.sent, grant.bytes,
                                MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0) {
      bucket.refund(grant.bytes);
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        pipe.dst_blocked = true;
        return true;
      }
      return false;
    }
    const auto count = static_cast<std::size_t>(sent);
    bucket.refund(grant.bytes - count);
    chunk.sent += count;
    pipe.queued -= count;
    pipe.delivered += count;
    core_.count_delivered(pipe.direction, count);
    if (chunk.sent == chunk.bytes.size()) pipe.queue.pop_front();
  }
  return true;
}

std::optional<Session::Limit> Session::limit(const Pipe& pipe, const Config& config) const {
  std::optional<Limit> nearest;
  for (const std::optional<Trip>& trip :
       {connection_.plan, config.per_connection[index_of(pipe.direction)]}) {
    if (!trip || trip->direction != pipe.direction) continue;
    const std::uint64_t remaining = trip->after_bytes > pipe.carried ? trip->after_bytes - pipe.carried : 0;
    if (!nearest || remaining < nearest->remaining) nearest = Limit{remaining, *trip};
  }
  return nearest;
}

bool Session::read_from(Pipe& pipe, const Config& config) {
  const std::optional<Limit> nearest = limit(pipe, config);
  std::size_t want = buffer_.size();
  // At the limit, read a single byte: data means the trip fires, EOF means the stream simply ended.
  if (nearest) want = static_cast<std::size_t>(std::clamp<std::uint64_t>(nearest->remaining, 1, want));
  const ssize_t got = ::recv(source(pipe).get(), buffer_.data(), want, MSG_DONTWAIT);
  if (got == 0) {
    pipe.src_eof = true;
    return true;
  }
  if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  const auto size = static_cast<std::size_t>(got);
  if (nearest && nearest->remaining == 0) {
    pipe.pending_trip = nearest->trip;
    return true;
  }
  std::optional<Trip> fired;
  const std::size_t granted = core_.claim_lifetime(pipe.direction, size, fired);
  if (granted > 0) enqueue(pipe, buffer_.data(), granted, config);
  if (fired) pipe.pending_trip = fired;
  return true;
}

void Session::enqueue(Pipe& pipe, const char* data, std::size_t size, const Config& config) {
  const FaultDice::Roll roll = pipe.dice.roll(config.links[index_of(pipe.direction)]);
  if (roll.lost) {
    FaultEvent e = event(FaultEvent::Kind::loss);
    e.direction = pipe.direction;
    e.delay = roll.delay;
    core_.count_fault();
    core_.emit(e);
  }
  // Never before an earlier chunk: jitter must not reorder a TCP stream.
  const auto due = std::max(SteadyClock::now() + roll.delay, pipe.last_due);
  pipe.last_due = due;
  pipe.queue.push_back(Chunk{std::vector<char>(data, data + size), 0, due});
  pipe.queued += size;
  pipe.carried += size;
}

bool Session::fire(Pipe& pipe) {
  const Trip trip = *pipe.pending_trip;
  pipe.pending_trip.reset();
  FaultEvent e = event(FaultEvent::Kind::tripped);
  e.direction = trip.direction;
  e.action = trip.action;
  core_.count_fault();
  core_.emit(e);
  switch (trip.action) {
    case Action::close:
      close_both(Kill::close, kCloseLinger);
      return false;
    case Action::reset:
      close_both(Kill::reset, milliseconds(0));
      return false;
    case Action::stall:
      stalled_ = true;
      return true;
  }
  return false;
}

// FIN (after waiting up to `linger` for both peers to finish, so neither sees an RST for unread data) or RST.
void Session::close_both(Kill how, milliseconds linger) {
  if (how == Kill::reset) {
    close_with_reset(client_);
    close_with_reset(server_);
    return;
  }
  std::array<Fd*, 2> sides{&client_, &server_};
  for (Fd* side : sides) {
    if (*side) ::shutdown(side->get(), SHUT_WR);
  }
  const auto deadline = SteadyClock::now() + linger;
  std::array<bool, 2> finished{!client_, !server_};
  for (;;) {
    for (std::size_t i = 0; i < sides.size(); ++i) {
      if (!finished[i]) finished[i] = discard_pending(sides[i]->get());
    }
    const auto now = SteadyClock::now();
    if ((finished[0] && finished[1]) || now >= deadline || interrupted()) break;
    std::array<pollfd, 2> fds{pollfd{finished[0] ? -1 : client_.get(), POLLIN, 0},
                              pollfd{finished[1] ? -1 : server_.get(), POLLIN, 0}};
    ::poll(fds.data(), fds.size(), poll_ms(ceil_ms(deadline - now)));
  }
  client_.reset();
  server_.reset();
}

}  // namespace

namespace detail {

ProxyCore::ProxyCore(FaultProxyOptions options) : options_(std::move(options)) {
  require_loopback(options_.upstream, "upstream");
  require_loopback(options_.listen, "listen address");
  listener_ = listen_tcp(options_.listen);
  set_nonblocking(listener_.get());
  options_.listen.port = local_port(listener_.get());
  acceptor_ = std::thread([this] { accept_loop(); });
}

ProxyCore::~ProxyCore() {
  stopping_ = true;
  acceptor_waker_.notify();
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::shared_ptr<Connection>> connections;
  {
    const std::lock_guard lock(mutex_);
    wake_connections();
    connections.swap(connections_);
  }
  for (const auto& connection : connections) {
    if (connection->thread.joinable()) connection->thread.join();
  }
}

void ProxyCore::wake_connections() {
  for (const auto& connection : connections_) connection->waker.notify();
}

void ProxyCore::cut_after(const Trip& trip, Scope scope) {
  const std::lock_guard lock(mutex_);
  if (scope == Scope::per_connection) {
    config_.per_connection[index_of(trip.direction)] = trip;
  } else {
    lifetime_[index_of(trip.direction)] = LifetimeTrip{trip, trip.after_bytes};
  }
  wake_connections();
}

void ProxyCore::clear_cuts() {
  const std::lock_guard lock(mutex_);
  config_.per_connection = {};
  lifetime_ = {};
  wake_connections();
}

void ProxyCore::plan_connection(std::optional<Trip> trip) {
  const std::lock_guard lock(mutex_);
  plans_.push_back(trip);
}

std::size_t ProxyCore::pending_plans() const {
  const std::lock_guard lock(mutex_);
  return plans_.size();
}

void ProxyCore::clear_plans() {
  const std::lock_guard lock(mutex_);
  plans_.clear();
}

std::size_t ProxyCore::claim_lifetime(Direction direction, std::size_t bytes, std::optional<Trip>& fired) {
  const std::lock_guard lock(mutex_);
  std::optional<LifetimeTrip>& budget = lifetime_[index_of(direction)];
  if (!budget) return bytes;
  const auto granted = static_cast<std::size_t>(std::min<std::uint64_t>(bytes, budget->remaining));
  budget->remaining -= granted;
  if (granted < bytes) {
    fired = budget->trip;
    budget.reset();
  }
  return granted;
}

void ProxyCore::kill_connections(Kill kill) {
  const std::lock_guard lock(mutex_);
  for (const auto& connection : connections_) {
    connection->kill = kill;
    connection->waker.notify();
  }
}

void ProxyCore::set_down(bool down) {
  std::unique_lock lock(mutex_);
  want_down_ = down;
  const std::uint64_t request = ++down_requested_;
  acceptor_waker_.notify();
  const bool applied = changed_.wait_for(lock, kSetDownTimeout,
                                         [&] { return down_applied_ >= request && (!down || open_ == 0); });
  if (!applied) throw std::system_error(std::make_error_code(std::errc::timed_out), "FaultProxy::set_down");
  if (!down && up_error_) throw std::system_error(up_error_, "FaultProxy::set_down(false): listen again");
}

bool ProxyCore::down() const {
  const std::lock_guard lock(mutex_);
  return is_down_;
}

FaultProxyStats ProxyCore::stats() const {
  FaultProxyStats stats;
  stats.connections_accepted = accepted_.load();
  {
    const std::lock_guard lock(mutex_);
    stats.connections_open = open_;
  }
  stats.bytes_upstream = bytes_[0].load();
  stats.bytes_downstream = bytes_[1].load();
  stats.faults_fired = faults_.load();
  return stats;
}

void ProxyCore::set_event_sink(std::function<void(const FaultEvent&)> sink) {
  const std::lock_guard lock(sink_mutex_);
  sink_ = std::move(sink);
}

void ProxyCore::emit(const FaultEvent& event) {
  const std::lock_guard lock(sink_mutex_);
  if (sink_) sink_(event);
}

void ProxyCore::accept_loop() {
  while (!stopping_) {
    apply_down_request();
    reap_finished();
    std::array<pollfd, 2> fds{pollfd{acceptor_waker_.fd(), POLLIN, 0},
                              pollfd{listener_ ? listener_.get() : -1, POLLIN, 0}};
    if (::poll(fds.data(), fds.size(), poll_ms(kPollSlice)) <= 0) continue;
    if (fds[0].revents != 0) acceptor_waker_.drain();
    if (fds[1].revents != 0) accept_pending();
  }
  listener_.reset();
}

void ProxyCore::apply_down_request() {
  std::unique_lock lock(mutex_);
  if (down_applied_ == down_requested_) return;
  const bool down = want_down_;
  const std::uint64_t request = down_requested_;
  lock.unlock();

  std::error_code error;
  if (down && listener_) {
    listener_.reset();
    kill_connections(Kill::close);
    emit(FaultEvent{.kind = FaultEvent::Kind::down});
  } else if (!down && !listener_) {
    try {
      listener_ = listen_tcp(options_.listen);
      set_nonblocking(listener_.get());
      emit(FaultEvent{.kind = FaultEvent::Kind::up});
    } catch (const std::system_error& e) {
      error = e.code();
    }
  }

  lock.lock();
  is_down_ = !listener_;
  up_error_ = error;
  down_applied_ = request;
  changed_.notify_all();
}

void ProxyCore::accept_pending() {
  for (;;) {
    Fd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    if (!client) return;  // EAGAIN, or a client that already went away
    std::shared_ptr<Connection> connection;
    try {
      const std::lock_guard lock(mutex_);
      std::optional<Trip> plan;
      if (!plans_.empty()) {
        plan = plans_.front();
        plans_.pop_front();
      }
      connection = std::make_shared<Connection>(++next_id_, plan);
      connections_.push_back(connection);
      ++open_;
    } catch (const std::system_error&) {
      close_with_reset(client);  // out of file descriptors for the waker
      continue;
    }
    accepted_.fetch_add(1);
    emit(FaultEvent{.kind = FaultEvent::Kind::accepted, .connection = connection->id});
    try {
      connection->thread = std::thread([this, connection, fd = std::move(client)]() mutable {
        run_connection(connection, std::move(fd));
      });
    } catch (const std::system_error&) {
      const std::lock_guard lock(mutex_);  // out of threads: the client socket went with the lambda
      --open_;
      connection->done = true;
    }
  }
}

void ProxyCore::reap_finished() {
  std::vector<std::shared_ptr<Connection>> finished;
  {
    const std::lock_guard lock(mutex_);
    const auto split = std::stable_partition(connections_.begin(), connections_.end(),
                                             [](const auto& connection) { return !connection->done.load(); });
    finished.assign(split, connections_.end());
    connections_.erase(split, connections_.end());
  }
  for (const auto& connection : finished) {
    if (connection->thread.joinable()) connection->thread.join();
  }
}

void ProxyCore::run_connection(const std::shared_ptr<Connection>& connection, Fd client) {
  Session session(*this, *connection, std::move(client));
  try {
    session.run();
  } catch (const std::system_error&) {
    session.abort();  // setsockopt on a socket the peer already reset; the connection is over either way
  }
  emit(session.closed_event());
  const std::lock_guard lock(mutex_);
  --open_;
  connection->done = true;
  changed_.notify_all();
}

}  // namespace detail

const char* to_string(Action action) {
  switch (action) {
    case Action::close:
      return "close";
    case Action::reset:
      return "reset";
    case Action::stall:
      return "stall";
  }
  return "?";
}

std::string to_string(const FaultEvent& event) {
  const std::string conn = "conn " + std::to_string(event.connection) + ": ";
  const std::string carried =
      std::to_string(event.bytes_upstream) + " B up, " + std::to_string(event.bytes_downstream) + " B down";
  switch (event.kind) {
    case FaultEvent::Kind::accepted:
      return conn + "accepted";
    case FaultEvent::Kind::upstream_failed:
      return conn + "upstream connect failed (" + std::system_category().message(event.error) +
             "), client reset";
    case FaultEvent::Kind::closed:
      return conn + "closed after " + carried;
    case FaultEvent::Kind::tripped:
      return conn + "trip " + to_string(event.direction) + " -> " + to_string(event.action) + " (after " +
             carried + ")";
    case FaultEvent::Kind::loss:
      return conn + "loss " + to_string(event.direction) + ", chunk held " +
             std::to_string(event.delay.count()) + " ms";
    case FaultEvent::Kind::reset:
      return conn + "reset by request after " + carried;
    case FaultEvent::Kind::down:
      return "proxy down: listener closed, connections closed";
    case FaultEvent::Kind::up:
      return "proxy up: listening again";
  }
  return conn + "?";
}

FaultProxy::FaultProxy(FaultProxyOptions options)
    : core_(std::make_unique<detail::ProxyCore>(std::move(options))) {}

FaultProxy::FaultProxy(std::uint16_t upstream_port, std::uint64_t seed)
    : FaultProxy(FaultProxyOptions{.upstream = Endpoint{"127.0.0.1", upstream_port}, .seed = seed}) {}

FaultProxy::~FaultProxy() = default;

std::uint16_t FaultProxy::port() const {
  return core_->options().listen.port;
}
Endpoint FaultProxy::endpoint() const {
  return core_->options().listen;
}
Endpoint FaultProxy::upstream() const {
  return core_->options().upstream;
}

void FaultProxy::set_link(Direction direction, const LinkFaults& faults) {
  core_->update([&](Config& config) { config.links[index_of(direction)] = faults; });
}

LinkFaults FaultProxy::link(Direction direction) const {
  return core_->snapshot().links[index_of(direction)];
}

void FaultProxy::set_latency(Direction direction, std::chrono::milliseconds latency,
                             std::chrono::milliseconds jitter) {
  core_->update([&](Config& config) {
    config.links[index_of(direction)].latency = latency;
    config.links[index_of(direction)].jitter = jitter;
  });
}

void FaultProxy::set_bandwidth(Direction direction, std::uint64_t bytes_per_second) {
  core_->update([&](Config& config) { config.links[index_of(direction)].bandwidth = bytes_per_second; });
}

void FaultProxy::set_loss(Direction direction, double probability, std::chrono::milliseconds delay) {
  core_->update([&](Config& config) {
    config.links[index_of(direction)].loss = probability;
    config.links[index_of(direction)].loss_delay = delay;
  });
}

void FaultProxy::cut_after(Direction direction, std::uint64_t bytes, Scope scope, Action action) {
  core_->cut_after(Trip{direction, bytes, action}, scope);
}

void FaultProxy::truncate_responses(std::uint64_t bytes) {
  cut_after(Direction::downstream, bytes);
}

void FaultProxy::clear_cuts() {
  core_->clear_cuts();
}

void FaultProxy::plan_connection(std::optional<Trip> trip) {
  core_->plan_connection(trip);
}

std::size_t FaultProxy::pending_plans() const {
  return core_->pending_plans();
}

void FaultProxy::reset_connections() {
  core_->kill_connections(Kill::reset);
}

void FaultProxy::set_stalled(bool stalled) {
  core_->update([&](Config& config) { config.stalled = stalled; });
}

bool FaultProxy::stalled() const {
  return core_->snapshot().stalled;
}

void FaultProxy::set_down(bool down) {
  core_->set_down(down);
}

bool FaultProxy::down() const {
  return core_->down();
}

void FaultProxy::clear_faults() {
  for (const Direction direction : kDirections) set_link(direction, LinkFaults{});
  set_stalled(false);
  clear_cuts();
  core_->clear_plans();
}

FaultProxyStats FaultProxy::stats() const {
  return core_->stats();
}

void FaultProxy::set_event_sink(std::function<void(const FaultEvent&)> sink) {
  core_->set_event_sink(std::move(sink));
}

}  // namespace simpul::test
