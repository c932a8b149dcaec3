#include "queue_fixture.hpp"

#include <cstdio>

#include "simpul/server/seed.hpp"
#include "simpul/storage/facilities.hpp"

namespace simpul::queue_test {

std::string card(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0001%09d", n);
  return buf;
}

std::string nik(int n) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "32041005068%05d", n);
  return buf;
}

Facility facility_record(const std::string& code) {
  Facility f;
  f.code = code;
  f.type = FacilityType::puskesmas;
  f.name = code == kFacility ? "Puskesmas Satu" : "Puskesmas Dua";
  f.address.village_code = "3204102001";
  f.latitude = -7.0;
  f.longitude = 107.5;
  f.polis = {Poli{"001", "Umum", "A", 8 * 60, 14 * 60, 60}, Poli{"002", "Gigi", "B", 8 * 60, 14 * 60, 2},
             Poli{"003", "KIA", "C", 8 * 60, 14 * 60, 60}};
  return f;
}

demo::DemoData world() {
  demo::DemoData d;
  d.facilities = {facility_record(kFacility), facility_record(kOtherFacility)};
  for (int n = 1; n <= 9; ++n) {
    Participant p;
    p.id = "p-000" + std::to_string(n);
    p.nik = nik(n);
    p.name = "Pasien " + std::to_string(n);
    // p-0007 is 70 years old: Mobile JKN bookings for them are priority (B).
    p.birth_date = n == 7 ? Date{1955, 3, 1} : Date{1980, 6, 5};
    p.sex = n % 2 == 0 ? Sex::female : Sex::male;
    p.kk_number = "32041012011500" + std::to_string(10 + n);
    p.relation = FamilyRelation::head;
    p.address = {"Jl. Melati 3", "002", "005", "3204102001", "40911"};
    p.segment = Segment::pbpu;
    p.care_class = 3;
    p.fktp = n == 9 ? kOtherFacility : kFacility;
    p.card_number = card(n);
    p.verification = Verification::verified;
    d.participants.push_back(p);
    d.civil_registry.push_back(
        demo::CivilRecord{p.nik, p.name, p.birth_date, p.sex, p.kk_number, p.relation, p.address, true});
  }
  return d;
}

LocalReplica local_replica(const Clock& clock, const std::string& facility) {
  LocalReplica out;
  out.dir = std::make_unique<simpul::test::TempDir>("simpul-queue-local");
  auto r = storage::Replica::open((out.dir->path() / "desk.db").string(), clock);
  EXPECT_TRUE(r.ok()) << r.error().message;
  out.replica = std::move(r).value();
  EXPECT_TRUE(storage::Facilities(*out.replica).put(storage::Actor::system(), facility_record(facility)).ok());
  EXPECT_TRUE(out.replica->set_setting("queue.facility", facility).ok());
  return out;
}

void Desk::sync() {
  auto r = client->sync_once();
  ASSERT_TRUE(r.ok()) << name << ": " << r.error().message;
}

