#include "simpul/server/http_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <chrono>
#include <thread>

#include "simpul/storage/schema.hpp"
#include "simpul/sync/wire.hpp"

namespace simpul::server {
namespace {

// The oldest replica schema this server can fill: the one that introduced every synced table.
constexpr int kMinClientSchema = 3;

using Clock = std::chrono::steady_clock;

void respond_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void respond_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  respond_json(res, status, {{"error", code}, {"message", message}});
}

int status_for(const Error& e) {
  if (e.kind == ErrorKind::unauthorized) return 401;
  if (e.code.rfind("enroll_", 0) == 0) return 403;
  switch (e.kind) {
    case ErrorKind::invalid: return 400;
    case ErrorKind::not_found: return 404;
    case ErrorKind::transient: return 503;
    default: return 500;
  }
}

// Expected refusals are answered with their own code and text; server faults with a generic text
// (the detail goes to the log as a code only).
void respond_failure(httplib::Response& res, const Error& e, nlohmann::json& log) {
  const int status = status_for(e);
  log["error"] = e.code;
  if (status >= 500) {
    respond_error(res, status, status == 503 ? "unavailable" : "server_error",
                  status == 503 ? "the server is busy: retry shortly" : "internal server error");
  } else {
    respond_error(res, status, status == 400 ? "bad_request" : e.code, e.message);
  }
}

// Only what looks like a facility code reaches the log (the path segment is free text from the wire).
std::string loggable_facility(const std::string& code) {
  const bool plain = code.size() <= 16 && std::all_of(code.begin(), code.end(), [](char c) {
                       return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                     });
  return plain ? code : std::string("<invalid>");
}

JknHeaders jkn_headers(const httplib::Request& req) {
  return JknHeaders{req.get_header_value("x-username"), req.get_header_value("x-password"),
                    req.get_header_value("x-token")};
}

}  // namespace

struct HttpServer::Impl {
  Impl(SyncService& s, HttpOptions o, JsonLog& l) : service(s), options(std::move(o)), log(l), jkn(s, options.jkn) {}

  SyncService& service;
  HttpOptions options;
  JsonLog& log;
  JknAntrean jkn;
  Metrics metrics;
  httplib::Server svr;
  std::thread thread;
  std::atomic<bool> finished{false};
  int port = 0;

  using Body = std::function<void(const httplib::Request&, httplib::Response&, nlohmann::json&)>;

