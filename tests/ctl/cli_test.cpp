// simpulctl end to end: the real binary, run as a script would, against temporary replicas.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simpul/core/date.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
  json parsed() const {
    json j = json::parse(out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "stdout is not JSON:\n" << out << "\nstderr:\n" << err;
    return j;
  }
};

Outcome simpulctl(const std::vector<std::string>& args, std::vector<std::pair<std::string, std::string>> env = {}) {
  simpul::test::ProcessOptions options;
  options.argv = {SIMPULCTL_PATH};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  // Nothing from the caller's environment may change the outcome.
  env.emplace_back("SIMPUL_ASSETS", SIMPUL_ASSET_DIR);
  bool has_password = false;
  for (const auto& [k, v] : env) has_password = has_password || k == "SIMPUL_PASSWORD";
  if (!has_password) env.emplace_back("SIMPUL_PASSWORD", "");
  env.emplace_back("SIMPUL_NEW_PASSWORD", "");
  options.env = std::move(env);
  options.out = simpul::test::Output::capture();
  options.err = simpul::test::Output::capture();
  simpul::test::Process p(std::move(options));
  const auto status = p.wait_for(std::chrono::seconds(120));
  Outcome r;
  r.out = p.captured_stdout();
  r.err = p.captured_stderr();
  EXPECT_TRUE(status.has_value()) << "simpulctl did not finish";
  if (status) r.code = status->exited() ? status->code : 128 + status->signal;
  return r;
}

std::string today() {
  return simpul::Date::from_epoch_ms(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count())
      .iso();
}

// One demo replica for the whole suite; each test works on its own copy.
class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    base_dir_ = new simpul::test::TempDir("simpul-cli");
    base_db_ = (base_dir_->path() / "demo.db").string();
    Outcome r = simpulctl({"demo", "--db", base_db_, "--participants", "500", "--seed", "5", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    demo_ = new json(r.parsed());
  }
  static void TearDownTestSuite() {
    delete demo_;
    delete base_dir_;
  }
  void SetUp() override {
    ASSERT_NE(demo_, nullptr);
    db = (dir.path() / "replica.db").string();
    fs::copy_file(base_db_, db);
  }

  Outcome ctl(std::vector<std::string> args, std::vector<std::pair<std::string, std::string>> env = {}) {
    args.insert(args.begin() + 1, {"--db", db});
    return simpulctl(args, std::move(env));
  }
  json status() {
    Outcome r = ctl({"status", "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return r.parsed();
  }
  json search(const std::string& query) {
    Outcome r = ctl({"search", query, "--json", "--limit", "50"});
    EXPECT_EQ(r.code, 0) << r.err;
    return r.parsed();
  }
  json any_participant() {
    json page = search("3204");
    EXPECT_FALSE(page.empty());
    return page.empty() ? json::object() : page.front();
  }
  std::string facility_of_type(const std::string& type) const {
    for (const auto& f : (*demo_)["facility_list"]) {
      if (f["type"] == type) return f["code"];
    }
    return "";
  }
  // A person from the civil registry who is not in JKN yet, as a registration document.
  json registration() const {
    json person = (*demo_)["unregistered_examples"].at(0);
    person["class"] = 3;
    person["phone"] = "0812-3456-7890";
    person["fktp"] = facility_of_type("puskesmas");
    return person;
  }
  std::string write_input(const json& j) {
    const std::string path = (dir.path() / ("input-" + std::to_string(inputs_++) + ".json")).string();
    std::ofstream(path) << j.dump();
    return path;
  }

  simpul::test::TempDir dir{"simpul-cli-test"};
  std::string db;
  static inline simpul::test::TempDir* base_dir_ = nullptr;
  static inline std::string base_db_;
  static inline json* demo_ = nullptr;

 private:
  int inputs_ = 0;
};

TEST_F(Cli, InitCreatesAReplicaAndIsIdempotent) {
  const std::string fresh = (dir.path() / "new.db").string();
  Outcome first = simpulctl({"init", "--db", fresh, "--json"});
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.parsed()["created"], true);
  EXPECT_EQ(first.parsed()["db"], fs::absolute(fresh).string());
  Outcome again = simpulctl({"init", "--db", fresh});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out, fs::absolute(fresh).string() + "\n");
  Outcome fresh_status = simpulctl({"status", "--db", fresh, "--json"});
  ASSERT_EQ(fresh_status.code, 0);
  EXPECT_EQ(fresh_status.parsed()["participants"], 0);
  EXPECT_EQ(fresh_status.parsed()["device"]["enrolled"], false);
}

