#pragma once
// Shared set-up for the registration, change-data and admin screen tests: a REAL replica in a temp folder behind
// an AppContext (no sync engine), a headless UiHarness, a few facilities, and signed-in staff.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "context/app_context.hpp"
#include "shell/screen.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/storage/outbox.hpp"
#include "support/temp_dir.hpp"
#include "testing/ui_harness.hpp"
#include "ui/i18n.hpp"

namespace simpul::forms_test {

// Remembers where a screen asked to go.
class RecordingNavigator final : public shell::Navigator {
 public:
  void open(std::string_view screen) override { opened.emplace_back(screen); }
  void back() override { ++backs; }
  void reset(std::string_view screen) override { opened.emplace_back(screen); }
  std::vector<std::string> opened;
  int backs = 0;
};

inline constexpr const char* kPassword = "rahasia-123";
inline constexpr const char* kPuskesmas = "1004P012";  // Puskesmas Soreang, the desk's own facility
inline constexpr const char* kKlinik = "1004K020";
inline constexpr const char* kDpp = "1004D031";
inline constexpr const char* kDpg = "1004G040";
inline constexpr const char* kHospital = "1004R001";

inline Facility facility(const char* code, FacilityType type, const char* name, double lat, double lon,
                         bool poli_gigi = false) {
  Facility f;
  f.code = code;
  f.type = type;
  f.name = name;
  f.latitude = lat;
  f.longitude = lon;
  f.polis.push_back(Poli{"001", "Umum", "A"});
  if (poli_gigi) f.polis.push_back(Poli{"002", "Gigi", "B"});
  return f;
}

class FormsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    i18n::set_language("en");
    context::ContextOptions options;
    options.db = dir_.file("replica.db");
    options.asset_dir = SIMPUL_ASSET_DIR;
    options.clock = &clock_;
    options.start_sync = false;
    options.language = "en";
    auto opened = context::AppContext::open(options, ui_.queue());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    app_ = std::move(opened).value();
    const storage::Actor system = storage::Actor::system();
    for (const Facility& f : {facility(kPuskesmas, FacilityType::puskesmas, "Puskesmas Soreang", -7.03, 107.52, true),
                              facility(kKlinik, FacilityType::klinik, "Klinik Pratama Sehat", -7.00, 107.55),
                              facility(kDpp, FacilityType::dpp, "dr. Rina Praktik", -7.05, 107.50),
                              facility(kDpg, FacilityType::dpg, "drg. Budi Praktik Gigi", -7.06, 107.51),
                              facility(kHospital, FacilityType::hospital, "RSUD Soreang", -7.02, 107.53)}) {
      ASSERT_TRUE(app_->facilities().put(system, f).ok());
    }
  }

  void TearDown() override { i18n::set_language("id"); }

  // Creates an account and signs it in (argon2id: a tenth of a second each).
  void sign_in(const std::string& username, Role role) {
    User user;
    user.username = username;
    user.display_name = username;
    user.role = role;
    ASSERT_TRUE(app_->users().create(storage::Actor::system(), user, kPassword).ok());
    ASSERT_TRUE(app_->sign_in_now(username, kPassword).ok());
  }

  // A registered participant (the replica's own write path), returned as stored.
  Participant add_participant(Participant p) {
    auto id = app_->participants().create(storage::Actor::system(), p);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    auto stored = app_->participants().get(id.ok() ? *id : std::string());
    return stored.ok() && stored->has_value() ? **stored : Participant{};
  }

  std::int64_t participant_count() { return app_->participants().count().value_or(-1); }
  std::int64_t pending_ops() {
    storage::Outbox outbox(app_->replica().db());
    auto counts = outbox.counts();
    return counts.ok() ? counts->pending : -1;
  }

  // Frames until the named task of the context is done and its result has been posted back.
  void finish_task(const char* name) {
    // The task runs on its own thread; its result reaches the UI through the run queue.
    while (const shell::Task* task = app_->task(name)) {
      if (task->finished()) break;
      std::this_thread::yield();
    }
    ui_.frame(2);
  }

  // Clicks, then draws one more frame: what the click changed is on screen.
  void click(std::string_view query) {
    ui_.click(query);
    ui_.frame();
  }

  // Types, then draws one more frame: the controller builds the view before drawing, so what the typing
  // changed (a decoded NIK, a finding) shows in the frame after it.
  void type_into(std::string_view query, std::string_view text) {
    ui_.type_into(query, text);
    ui_.frame();
  }
  void type(std::string_view text) {
    ui_.type(text);
    ui_.frame();
  }

  // Shows `screen` in the harness as the shell would.
  void show(shell::Screen& screen) {
    screen.on_show();
    ui_.show([this, &screen] {
      shell::ScreenContext context{navigator_, ui_.queue()};
      screen.frame(context);
    });
    ui_.frame();
  }

  test::TempDir dir_{"simpul-forms"};
  ManualClock clock_{1'767'225'600'000};  // 2026-01-01 07:00 WIB
  testing::UiHarness ui_;
  std::unique_ptr<context::AppContext> app_;
  RecordingNavigator navigator_;
};

}  // namespace simpul::forms_test
