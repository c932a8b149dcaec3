#pragma once
// A real replica in a temp dir, an AppContext on it (no sync engine, a ManualClock) and the whole AppShell in
// the headless harness: what the desk tests drive.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "context/app_context.hpp"
#include "shell/app_shell.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/storage/bulk.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/users.hpp"
#include "support/temp_dir.hpp"
#include "testing/ui_harness.hpp"
#include "ui/i18n.hpp"

namespace simpul::testing {

class DeskTest : public ::testing::Test {
 protected:
  DeskTest() {
    i18n::set_language("id");
    context::ContextOptions context_options;
    context_options.db = temp.file("replica.db");
    context_options.clock = &clock;
    context_options.start_sync = false;
    context_options.language = "id";
    auto opened = context::AppContext::open(std::move(context_options), ui.queue());
    if (!opened.ok()) throw std::runtime_error("AppContext::open: " + opened.error().message);
    app = std::move(opened).value();
  }
  ~DeskTest() override {
    shell.reset();
    app.reset();
    i18n::set_language("id");
  }

  // Creates an account directly through storage (argon2id: ~0.1 s each).
  std::string add_user(const std::string& username, Role role, const std::string& password = "rahasia-123",
                       bool demo = false) {
    User user;
    user.username = username;
    user.display_name = "Petugas " + username;
    user.role = role;
    user.demo = demo;
    auto id = storage::Users(app->replica()).create(storage::Actor::system(), user, password);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : std::string();
  }

  // Loads the synthetic demo data set (families, bills, payments, visits) straight into the replica.
  const demo::DemoData& load_demo(std::size_t participants = 120) {
    auto regions = RegionTable::load(std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv");
    if (!regions.ok()) throw std::runtime_error(regions.error().message);
    demo::DemoOptions o;
    o.participants = participants;
    o.seed = 7;
    o.today = Date::from_epoch_ms(clock.now_ms());
    auto data = demo::generate(*regions, o);
    if (!data.ok()) throw std::runtime_error(data.error().message);
    demo_ = std::move(data).value();
    auto loaded = storage::load_demo(app->replica(), demo_, "");
    if (!loaded.ok()) throw std::runtime_error(loaded.error().message);
    return demo_;
  }

  void start_shell(shell::Options opts = {}) {
    options = std::move(opts);
    shell = std::make_unique<shell::AppShell>(*app, options);
    ui.set_frame([this] { shell->frame(); });
    ui.frame();
  }

  // Runs frames until `done` holds (background tasks post their results), at most ~10 s of wall time.
  bool frames_until(const std::function<bool()>& done, int max_frames = 1000) {
    for (int i = 0; i < max_frames; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      ui.frame();
    }
    return done();
  }

  // Signs in through the login screen like a person would.
  void sign_in(const std::string& username, const std::string& password = "rahasia-123") {
    ui.type_into("login.username", username);
    ui.type_into("login.password", password);
    ui.press_enter();
    frames_until([this] { return app->task("sign_in") == nullptr || app->task("sign_in")->finished(); });
    ui.frame(3);
  }

  std::string current() const { return std::string(shell->current_screen()); }

  simpul::test::TempDir temp{"simpul-desk"};
  ManualClock clock{1'773'532'800'000};  // 2026-03-15
  UiHarness ui;
  std::unique_ptr<context::AppContext> app;
  shell::Options options;
  std::unique_ptr<shell::AppShell> shell;
  demo::DemoData demo_;
};

}  // namespace simpul::testing