TEST_F(Cli, DemoSummaryCountsAndTheDemoAdmin) {
  const json& d = *demo_;
  EXPECT_EQ(d["participants"], 500);
  EXPECT_GE(d["facilities"].get<int>(), 8 + 2 + 1);
  EXPECT_GT(d["bills"].get<int>(), 0);
  EXPECT_GT(d["visits"].get<int>(), 0);
  EXPECT_GE(d["not_in_jkn"].get<int>(), 20);
  EXPECT_FALSE(d["unregistered_examples"].empty());
  EXPECT_EQ(d["admin"]["username"], "admin");
  EXPECT_EQ(d["admin"]["created"], true);

  json s = status();
  EXPECT_EQ(s["participants"], 500);
  EXPECT_EQ(s["families"], d["families"]);
  EXPECT_EQ(s["users"], 1);
  EXPECT_EQ(s["pending_ops"], 1) << "only the admin account is a local change; demo rows are not captured";
  EXPECT_GE(s["schema_version"].get<int>(), 3);
  EXPECT_FALSE(s["device"]["install_id"].get<std::string>().empty());

  Outcome users = ctl({"user", "list", "--json"});
  ASSERT_EQ(users.code, 0) << users.err;
  ASSERT_EQ(users.parsed().size(), 1u);
  EXPECT_EQ(users.parsed()[0]["username"], "admin");
  EXPECT_EQ(users.parsed()[0]["role"], "admin");
  EXPECT_EQ(users.parsed()[0]["demo"], true);
  EXPECT_FALSE(users.parsed()[0].contains("password_hash"));
}

TEST_F(Cli, DemoRefusesAReplicaThatHoldsParticipants) {
  Outcome r = ctl({"demo", "--participants", "10"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("already holds 500 participants"), std::string::npos) << r.err;
}

TEST_F(Cli, SearchFindsByNamePrefixNikAndCardNumber) {
  const json someone = any_participant();
  for (const char* key : {"id", "nik", "card_number", "name", "birth_date", "sex", "phone", "email", "segment",
                          "class", "fktp", "status"}) {
    EXPECT_TRUE(someone.contains(key)) << key;
  }
  const std::string nik = someone["nik"];
  json by_nik = search(nik);
  ASSERT_EQ(by_nik.size(), 1u);
  EXPECT_EQ(by_nik[0]["id"], someone["id"]);

  const std::string card = someone["card_number"];
  ASSERT_EQ(card.size(), 13u);
  json by_card = search(card);
  ASSERT_FALSE(by_card.empty());
  EXPECT_EQ(by_card[0]["card_number"], card);

  const std::string first_word = someone["name"].get<std::string>().substr(0, someone["name"].get<std::string>().find(' '));
  const std::string prefix = first_word.substr(0, 3);
  json by_name = search(prefix);
  ASSERT_FALSE(by_name.empty());
  const std::regex word_prefix("(^|\\s)" + prefix, std::regex::icase);
  for (const auto& p : by_name) EXPECT_TRUE(std::regex_search(p["name"].get<std::string>(), word_prefix)) << p["name"];

  Outcome text = ctl({"search", prefix});
  ASSERT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("NIK"), std::string::npos);
  Outcome none = ctl({"search", "zzzqqq", "--json"});
  ASSERT_EQ(none.code, 0);
  EXPECT_EQ(none.parsed(), json::array());
}

