#include "harness.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "simpul/server/sqlite_store.hpp"
#include "simpul/server/store_url.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/sync/sync_state.hpp"
#include "support/socket.hpp"

namespace simpul::scenario {
namespace {

// Transport::exchange is protected; a decorator has to call the wrapped transport's. Naming it through a
// class derived from Transport is what the access rules allow.
struct ExchangeAccess : sync::Transport {
  static Result<sync::HttpResponse> call(sync::Transport& transport, const sync::HttpRequest& request) {
    return (transport.*(&ExchangeAccess::exchange))(request);
  }
};

storage::OpenOptions raw_open_options() {
  storage::OpenOptions o;
  o.create = false;
  o.check_integrity = false;
  o.busy_timeout_ms = 15000;
  return o;
}

std::string quoted(const std::string& v) {
  std::string out = "'";
  for (const char c : v) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::int64_t int_of(const std::optional<std::string>& v) { return v ? std::stoll(*v) : 0; }

bool is_refusal(const Error& e) {
  return e.code == "protocol_mismatch" || e.code == "device_revoked" || e.code == "unauthorized" ||
         e.code == "not_enrolled";
}

}  // namespace

void must(const Status& s, const std::string& what) {
  if (!s.ok()) throw std::runtime_error(what + ": " + s.error().code + ": " + s.error().message);
}

std::string run_tool(const std::vector<std::string>& argv) {
  test::Process p(test::ProcessOptions{argv, {}, test::Output::capture(), test::Output::capture(), {}});
  const auto status = p.wait_for(120s);
  if (!status || !status->exited() || status->code != 0) {
    throw std::runtime_error(argv.at(0) + " " + (argv.size() > 1 ? argv[1] : "") + " failed (" +
                             (status ? test::to_string(*status) : std::string("still running")) +
                             "): " + p.captured_stderr());
  }
  return p.captured_stdout();
}

Fields registration(const CivilPerson& person, const std::string& fktp, const std::string& phone) {
  return Fields{{"nik", person.nik},          {"name", person.name},         {"birth_date", person.birth_date},
                {"sex", person.sex},          {"kk_number", person.kk_number}, {"relation", "head"},
                {"segment", "PBPU"},          {"class", 3},                  {"fktp", fktp},
                {"verification", "pending"}, {"phone", phone}};
}

Fields queue_entry(const std::string& facility, std::int64_t number) {
  return Fields{{"facility", facility},
                {"poli", "001"},
                {"day", "2026-02-02"},
                {"number", "A-" + std::to_string(number)},
                {"seq_no", number},
                {"state", "waiting"},
                {"complaint", "demam " + std::to_string(number)}};
}

std::vector<std::pair<std::string, Fields>> queue_entries(const std::string& facility, const std::string& prefix, int n) {
  std::vector<std::pair<std::string, Fields>> out;
  for (int i = 0; i < n; ++i) out.emplace_back(prefix + std::to_string(i), queue_entry(facility, i + 1));
  return out;
}

// ---- DeskTransport ----

sync::CurlOptions scenario_curl_options() {
  sync::CurlOptions o;
  o.connect_timeout = 2000ms;
  o.low_speed_limit = 64;
  o.low_speed_time = 2s;
  o.total_timeout = 60'000ms;
  return o;
}

DeskTransport::DeskTransport(std::string base_url, sync::CurlOptions options)
    : inner_(std::move(base_url), std::move(options)) {}

void DeskTransport::override_header(const std::string& name, const std::string& value) {
  std::lock_guard lock(mu_);
  overrides_.emplace_back(name, value);
}

void DeskTransport::clear_overrides() {
  std::lock_guard lock(mu_);
  overrides_.clear();
}

Result<sync::HttpResponse> DeskTransport::exchange(const sync::HttpRequest& request) {
  ++requests_;
  sync::HttpRequest out = request;
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, value] : overrides_) {
      for (auto& header : out.headers) {
        if (header.first == name) header.second = value;
      }
    }
  }
  return ExchangeAccess::call(inner_, out);
}

// ---- ServerProcess ----

