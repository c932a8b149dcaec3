#include "context/app_context.hpp"

#include <cstdlib>
#include <system_error>

#include "context/restore.hpp"
#include "simpul/sync/client.hpp"
#include "simpul/sync/curl_transport.hpp"
#include "simpul/sync/engine.hpp"
#include "ui/assets.hpp"
#include "ui/i18n.hpp"

namespace simpul::context {
namespace {

constexpr const char* kLanguageSetting = "ui.language";
constexpr const char* kLockSetting = "ui.lock_minutes";

// Connections opened for tasks skip the integrity check: the UI connection did it at start.
storage::OpenOptions task_open_options() {
  storage::OpenOptions o;
  o.create = false;
  o.check_integrity = false;
  return o;
}

std::unique_ptr<sync::Transport> default_transport(const std::string& base_url) {
  return std::make_unique<sync::CurlTransport>(base_url);
}

}  // namespace

std::filesystem::path default_db_path() {
  std::filesystem::path dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    dir = std::filesystem::path(xdg) / "simpul";
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    dir = std::filesystem::path(home) / ".local" / "share" / "simpul";
  } else {
    dir = std::filesystem::current_path();
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // a failure shows up when the replica cannot be opened
  return dir / "replica.db";
}

Result<std::unique_ptr<AppContext>> AppContext::open(ContextOptions options, shell::RunQueue& queue) {
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::instance();
  if (options.db.empty()) options.db = default_db_path();
  if (options.asset_dir.empty()) options.asset_dir = ui::asset_dir();
  const std::optional<Status> restored = apply_scheduled_restore(options.db);  // Admin -> Backup -> Restore
  // The integrity check reads the whole file (over 3 s for a million participants): it runs in a task once the
  // window is up rather than before it (docs/PERFORMANCE.md), and a damaged replica is reported as a notice.
  storage::OpenOptions ui_open;
  ui_open.check_integrity = false;
  auto replica = storage::Replica::open(options.db.string(), clock, ui_open);
  if (!replica.ok()) return replica.error();
  auto regions = RegionTable::load((options.asset_dir / "regions" / "regions.tsv").string());
  if (!regions.ok()) return regions.error();
  auto icd10 = Icd10Catalog::load((options.asset_dir / "icd10" / "fktp.tsv").string());
  if (!icd10.ok()) return icd10.error();
  std::unique_ptr<AppContext> context(new AppContext(std::move(options), queue, std::move(replica).value(),
                                                     std::move(regions).value(), std::move(icd10).value()));
  if (context->replica_->device().enrolled() && context->options_.start_sync) context->start_engine();
  if (restored) context->notify(restored->ok() ? "admin.restore.done" : "admin.restore.failed");
  context->check_integrity();
  return context;
}

void AppContext::check_integrity() {
  start_task("integrity_check", [this](shell::TaskControl&) {
    storage::OpenOptions o = task_open_options();
    o.check_integrity = true;
    auto checked = storage::Database::open(db_path_.string(), o);
    if (!checked.ok() && checked.error().kind == ErrorKind::corrupt) post([this] { notify("replica.corrupt"); });
  });
}

AppContext::AppContext(ContextOptions options, shell::RunQueue& queue, std::unique_ptr<storage::Replica> replica,
                       RegionTable regions, Icd10Catalog icd10)
    : options_(std::move(options)),
      queue_(queue),
      clock_(options_.clock != nullptr ? options_.clock : &SystemClock::instance()),
      db_path_(options_.db),
      asset_dir_(options_.asset_dir),
      replica_(std::move(replica)),
      participants_(*replica_),
      users_(*replica_),
      facilities_(*replica_),
      outbox_(replica_->db()),
      regions_(std::move(regions)),
      icd10_(std::move(icd10)),
      alive_(std::make_shared<AppContext*>(this)) {
  if (!options_.transport) options_.transport = default_transport;
  std::string language = options_.language;
  if (language.empty()) language = replica_->setting(kLanguageSetting).value_or(std::string(i18n::kDefaultLanguage));
  i18n::set_language(language);
  if (auto minutes = replica_->setting(kLockSetting)) {
    const int m = std::atoi(minutes->c_str());
    if (m >= 1 && m <= 240) lock_minutes_ = m;
  }
  last_activity_ms_ = clock_->steady_ms();
  refresh_sync_status();
}

AppContext::~AppContext() {
  *alive_ = nullptr;
  stop_engine();
  for (auto& task : tasks_) task->cancel();
  tasks_.clear();  // joins
}

Result<std::unique_ptr<storage::Replica>> AppContext::open_connection() const {
  return storage::Replica::open(db_path_.string(), *clock_, task_open_options());
}

void AppContext::post(std::function<void()> fn) {
  std::weak_ptr<AppContext*> alive = alive_;
  queue_.post([alive, fn = std::move(fn)] {
    if (auto token = alive.lock(); token && *token != nullptr) fn();
  });
}

// ---- people ----

bool AppContext::needs_first_run() {
  auto n = users_.count();
  return n.ok() && *n == 0;
}

void AppContext::sign_in(const std::string& username, const std::string& password, std::function<void(Status)> done) {
  start_task("sign_in", [this, username, password, done = std::move(done)](shell::TaskControl&) {
    Result<User> user = make_error(ErrorKind::unauthorized, "auth.failed", "wrong user name or password");
    if (auto connection = open_connection(); connection.ok()) {
      user = storage::Users(**connection).authenticate(username, password);
    } else {
      user = connection.error();
    }
    post([this, user = std::move(user), done] {
      if (!user.ok()) {
        done(user.error());
        return;
      }
      start_session(*user);
      done({});
    });
  });
}

void AppContext::create_first_admin(const std::string& username, const std::string& display_name,
                                    const std::string& password, std::function<void(Status)> done) {
  start_task("first_run", [this, username, display_name, password, done = std::move(done)](shell::TaskControl&) {
    Result<User> created = make_error(ErrorKind::permanent, "first_run.failed", "could not create the account");
    if (auto connection = open_connection(); !connection.ok()) {
      created = connection.error();
    } else {
      storage::Users users(**connection);
      auto count = users.count();
      if (!count.ok()) {
        created = count.error();
      } else if (*count > 0) {
        created = make_error(ErrorKind::conflict, "first_run.done", "an account exists already");
      } else {
        User admin;
        admin.username = username;
        admin.display_name = display_name.empty() ? username : display_name;
        admin.role = Role::admin;
        if (auto id = users.create(storage::Actor::system(), admin, password); !id.ok()) {
          created = id.error();
        } else {
          created = users.authenticate(username, password);
        }
      }
    }
    post([this, created = std::move(created), done] {
      if (created.ok()) start_session(*created);
      done(created.ok() ? Status{} : Status{created.error()});
    });
  });
}

Status AppContext::sign_in_now(const std::string& username, const std::string& password) {
  auto user = users_.authenticate(username, password);
  if (!user.ok()) return user.error();
  start_session(*user);
  return {};
}

void AppContext::start_session(const User& user) {
  // The lock screen may be left by the same user (resume) or by another one (a new session).
  const bool resume = session_ && session_->user.id == user.id;
  if (!resume) {
    session_ = Session{user, clock_->now_ms(), false};
    selection_ = {};
  }
  session_->user = user;
  session_->locked = false;
  last_activity_ms_ = clock_->steady_ms();
  notice_.clear();
}

std::string AppContext::first_participant(const std::string& query) {
  if (!query.empty()) {
    auto page = participants_.search(query, 1);
    return page.ok() && !page->items.empty() ? page->items.front().id : std::string();
  }
  auto id = replica_->db().query_text("SELECT id FROM participants ORDER BY rowid LIMIT 1");
  return id.ok() && *id ? **id : std::string();
}

void AppContext::sign_out() {
  session_.reset();
  selection_ = {};
  notice_.clear();
}

storage::Actor AppContext::actor() const {
  if (!session_) return storage::Actor::system();
  return storage::Actor{session_->user.id, session_->user.username};
}

bool AppContext::can(Permission permission) const {
  if (permission == Permission::open) return true;
  return signed_in() && allowed(session_->user.role, permission);
}

// ---- inactivity lock ----

void AppContext::note_activity() { last_activity_ms_ = clock_->steady_ms(); }

void AppContext::check_idle() {
  if (!signed_in()) return;
  const std::int64_t idle = clock_->steady_ms() - last_activity_ms_;
  if (idle >= static_cast<std::int64_t>(lock_minutes_) * 60'000) lock();
}

void AppContext::lock() {
  if (session_) session_->locked = true;
}

Status AppContext::set_lock_minutes(int minutes) {
  if (minutes < 1 || minutes > 240)
    return make_error(ErrorKind::invalid, "settings.lock_minutes", "lock minutes must be 1 to 240");
  SIMPUL_TRY(replica_->set_setting(kLockSetting, std::to_string(minutes)));
  lock_minutes_ = minutes;
  return {};
}

// ---- background work ----

shell::Task& AppContext::start_task(std::string name, shell::Task::Work work) {
  tasks_.push_back(std::make_unique<shell::Task>(std::move(name), std::move(work), [this] { queue_.wake(); }));
  return *tasks_.back();
}

const shell::Task* AppContext::task(std::string_view name) const {
  for (auto it = tasks_.rbegin(); it != tasks_.rend(); ++it)
    if ((*it)->name() == name) return it->get();
  return nullptr;
}

void AppContext::cancel_tasks(std::string_view name) {
  for (auto& task : tasks_)
    if (task->name() == name) task->cancel();
}

void AppContext::reap_tasks() {
  std::erase_if(tasks_, [](const std::unique_ptr<shell::Task>& task) { return task->finished(); });
}

// ---- sync ----

void AppContext::start_engine() {
  sync::EngineOptions engine_options;
  engine_options.db_path = db_path_.string();
  engine_options.open = task_open_options();
  engine_options.client.shared_clocks = {&replica_->hlc()};
  auto engine = sync::SyncEngine::open(std::move(engine_options), *clock_,
                                       options_.transport(replica_->device().server_url));
  if (!engine.ok()) {
    sync_status_.last_error = engine.error().code;
    return;
  }
  engine_ = std::move(engine).value();
  engine_->set_listener([this](const sync::SyncStatus& status) {
    post([this, status] { sync_status_ = status; });
  });
  sync_status_ = engine_->status();
  engine_->start();
}

void AppContext::stop_engine() {
  if (!engine_) return;
  engine_->stop();
  engine_->set_listener({});
  engine_.reset();
}

void AppContext::sync_now() {
  if (engine_) engine_->sync_now();
}

void AppContext::notify_local_change() {
  if (engine_) engine_->notify_local_change();
  refresh_sync_status();
}

void AppContext::refresh_sync_status() {
  if (auto status = sync::read_status(replica_->db()); status.ok()) {
    // The engine knows live things the replica does not (phase in progress, online): keep those.
    if (engine_) {
      sync::SyncStatus live = sync_status_;
      live.pending_ops = status->pending_ops;
      live.rejected_ops = status->rejected_ops;
      live.rejected = status->rejected;
      live.open_conflicts = status->open_conflicts;
      sync_status_ = std::move(live);
    } else {
      sync_status_ = std::move(status).value();
    }
  }
}

void AppContext::enroll(const std::string& server_url, const std::string& facility, const std::string& code,
                        std::function<void(Status)> done) {
  auto transport = std::shared_ptr<sync::Transport>(options_.transport(server_url));
  start_task("enroll", [this, server_url, facility, code, transport, done = std::move(done)](shell::TaskControl&) {
    Status outcome;
    if (auto connection = open_connection(); !connection.ok()) {
      outcome = connection.error();
    } else {
      sync::SyncClient client(**connection, *transport);
      if (auto enrolled = client.enroll(server_url, facility, code); !enrolled.ok()) outcome = enrolled.error();
    }
    post([this, outcome, done] {
      if (outcome.ok() && options_.start_sync && !engine_) start_engine();
      refresh_sync_status();
      done(outcome);
    });
  });
}

// ---- language ----

std::string_view AppContext::language() const { return i18n::language(); }

void AppContext::set_language(std::string_view language) {
  if (!i18n::set_language(language)) return;
  (void)replica_->set_setting(kLanguageSetting, std::string(language));  // a preference: losing it is harmless
}

}  // namespace simpul::context