TEST_F(Cli, ShowGivesFamilyAndKkHistoryAndIsAuditedAsAView) {
  const json someone = any_participant();
  Outcome r = ctl({"show", "--nik", someone["nik"], "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json p = r.parsed();
  EXPECT_EQ(p["id"], someone["id"]);
  ASSERT_GE(p["family"].size(), 2u);
  bool self = false;
  for (const auto& m : p["family"]) {
    EXPECT_EQ(m["kk_number"], p["kk_number"]);
    self = self || m["id"] == p["id"];
  }
  EXPECT_TRUE(self);
  EXPECT_EQ(p["family"][0]["relation"], "head");
  ASSERT_FALSE(p["kk_history"].empty());
  EXPECT_EQ(p["kk_history"].back()["kk_number"], p["kk_number"]);

  Outcome by_card = ctl({"show", "--card", someone["card_number"], "--json"});
  ASSERT_EQ(by_card.code, 0);
  EXPECT_EQ(by_card.parsed()["id"], someone["id"]);

  Outcome audit = ctl({"audit", "--id", someone["id"], "--json"});
  ASSERT_EQ(audit.code, 0) << audit.err;
  ASSERT_EQ(audit.parsed().size(), 2u);  // two views
  EXPECT_EQ(audit.parsed()[0]["action"], "view");
  EXPECT_EQ(audit.parsed()[0]["user"], "simpulctl");
  EXPECT_TRUE(std::regex_match(audit.parsed()[0]["at"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));

  Outcome missing = ctl({"show", "--nik", "3204010101900001"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("no participant"), std::string::npos);
  Outcome both = ctl({"show", "--nik", "1", "--id", "2"});
  EXPECT_EQ(both.code, 2);
}

TEST_F(Cli, RegisterAValidParticipantPrintsTheIdAndQueuesItForSync) {
  const auto pending_before = status()["pending_ops"].get<int>();
  const json input = registration();
  Outcome r = ctl({"register", "--input", write_input(input)});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string id = r.out.substr(0, r.out.find('\n'));
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))) << id;
  const json s = status();
  EXPECT_GT(s["pending_ops"].get<int>(), pending_before);
  EXPECT_EQ(s["participants"], 501);

  Outcome shown = ctl({"show", "--id", id, "--json"});
  ASSERT_EQ(shown.code, 0) << shown.err;
  const json p = shown.parsed();
  EXPECT_EQ(p["nik"], input["nik"]);
  EXPECT_EQ(p["verification"], "pending");
  EXPECT_EQ(p["card_number"], "");
  EXPECT_EQ(p["phone"], "+6281234567890");
  EXPECT_EQ(p["sync_state"], "local");

  // The same person again is a conflict, and nothing more is written.
  Outcome again = ctl({"register", "--input", write_input(input), "--json"});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("already registered"), std::string::npos) << again.err;
  EXPECT_EQ(status()["participants"], 501);
}

TEST_F(Cli, RegisterWithAnInvalidNikIsRefusedAndWritesNothing) {
  const json before = status();
  json input = registration();
  std::string nik = input["nik"];
  nik[6] = '9';  // day 9x: no such day
  input["nik"] = nik;
  input["card_number"] = "0001000000001";  // server-owned: only a warning
  Outcome r = ctl({"register", "--input", write_input(input), "--json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("NIK"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was saved"), std::string::npos) << r.err;
  const json verdict = r.parsed();
  EXPECT_TRUE(verdict["id"].is_null());
  ASSERT_FALSE(verdict["errors"].empty());
  EXPECT_EQ(verdict["errors"][0]["field"], "nik");
  bool warned = false;
  for (const auto& w : verdict["warnings"]) warned = warned || w["field"] == "card_number";
  EXPECT_TRUE(warned);
  const json after = status();
  EXPECT_EQ(after["participants"], before["participants"]);
  EXPECT_EQ(after["pending_ops"], before["pending_ops"]);

  Outcome not_json = ctl({"register", "--input", write_input(json("{")) /* a JSON string, not an object */});
  EXPECT_EQ(not_json.code, 1);
}