  // Every route: timing, exception safety, metrics and one log line.
  void handle(const std::string& route, const httplib::Request& req, httplib::Response& res, const Body& body) {
    const auto t0 = Clock::now();
    nlohmann::json fields = {{"route", route}};
    try {
      body(req, res, fields);
    } catch (const std::exception&) {
      respond_error(res, 500, "server_error", "internal server error");
      fields["error"] = "exception";
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    fields["status"] = res.status;
    fields["ms"] = static_cast<double>(static_cast<std::int64_t>(seconds * 1e4)) / 10.0;
    metrics.request(route, res.status, seconds);
    log.write(res.status >= 500 ? "error" : (res.status >= 400 ? "warn" : "info"), fields);
  }

  bool check_protocol(const httplib::Request& req, httplib::Response& res, nlohmann::json& fields) {
    const std::string proto = req.get_header_value(sync::kProtocolHeader);
    const std::string schema_text = req.get_header_value(sync::kSchemaHeader);
    int schema = -1;
    try {
      std::size_t pos = 0;
      schema = std::stoi(schema_text, &pos);
      if (pos != schema_text.size()) schema = -1;
    } catch (const std::exception&) {
      schema = -1;
    }
    const int latest = storage::latest_schema_version();
    if (proto == std::to_string(sync::kProtocolVersion) && schema >= kMinClientSchema && schema <= latest) return true;
    fields["error"] = "protocol_mismatch";
    respond_json(res, 426,
                 {{"error", "protocol_mismatch"},
                  {"message", "this server speaks sync protocol " + std::to_string(sync::kProtocolVersion) +
                                  " for replica schema " + std::to_string(kMinClientSchema) + ".." +
                                  std::to_string(latest) + "; this client sent protocol '" + proto + "', schema '" +
                                  schema_text + "': update Simpul"},
                  {"server_protocol", sync::kProtocolVersion},
                  {"server_schema", latest}});
    return false;
  }

  template <class T>
  std::optional<T> decode_body(const httplib::Request& req, httplib::Response& res, nlohmann::json& fields) {
    if (req.body.size() >= 8) {
      std::uint64_t declared = 0;
      for (std::size_t i = 0; i < 8; ++i) {
        declared |= static_cast<std::uint64_t>(static_cast<unsigned char>(req.body[i])) << (8 * i);
      }
      if (declared > options.max_raw_bytes) {
        fields["error"] = "payload_too_large";
        respond_error(res, 413, "payload_too_large", "the request is larger than this server accepts");
        return std::nullopt;
      }
    }
    auto m = sync::decode<T>(req.body);
    if (!m.ok()) {
      fields["error"] = m.error().code;
      respond_error(res, 400, "bad_request", m.error().message);
      return std::nullopt;
    }
    return std::move(m).value();
  }

  std::optional<AuthedDevice> auth(const httplib::Request& req, httplib::Response& res, nlohmann::json& fields,
                                   StoreRead* read = nullptr) {
    const std::string header = req.get_header_value("Authorization");
    auto dev = read != nullptr ? service.authenticate(header, *read) : service.authenticate(header);
    if (!dev.ok()) {
      respond_failure(res, dev.error(), fields);
      return std::nullopt;
    }
    fields["device_id"] = dev->device_id;
    fields["facility"] = dev->facility;
    return std::move(dev).value();
  }

  template <class T>
  static void respond_message(httplib::Response& res, const T& message) {
    res.status = 200;
    res.set_content(sync::encode(message), sync::kContentType);
  }

  void jkn_routes();

  void routes() {
    svr.Post("/v1/enroll", [this](const httplib::Request& req, httplib::Response& res) {
      handle("/v1/enroll", req, res, [this](const auto& rq, auto& rs, auto& fields) {
        if (!check_protocol(rq, rs, fields)) return;
        auto m = decode_body<sync::EnrollRequest>(rq, rs, fields);
        if (!m) return;
        // Only what looks like a facility code reaches the log (the field is free text from the wire).
        fields["facility"] = m->facility.size() <= 16 ? m->facility : std::string("<invalid>");
        auto r = service.enroll(*m);
        if (!r.ok()) return respond_failure(rs, r.error(), fields);
        fields["device_id"] = r->device_id;
        respond_message(rs, *r);
      });
    });
    svr.Post("/v1/push", [this](const httplib::Request& req, httplib::Response& res) {
      handle("/v1/push", req, res, [this](const auto& rq, auto& rs, auto& fields) {
        if (!check_protocol(rq, rs, fields)) return;
        auto dev = auth(rq, rs, fields);
        if (!dev) return;
        auto m = decode_body<sync::PushRequest>(rq, rs, fields);
        if (!m) return;
        fields["ops"] = m->ops.size();
        PushStats stats;
        auto r = service.push(*dev, *m, &stats);
        if (!r.ok()) return respond_failure(rs, r.error(), fields);
        metrics.ops(stats);
        fields["applied"] = stats.applied;
        fields["duplicate"] = stats.duplicate;
        fields["merged"] = stats.merged;
        fields["rejected"] = stats.rejected;
        respond_message(rs, *r);
      });
    });
    svr.Post("/v1/pull", [this](const httplib::Request& req, httplib::Response& res) {
      handle("/v1/pull", req, res, [this](const auto& rq, auto& rs, auto& fields) {
        if (!check_protocol(rq, rs, fields)) return;
        // One read snapshot for the device check and the pull.
        auto read = service.begin_read();
        if (!read.ok()) return respond_failure(rs, read.error(), fields);
        auto dev = auth(rq, rs, fields, read->get());
        if (!dev) return;
        auto m = decode_body<sync::PullRequest>(rq, rs, fields);
        if (!m) return;
        PullStats stats;
        auto r = service.pull(*dev, *m, &stats, std::move(read).value());
        if (!r.ok()) return respond_failure(rs, r.error(), fields);
        metrics.pulled(stats.rows, stats.bytes);
        fields["rows"] = stats.rows;
        fields["bytes"] = stats.bytes;
        fields["cursor"] = r->cursor;
        fields["more"] = r->more;
        if (stats.snapshot) fields["snapshot"] = true;
        if (stats.reset_required) fields["reset_required"] = true;
        respond_message(rs, *r);
      });
    });
    svr.Post("/v1/digest", [this](const httplib::Request& req, httplib::Response& res) {
      handle("/v1/digest", req, res, [this](const auto& rq, auto& rs, auto& fields) {
        if (!check_protocol(rq, rs, fields)) return;
        auto dev = auth(rq, rs, fields);
        if (!dev) return;
        auto m = decode_body<sync::DigestRequest>(rq, rs, fields);
        if (!m) return;
        auto r = service.digest(*dev, *m);
        if (!r.ok()) return respond_failure(rs, r.error(), fields);
        fields["equal"] = r->equal;
        fields["differing_buckets"] = r->differing_buckets.size();
        respond_message(rs, *r);
      });
    });
    svr.Get("/healthz", [this](const httplib::Request& req, httplib::Response& res) {
      handle("/healthz", req, res, [this](const auto&, auto& rs, auto& fields) {
        auto last = service.last_tx();
        if (!last.ok()) {
          fields["error"] = last.error().code;
          return respond_json(rs, 503, {{"status", "error"}, {"schema", storage::latest_schema_version()}});
        }
        respond_json(rs, 200,
                     {{"status", "ok"},
                      {"schema", storage::latest_schema_version()},
                      {"protocol", sync::kProtocolVersion},
                      {"last_tx", *last}});
      });
    });
    svr.Get("/metrics", [this](const httplib::Request& req, httplib::Response& res) {
      handle("/metrics", req, res, [this](const auto&, auto& rs, auto& fields) {
        MetricGauges g;
        if (auto devices = service.devices(); devices.ok()) {
          for (const auto& d : *devices) ++(d.revoked_at_ms ? g.devices_revoked : g.devices_active);
        } else {
          fields["error"] = devices.error().code;
        }
        if (auto last = service.last_tx(); last.ok()) g.last_tx = *last;
        rs.status = 200;
        rs.set_content(metrics.render(g), "text/plain; version=0.0.4");
      });
    });
    jkn_routes();
    // Unknown routes and transport-level refusals (413 from the payload limit) get a JSON body too
    // (under /jkn/, the WS Antrean envelope).
    svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      if (req.path.rfind("/jkn/", 0) == 0) {
        respond_json(res, res.status,
                     {{"metadata", {{"code", 201}, {"message", "Endpoint tidak dikenal (" + std::to_string(res.status) + ")"}}}});
        return httplib::Server::HandlerResponse::Handled;
      }
      const std::string code = res.status == 404 ? "not_found"
                               : res.status == 413 ? "payload_too_large"
                                                   : "http_" + std::to_string(res.status);
      respond_error(res, res.status, code, "request refused (" + std::to_string(res.status) + ")");
      return httplib::Server::HandlerResponse::Handled;
    }));
  }
};

