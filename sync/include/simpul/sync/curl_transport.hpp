#pragma once
// The one libcurl adapter. One easy handle per transport (so per engine): the connection is kept alive
// and reused between requests. Only this file's .cpp includes curl.
#include <chrono>
#include <memory>
#include <string>

#include "simpul/sync/transport.hpp"

namespace simpul::sync {

struct CurlOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  // A transfer slower than low_speed_limit bytes/s for low_speed_time is a stall: abort it rather than
  // wait for the total timeout. Rural links are slow but not that slow.
  long low_speed_limit = 32;
  std::chrono::seconds low_speed_time{45};
  // Upper bound for one request, however it goes. Pull pages are sized so a slow link fits.
  std::chrono::milliseconds total_timeout{300'000};
  std::string user_agent = "simpul-sync/1";
};

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(std::string base_url = {}, CurlOptions options = {});
  ~CurlTransport() override;

  void cancel() override;
  void resume() override;
  void set_base_url(const std::string& url) override;
  std::string base_url() const override;

 protected:
  Result<HttpResponse> exchange(const HttpRequest& request) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace simpul::sync
