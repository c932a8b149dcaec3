#pragma once
// The sync engine talks HTTP through this interface only; libcurl lives behind it in one adapter
// (curl_transport.hpp) and tests substitute a fake. Failures are mapped to Errors exactly once, here:
//   network failures  -> transient, code "net.*"; is_ambiguous() when the request may have arrived
//   HTTP 5xx/408/429  -> transient
//   HTTP 401          -> unauthorized, code "unauthorized" or "device_revoked"
//   HTTP 426          -> permanent, code "protocol_mismatch"
//   other HTTP 4xx    -> permanent, code from the server's JSON body ("out_of_scope", "bad_request", ...)
#include <string>
#include <utility>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul::sync {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET" | "POST"
  std::string path;    // "/v1/push", "/healthz"
  Headers headers;
  std::string body;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string content_type;
};

// Where a network exchange failed, which decides whether the server may have seen the request.
enum class NetFailure {
  connect,             // never reached the server (refused, unreachable, DNS)
  send,                // failed while sending: an incomplete request is never processed
  timeout,             // timed out or stalled before the request was fully sent
  timeout_after_send,  // timed out or stalled waiting for the answer: ambiguous
  partial,             // the answer was cut short (curl 18): ambiguous
  empty_reply,         // the server closed without answering (curl 52): ambiguous
  recv,                // failed receiving the answer (curl 56): ambiguous
  cancelled,           // cancel() was called (the engine is stopping)
  other,
};

// An Error for a network failure: kind transient (permanent for `other` when `permanent` is set).
Error net_error(NetFailure failure, const std::string& detail, bool permanent = false);
// The request may have been delivered and processed although no answer arrived. Retrying is safe only
// because every push op carries its exactly-once key; the engine retries these at once.
bool is_ambiguous(const Error& error);
// The failure happened at the network level (as opposed to an HTTP answer): the server may be unreachable.
bool is_network_error(const Error& error);
bool is_cancelled(const Error& error);
// Maps a non-2xx HTTP answer, reading the server's {"error","message"} JSON body when there is one.
Error http_error(long status, const std::string& body);

class Transport {
 public:
  virtual ~Transport() = default;
  Transport() = default;
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // A 2xx response, or an Error mapped as described above.
  Result<HttpResponse> post(const std::string& path, const Headers& headers, const std::string& body);
  Result<HttpResponse> get(const std::string& path, const Headers& headers = {});

  // Thread-safe: aborts the transfer in flight (within about a second) and makes later requests fail
  // with NetFailure::cancelled until resume().
  virtual void cancel() = 0;
  virtual void resume() = 0;
  // "http://host:port" (no trailing slash); paths are appended to it.
  virtual void set_base_url(const std::string& url) = 0;
  virtual std::string base_url() const = 0;

 protected:
  // One exchange. Network failures come back as net_error(); every HTTP status as a response.
  virtual Result<HttpResponse> exchange(const HttpRequest& request) = 0;
};

}  // namespace simpul::sync
