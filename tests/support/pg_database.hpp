#pragma once
// The store a test runs against. SIMPUL_TEST_STORE=pg (set by CTest on the tests labelled pg) selects
// PostgreSQL: each test then gets a database of its own, CREATE DATABASE'd on the cluster at
// SIMPUL_TEST_PG_URL (scripts/test starts a throwaway one with scripts/pg-cluster) and dropped afterwards,
// so tests run in parallel. Header-only: only test targets that link simpul::server include it.
#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include "simpul/server/pg_store.hpp"

namespace simpul::test {

inline bool pg_selected() {
  const char* s = std::getenv("SIMPUL_TEST_STORE");
  return s != nullptr && std::string(s) == "pg";
}

inline std::string pg_cluster_url() {
  const char* u = std::getenv("SIMPUL_TEST_PG_URL");
  return u == nullptr ? std::string() : std::string(u);
}

inline constexpr const char* kPgSkipMessage =
    "PostgreSQL tests need SIMPUL_TEST_PG_URL (scripts/test starts a throwaway cluster with scripts/pg-cluster "
    "and sets it; by hand: scripts/pg-cluster start /tmp/simpul-pg, then export SIMPUL_TEST_PG_URL=<the URL it "
    "prints>)";

// SIMPUL_TEST_STORE=pg without a cluster: every test of the binary is skipped before any fixture runs, saying
// why (a skip inside a fixture's SetUp would still run the SetUp of a fixture derived from it). Registered
// once per test binary that includes this header.
class PgStoreEnvironment final : public ::testing::Environment {
 public:
  void SetUp() override {
    if (pg_selected() && pg_cluster_url().empty()) GTEST_SKIP() << kPgSkipMessage;
  }
};
inline ::testing::Environment* const kPgStoreEnvironment = ::testing::AddGlobalTestEnvironment(new PgStoreEnvironment);

// The URL with its database name replaced (postgresql://user@host:port/NAME?params).
inline std::string pg_url_with_database(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) throw std::invalid_argument("not a URL: " + url);
  const auto query = url.find('?', scheme + 3);
  const std::string base = url.substr(0, query);
  const std::string params = query == std::string::npos ? "" : url.substr(query);
  const std::string authority = base.substr(0, base.find('/', scheme + 3));
  return authority + "/" + name + params;
}

// A fresh, empty database for one test; dropped (WITH (FORCE): the server processes may still hold
// connections) when the object goes away.
class PgDatabase {
 public:
  PgDatabase() {
    const std::string cluster = pg_cluster_url();
    if (cluster.empty()) throw std::runtime_error(kPgSkipMessage);
    static std::atomic<int> counter{0};
    std::random_device rd;
    name_ = "simpul_t" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
    admin_url_ = pg_url_with_database(cluster, "postgres");
    auto admin = server::PgSession::open(admin_url_);
    if (!admin.ok()) throw std::runtime_error("PostgreSQL at " + admin_url_ + ": " + admin.error().message);
    auto made = (*admin)->exec("CREATE DATABASE " + name_ + " TEMPLATE template0 ENCODING 'UTF8'");
    if (!made.ok()) throw std::runtime_error("CREATE DATABASE " + name_ + ": " + made.error().message);
    url_ = pg_url_with_database(cluster, name_);
  }
  ~PgDatabase() {
    if (std::getenv("SIMPUL_KEEP_TMP") != nullptr) return;  // kept for inspection, like the temp dirs
    auto admin = server::PgSession::open(admin_url_);
    if (admin.ok()) (void)(*admin)->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_, admin_url_, url_;
};

}  // namespace simpul::test
