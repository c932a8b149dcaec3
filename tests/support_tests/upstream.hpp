#pragma once
// Tiny upstream servers for exercising the fault proxy in these tests: plain blocking sockets, one thread per
// connection, a handler that decides what the "server" does.
#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/socket.hpp"

namespace simpul::test {

// Deterministic, position-dependent bytes, so that a dropped or repeated block shows up in a comparison.
inline std::string pattern(std::size_t size, std::uint32_t salt = 0) {
  std::string bytes(size, '\0');
  std::uint32_t x = 2463534242U ^ salt;
  for (char& byte : bytes) {
    x ^= x << 13U;
    x ^= x >> 17U;
    x ^= x << 5U;
    byte = static_cast<char>(x & 0xFFU);
  }
  return bytes;
}

class Upstream {
 public:
  // Runs on the connection's own thread with a blocking socket (reads time out after 5 s). To "close", a
  // handler shuts down its write side; the socket itself closes when the Upstream goes away.
  using Handler = std::function<void(int fd)>;

  explicit Upstream(Handler handler)
      : listener_(listen_tcp(Endpoint{"127.0.0.1", 0})), handler_(std::move(handler)) {
    set_nonblocking(listener_.get());
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~Upstream() {
    stop_ = true;
    acceptor_.join();
    const std::lock_guard lock(mutex_);
    for (const auto& fd : fds_) ::shutdown(fd->get(), SHUT_RDWR);  // unblocks handlers stuck in recv()
    for (std::thread& worker : workers_) worker.join();
  }
  Upstream(const Upstream&) = delete;
  Upstream& operator=(const Upstream&) = delete;

  std::uint16_t port() const { return local_port(listener_.get()); }
  int connections() const { return connections_.load(); }

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd pfd{listener_.get(), POLLIN, 0};
      if (::poll(&pfd, 1, 20) <= 0) continue;
      auto fd = std::make_shared<Fd>(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (!*fd) continue;
      set_receive_timeout(fd->get(), std::chrono::milliseconds(5000));
      ++connections_;
      const std::lock_guard lock(mutex_);
      fds_.push_back(fd);
      workers_.emplace_back([this, fd] { handler_(fd->get()); });
    }
  }

  Fd listener_;
  Handler handler_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::vector<std::shared_ptr<Fd>> fds_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

// Echoes everything back; half-closes when the client does.
inline void echo(int fd) {
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0 || !send_all(fd, buffer, static_cast<std::size_t>(got))) break;
  }
  ::shutdown(fd, SHUT_WR);
}

// Sends `bytes`, half-closes, then reads until the client goes (so the proxy is never reset for unread data).
inline Upstream::Handler blast(std::string bytes) {
  return [bytes = std::move(bytes)](int fd) {
    send_all(fd, bytes);
    ::shutdown(fd, SHUT_WR);
    receive_all(fd);
  };
}

// HTTP-like: reads one request up to the blank line, records it (the server has "committed"), answers with
// `body`, half-closes.
class RequestLog {
 public:
  Upstream::Handler responder(std::string body) {
    return [this, body = std::move(body)](int fd) {
      std::string request;
      char byte = 0;
      while (request.find("\r\n\r\n") == std::string::npos && ::recv(fd, &byte, 1, 0) == 1) request += byte;
      {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
      ::shutdown(fd, SHUT_WR);
      receive_all(fd);
    };
  }
  // Records everything a client sends until EOF.
  Upstream::Handler sink() {
    return [this](int fd) {
      std::string received = receive_all(fd);
      const std::lock_guard lock(mutex_);
      requests_.push_back(std::move(received));
    };
  }
  std::vector<std::string> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

}  // namespace simpul::test