ServerProcess::ServerProcess(std::string db, std::filesystem::path log_dir, std::uint16_t port, std::string log_prefix)
    : db_(std::move(db)), log_dir_(std::move(log_dir)), log_prefix_(std::move(log_prefix)),
      port_(port != 0 ? port : static_cast<std::uint16_t>(test::free_tcp_port())) {}

ServerProcess::~ServerProcess() = default;

void ServerProcess::start() {
  if (process_ && process_->running()) return;
  ++starts_;
  process_ = std::make_unique<test::Process>(test::ProcessOptions{
      {SIMPUL_SERVER_BIN, "serve", "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port_), "--threads", "8"},
      {},
      test::Output::discard(),
      test::Output::to_file(log_dir_ / (log_prefix_ + "-" + std::to_string(starts_) + ".log")),
      {}});
  const bool up = test::wait_until(
      [&] { return !process_->running() || static_cast<bool>(test::connect_tcp(port_)); }, 20s, 5ms);
  if (!up || !process_->running()) {
    throw std::runtime_error("simpul-server did not start on port " + std::to_string(port_) + ": " + stderr_text());
  }
}

void ServerProcess::kill() {
  if (!process_) return;
  process_->kill(SIGKILL);
  if (!process_->wait_for(10s)) throw std::runtime_error("simpul-server survived SIGKILL for 10 s");
}

bool ServerProcess::running() { return process_ && process_->running(); }

std::string ServerProcess::stderr_text() const {
  return test::read_file(log_dir_ / (log_prefix_ + "-" + std::to_string(starts_) + ".log"));
}

// ---- ServerAdmin ----

ServerAdmin::ServerAdmin(const std::string& db) {
  store_ = must(server::open_store_url(db, /*create=*/false), "open the server database");
  service_ = std::make_unique<server::SyncService>(*store_, SystemClock::instance());
  if (server::is_postgres_url(db)) {
    raw_pg_ = must(server::PgSession::open(db), "connect to " + db);
  } else {
    raw_ = std::make_unique<storage::Database>(must(storage::Database::open(db, raw_open_options()), "open " + db));
  }
}

ServerAdmin::~ServerAdmin() = default;

std::vector<std::vector<std::optional<std::string>>> ServerAdmin::raw_rows(const std::string& sql) {
  if (raw_pg_) return must(raw_pg_->rows(sql), sql);
  auto st = must(raw_->prepare_uncached(sql), sql);
  std::vector<std::vector<std::optional<std::string>>> out;
  while (must(st.step(), sql)) {
    std::vector<std::optional<std::string>> row;
    for (int i = 0; i < st.column_count(); ++i) row.push_back(st.opt_text(i));
    out.push_back(std::move(row));
  }
  return out;
}

std::string ServerAdmin::enroll_code(const std::string& facility) {
  std::lock_guard lock(mu_);
  return must(service_->create_enroll_code(facility), "enroll-code " + facility);
}

std::string ServerAdmin::digest(const std::string& facility) {
  std::lock_guard lock(mu_);
  return must(service_->facility_digest(facility), "digest " + facility).digest;
}

server::CompactCounts ServerAdmin::compact(int retention_days) {
  std::lock_guard lock(mu_);
  return must(service_->compact(retention_days), "compact");
}

std::vector<Fields> ServerAdmin::conflicts(const std::optional<std::string>& facility) {
  std::lock_guard lock(mu_);
  return must(service_->conflicts(facility), "conflicts");
}

std::vector<server::FacilitySummary> ServerAdmin::facilities() {
  std::lock_guard lock(mu_);
  return must(service_->facilities(), "facilities");
}

std::map<std::int64_t, AppliedOp> ServerAdmin::applied_ops(const std::string& device_id) {
  std::lock_guard lock(mu_);
  std::map<std::int64_t, AppliedOp> out;
  for (const auto& r : raw_rows("SELECT seq, verdict, coalesce(reason, ''), coalesce(canonical_id, ''), tx "
                                "FROM applied_ops WHERE device_id = " + quoted(device_id) + " ORDER BY seq")) {
    AppliedOp op;
    op.seq = int_of(r[0]);
    op.verdict = static_cast<sync::Verdict>(int_of(r[1]));
    op.reason = r[2].value_or("");
    op.canonical_id = r[3].value_or("");
    op.tx = int_of(r[4]);
    out.emplace(op.seq, op);
  }
  return out;
}

std::int64_t ServerAdmin::count_applied(const std::string& device_id) {
  std::lock_guard lock(mu_);
  return int_of(raw_rows("SELECT count(*) FROM applied_ops WHERE device_id = " + quoted(device_id)).at(0).at(0));
}

std::map<std::string, std::string> ServerAdmin::aliases() {
  std::lock_guard lock(mu_);
  std::map<std::string, std::string> out;
  for (const auto& r : raw_rows("SELECT alias_id, canonical_id FROM aliases ORDER BY alias_id")) {
    out.emplace(r[0].value_or(""), r[1].value_or(""));
  }
  return out;
}

std::optional<server::StoredRow> ServerAdmin::row(const std::string& entity, const std::string& id) {
  std::lock_guard lock(mu_);
  const auto* def = storage::find_entity(entity);
  if (def == nullptr) throw std::invalid_argument("unknown entity " + entity);
  auto read = must(store_->read(), "read");
  return must(read->load(*def, id), "load " + entity + " " + id);
}

Fields ServerAdmin::fields_of(const std::string& entity, const std::string& id) {
  auto r = row(entity, id);
  return r ? r->fields : Fields::object();
}

std::vector<CivilPerson> ServerAdmin::unregistered(std::size_t limit) {
  std::lock_guard lock(mu_);
  std::vector<CivilPerson> out;
  for (const auto& r : raw_rows(
           "SELECT nik, name, birth_date, coalesce(sex, 'P'), coalesce(kk_number, '') FROM civil_registry c "
           "WHERE in_jkn = 0 AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.nik = c.nik) ORDER BY nik LIMIT " +
           std::to_string(limit))) {
    out.push_back(CivilPerson{r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), r[3].value_or(""),
                              r[4].value_or("")});
  }
  return out;
}