// The WS Antrean FKTP routes: one log line each with the route pattern (never the card number), the
// facility and the envelope's code.
void HttpServer::Impl::jkn_routes() {
  using Call = std::function<JknReply(const httplib::Request&)>;
  auto route = [this](const std::string& name, const Call& call) {
    return [this, name, call](const httplib::Request& req, httplib::Response& res) {
      handle(name, req, res, [&](const auto& rq, auto& rs, auto& fields) {
        fields["facility"] = loggable_facility(rq.matches[1]);
        const JknReply reply = call(rq);
        fields["jkn_code"] = reply.code();
        if (!reply.log_code.empty()) fields["error"] = reply.log_code;
        rs.status = reply.http_status;
        rs.set_content(reply.body.dump(), "application/json");
      });
    };
  };
  svr.Get(R"(/jkn/([^/]+)/auth)", route("/jkn/{facility}/auth", [this](const httplib::Request& rq) {
            return jkn.auth(rq.matches[1], jkn_headers(rq));
          }));
  svr.Get(R"(/jkn/([^/]+)/antrean/status/([^/]+)/([^/]+))",
          route("/jkn/{facility}/antrean/status", [this](const httplib::Request& rq) {
            return jkn.status(rq.matches[1], jkn_headers(rq), rq.matches[2], rq.matches[3]);
          }));
  svr.Get(R"(/jkn/([^/]+)/antrean/sisapeserta/([^/]+)/([^/]+)/([^/]+))",
          route("/jkn/{facility}/antrean/sisapeserta", [this](const httplib::Request& rq) {
            return jkn.remaining(rq.matches[1], jkn_headers(rq), rq.matches[2], rq.matches[3], rq.matches[4]);
          }));
  svr.Post(R"(/jkn/([^/]+)/antrean)", route("/jkn/{facility}/antrean", [this](const httplib::Request& rq) {
             return jkn.take(rq.matches[1], jkn_headers(rq), rq.body);
           }));
  svr.Put(R"(/jkn/([^/]+)/antrean/batal)", route("/jkn/{facility}/antrean/batal", [this](const httplib::Request& rq) {
            return jkn.cancel(rq.matches[1], jkn_headers(rq), rq.body);
          }));
  svr.Post(R"(/jkn/([^/]+)/peserta)", route("/jkn/{facility}/peserta", [this](const httplib::Request& rq) {
             return jkn.new_patient(rq.matches[1], jkn_headers(rq), rq.body);
           }));
}

