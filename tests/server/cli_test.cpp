// The simpul-server executable: commands, help, errors, and `serve` with a graceful stop.
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace std::chrono_literals;
using simpul::test::Output;
using simpul::test::Process;
using simpul::test::ProcessOptions;

const std::string kBinary = std::string(SIMPUL_BINARY_DIR) + "/server/simpul-server";

struct Run {
  int code = -1;
  std::string out, err;
};

Run run(std::vector<std::string> args) {
  args.insert(args.begin(), kBinary);
  Process p(ProcessOptions{args, {{"SIMPUL_ASSETS", SIMPUL_ASSET_DIR}}, Output::capture(), Output::capture(), {}});
  auto status = p.wait_for(60s);
  Run r;
  if (status && status->exited()) r.code = status->code;
  r.out = p.captured_stdout();
  r.err = p.captured_stderr();
  return r;
}

TEST(ServerCli, HelpListsCommandsAndErrorsExitNonZero) {
  auto help = run({"--help"});
  EXPECT_EQ(help.code, 0);
  for (const char* c : {"init", "seed", "facilities", "enroll-code", "revoke", "devices", "serve", "digest", "compact",
                        "conflicts"}) {
    EXPECT_NE(help.out.find(c), std::string::npos) << c;
  }
  auto one = run({"serve", "--help"});
  EXPECT_EQ(one.code, 0);
  EXPECT_NE(one.out.find("--listen"), std::string::npos);
  EXPECT_EQ(run({"fly"}).code, 2);
  auto no_db = run({"facilities"});
  EXPECT_NE(no_db.code, 0);
  EXPECT_NE(no_db.err.find("--db"), std::string::npos);
  simpul::test::TempDir dir("simpul-cli");
  auto missing = run({"facilities", "--db", (dir.path() / "nope.db").string()});
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.err.find("init"), std::string::npos) << missing.err;
}

TEST(ServerCli, SeedEnrollDigestAndServe) {
  simpul::test::TempDir dir("simpul-cli");
  const std::string db = (dir.path() / "server.db").string();
  ASSERT_EQ(run({"init", "--db", db}).code, 0);
  auto empty = run({"facilities", "--db", db, "--json"});
  EXPECT_EQ(nlohmann::json::parse(empty.out), nlohmann::json::array());

  auto seeded = run({"seed", "--db", db, "--demo", "--participants", "120", "--seed", "5", "--today", "2026-01-15"});
  ASSERT_EQ(seeded.code, 0) << seeded.err;
  EXPECT_NE(seeded.out.find("NIK "), std::string::npos) << seeded.out;
  EXPECT_NE(run({"seed", "--db", db, "--demo"}).code, 0);  // not twice

  auto list = nlohmann::json::parse(run({"facilities", "--db", db, "--json"}).out);
  ASSERT_TRUE(list.is_array());
  ASSERT_FALSE(list.empty());
  std::string fktp;
  std::int64_t total = 0;
  for (const auto& f : list) {
    EXPECT_TRUE(std::regex_match(f["code"].get<std::string>(), std::regex("^[0-9]{4}[0-9A-Z][0-9]{3}$")));
    EXPECT_NE(seeded.out.find(f["code"].get<std::string>()), std::string::npos);
    EXPECT_TRUE(f.contains("name") && f.contains("type"));
    total += f["participants"].get<std::int64_t>();
    if (fktp.empty() && f["participants"].get<int>() > 0) fktp = f["code"];
  }
  EXPECT_EQ(total, 120);

  auto code = run({"enroll-code", "--db", db, "--facility", fktp});
  EXPECT_EQ(code.code, 0);
  EXPECT_TRUE(std::regex_search(code.out, std::regex("^[A-Z2-9]{5}-[A-Z2-9]{5}")));
  EXPECT_NE(run({"enroll-code", "--db", db, "--facility", "0000X000"}).code, 0);
  auto digest = run({"digest", "--db", db, "--facility", fktp});
  EXPECT_EQ(digest.code, 0);
  EXPECT_TRUE(std::regex_search(digest.out, std::regex("^[0-9a-f]{64}\n$")));
  EXPECT_EQ(nlohmann::json::parse(run({"devices", "--db", db, "--json"}).out), nlohmann::json::array());
  EXPECT_EQ(nlohmann::json::parse(run({"conflicts", "--db", db, "--json"}).out), nlohmann::json::array());
  EXPECT_EQ(run({"compact", "--db", db, "--retention-days", "180"}).code, 0);
  EXPECT_NE(run({"revoke", "--db", db, "--device", "nope"}).code, 0);

  // serve: prints its URL, answers, stops cleanly on SIGTERM.
  const int port = simpul::test::free_tcp_port();
  const std::string listen = "127.0.0.1:" + std::to_string(port);
  Process server(ProcessOptions{{kBinary, "serve", "--db", db, "--listen", listen}, {}, Output::capture(),
                                Output::capture(), {}});
  ASSERT_TRUE(simpul::test::wait_until(
      [&] { return server.captured_stdout().find("http://" + listen) != std::string::npos; }, 10s));
  httplib::Client cli("127.0.0.1", port);
  auto health = cli.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  server.kill(SIGTERM);
  auto status = server.wait_for(10s);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited());
  EXPECT_EQ(status->code, 0);
  const std::string log = server.captured_stderr();
  EXPECT_NE(log.find("\"route\":\"/healthz\""), std::string::npos) << log;
}

}  // namespace