std::int64_t ServerAdmin::query_int(const std::string& sql) {
  std::lock_guard lock(mu_);
  auto rows = raw_rows(sql);
  return rows.empty() || rows[0].empty() ? 0 : int_of(rows[0][0]);
}

std::vector<std::string> ServerAdmin::query_texts(const std::string& sql) {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& r : raw_rows(sql)) out.push_back(r.empty() ? std::string() : r[0].value_or(""));
  return out;
}

// ---- Desk ----

Desk::Desk(std::string name, std::string path, std::string url, const DeskOptions& options)
    : name_(std::move(name)), path_(std::move(path)), url_(std::move(url)), facility_(options.facility),
      options_(options) {
  clock_.set_skew_ms(options.skew_ms);
  open();
}

Desk::~Desk() { close(); }

void Desk::open() {
  ui_ = must(storage::Replica::open(path_, clock_), "open replica " + path_);
  auto transport = std::make_unique<DeskTransport>(url_, scenario_curl_options());
  transport_ = transport.get();
  sync::EngineOptions o;
  o.db_path = path_;
  o.seed = std::hash<std::string>{}(name_) | 1U;
  o.backoff_base = 20ms;
  o.backoff_cap = 200ms;
  o.ambiguous_retries = options_.ambiguous_retries;
  o.client.pull_max_rows = options_.page_rows;
  o.client.pull_max_bytes = options_.page_bytes;
  o.client.push_max_ops = options_.push_max_ops;
  o.client.device_name = "scenario-" + name_;
  // The app shares what the engine learns (server clock offset, pulled timestamps) with the UI connection.
  o.client.shared_clocks = {&ui_->hlc()};
  if (!options_.auto_repair) o.digest_interval = std::chrono::hours(24 * 365 * 20);
  engine_ = must(sync::SyncEngine::open(o, clock_, std::move(transport)), "open sync engine " + path_);
  if (!options_.auto_repair) {
    // "Checked two years ago" with a twenty-year interval: never due, whatever the desk's clock does, until a
    // discarded rejection asks for a repair (NeedsAttention::discard clears it).
    auto state = must(sync::load_sync_state(ui_->db()), "sync state");
    if (!state.last_digest_at_ms) must(sync::save_digest_time(ui_->db(), clock_.now_ms() - 2 * kYearMs), "digest time");
  }
}