TEST_F(Cli, UpdateRefusesABadPhoneAndAuditsAGoodEmail) {
  const json someone = any_participant();
  const std::string id = someone["id"];
  Outcome bad = ctl({"update", "--id", id, "--set", "phone=12345"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("phone"), std::string::npos) << bad.err;
  Outcome audit_before = ctl({"audit", "--id", id, "--json"});
  ASSERT_EQ(audit_before.code, 0);
  EXPECT_TRUE(audit_before.parsed().empty()) << "a refused update writes nothing";

  Outcome good = ctl({"update", "--id", id, "--set", "email=Siti.Baru@Example.COM", "--json"});
  ASSERT_EQ(good.code, 0) << good.err;
  EXPECT_EQ(good.parsed()["changed"], true);
  Outcome audit = ctl({"audit", "--id", id, "--json"});
  ASSERT_EQ(audit.code, 0) << audit.err;
  const json trail = audit.parsed();
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0]["action"], "update");
  EXPECT_EQ(trail[0]["user"], "simpulctl");
  EXPECT_EQ(trail[0]["after"]["email"], "Siti.Baru@example.com");
  ASSERT_TRUE(trail[0]["before"].contains("email"));
  EXPECT_EQ(trail[0]["before"]["email"], someone["email"].get<std::string>().empty() ? json() : someone["email"]);
}

