#include "simpul/sync/transport.hpp"

#include <nlohmann/json.hpp>

namespace simpul::sync {
namespace {

constexpr const char* kAmbiguousCodes[] = {"net.timeout_after_send", "net.partial", "net.empty_reply", "net.recv"};

const char* failure_code(NetFailure f) {
  switch (f) {
    case NetFailure::connect: return "net.connect";
    case NetFailure::send: return "net.send";
    case NetFailure::timeout: return "net.timeout";
    case NetFailure::timeout_after_send: return "net.timeout_after_send";
    case NetFailure::partial: return "net.partial";
    case NetFailure::empty_reply: return "net.empty_reply";
    case NetFailure::recv: return "net.recv";
    case NetFailure::cancelled: return "net.cancelled";
    case NetFailure::other: return "net.other";
  }
  return "net.other";
}

const char* failure_text(NetFailure f) {
  switch (f) {
    case NetFailure::connect: return "cannot reach the server";
    case NetFailure::send: return "the connection failed while sending";
    case NetFailure::timeout: return "the connection timed out or stalled";
    case NetFailure::timeout_after_send: return "no answer in time after the request was sent";
    case NetFailure::partial: return "the answer was cut short";
    case NetFailure::empty_reply: return "the server closed the connection without answering";
    case NetFailure::recv: return "the connection failed while receiving the answer";
    case NetFailure::cancelled: return "cancelled";
    case NetFailure::other: return "network error";
  }
  return "network error";
}

}  // namespace

Error net_error(NetFailure failure, const std::string& detail, bool permanent) {
  std::string message = failure_text(failure);
  if (!detail.empty()) message += " (" + detail + ")";
  const ErrorKind kind = permanent && failure == NetFailure::other ? ErrorKind::permanent : ErrorKind::transient;
  return make_error(kind, failure_code(failure), std::move(message));
}

bool is_ambiguous(const Error& e) {
  for (const char* code : kAmbiguousCodes) {
    if (e.code == code) return true;
  }
  return false;
}

bool is_network_error(const Error& e) { return e.code.rfind("net.", 0) == 0; }
bool is_cancelled(const Error& e) { return e.code == "net.cancelled"; }

Error http_error(long status, const std::string& body) {
  std::string code;
  std::string message;
  // The server answers errors as {"error": code, "message": text}; proxies may answer with HTML.
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_object()) {
    if (auto it = json.find("error"); it != json.end() && it->is_string()) code = it->get<std::string>();
    if (auto it = json.find("message"); it != json.end() && it->is_string()) message = it->get<std::string>();
  }
  const std::string prefix = "HTTP " + std::to_string(status);
  if (message.empty()) message = prefix; else message = prefix + ": " + message;

  if (status == 401) {
    if (code != "device_revoked") code = "unauthorized";
    return make_error(ErrorKind::unauthorized, code, message);
  }
  if (status == 426) return make_error(ErrorKind::permanent, "protocol_mismatch", message);
  if (status >= 500 || status == 408 || status == 429) {
    return make_error(ErrorKind::transient, code.empty() ? "http." + std::to_string(status) : code, message);
  }
  return make_error(ErrorKind::permanent, code.empty() ? "http." + std::to_string(status) : code, message);
}

Result<HttpResponse> Transport::post(const std::string& path, const Headers& headers, const std::string& body) {
  auto r = exchange(HttpRequest{"POST", path, headers, body});
  if (!r.ok()) return r;
  if (r->status < 200 || r->status > 299) return http_error(r->status, r->body);
  return r;
}

Result<HttpResponse> Transport::get(const std::string& path, const Headers& headers) {
  auto r = exchange(HttpRequest{"GET", path, headers, {}});
  if (!r.ok()) return r;
  if (r->status < 200 || r->status > 299) return http_error(r->status, r->body);
  return r;
}

}  // namespace simpul::sync