void Desk::close() {
  engine_.reset();
  transport_ = nullptr;
  ui_.reset();
}

void Desk::reopen() {
  close();
  open();
}

std::string Desk::device_id() { return ui_->device().device_id; }

void Desk::enroll(const std::string& url, const std::string& code) {
  sync::ClientOptions o;
  o.device_name = "scenario-" + name_;
  o.shared_clocks = {&ui_->hlc()};
  sync::SyncClient client(engine_->replica(), engine_->transport(), o);
  must(client.enroll(url, facility_, code), "enroll " + name_);
}

Result<sync::CycleReport> Desk::sync_once() { return engine_->run_cycle(); }

Result<sync::CycleReport> Desk::sync(int attempts) {
  Result<sync::CycleReport> last = make_error(ErrorKind::transient, "scenario.not_run", "no attempt made");
  const auto deadline = std::chrono::steady_clock::now() + 90s;
  for (int i = 0; i < attempts && std::chrono::steady_clock::now() < deadline; ++i) {
    last = engine_->run_cycle();
    if (last.ok() || is_refusal(last.error())) return last;
    // A failed attempt: the link or the server is still recovering. Pause briefly, as the backoff would.
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + 10 * std::min(i, 10)));
  }
  return last;
}

std::int64_t Desk::max_seq() {
  return must(ui_->db().query_int("SELECT coalesce(max(seq), 0) FROM outbox"), "max seq").value_or(0);
}

void Desk::remember_new_ops(std::int64_t before_seq, std::int64_t cursor) {
  const std::int64_t after = max_seq();
  for (std::int64_t s = before_seq + 1; s <= after; ++s) written_at_[s] = cursor;
}

void Desk::upsert(const std::string& entity, const std::string& id, const Fields& fields) {
  const std::int64_t at = cursor();
  const std::int64_t before = max_seq();
  auto tx = must(storage::Transaction::begin(ui_->db()), "begin");
  must(ui_->upsert(storage::Actor{"u-" + name_, name_}, entity, id, fields), name_ + " writes " + entity + " " + id);
  must(tx.commit(), "commit");
  remember_new_ops(before, at);
}

void Desk::upsert_all(const std::string& entity, const std::vector<std::pair<std::string, Fields>>& rows) {
  const std::int64_t at = cursor();
  const std::int64_t before = max_seq();
  auto tx = must(storage::Transaction::begin(ui_->db()), "begin");
  for (const auto& [id, fields] : rows) {
    must(ui_->upsert(storage::Actor{"u-" + name_, name_}, entity, id, fields), name_ + " writes " + entity + " " + id);
  }
  must(tx.commit(), "commit");
  remember_new_ops(before, at);
}

void Desk::remove(const std::string& entity, const std::string& id) {
  const std::int64_t at = cursor();
  const std::int64_t before = max_seq();
  auto tx = must(storage::Transaction::begin(ui_->db()), "begin");
  must(ui_->remove(storage::Actor{"u-" + name_, name_}, entity, id), name_ + " deletes " + entity + " " + id);
  must(tx.commit(), "commit");
  remember_new_ops(before, at);
}

std::optional<Fields> Desk::load(const std::string& entity, const std::string& id) {
  return must(ui_->load(entity, id), "load " + entity + " " + id);
}

std::int64_t Desk::count(const std::string& sql) { return must(ui_->db().query_int(sql), sql).value_or(0); }

std::vector<std::string> Desk::texts(const std::string& sql) {
  auto st = must(ui_->db().prepare_uncached(sql), sql);
  std::vector<std::string> out;
  while (must(st.step(), sql)) out.push_back(st.is_null(0) ? std::string() : st.text(0));
  return out;
}