HttpServer::HttpServer(SyncService& service, HttpOptions options, JsonLog& log)
    : impl_(std::make_unique<Impl>(service, std::move(options), log)) {
  auto& s = impl_->svr;
  const std::size_t threads = std::max<std::size_t>(2, impl_->options.threads);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_tcp_nodelay(true);
  s.set_keep_alive_max_count(1000);
  s.set_keep_alive_timeout(impl_->options.keep_alive_seconds);
  s.set_read_timeout(impl_->options.read_timeout_seconds, 0);
  s.set_write_timeout(30, 0);
  s.set_payload_max_length(impl_->options.max_body_bytes);
  impl_->routes();
}

HttpServer::~HttpServer() { stop(); }

Result<int> HttpServer::bind() {
  // cpp-httplib (as packaged) sends without MSG_NOSIGNAL: a desk that drops the connection while its
  // answer is being written would otherwise kill the whole server with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  auto& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->svr.bind_to_any_port(o.host);
    if (port <= 0) return make_error(ErrorKind::transient, "listen.failed", "cannot listen on " + o.host);
  } else if (!impl_->svr.bind_to_port(o.host, port)) {
    return make_error(ErrorKind::transient, "listen.failed",
                      "cannot listen on " + o.host + ":" + std::to_string(port) + " (in use, or not allowed)");
  }
  impl_->port = port;
  return port;
}

bool HttpServer::serve() { return impl_->svr.listen_after_bind(); }

Result<int> HttpServer::start() {
  auto port = bind();
  if (!port.ok()) return port.error();
  impl_->finished = false;
  impl_->thread = std::thread([this] {
    impl_->svr.listen_after_bind();
    impl_->finished = true;
  });
  while (!impl_->svr.is_running()) {
    if (impl_->finished) {
      impl_->thread.join();
      return make_error(ErrorKind::transient, "listen.failed", "the server stopped right after starting");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return port;
}

void HttpServer::stop() {
  if (!impl_) return;
  impl_->svr.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

int HttpServer::port() const { return impl_->port; }
Metrics& HttpServer::metrics() { return impl_->metrics; }
JknAntrean& HttpServer::jkn() { return impl_->jkn; }

}  // namespace simpul::server
