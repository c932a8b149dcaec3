#pragma once
// The HTTP face of the sync service (cpp-httplib): POST /v1/enroll, /v1/push, /v1/pull, /v1/digest
// (docs/SYNC_PROTOCOL.md), GET /healthz and GET /metrics, and the Mobile JKN WS Antrean FKTP under
// /jkn/{facility code}/ (docs/WS_ANTREAN.md). Thread pool, keep-alive, TCP_NODELAY,
// payload limits; one JSON log line per request.
#include <memory>
#include <string>

#include "simpul/core/result.hpp"
#include "simpul/server/jkn_antrean.hpp"
#include "simpul/server/json_log.hpp"
#include "simpul/server/metrics.hpp"
#include "simpul/server/sync_service.hpp"

namespace simpul::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8470;                         // 0 = any free port (tests)
  std::size_t threads = 16;                // each keep-alive connection holds a worker while open
  std::size_t max_body_bytes = 16u << 20;  // compressed request body
  std::size_t max_raw_bytes = 64u << 20;   // declared uncompressed size
  int keep_alive_seconds = 5;
  int read_timeout_seconds = 30;
  JknOptions jkn;  // the WS Antrean FKTP (token lifetime, staleness threshold, local time)
};

class HttpServer {
 public:
  HttpServer(SyncService& service, HttpOptions options, JsonLog& log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; returns the port (useful with port 0).
  Result<int> bind();
  // Serves until stop(); call after bind(). Blocks.
  bool serve();
  // bind() + serve() on a background thread; returns once requests are accepted.
  Result<int> start();
  // Stops accepting, finishes in-flight requests, joins the background thread if any.
  void stop();

  int port() const;
  Metrics& metrics();
  JknAntrean& jkn();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace simpul::server