void QueueServerFixture::SetUp() {
  dir = std::make_unique<simpul::test::TempDir>("simpul-queue-server");
  server::SqliteStoreOptions o;
  o.create = true;
  o.synchronous_full = false;
  auto s = server::open_sqlite_store((dir->path() / "server.db").string(), o);
  ASSERT_TRUE(s.ok()) << s.error().message;
  store = std::move(s).value();
  auto seeded = server::seed_demo(*store, clock, world());
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  clock.advance_ms(60'000);
  service = std::make_unique<server::SyncService>(*store, clock);
  log = std::make_unique<server::JsonLog>(clock, [this](const std::string& line) {
    std::lock_guard lock(log_mu);
    log_lines.push_back(line);
  });
  http_options.port = 0;
  http_options.threads = 4;
  http = std::make_unique<server::HttpServer>(*service, http_options, *log);
  auto p = http->start();
  ASSERT_TRUE(p.ok()) << p.error().message;
  port = *p;
  base_url = "http://127.0.0.1:" + std::to_string(port);
  client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  client->set_read_timeout(20, 0);
}

void QueueServerFixture::TearDown() {
  client.reset();
  if (http) http->stop();
  http.reset();
  service.reset();
  store.reset();
  dir.reset();
}

std::unique_ptr<Desk> QueueServerFixture::enroll_desk(const std::string& name, const std::string& facility) {
  auto d = std::make_unique<Desk>();
  d->name = name;
  auto r = storage::Replica::open((dir->path() / (name + ".db")).string(), clock);
  EXPECT_TRUE(r.ok()) << r.error().message;
  d->replica = std::move(r).value();
  d->transport = std::make_unique<sync::CurlTransport>(base_url);
  sync::ClientOptions co;
  co.device_name = name;
  d->client = std::make_unique<sync::SyncClient>(*d->replica, *d->transport, co);
  auto code = service->create_enroll_code(facility);
  EXPECT_TRUE(code.ok());
  auto enrolled = d->client->enroll(base_url, facility, *code);
  EXPECT_TRUE(enrolled.ok()) << enrolled.error().message;
  d->sync();
  return d;
}

void QueueServerFixture::set_credentials(const std::string& user, const std::string& password) {
  auto s = http->jkn().set_credentials(kFacility, user, password);
  ASSERT_TRUE(s.ok()) << s.error().message;
}

HttpReply QueueServerFixture::ws(const std::string& method, const std::string& path, const httplib::Headers& headers,
                                 const nlohmann::json& body) {
  const std::string text = body.is_null() ? std::string() : body.dump();
  auto res = [&] {
    if (method == "POST") return client->Post(path.c_str(), headers, text, "application/json");
    if (method == "PUT") return client->Put(path.c_str(), headers, text, "application/json");
    return client->Get(path.c_str(), headers);
  }();
  HttpReply out;
  EXPECT_TRUE(res) << method << " " << path << " failed";
  if (!res) return out;
  out.status = res->status;
  out.body = nlohmann::json::parse(res->body, nullptr, false);
  EXPECT_FALSE(out.body.is_discarded()) << res->body;
  return out;
}

std::string QueueServerFixture::token(const std::string& facility) {
  auto r = ws("GET", "/jkn/" + facility + "/auth", {{"x-username", "mobilejkn"}, {"x-password", "rahasia-123"}});
  EXPECT_EQ(r.code(), 200) << r.body.dump();
  return r.code() == 200 ? r.response().value("token", "") : std::string();
}

httplib::Headers QueueServerFixture::session(const std::string& tok, const std::string& user) const {
  return {{"x-token", tok}, {"x-username", user}};
}

HttpReply QueueServerFixture::take(const std::string& tok, const std::string& c, const std::string& poli,
                                   const Date& day, const std::string& n) {
  nlohmann::json body = {{"nomorkartu", c},           {"nik", n},
                         {"kodepoli", poli},          {"tanggalperiksa", day.iso()},
                         {"keluhan", "demam"},        {"nohp", "081200000000"},
                         {"kodedokter", 12345},       {"jampraktek", "08:00-14:00"},
                         {"norm", ""}};
  return ws("POST", std::string("/jkn/") + kFacility + "/antrean", session(tok), body);
}

HttpReply QueueServerFixture::status(const std::string& tok, const std::string& poli, const Date& day) {
  return ws("GET", std::string("/jkn/") + kFacility + "/antrean/status/" + poli + "/" + day.iso(), session(tok));
}

HttpReply QueueServerFixture::remaining(const std::string& tok, const std::string& c, const std::string& poli,
                                        const Date& day) {
  return ws("GET", std::string("/jkn/") + kFacility + "/antrean/sisapeserta/" + c + "/" + poli + "/" + day.iso(),
            session(tok));
}

HttpReply QueueServerFixture::cancel(const std::string& tok, const std::string& c, const std::string& poli,
                                     const Date& day) {
  return ws("PUT", std::string("/jkn/") + kFacility + "/antrean/batal", session(tok),
            {{"nomorkartu", c}, {"kodepoli", poli}, {"tanggalperiksa", day.iso()}, {"keterangan", "batal berobat"}});
}

std::vector<queue::QueueEntry> QueueServerFixture::server_entries(const Date& day, const std::string& facility) {
  std::vector<queue::QueueEntry> out;
  auto read = store->read();
  EXPECT_TRUE(read.ok());
  const auto& def = *storage::find_entity("queue_entry");
  auto ids = (*read)->find_ids_where(def, {{"facility", facility}, {"day", day.iso()}});
  EXPECT_TRUE(ids.ok());
  for (const auto& id : *ids) {
    auto row = (*read)->load(def, id);
    if (!row.ok() || !row->has_value() || (*row)->deleted) continue;
    storage::Fields f = (*row)->fields;
    f["id"] = id;
    auto e = storage::queue_entry_from(f);
    if (e.ok()) out.push_back(*e);
  }
  return out;
}

}  // namespace simpul::queue_test
