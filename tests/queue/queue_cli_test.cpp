// simpulctl queue … and simpul-server jkn-credentials, as a script runs them: the real binaries against
// a replica enrolled at the in-process server (so its numbers come from slot 1) and the server's file.
#include <chrono>

#include "queue_fixture.hpp"
#include "support/process.hpp"

namespace simpul::queue_test {
namespace {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
  nlohmann::json json() const {
    auto j = nlohmann::json::parse(out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "stdout is not JSON:\n" << out << "\nstderr:\n" << err;
    return j;
  }
};

Outcome run(const std::string& program, const std::vector<std::string>& args) {
  simpul::test::ProcessOptions options;
  options.argv = {program};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.env = {{"SIMPUL_ASSETS", SIMPUL_ASSET_DIR}, {"SIMPUL_PASSWORD", ""}};
  options.out = simpul::test::Output::capture();
  options.err = simpul::test::Output::capture();
  simpul::test::Process p(std::move(options));
  const auto status = p.wait_for(std::chrono::seconds(120));
  Outcome r;
  r.out = p.captured_stdout();
  r.err = p.captured_stderr();
  EXPECT_TRUE(status.has_value()) << program << " did not finish";
  if (status) r.code = status->exited() ? status->code : 128 + status->signal;
  return r;
}

Outcome ctl(const std::vector<std::string>& args) { return run(SIMPULCTL_PATH, args); }

// simpulctl runs on the real clock: the next day the polis are open (not today, whose hours may be over).
Date next_open_day() {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  Date d = Date::from_epoch_ms(now).add_days(1);
  if (queue::weekday_of(d) == queue::Weekday::sunday) d = d.add_days(1);
  return d;
}

class QueueCli : public QueueServerFixture {};

TEST_F(QueueCli, QueueCommandsIssueCallAndReportOverTheReplica) {
  auto desk = enroll_desk("desk");
  const std::string db = (dir->path() / "desk.db").string();
  const std::string day = next_open_day().iso();

  auto a = ctl({"queue", "add", "--db", db, "--card", card(1), "--poli", "001", "--date", day, "--json"});
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.json()["number"], "A-101") << "slot 1 from the server";
  EXPECT_EQ(a.json()["source"], "desk");
  EXPECT_EQ(a.json()["card_number"], card(1));
  EXPECT_EQ(a.json()["participant_id"], "p-0001");
  EXPECT_EQ(a.json()["people_ahead"], 0);
  auto b = ctl({"queue", "add", "--db", db, "--poli", "001", "--date", day, "--source", "kiosk", "--priority", "B",
                "--json"});
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_EQ(b.json()["number"], "A-102");
  EXPECT_EQ(b.json()["priority"], "B");

  auto dup = ctl({"queue", "add", "--db", db, "--card", card(1), "--poli", "001", "--date", day});
  EXPECT_EQ(dup.code, 1);
  EXPECT_NE(dup.err.find("booking.duplicate"), std::string::npos) << dup.err;
  EXPECT_EQ(ctl({"queue", "add", "--db", db, "--poli", "001", "--date", day, "--priority", "C"}).code, 2);
  EXPECT_EQ(ctl({"queue", "add", "--db", db, "--poli", "001", "--date", "kemarin"}).code, 2);
  auto closed = ctl({"queue", "add", "--db", db, "--poli", "001", "--date", "2020-01-06", "--json"});
  EXPECT_EQ(closed.code, 1);
  EXPECT_NE(closed.err.find("booking.back_dated"), std::string::npos) << closed.err;

  auto list = ctl({"queue", "list", "--db", db, "--date", day, "--json"});
  ASSERT_EQ(list.code, 0) << list.err;
  const auto items = list.json();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["number"], "A-102") << "priority B first (head start)";
  for (const auto& i : items) {
    for (const char* key : {"id", "number", "poli", "state", "source", "card_number", "priority", "people_ahead", "arrival"}) {
      EXPECT_TRUE(i.contains(key)) << key;
    }
    EXPECT_EQ(i["state"], "waiting");
  }

  auto call = ctl({"queue", "call", "--db", db, "--number", "A-101", "--poli", "001", "--date", day, "--json"});
  ASSERT_EQ(call.code, 0) << call.err;
  EXPECT_EQ(call.json()["state"], "called");
  EXPECT_EQ(call.json()["event"]["event"], "call");
  const std::string id = call.json()["id"];
  EXPECT_EQ(ctl({"queue", "serve", "--db", db, "--id", id}).code, 0);
  auto late = ctl({"queue", "cancel", "--db", db, "--id", id, "--json"});
  EXPECT_EQ(late.code, 1);
  EXPECT_NE(late.err.find("queue.cancel_after_service"), std::string::npos) << late.err;
  auto skip = ctl({"queue", "skip", "--db", db, "--number", "A-102", "--date", day});
  EXPECT_EQ(skip.code, 1) << "not called yet";
  EXPECT_EQ(ctl({"queue", "no-show", "--db", db, "--number", "A-999", "--date", day}).code, 1);
  EXPECT_EQ(ctl({"queue", "recall", "--db", db}).code, 2) << "no entry named";

