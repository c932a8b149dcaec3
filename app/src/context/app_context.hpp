#pragma once
// The app's data wiring, owned by main() (or a test) and handed to every screen's factory:
//   - the replica, opened on the UI thread (ONE connection, used only there); tasks open their own;
//   - the sync engine (its own connection and thread), started when the replica is enrolled;
//   - reference data (regions, ICD-10), the signed-in session with its role, the interface language;
//   - background tasks whose results come back through the RunQueue (draw code never waits).
// Everything here is UI-thread only unless a comment says otherwise.
//
// For screen authors: reach the data through the repositories (participants(), users(), ...) and always write
// with actor() (the signed-in user); check can(Permission) before applying an intent that changes something.
// Arguments between screens travel in selection(): set it, then navigator.open("change").
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "context/access.hpp"
#include "shell/run_queue.hpp"
#include "shell/task.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/core/icd10.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/core/result.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/users.hpp"
#include "simpul/sync/status.hpp"
#include "simpul/sync/transport.hpp"

namespace simpul::sync {
class SyncEngine;
}

namespace simpul::context {

struct ContextOptions {
  std::filesystem::path db;          // empty: default_db_path()
  std::filesystem::path asset_dir;   // empty: ui::asset_dir()
  std::string language;              // empty: the replica's saved choice, else "id"
  const Clock* clock = nullptr;      // nullptr: the system clock (tests pass a ManualClock)
  bool start_sync = true;            // false: never start the engine (tests, screenshots of an offline desk)
  // Makes the engine's transport (default: libcurl). Tests inject a fake.
  std::function<std::unique_ptr<sync::Transport>(const std::string& base_url)> transport;
};

// $XDG_DATA_HOME/simpul/replica.db, else ~/.local/share/simpul/replica.db (the folder is created).
std::filesystem::path default_db_path();

struct Session {
  User user;
  std::int64_t signed_in_at_ms = 0;  // wall clock
  bool locked = false;               // locked after inactivity: only the lock screen is shown
};

// What the next screen is about (the participant page, change data, a new family member).
struct Selection {
  std::string participant_id;  // the participant being looked at
  std::string family_of;       // "New family member": the participant whose KK the new member joins
  std::string queue_entry_id;  // the poli's "serve": the queue entry the visit record comes from
  // Set only by the kiosk once the person at it confirmed their birth date: the one person the public
  // screening screen may reach (the staff selection above is never read by a public screen).
  std::string kiosk_participant_id;
  std::string complaint_for;   // "Complaint" on the participant page: the complaint is theirs (taken once)
};

inline constexpr int kDefaultLockMinutes = 5;

class AppContext {
 public:
  static Result<std::unique_ptr<AppContext>> open(ContextOptions options, shell::RunQueue& queue);
  // Stops the sync engine and cancels (and joins) every task.
  ~AppContext();
  AppContext(const AppContext&) = delete;
  AppContext& operator=(const AppContext&) = delete;

  // ---- data (UI thread only) ----
  storage::Replica& replica() { return *replica_; }
  storage::Participants& participants() { return participants_; }
  storage::Users& users() { return users_; }
  storage::Facilities& facilities() { return facilities_; }
  storage::Outbox& outbox() { return outbox_; }
  const RegionTable& regions() const { return regions_; }
  const Icd10Catalog& icd10() const { return icd10_; }
  const Clock& clock() const { return *clock_; }
  shell::RunQueue& queue() { return queue_; }
  const std::filesystem::path& db_path() const { return db_path_; }
  const std::filesystem::path& asset_dir() const { return asset_dir_; }
  // A separate connection to the same replica, for a task's thread (connections are never shared).
  Result<std::unique_ptr<storage::Replica>> open_connection() const;
  // Runs `fn` on the UI thread at the next frame, unless this context is gone by then. Any thread.
  void post(std::function<void()> fn);