TEST_F(Cli, UpdateRefusesServerOwnedAndUnknownFields) {
  const std::string id = any_participant()["id"];
  Outcome owned = ctl({"update", "--id", id, "--set", "card_number=0000000000001"});
  EXPECT_EQ(owned.code, 1);
  EXPECT_NE(owned.err.find("card_number is assigned by the BPJS server"), std::string::npos) << owned.err;
  Outcome verification = ctl({"update", "--id", id, "--set", "verification=verified"});
  EXPECT_EQ(verification.code, 1);
  Outcome unknown = ctl({"update", "--id", id, "--set", "shoe_size=42"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("unknown field"), std::string::npos);
  Outcome indonesian = ctl({"update", "--id", id, "--set", "va_number=1", "--lang", "id"});
  EXPECT_EQ(indonesian.code, 1);
  EXPECT_NE(indonesian.err.find("diisi oleh server BPJS"), std::string::npos) << indonesian.err;
}

TEST_F(Cli, UpdateFktpRecordsTheChangeDayAndThenWaitsThreeMonths) {
  // A participant whose FKTP never changed, moved to another puskesmas.
  json candidate;
  for (const auto& p : search("3204")) {
    if (p["fktp_changed_on"].is_null() && p["dental_fktp"] == "") {
      candidate = p;
      break;
    }
  }
  ASSERT_FALSE(candidate.is_null());
  std::string target;
  for (const auto& f : (*demo_)["facility_list"]) {
    if (f["type"] == "puskesmas" && f["code"] != candidate["fktp"]) target = f["code"];
  }
  ASSERT_FALSE(target.empty());
  Outcome moved = ctl({"update", "--id", candidate["id"], "--set", "fktp=" + target});
  ASSERT_EQ(moved.code, 0) << moved.err;
  Outcome shown = ctl({"show", "--id", candidate["id"], "--json"});
  EXPECT_EQ(shown.parsed()["fktp"], target);
  EXPECT_EQ(shown.parsed()["fktp_changed_on"], today());
  Outcome back = ctl({"update", "--id", candidate["id"], "--set", "fktp=" + candidate["fktp"].get<std::string>()});
  EXPECT_EQ(back.code, 1);
  EXPECT_NE(back.err.find("fktp.change_too_soon"), std::string::npos) << back.err;
  Outcome dental = ctl({"update", "--id", candidate["id"], "--set", "dental_fktp=" + facility_of_type("dpg")});
  EXPECT_EQ(dental.code, 1);
  EXPECT_NE(dental.err.find("dental.fktp_not_dpp"), std::string::npos) << dental.err;
}

TEST_F(Cli, ActingUserIsAuthenticatedAndRecorded) {
  const std::string id = any_participant()["id"];
  Outcome wrong = ctl({"update", "--id", id, "--set", "street=Jl. Baru 1", "--user", "admin"},
                  {{"SIMPUL_PASSWORD", "not-the-password"}});
  EXPECT_EQ(wrong.code, 1);
  EXPECT_NE(wrong.err.find("wrong username or password"), std::string::npos) << wrong.err;
  Outcome ok = ctl({"update", "--id", id, "--set", "street=Jl. Baru 1", "--user", "admin"},
               {{"SIMPUL_PASSWORD", "admin-demo"}});
  ASSERT_EQ(ok.code, 0) << ok.err;
  Outcome audit = ctl({"audit", "--id", id, "--json"});
  EXPECT_EQ(audit.parsed()[0]["user"], "admin");

  Outcome add = ctl({"user", "add", "--username", "viewer1", "--role", "viewer", "--name", "Lihat Saja"},
                {{"SIMPUL_PASSWORD", "viewer-pass-1"}});
  ASSERT_EQ(add.code, 0) << add.err;
  Outcome denied = ctl({"update", "--id", id, "--set", "street=Jl. Lain 2", "--user", "viewer1"},
                   {{"SIMPUL_PASSWORD", "viewer-pass-1"}});
  EXPECT_EQ(denied.code, 1);
  EXPECT_NE(denied.err.find("role viewer"), std::string::npos) << denied.err;
  Outcome read_as_wrong_user = ctl({"search", "siti", "--user", "admin"}, {{"SIMPUL_PASSWORD", "nope-nope"}});
  EXPECT_EQ(read_as_wrong_user.code, 1) << "a wrong password fails reads too";
  Outcome short_password = ctl({"user", "add", "--username", "x", "--role", "viewer"}, {{"SIMPUL_PASSWORD", "short"}});
  EXPECT_EQ(short_password.code, 1);
}

TEST_F(Cli, BackupAndRestoreProtectUnsyncedChanges) {
  const std::string backup = (dir.path() / "backup.db").string();
  Outcome b = ctl({"backup", "--out", backup, "--json"});
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_GT(b.parsed()["bytes"].get<long>(), 0);
  Outcome reg = ctl({"register", "--input", write_input(registration())});
  ASSERT_EQ(reg.code, 0) << reg.err;
  EXPECT_EQ(status()["participants"], 501);

  Outcome refused = ctl({"restore", "--from", backup});
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  Outcome forced = ctl({"restore", "--from", backup, "--force"});
  ASSERT_EQ(forced.code, 0) << forced.err;
  EXPECT_EQ(status()["participants"], 500);

  Outcome not_a_backup = ctl({"restore", "--from", write_input(json::object()), "--force"});
  EXPECT_EQ(not_a_backup.code, 1);
}

TEST_F(Cli, UsageErrorsExitWithTwoAndHelpWithZero) {
  Outcome unknown = simpulctl({"frobnicate"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
  EXPECT_EQ(std::count(unknown.err.begin(), unknown.err.end(), '\n'), 1) << "one line: " << unknown.err;
  EXPECT_EQ(simpulctl({}).code, 2);
  EXPECT_EQ(simpulctl({"search", "x"}).code, 2) << "--db is required";
  EXPECT_EQ(ctl({"search", "x", "--bogus"}).code, 2);
  EXPECT_EQ(ctl({"search", "x", "--limit", "many"}).code, 2);
  EXPECT_EQ(ctl({"search", "x", "--lang", "fr"}).code, 2);
  EXPECT_EQ(simpulctl({"user"}).code, 2);
  Outcome missing = simpulctl({"status", "--db", (dir.path() / "nope.db").string()});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("simpulctl init"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.path() / "nope.db")) << "reading commands never create a replica";

  Outcome help = simpulctl({"--help"});
  EXPECT_EQ(help.code, 0);
  for (const char* c : {"init", "demo", "search", "show", "register", "update", "audit", "status", "user add",
                        "user list", "backup", "restore"}) {
    EXPECT_NE(help.out.find(std::string("  ") + c), std::string::npos) << c;
  }
  Outcome command_help = simpulctl({"update", "--help"});
  EXPECT_EQ(command_help.code, 0);
  EXPECT_NE(command_help.out.find("--set FIELD=VALUE"), std::string::npos);
  EXPECT_EQ(simpulctl({"help", "user", "add"}).code, 0);
}

}  // namespace