  auto status = ctl({"queue", "status", "--db", db, "--poli", "001", "--date", day, "--json"});
  ASSERT_EQ(status.code, 0) << status.err;
  EXPECT_EQ(status.json()["total"], 2);
  EXPECT_EQ(status.json()["remaining"], 1);
  EXPECT_EQ(status.json()["called"], "A-101");
  EXPECT_EQ(status.json()["estimated_wait_minutes"], 10);

  // What the command line did syncs like anything else.
  desk->sync();
  std::set<std::string> numbers;
  for (const auto& e : server_entries(*Date::parse(day))) numbers.insert(e.number + "/" + queue::state_code(e.state));
  EXPECT_EQ(numbers, (std::set<std::string>{"A-101/serving", "A-102/waiting"}));
}

TEST_F(QueueCli, JknCredentialsCommandSetsWhatAuthChecks) {
  const std::string db = (dir->path() / "server.db").string();
  auto set = run(SIMPUL_SERVER_BIN, {"jkn-credentials", "--db", db, "--facility", kFacility, "--username", "mjkn",
                                     "--password", "sandi-rahasia"});
  ASSERT_EQ(set.code, 0) << set.err;
  auto good = ws("GET", std::string("/jkn/") + kFacility + "/auth", {{"x-username", "mjkn"}, {"x-password", "sandi-rahasia"}});
  EXPECT_EQ(good.code(), 200) << good.body.dump();
  auto short_password = run(SIMPUL_SERVER_BIN, {"jkn-credentials", "--db", db, "--facility", kFacility, "--username",
                                                "mjkn", "--password", "pendek"});
  EXPECT_EQ(short_password.code, 1);
  auto unknown = run(SIMPUL_SERVER_BIN, {"jkn-credentials", "--db", db, "--facility", "9999X999", "--username", "mjkn",
                                         "--password", "sandi-rahasia"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("9999X999"), std::string::npos) << unknown.err;
  EXPECT_EQ(run(SIMPUL_SERVER_BIN, {"jkn-credentials", "--db", db, "--facility", kFacility}).code, 1);
}

TEST_F(QueueCli, OperatorsListFreeAndGiveQueueSlots) {
  auto kiosk = enroll_desk("kiosk");
  auto board = enroll_desk("board");  // a display board: it never issues numbers, yet took slot 2
  const std::string db = (dir->path() / "server.db").string();
  const std::string board_id = board->replica->device().device_id;
  auto list = run(SIMPUL_SERVER_BIN, {"queue-slots", "--db", db, "--facility", kFacility, "--json"});
  ASSERT_EQ(list.code, 0) << list.err;
  std::map<std::string, int> slots;
  for (const auto& row : list.json()) slots[row["id"]] = row["slot"];
  EXPECT_EQ(slots, (std::map<std::string, int>{{kiosk->replica->device().device_id, 1}, {board_id, 2}}));

  auto freed = run(SIMPUL_SERVER_BIN, {"queue-slot", "--db", db, "--device", board_id, "--release"});
  ASSERT_EQ(freed.code, 0) << freed.err;
  board->sync();
  EXPECT_EQ(board->queue().slot().error().code, "queue.no_slot");
  auto laptop = enroll_desk("laptop");
  EXPECT_EQ(*laptop->queue().slot(), 2) << "the freed slot is free again";
  auto given = run(SIMPUL_SERVER_BIN, {"queue-slot", "--db", db, "--device", board_id, "--assign"});
  ASSERT_EQ(given.code, 0) << given.err;
  EXPECT_NE(given.out.find("queue slot 3"), std::string::npos) << given.out;
  board->sync();
  EXPECT_EQ(*board->queue().slot(), 3);
  EXPECT_EQ(run(SIMPUL_SERVER_BIN, {"queue-slot", "--db", db, "--device", board_id}).code, 1);
  EXPECT_EQ(run(SIMPUL_SERVER_BIN, {"queue-slot", "--db", db, "--device", "no-such-device", "--assign"}).code, 1);
}

}  // namespace
}  // namespace simpul::queue_test
