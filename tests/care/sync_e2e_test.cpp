// Care data through the real server on 127.0.0.1, as the desks use it: simpulctl on two enrolled replicas
// of one facility, simpul-server serving, and the operator's commands. Screening twice offline (both kept,
// one counts, the duplicate visible on both desks), a visit and its rating reaching the other desk, and a
// complaint answered centrally reaching the desk.
#include <chrono>
#include <fstream>
#include <set>

#include "care_fixture.hpp"
#include "simpul/storage/db.hpp"
#include "support/socket.hpp"
#include "support/temp_dir.hpp"

namespace simpul::care_test {
namespace {

using namespace std::chrono_literals;

class CareSyncEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir("simpul-care-e2e");
    server_db_ = (dir_->path() / "server.db").string();
    ASSERT_EQ(server_cli({"init", "--db", server_db_}).code, 0);
    const Outcome seeded = server_cli({"seed", "--db", server_db_, "--demo", "--participants", "200", "--seed", "7"});
    ASSERT_EQ(seeded.code, 0) << seeded.err;
    const Outcome list = server_cli({"facilities", "--db", server_db_, "--json"});
    ASSERT_EQ(list.code, 0) << list.err;
    std::int64_t most = -1;
    for (const auto& f : list.parsed()) {
      if (f.value("participants", std::int64_t{0}) > most) {
        most = f.value("participants", std::int64_t{0});
        facility_ = f.value("code", "");
      }
    }
    ASSERT_FALSE(facility_.empty());
    port_ = test::free_tcp_port();
    server_ = new test::Process(test::ProcessOptions{
        {SIMPUL_SERVER_BIN, "serve", "--db", server_db_, "--listen", "127.0.0.1:" + std::to_string(port_)},
        {},
        test::Output::to_file(dir_->path() / "server.out"),
        test::Output::to_file(dir_->path() / "server.err"),
        {}});
    ASSERT_TRUE(test::wait_until([] { return static_cast<bool>(test::connect_tcp(static_cast<std::uint16_t>(port_))); },
                                 10s))
        << test::read_file(dir_->path() / "server.err");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  // A new replica enrolled as a device of the facility, bootstrapped.
  std::string desk(const std::string& name) {
    const std::string db = (dir_->path() / (name + ".db")).string();
    const Outcome code = server_cli({"enroll-code", "--db", server_db_, "--facility", facility_});
    EXPECT_EQ(code.code, 0) << code.err;
    const Outcome enrolled = simpulctl({"enroll", "--db", db, "--server", "http://127.0.0.1:" + std::to_string(port_),
                                        "--facility", facility_, "--code", trim(code.out)});
    EXPECT_EQ(enrolled.code, 0) << enrolled.err;
    sync(db);
    return db;
  }
  static void sync(const std::string& db) {
    const Outcome r = simpulctl({"sync", "--db", db, "--timeout", "60"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
  }
  // The n-th adult participant of the facility on a replica (tests use different ones: the server is shared).
  static std::string participant(const std::string& db, int n) {
    auto opened = storage::Database::open(db);
    EXPECT_TRUE(opened.ok());
    auto st = opened->prepare_uncached(
        "SELECT id FROM participants WHERE fktp = ?1 AND birth_date <= '2000-01-01' ORDER BY id LIMIT 1 OFFSET ?2");
    EXPECT_TRUE(st.ok());
    st->bind(1, facility_).bind(2, n);
    auto row = st->step();
    EXPECT_TRUE(row.ok() && row.value()) << "no adult participant " << n;
    return row.ok() && row.value() ? st->text(0) : std::string();
  }
  // The first poli of the facility (puskesmas and klinik have 001 Umum; a dentist's practice only 002).
  static std::string first_poli(const std::string& db) {
    auto opened = storage::Database::open(db);
    EXPECT_TRUE(opened.ok());
    auto polis = opened->query_text("SELECT polis FROM facilities WHERE id = '" + facility_ + "'");
    EXPECT_TRUE(polis.ok() && polis->has_value());
    const json list = json::parse(polis.ok() ? polis->value_or("[]") : "[]", nullptr, false);
    return list.is_array() && !list.empty() ? list[0].value("code", "001") : "001";
  }
  static json screening_list(const std::string& db, const std::string& person) {
    const Outcome r = simpulctl({"screen", "list", "--db", db, "--id", person, "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return r.parsed();
  }

  static test::TempDir* dir_;
  static std::string server_db_;
  static std::string facility_;
  static int port_;
  static test::Process* server_;
};

test::TempDir* CareSyncEndToEnd::dir_ = nullptr;
std::string CareSyncEndToEnd::server_db_;
std::string CareSyncEndToEnd::facility_;
int CareSyncEndToEnd::port_ = 0;
test::Process* CareSyncEndToEnd::server_ = nullptr;

TEST_F(CareSyncEndToEnd, TwoDesksScreenOneParticipantOfflineBothKeptOneCountsDuplicateVisible) {
  const std::string a = desk("screen-a");
  const std::string b = desk("screen-b");
  const std::string person = participant(a, 0);
  const std::string answers = (dir_->path() / "answers.json").string();
  std::ofstream(answers) << json{{"version", "v1"}, {"answers", poli_answers_v1()}}.dump();

  Outcome first = simpulctl({"screen", "--db", a, "--id", person, "--answers", answers, "--json"});
  ASSERT_EQ(first.code, 0) << first.err;
  const std::string id_a = first.parsed()["id"];
  EXPECT_TRUE(first.parsed()["counts"].get<bool>());
  ASSERT_TRUE(first.parsed()["next_allowed"].is_string());
  const std::string next = first.parsed()["next_allowed"];

  // The same desk refuses a second screening, offline, naming the next allowed day.
  Outcome again = simpulctl({"screen", "--db", a, "--id", person, "--answers", answers, "--json"});
  EXPECT_EQ(again.code, 1);
  EXPECT_EQ(again.parsed()["errors"][0]["code"], "screening.too_soon");
  EXPECT_EQ(again.parsed()["next_allowed"], next);
  EXPECT_NE(again.err.find("screening refused"), std::string::npos) << again.err;

  // The other desk has not heard of it yet: it screens the same person too.
  Outcome other = simpulctl({"screen", "--db", b, "--id", person, "--answers", answers, "--mode", "poli", "--json"});
  ASSERT_EQ(other.code, 0) << other.err;
  const std::string id_b = other.parsed()["id"];

  sync(a);
  sync(b);
  sync(a);
  for (const std::string& db : {a, b}) {
    SCOPED_TRACE(db);
    const json list = screening_list(db, person);
    ASSERT_EQ(list["screenings"].size(), 2u) << "both answers are kept";
    int counting = 0;
    for (const auto& s : list["screenings"]) {
      if (s["counts"].get<bool>()) {
        ++counting;
        EXPECT_EQ(s["id"], id_a) << "the one recorded first counts";
      } else {
        EXPECT_EQ(s["id"], id_b);
        EXPECT_TRUE(s["duplicate"].get<bool>());
        EXPECT_EQ(s["duplicate_of"], id_a);
      }
    }
    EXPECT_EQ(counting, 1);
    EXPECT_EQ(list["next_allowed"], next);
    const Outcome dups = simpulctl({"screen", "duplicates", "--db", db, "--json"});
    ASSERT_EQ(dups.code, 0) << dups.err;
    ASSERT_EQ(dups.parsed().size(), 1u);
    EXPECT_EQ(dups.parsed()[0]["id"], id_b);
    const Outcome health = simpulctl({"report", "sync", "--db", db, "--json"});
    EXPECT_EQ(health.parsed()["screening_duplicates_open"], 1);
    EXPECT_EQ(simpulctl({"screen", "--db", db, "--id", person, "--answers", answers}).code, 1) << "rule re-checked";
  }
  // The desk reviews the duplicate: it leaves the review list, and stays a duplicate.
  ASSERT_EQ(simpulctl({"screen", "review", "--db", b, "--screening", id_b}).code, 0);
  EXPECT_TRUE(simpulctl({"screen", "duplicates", "--db", b, "--json"}).parsed().empty());
  const json reviewed = screening_list(b, person)["screenings"];
  for (const auto& s : reviewed) {
    EXPECT_EQ(s["counts"].get<bool>(), s["id"] == id_a);
    EXPECT_EQ(s["reviewed"].get<bool>(), s["id"] == id_b);
  }
}

TEST_F(CareSyncEndToEnd, VisitAndRatingReachTheFacilitysOtherDevice) {
  const std::string a = desk("visit-a");
  const std::string b = desk("visit-b");
  const std::string person = participant(a, 1);
  const std::string poli = first_poli(a);
  Outcome added = simpulctl({"visit", "add", "--db", a, "--id", person, "--poli", poli, "--complaint",
                             "batuk pilek, demam 3 hari", "--vitals", R"({"sbp":118,"dbp":76,"temp":37.8,"weight":61})",
                             "--diagnosis", "j069", "--diagnosis", "K30", "--outcome", "home", "--json"});
  ASSERT_EQ(added.code, 0) << added.err;
  const std::string visit = added.parsed()["id"];
  EXPECT_EQ(added.parsed()["diagnoses"][0]["code"], "J06.9");
  ASSERT_EQ(simpulctl({"rate", "--db", a, "--visit", visit, "--stars", "4", "--comment", "Cepat, ramah"}).code, 0);

  sync(a);
  sync(b);
  Outcome history = simpulctl({"visit", "list", "--db", b, "--id", person, "--json"});
  ASSERT_EQ(history.code, 0) << history.err;
  json found;
  for (const auto& v : history.parsed()) {
    if (v["id"] == visit) found = v;
  }
  ASSERT_TRUE(found.is_object()) << "the visit reached desk B";
  EXPECT_EQ(found["complaint"], "batuk pilek, demam 3 hari");
  EXPECT_EQ(found["vitals"]["systolic_mmhg"], 118);
  EXPECT_EQ(found["vitals"]["temperature_c"], 37.8);
  ASSERT_EQ(found["diagnoses"].size(), 2u);
  EXPECT_FALSE(found["diagnoses"][0]["name_id"].get<std::string>().empty());
  EXPECT_EQ(found["rating"]["stars"], 4);
  EXPECT_EQ(found["rating"]["comment"], "Cepat, ramah");
  EXPECT_EQ(history.parsed()[0]["id"], visit) << "newest first";

  // Rated again at the other desk: the rating is replaced everywhere.
  ASSERT_EQ(simpulctl({"rate", "--db", b, "--visit", visit, "--stars", "2", "--comment", "Antre lama"}).code, 0);
  sync(b);
  sync(a);
  history = simpulctl({"visit", "list", "--db", a, "--id", person, "--json"});
  ASSERT_EQ(history.code, 0);
  EXPECT_EQ(history.parsed()[0]["rating"]["stars"], 2);
  EXPECT_EQ(history.parsed()[0]["rating"]["comment"], "Antre lama");

  // Refusals: an unknown diagnosis, four diagnoses, impossible vitals.
  Outcome bad = simpulctl({"visit", "add", "--db", a, "--id", person, "--poli", poli, "--diagnosis", "X99.9", "--json"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.parsed()["errors"][0]["code"], "visit.unknown_diagnosis");
  bad = simpulctl({"visit", "add", "--db", a, "--id", person, "--poli", poli, "--diagnosis", "J06.9", "--diagnosis",
                   "I10", "--diagnosis", "E11.9", "--diagnosis", "K30", "--vitals", R"({"sbp":80,"dbp":120})", "--json"});
  EXPECT_EQ(bad.code, 1);
  std::set<std::string> codes;
  const json errors = bad.parsed()["errors"];
  for (const auto& e : errors) codes.insert(e["code"].get<std::string>());
  EXPECT_TRUE(codes.count("visit.too_many_diagnoses")) << bad.out;
  EXPECT_TRUE(codes.count("vitals.bp_order")) << bad.out;
  EXPECT_EQ(simpulctl({"rate", "--db", a, "--visit", visit, "--stars", "6"}).code, 2);
}

TEST_F(CareSyncEndToEnd, ComplaintAnsweredByTheServerAppearsAtTheDesk) {
  const std::string a = desk("complaint-a");
  const std::string person = participant(a, 2);
  Outcome added = simpulctl({"complaint", "add", "--db", a, "--id", person, "--category", "layanan", "--text",
                             "Antrean poli umum terlalu lama, \"3 jam\"", "--contact", "phone", "--json"});
  ASSERT_EQ(added.code, 0) << added.err;
  const std::string id = added.parsed()["id"];
  EXPECT_EQ(added.parsed()["status"], "open");
  EXPECT_FALSE(added.parsed()["synced"].get<bool>());
  sync(a);

  Outcome listed = server_cli({"complaints", "--db", server_db_, "--facility", facility_, "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  json on_server;
  for (const auto& c : listed.parsed()) {
    if (c["id"] == id) on_server = c;
  }
  ASSERT_TRUE(on_server.is_object());
  EXPECT_EQ(on_server["status"], "open");
  EXPECT_EQ(on_server["category"], "layanan");

  EXPECT_EQ(server_cli({"answer-complaint", "--db", server_db_, "--id", "no-such-complaint", "--answer", "x"}).code, 1);
  Outcome answered = server_cli({"answer-complaint", "--db", server_db_, "--id", id, "--answer",
                                 "Mohon maaf. Jadwal dokter ditambah mulai Senin.", "--close"});
  ASSERT_EQ(answered.code, 0) << answered.err;
  EXPECT_NE(answered.out.find("closed"), std::string::npos);

  sync(a);
  Outcome mine = simpulctl({"complaint", "list", "--db", a, "--id", person, "--json"});
  ASSERT_EQ(mine.code, 0) << mine.err;
  ASSERT_EQ(mine.parsed().size(), 1u);
  EXPECT_EQ(mine.parsed()[0]["status"], "closed");
  EXPECT_EQ(mine.parsed()[0]["answer"], "Mohon maaf. Jadwal dokter ditambah mulai Senin.");
  EXPECT_TRUE(mine.parsed()[0]["synced"].get<bool>());
  EXPECT_TRUE(mine.parsed()[0]["answered_at"].is_string());

  // Another device of the facility sees it too; the facility's list can filter by status.
  const std::string b = desk("complaint-b");
  Outcome closed = simpulctl({"complaint", "list", "--db", b, "--status", "closed", "--json"});
  ASSERT_EQ(closed.code, 0) << closed.err;
  bool seen = false;
  for (const auto& c : closed.parsed()) seen = seen || c["id"] == id;
  EXPECT_TRUE(seen);

  Outcome bad = simpulctl({"complaint", "add", "--db", a, "--category", "gossip", "--text", "short", "--json"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.parsed()["errors"].size(), 2u);
}

}  // namespace
}  // namespace simpul::care_test
