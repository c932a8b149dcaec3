#pragma once
// Small POSIX socket helpers for test code. Everything here is IPv4 loopback only: test traffic must never
// leave the machine, so non-loopback addresses are refused rather than silently used.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simpul::test {

// Owns a file descriptor and closes it on destruction.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept {
    reset(other.release());
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  explicit operator bool() const { return valid(); }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

struct Endpoint {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
};

// "127.0.0.1:8080" or "localhost:8080"; nullopt when malformed (no port, port out of range).
std::optional<Endpoint> parse_endpoint(std::string_view text);
std::string to_string(const Endpoint& endpoint);

// True for dotted IPv4 addresses in 127.0.0.0/8 and for "localhost".
bool is_loopback(std::string_view host);

// Throws std::invalid_argument naming `what` unless the endpoint is a loopback address.
void require_loopback(const Endpoint& endpoint, std::string_view what);

// A listening socket on a loopback endpoint (port 0 lets the kernel pick), with SO_REUSEADDR so that it can
// be re-bound while old connections linger in TIME_WAIT. Throws std::system_error or std::invalid_argument.
Fd listen_tcp(const Endpoint& endpoint, int backlog = 128);

// The local port a socket is bound to.
std::uint16_t local_port(int fd);

// Blocking connect to a loopback endpoint. Returns an invalid Fd on failure with errno set.
Fd connect_tcp(const Endpoint& endpoint);
Fd connect_tcp(std::uint16_t port);

void set_nodelay(int fd);
void set_nonblocking(int fd);
// Blocking reads on fd give up with EAGAIN after `timeout`.
void set_receive_timeout(int fd, std::chrono::milliseconds timeout);

// Closes so that the peer sees RST (ECONNRESET) instead of FIN: SO_LINGER with a zero timeout.
void close_with_reset(Fd& fd);

// Writes everything (retrying short writes and EINTR; never raises SIGPIPE). False on error, errno kept.
bool send_all(int fd, const void* data, std::size_t size);
bool send_all(int fd, std::string_view data);

// Reads until EOF, error or `limit` bytes. `error` receives errno (0 on clean EOF or limit).
std::string receive_all(int fd, int* error = nullptr, std::size_t limit = SIZE_MAX);

}  // namespace simpul::test