  // ---- people ----
  // No account exists yet: the first-run screen creates the admin.
  bool needs_first_run();
  // Checks the password (argon2id, slow on purpose) in a task; `done` runs on the UI thread with the
  // outcome. On success the session starts (or, when locked, resumes or switches user). Every failure
  // is the same unauthorized error: the screen must not reveal which user names exist.
  void sign_in(const std::string& username, const std::string& password, std::function<void(Status)> done);
  // The same check, synchronously: for the command line (screenshot mode) before the first frame.
  Status sign_in_now(const std::string& username, const std::string& password);
  void sign_out();
  // First run: creates the administrator account (only while the replica has no account) in a task, then
  // signs it in. `done` on the UI thread.
  void create_first_admin(const std::string& username, const std::string& display_name,
                          const std::string& password, std::function<void(Status)> done);
  const Session* session() const { return session_ ? &*session_ : nullptr; }
  bool signed_in() const { return session_ && !session_->locked; }
  bool locked() const { return session_ && session_->locked; }
  bool demo_session() const { return session_ && session_->user.demo; }
  // The signed-in user, for every write and audit entry. Actor::system() when nobody is signed in.
  storage::Actor actor() const;
  // Permission::open always; anything else needs an unlocked session whose role allows it.
  bool can(Permission permission) const;

  // ---- inactivity lock ----
  void note_activity();  // input seen this frame
  void check_idle();     // called every frame: locks after lock_minutes() without input
  void lock();
  int lock_minutes() const { return lock_minutes_; }
  Status set_lock_minutes(int minutes);  // 1..240, saved in the replica's settings

  // ---- between screens ----
  Selection& selection() { return selection_; }
  // The first participant a search for `query` finds (empty query: the first one on the replica), for
  // opening a participant from the command line. Empty when there is none.
  std::string first_participant(const std::string& query);

  // ---- background work ----
  // Starts `work` on its own thread. The task is kept until it finishes (reap_tasks()). Results come back
  // through post(). Several tasks of one name may run (an old one finishing after cancellation).
  shell::Task& start_task(std::string name, shell::Task::Work work);
  // The newest task of that name, or nullptr.
  const shell::Task* task(std::string_view name) const;
  void cancel_tasks(std::string_view name);
  void reap_tasks();  // every frame: drops finished tasks

  // ---- sync ----
  // The engine's latest status (refreshed from the replica when there is no engine).
  const sync::SyncStatus& sync_status() const { return sync_status_; }
  bool sync_running() const { return engine_ != nullptr; }
  void sync_now();
  // After a local write: the engine pushes soon (debounced) and the status bar counts are refreshed.
  void notify_local_change();
  void refresh_sync_status();
  // Trades the one-time code for a device id (task); on success starts the engine. `done` on the UI thread.
  void enroll(const std::string& server_url, const std::string& facility, const std::string& code,
              std::function<void(Status)> done);

  // ---- language ----
  std::string_view language() const;
  void set_language(std::string_view language);  // switches at once and is remembered in the replica

  // ---- a one-line notice for the user (e.g. "not allowed"), shown by the shell until dismissed ----
  void notify(std::string i18n_key) { notice_ = std::move(i18n_key); }
  const std::string& notice() const { return notice_; }
  void clear_notice() { notice_.clear(); }

 private:
  AppContext(ContextOptions options, shell::RunQueue& queue, std::unique_ptr<storage::Replica> replica,
             RegionTable regions, Icd10Catalog icd10);
  void start_session(const User& user);
  void start_engine();
  // PRAGMA quick_check on a connection of its own, in a task; notice "replica.corrupt" when it fails.
  void check_integrity();
  void stop_engine();

  ContextOptions options_;
  shell::RunQueue& queue_;
  const Clock* clock_;
  std::filesystem::path db_path_;
  std::filesystem::path asset_dir_;
  std::unique_ptr<storage::Replica> replica_;
  storage::Participants participants_;
  storage::Users users_;
  storage::Facilities facilities_;
  storage::Outbox outbox_;
  RegionTable regions_;
  Icd10Catalog icd10_;

  std::optional<Session> session_;
  std::int64_t last_activity_ms_ = 0;  // steady clock
  int lock_minutes_ = kDefaultLockMinutes;
  Selection selection_;
  std::string notice_;

  sync::SyncStatus sync_status_;
  std::unique_ptr<sync::SyncEngine> engine_;

  std::vector<std::unique_ptr<shell::Task>> tasks_;
  // Posted work checks this before touching the context: results may arrive after it is gone.
  std::shared_ptr<AppContext*> alive_;
};

}  // namespace simpul::context
