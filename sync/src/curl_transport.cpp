#include "simpul/sync/curl_transport.hpp"

#include <curl/curl.h>

#include <atomic>
#include <mutex>

namespace simpul::sync {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// The one place curl codes become Errors. 18/52/56 mean the answer was lost after the request went out;
// 28 (timeout, including the low-speed stall check) is ambiguous only once the whole body was sent.
Error map_curl(CURLcode rc, bool body_sent, const char* detail) {
  const std::string text = std::string(curl_easy_strerror(rc)) + (detail[0] != '\0' ? std::string(": ") + detail : "");
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT: return net_error(NetFailure::connect, text);
    case CURLE_SEND_ERROR: return net_error(NetFailure::send, text);
    case CURLE_OPERATION_TIMEDOUT:
      return net_error(body_sent ? NetFailure::timeout_after_send : NetFailure::timeout, text);
    case CURLE_PARTIAL_FILE: return net_error(NetFailure::partial, text);
    case CURLE_GOT_NOTHING: return net_error(NetFailure::empty_reply, text);
    case CURLE_RECV_ERROR: return net_error(NetFailure::recv, text);
    case CURLE_ABORTED_BY_CALLBACK: return net_error(NetFailure::cancelled, "");
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_PEER_FAILED_VERIFICATION: return net_error(NetFailure::other, text, /*permanent=*/true);
    default: return net_error(NetFailure::other, text);
  }
}

}  // namespace

struct CurlTransport::Impl {
  CurlOptions options;
  mutable std::mutex url_mu;
  std::string base_url;
  std::atomic<bool> cancelled{false};
  std::atomic<bool> upload_done{false};
  CURL* easy = nullptr;

  static int on_progress(void* user, curl_off_t /*dltotal*/, curl_off_t /*dlnow*/, curl_off_t ultotal,
                         curl_off_t ulnow) {
    auto* self = static_cast<Impl*>(user);
    if (ultotal > 0 && ulnow >= ultotal) self->upload_done = true;
    return self->cancelled.load() ? 1 : 0;  // non-zero aborts the transfer: CURLE_ABORTED_BY_CALLBACK
  }
};

CurlTransport::CurlTransport(std::string base_url, CurlOptions options) : impl_(std::make_unique<Impl>()) {
  global_init_once();
  impl_->options = std::move(options);
  impl_->base_url = std::move(base_url);
  impl_->easy = curl_easy_init();
}

CurlTransport::~CurlTransport() {
  if (impl_->easy != nullptr) curl_easy_cleanup(impl_->easy);
}

void CurlTransport::cancel() { impl_->cancelled = true; }
void CurlTransport::resume() { impl_->cancelled = false; }

void CurlTransport::set_base_url(const std::string& url) {
  std::lock_guard lock(impl_->url_mu);
  impl_->base_url = url;
  while (!impl_->base_url.empty() && impl_->base_url.back() == '/') impl_->base_url.pop_back();
}

std::string CurlTransport::base_url() const {
  std::lock_guard lock(impl_->url_mu);
  return impl_->base_url;
}

Result<HttpResponse> CurlTransport::exchange(const HttpRequest& request) {
  Impl& im = *impl_;
  if (im.cancelled) return net_error(NetFailure::cancelled, "");
  if (im.easy == nullptr) return net_error(NetFailure::other, "curl_easy_init failed", /*permanent=*/true);
  const std::string url = base_url() + request.path;
  if (url == request.path) return make_error(ErrorKind::permanent, "net.no_server", "no server address configured");

  CURL* h = im.easy;
  // Reset options but keep the connection cache: the next request reuses the kept-alive connection.
  curl_easy_reset(h);
  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip on slow links

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPIDLE, 30L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPINTVL, 10L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(im.options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(im.options.total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, im.options.low_speed_limit);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(im.options.low_speed_time.count()));
  curl_easy_setopt(h, CURLOPT_USERAGENT, im.options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &Impl::on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &im);
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(512) << 20);
  if (request.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }
  im.upload_done = false;

  const CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    // "Sent" means the server may hold the whole request: the body went out (GETs carry none).
    curl_off_t uploaded = 0;
    curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &uploaded);
    const bool body_sent = request.method == "POST" && !request.body.empty() &&
                           (im.upload_done || uploaded >= static_cast<curl_off_t>(request.body.size()));
    if (im.cancelled) return net_error(NetFailure::cancelled, "");
    return map_curl(rc, body_sent, error_buffer);
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  response.status = status;
  const char* content_type = nullptr;
  curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) response.content_type = content_type;
  return response;
}

}  // namespace simpul::sync
