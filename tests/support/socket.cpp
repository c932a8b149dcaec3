#include "support/socket.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <stdexcept>
#include <system_error>

namespace simpul::test {
namespace {

std::optional<in_addr> loopback_address(std::string_view host) {
  const std::string text = host == "localhost" ? std::string("127.0.0.1") : std::string(host);
  in_addr address{};
  if (inet_pton(AF_INET, text.c_str(), &address) != 1) return std::nullopt;
  if ((ntohl(address.s_addr) >> 24U) != 127U) return std::nullopt;
  return address;
}

sockaddr_in to_sockaddr(const Endpoint& endpoint) {
  require_loopback(endpoint, "address");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(endpoint.port);
  address.sin_addr = *loopback_address(endpoint.host);
  return address;
}

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void set_int_option(int fd, int level, int name, int value) {
  if (setsockopt(fd, level, name, &value, sizeof value) != 0) throw_errno("setsockopt");
}

}  // namespace

void Fd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

std::optional<Endpoint> parse_endpoint(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) return std::nullopt;
  return Endpoint{std::string(text.substr(0, colon)), static_cast<std::uint16_t>(port)};
}

std::string to_string(const Endpoint& endpoint) {
  return endpoint.host + ":" + std::to_string(endpoint.port);
}

bool is_loopback(std::string_view host) {
  return loopback_address(host).has_value();
}

void require_loopback(const Endpoint& endpoint, std::string_view what) {
  if (!is_loopback(endpoint.host)) {
    throw std::invalid_argument(std::string(what) + " '" + endpoint.host +
                                "' is not a loopback address: test traffic must stay on 127.0.0.0/8");
  }
}

Fd listen_tcp(const Endpoint& endpoint, int backlog) {
  const sockaddr_in address = to_sockaddr(endpoint);
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) throw_errno("socket");
  set_int_option(fd.get(), SOL_SOCKET, SO_REUSEADDR, 1);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw_errno(("bind " + to_string(endpoint)).c_str());
  }
  if (::listen(fd.get(), backlog) != 0) throw_errno("listen");
  return fd;
}

std::uint16_t local_port(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) throw_errno("getsockname");
  return ntohs(address.sin_port);
}

Fd connect_tcp(const Endpoint& endpoint) {
  const sockaddr_in address = to_sockaddr(endpoint);
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return fd;
  int result = 0;
  do {
    result = ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
  } while (result != 0 && errno == EINTR);
  if (result != 0) {
    const int error = errno;
    fd.reset();
    errno = error;
  }
  return fd;
}

Fd connect_tcp(std::uint16_t port) {
  return connect_tcp(Endpoint{"127.0.0.1", port});
}

void set_nodelay(int fd) {
  set_int_option(fd, IPPROTO_TCP, TCP_NODELAY, 1);
}

void set_nonblocking(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) throw_errno("fcntl");
}

void set_receive_timeout(int fd, std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) throw_errno("setsockopt SO_RCVTIMEO");
}

void close_with_reset(Fd& fd) {
  if (!fd) return;
  const linger abortive{1, 0};
  setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
  fd.reset();
}

bool send_all(int fd, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t sent = ::send(fd, bytes, size, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

bool send_all(int fd, std::string_view data) {
  return send_all(fd, data.data(), data.size());
}

std::string receive_all(int fd, int* error, std::size_t limit) {
  std::string out;
  char buffer[64 * 1024];
  if (error != nullptr) *error = 0;
  while (out.size() < limit) {
    const ssize_t got = ::recv(fd, buffer, std::min(sizeof buffer, limit - out.size()), 0);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      if (error != nullptr) *error = errno;
      break;
    }
    out.append(buffer, static_cast<std::size_t>(got));
  }
  return out;
}

}  // namespace simpul::test