std::int64_t Desk::cursor() { return must(sync::load_sync_state(ui_->db()), "sync state").cursor; }

std::vector<storage::OutboxOp> Desk::outbox() {
  auto st = ui_->db().prepare(
      "SELECT seq, op_id, entity, entity_id, kind, fields, hlc, coalesce(user_id, ''), created_at_ms, state, "
      "attempts, coalesce(result, ''), coalesce(reason, '') FROM outbox ORDER BY seq");
  std::vector<storage::OutboxOp> out;
  while (must(st->step(), "read outbox")) {
    storage::OutboxOp op;
    op.seq = st->int64(0);
    op.op_id = st->text(1);
    op.entity = st->text(2);
    op.entity_id = st->text(3);
    op.kind = st->text(4);
    op.fields = st->text(5);
    op.hlc = st->text(6);
    op.user_id = st->text(7);
    op.created_at_ms = st->int64(8);
    op.state = st->text(9);
    op.attempts = st->int32(10);
    op.result = st->text(11);
    op.reason = st->text(12);
    out.push_back(std::move(op));
  }
  return out;
}

// ---- World ----

World::World(WorldOptions options) {
  if (options.postgres.value_or(test::pg_selected())) {
    pg_ = std::make_unique<test::PgDatabase>();
    server_db_ = pg_->url();
  } else {
    server_db_ = dir_.file("server.db").string();
  }
  run_tool({SIMPUL_SERVER_BIN, "init", "--db", server_db_});
  run_tool({SIMPUL_SERVER_BIN, "seed", "--db", server_db_, "--demo", "--participants",
            std::to_string(options.participants), "--seed", std::to_string(options.demo_seed)});
  admin_ = std::make_unique<ServerAdmin>(server_db_);
  auto facilities = admin_->facilities();
  std::stable_sort(facilities.begin(), facilities.end(),
                   [](const auto& a, const auto& b) { return a.participants > b.participants; });
  if (facilities.size() < 2 || facilities[1].participants == 0) {
    throw std::runtime_error("the demo seed made fewer than two FKTPs with participants");
  }
  facility_ = facilities[0].code;
  other_facility_ = facilities[1].code;
  server_ = std::make_unique<ServerProcess>(server_db_, dir_.path());
  server_->start();
  proxy_ = std::make_unique<test::FaultProxy>(server_->port(), options.proxy_seed);
}

World::~World() {
  desks_.clear();  // engines first: they talk through the proxy
  proxy_.reset();
  server_.reset();
  admin_.reset();
  pg_.reset();  // last: drops the database
}

void World::move_server_to(const std::string& db) {
  const std::uint16_t port = server_->port();
  server_->kill();
  server_ = std::make_unique<ServerProcess>(db, dir_.path(), port, "moved-server");
  server_->start();
  admin_ = std::make_unique<ServerAdmin>(db);
  server_db_ = db;
}

std::string World::proxy_url() const { return "http://127.0.0.1:" + std::to_string(proxy_->port()); }
std::string World::direct_url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

Desk& World::add_desk(const std::string& name, DeskOptions options) {
  if (options.facility.empty()) options.facility = facility_;
  const std::string url = options.through_proxy ? proxy_url() : direct_url();
  desks_.push_back(std::make_unique<Desk>(name, dir_.file(name + ".db").string(), url, options));
  Desk& desk = *desks_.back();
  if (options.enroll) desk.enroll(url, admin_->enroll_code(options.facility));
  return desk;
}

std::int64_t World::metric(const std::string& name, const std::string& labels) {
  auto fd = test::connect_tcp(server_->port());
  if (!fd) throw std::runtime_error("cannot reach the server for /metrics");
  test::set_receive_timeout(fd.get(), 10s);
  test::send_all(fd.get(), "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const std::string text = test::receive_all(fd.get());
  const std::string line = labels.empty() ? name + " " : name + "{" + labels + "} ";
  const auto at = text.find("\n" + line);
  if (at == std::string::npos) return 0;
  return std::stoll(text.substr(at + 1 + line.size()));
}

}  // namespace simpul::scenario
