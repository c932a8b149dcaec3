#include "server_fixture.hpp"

#include "simpul/storage/schema.hpp"

namespace simpul::server::test {

demo::DemoData ServerFixture::world() {
  demo::DemoData d;
  auto facility = [](const char* code, FacilityType type, const char* name) {
    Facility f;
    f.code = code;
    f.type = type;
    f.name = name;
    f.address.village_code = "3204102001";
    f.latitude = -7.0;
    f.longitude = 107.5;
    f.polis = {Poli{"001", "Umum", "A", 8 * 60, 14 * 60, 60}};
    f.services = {"ugd"};
    return f;
  };
  d.facilities = {facility(kF1, FacilityType::puskesmas, "Puskesmas Satu"),
                  facility(kF2, FacilityType::puskesmas, "Puskesmas Dua"),
                  facility(kHospital, FacilityType::hospital, "RSUD Contoh")};
  auto person = [](const char* id, const char* nik, const char* name, Date birth, Sex sex, const char* kk,
                   const char* fktp, const char* card) {
    Participant p;
    p.id = id;
    p.nik = nik;
    p.name = name;
    p.birth_date = birth;
    p.sex = sex;
    p.kk_number = kk;
    p.relation = FamilyRelation::head;
    p.address = {"Jl. Melati 3", "002", "005", "3204102001", "40911"};
    p.phone = "+6281200000000";
    p.segment = Segment::pbpu;
    p.care_class = 3;
    p.fktp = fktp;
    p.card_number = card;
    p.va_number = std::string("88888") + (card + 2);
    p.verification = Verification::verified;
    return p;
  };
  d.participants = {
      person(kP1, "3204100506800001", "Asep Sunandar", Date{1980, 6, 5}, Sex::male, kK1, kF1, "0001000000001"),
      person(kP2, "3204104507820002", "Euis Komalasari", Date{1982, 7, 5}, Sex::female, kK1, kF2, "0001000000002"),
      person(kP3, "3204100101700003", "Ujang Hidayat", Date{1970, 1, 1}, Sex::male, "3204101201150009", kF1,
             "0001000000003"),
      person(kP4, "3204100202750004", "Dede Rosita", Date{1975, 2, 2}, Sex::female, "3204101201150010", kF2,
             "0001000000004"),
  };
  for (std::uint32_t i = 0; i < d.participants.size(); ++i) {
    const auto& p = d.participants[i];
    d.civil_registry.push_back(
        demo::CivilRecord{p.nik, p.name, p.birth_date, p.sex, p.kk_number, p.relation, p.address, true});
    demo::Bill b;
    b.id = demo::DemoId{1000 + i, 1};
    b.participant = i;
    b.period = Date{2025, 12, 1};
    b.amount = 42000;
    b.due_date = Date{2025, 12, 10};
    b.paid = false;
    d.bills.push_back(b);
  }
  d.civil_registry.push_back(demo::CivilRecord{kNewNik, kNewName, *Date::parse(kNewBirth), Sex::female,
                                               "3204101201150077", FamilyRelation::head, Address{}, false});
  d.civil_registry.push_back(demo::CivilRecord{kNewNik2, "Bambang Pamungkas", Date{1985, 2, 2}, Sex::male,
                                               "3204101201150078", FamilyRelation::head, Address{}, false});
  return d;
}

void ServerFixture::SetUp() {
  dir = std::make_unique<simpul::test::TempDir>("simpul-server-test");
  Result<std::unique_ptr<Store>> s = make_error(ErrorKind::invalid, "test", "no store");
  if (simpul::test::pg_selected()) {
    if (simpul::test::pg_cluster_url().empty()) GTEST_SKIP() << simpul::test::kPgSkipMessage;
    pg = std::make_unique<simpul::test::PgDatabase>();
    s = open_pg_store(pg->url());
  } else {
    SqliteStoreOptions o;
    o.create = true;
    o.synchronous_full = false;  // tests do not survive power cuts; keep them fast
    s = open_sqlite_store((dir->path() / "server.db").string(), o);
  }
  ASSERT_TRUE(s.ok()) << s.error().message;
  store = std::move(s).value();
  auto seeded = seed_demo(*store, clock, world());
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  clock.advance_ms(60'000);  // desks edit after the data was loaded
  service = std::make_unique<SyncService>(*store, clock);
  log = std::make_unique<JsonLog>(clock, [this](const std::string& line) {
    std::lock_guard lock(log_mu);
    log_lines.push_back(line);
  });
  HttpOptions ho;
  ho.port = 0;
  ho.threads = 4;
  http = std::make_unique<HttpServer>(*service, ho, *log);
  auto p = http->start();
  ASSERT_TRUE(p.ok()) << p.error().message;
  port = *p;
  client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);  // as the desk's libcurl does; otherwise Nagle adds 40 ms per request
  client->set_read_timeout(10, 0);
}

void ServerFixture::TearDown() {
  client.reset();
  if (http) http->stop();
  http.reset();
  service.reset();
  store.reset();
  pg.reset();
  dir.reset();
}

HttpReply ServerFixture::post(const std::string& path, const std::string& body, const Device* device,
                              const std::string& protocol, const std::string& schema) {
  httplib::Headers h = {{sync::kProtocolHeader, protocol},
                        {sync::kSchemaHeader,
                         schema.empty() ? std::to_string(storage::latest_schema_version()) : schema}};
  if (device != nullptr) h.emplace("Authorization", "Bearer " + device->id + "." + device->token);
  auto r = client->Post(path.c_str(), h, body, sync::kContentType);
  if (!r) return HttpReply{0, ""};
  return HttpReply{r->status, r->body};
}

HttpReply ServerFixture::get(const std::string& path) {
  auto r = client->Get(path.c_str());
  if (!r) return HttpReply{0, ""};
  return HttpReply{r->status, r->body};
}

Device ServerFixture::enroll(const std::string& facility) {
  auto code = service->create_enroll_code(facility);
  EXPECT_TRUE(code.ok());
  Device d;
  d.facility = facility;
  d.install = "install-" + std::to_string(log_lines.size()) + "-" + std::to_string(clock.now_ms() % 100000);
  sync::EnrollRequest req{facility, *code, d.install, "test-desk"};
  auto reply = post("/v1/enroll", sync::encode(req), nullptr);
  EXPECT_EQ(reply.status, 200) << reply.body;
  auto resp = sync::decode<sync::EnrollResponse>(reply.body);
  EXPECT_TRUE(resp.ok());
  if (resp.ok()) {
    d.id = resp->device_id;
    d.token = resp->token;
    d.install = "node-" + d.id.substr(d.id.size() - 6);
  }
  return d;
}

void ServerFixture::attach_replica(Device& d) {
  auto r = storage::Replica::open((dir->path() / ("replica-" + d.id + ".db")).string(), clock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  d.replica = std::move(r).value();
}

sync::WireOp ServerFixture::op(Device& d, const std::string& entity, const std::string& id,
                               const nlohmann::json& fields, const std::string& kind) {
  sync::WireOp o;
  o.seq = ++d.seq;
  o.op_id = d.id + "-" + std::to_string(o.seq);
  o.entity = entity;
  o.entity_id = id;
  o.kind = kind;
  o.fields = fields.dump();
  o.hlc = HlcTimestamp{clock.now_ms() + d.skew_ms, d.counter++, d.install}.encode();
  o.user_id = "u-1";
  o.base_cursor = d.cursor;
  return o;
}

HttpReply ServerFixture::push_raw(Device& d, const std::vector<sync::WireOp>& ops) {
  sync::PushRequest req;
  req.client_time_ms = clock.now_ms() + d.skew_ms;
  req.ops = ops;
  return post("/v1/push", sync::encode(req), &d);
}

sync::PushResponse ServerFixture::push(Device& d, const std::vector<sync::WireOp>& ops) {
  auto reply = push_raw(d, ops);
  EXPECT_EQ(reply.status, 200) << reply.body;
  auto resp = sync::decode<sync::PushResponse>(reply.body);
  EXPECT_TRUE(resp.ok());
  if (!resp.ok()) return {};
  EXPECT_EQ(resp->results.size(), ops.size());
  return std::move(resp).value();
}

sync::PullResponse ServerFixture::pull(Device& d, std::uint32_t max_rows, std::uint32_t max_bytes) {
  sync::PullRequest req;
  req.cursor = d.cursor;
  req.snapshot = d.snapshot;
  req.max_rows = max_rows;
  req.max_bytes = max_bytes;
  auto reply = post("/v1/pull", sync::encode(req), &d);
  EXPECT_EQ(reply.status, 200) << reply.body;
  auto resp = sync::decode<sync::PullResponse>(reply.body);
  EXPECT_TRUE(resp.ok());
  if (!resp.ok()) return {};
  if (d.replica && !resp->reset_required) {
    auto tx = storage::Transaction::begin(d.replica->db());
    EXPECT_TRUE(tx.ok());
    for (const auto& block : resp->blocks) {
      const auto* def = storage::find_entity(block.entity);
      EXPECT_NE(def, nullptr);
      for (const auto& row : block.rows) {
        if (row.kind == sync::ChangeKind::upsert) {
          const auto f = sync::fields_from_wire(*def, block, row);
          auto s = d.replica->apply_remote(block.entity, row.id, &f);
          EXPECT_TRUE(s.ok()) << s.error().message;
        } else {
          auto s = d.replica->apply_remote(block.entity, row.id, nullptr);
          EXPECT_TRUE(s.ok()) << s.error().message;
        }
      }
    }
    EXPECT_TRUE(tx->commit().ok());
  }
  if (!resp->reset_required) {
    d.cursor = resp->cursor;
    d.snapshot = resp->snapshot;
  }
  return std::move(resp).value();
}

std::vector<sync::PullResponse> ServerFixture::pull_all(Device& d, std::uint32_t max_rows, std::uint32_t max_bytes) {
  std::vector<sync::PullResponse> pages;
  for (int guard = 0; guard < 10000; ++guard) {
    pages.push_back(pull(d, max_rows, max_bytes));
    if (!pages.back().more || pages.back().reset_required) break;
  }
  return pages;
}

std::optional<StoredRow> ServerFixture::stored(const std::string& entity, const std::string& id) {
  auto read = store->read();
  EXPECT_TRUE(read.ok());
  auto row = (*read)->load(*storage::find_entity(entity), id);
  EXPECT_TRUE(row.ok());
  return row.ok() ? *row : std::nullopt;
}

std::vector<Fields> ServerFixture::conflicts_about(const std::string& entity_id) {
  auto all = service->conflicts(std::nullopt);
  EXPECT_TRUE(all.ok());
  std::vector<Fields> out;
  for (const auto& c : *all) {
    if (c.value("entity_id", "") == entity_id) out.push_back(c);
  }
  return out;
}

const sync::WireRow* ServerFixture::find_row(const std::vector<sync::PullResponse>& pages, const std::string& entity,
                                             const std::string& id) {
  const sync::WireRow* found = nullptr;
  for (const auto& page : pages) {
    for (const auto& b : page.blocks) {
      if (b.entity != entity) continue;
      for (const auto& r : b.rows) {
        if (r.id == id) found = &r;
      }
    }
  }
  return found;
}

std::string ServerFixture::value_of(const sync::PullResponse& page, const std::string& entity, const std::string& id,
                                    const std::string& column) {
  for (const auto& b : page.blocks) {
    if (b.entity != entity) continue;
    for (const auto& r : b.rows) {
      if (r.id != id) continue;
      for (std::size_t i = 0; i < b.columns.size(); ++i) {
        if (b.columns[i] == column) return ((r.null_mask >> i) & 1ULL) ? "<null>" : r.values[i];
      }
    }
  }
  return "<absent>";
}

nlohmann::json ServerFixture::registration(const std::string& nik, const std::string& name, const std::string& birth,
                                           const std::string& fktp, const std::string& segment) {
  return {{"nik", nik},          {"name", name},      {"birth_date", birth}, {"sex", "P"},
          {"kk_number", "3204101201150077"}, {"relation", "head"}, {"segment", segment},
          {"class", 3},          {"fktp", fktp},      {"verification", "pending"},
          {"phone", "+6281211112222"}};
}

}  // namespace simpul::server::test
