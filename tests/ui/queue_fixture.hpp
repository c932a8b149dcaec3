#pragma once
// A real replica in a temp folder behind an AppContext (no sync engine, a ManualClock at 2026-01-01 07:00 WIB, a
// Thursday), a facility with three polis whose queue this replica keeps, a few participants, and the headless
// UiHarness: what the kiosk, board, desk-panel and poli-caller tests drive.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "context/app_context.hpp"
#include "shell/screen.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/queue.hpp"
#include "simpul/storage/users.hpp"
#include "support/temp_dir.hpp"
#include "testing/ui_harness.hpp"
#include "ui/i18n.hpp"

namespace simpul::queue_test {

// A whole file's bytes ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  std::string bytes(static_cast<std::size_t>(static_cast<std::streamoff>(in.tellg())), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

// The root screen of a public shell as its concrete type (a test bug when it is not).
template <class S>
S& screen_as(shell::Screen* screen) {
  auto* concrete = dynamic_cast<S*>(screen);
  if (concrete == nullptr) throw std::logic_error("unexpected screen type");
  return *concrete;
}

inline constexpr const char* kFacility = "1004P012";
inline constexpr const char* kPassword = "rahasia-123";

// Siti Rahma, born 5 June 1990 (NIK day 45: a woman).
inline constexpr const char* kSitiNik = "3204104506900001";
inline constexpr const char* kSitiCard = "0001234567890";
// Budi Santoso, born 12 March 1950: 75, a B (prioritas) patient.
inline constexpr const char* kBudiNik = "3204101203500002";
inline constexpr const char* kBudiCard = "0001234567891";

class NullNavigator final : public shell::Navigator {
 public:
  void open(std::string_view screen) override { opened.emplace_back(screen); }
  void back() override { ++backs; }
  void reset(std::string_view) override {}
  std::vector<std::string> opened;
  int backs = 0;
};

class QueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    i18n::set_language("id");
    context::ContextOptions options;
    options.db = dir_.file("replica.db");
    options.asset_dir = SIMPUL_ASSET_DIR;
    options.clock = &clock_;
    options.start_sync = false;
    options.language = "id";
    auto opened = context::AppContext::open(options, ui_.queue());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    app_ = std::move(opened).value();

    Facility f;
    f.code = kFacility;
    f.type = FacilityType::puskesmas;
    f.name = "Puskesmas Soreang";
    f.polis = {Poli{"001", "Umum", "A", 7 * 60 + 30, 14 * 60, 60}, Poli{"002", "Gigi", "B", 8 * 60, 12 * 60, 20},
               Poli{"003", "KIA", "C", 8 * 60, 13 * 60, 40}};
    ASSERT_TRUE(app_->facilities().put(storage::Actor::system(), f).ok());
    ASSERT_TRUE(app_->replica().set_setting("queue.facility", kFacility).ok());
    siti_ = add_participant(kSitiNik, kSitiCard, "Siti Rahma", Date{1990, 6, 5}, Sex::female);
    budi_ = add_participant(kBudiNik, kBudiCard, "Budi Santoso", Date{1950, 3, 12}, Sex::male);
  }

  void TearDown() override { i18n::set_language("id"); }

  std::string add_participant(const char* nik, const char* card, const char* name, Date birth, Sex sex) {
    Participant p;
    p.nik = nik;
    p.card_number = card;
    p.name = name;
    p.birth_date = birth;
    p.sex = sex;
    p.kk_number = "3204101201150003";
    p.relation = FamilyRelation::head;
    p.address.village_code = "3204102001";
    p.address.rt = "002";
    p.address.rw = "005";
    p.segment = Segment::pbpu;
    p.care_class = 3;
    p.fktp = kFacility;
    auto id = app_->participants().create(storage::Actor::system(), p);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : std::string();
  }

  // A number taken at the desk, straight through storage (not through a screen).
  queue::QueueEntry take(const std::string& participant_id, const std::string& card, const std::string& poli = "001",
                         queue::Priority priority = queue::Priority::regular) {
    storage::NewQueueEntry request;
    request.poli = poli;
    request.day = storage::Queue(app_->replica()).today();
    request.card_number = card;
    request.participant_id = participant_id;
    request.priority = priority;
    auto outcome = storage::Queue(app_->replica()).add(storage::Actor::system(), request);
    EXPECT_TRUE(outcome.ok() && outcome->accepted())
        << (outcome.ok() ? (outcome->refusals.empty() ? "" : outcome->refusals.front().en) : outcome.error().message);
    return outcome.ok() ? outcome->ticket.entry : queue::QueueEntry{};
  }

  // A transition recorded on ANOTHER connection, as a poli caller in another process (or a sync) would.
  void record_elsewhere(const std::string& entry_id, queue::QueueEventKind kind) {
    auto connection = app_->open_connection();
    ASSERT_TRUE(connection.ok());
    auto outcome = storage::Queue(**connection).record(storage::Actor::system(), entry_id, kind);
    ASSERT_TRUE(outcome.ok() && outcome->accepted());
  }

  void sign_in(const std::string& username, Role role) {
    User user;
    user.username = username;
    user.display_name = username;
    user.role = role;
    ASSERT_TRUE(app_->users().create(storage::Actor::system(), user, kPassword).ok());
    ASSERT_TRUE(app_->sign_in_now(username, kPassword).ok());
  }

  // Frames until no task of the context runs and their results were posted back.
  void settle() {
    for (int i = 0; i < 2000; ++i) {
      bool running = false;
      for (const char* name : {"queue.write", "kiosk.print", "kiosk.staff"})
        if (const shell::Task* task = app_->task(name); task != nullptr && !task->finished()) running = true;
      if (!running && ui_.queue().empty()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      ui_.frame();
    }
    ui_.frame(2);
  }

  // Shows `screen` in the harness as the staff shell would.
  void show(shell::Screen& screen) {
    screen.on_show();
    ui_.show([this, &screen] {
      shell::ScreenContext context{navigator_, ui_.queue()};
      screen.frame(context);
    });
    ui_.frame();
  }

  // Characters as a USB barcode scanner or a keyboard types them (no text field has focus on the kiosk), then a
  // frame to see what they did.
  void type_keys(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    ui_.frame(2);
  }
  // A click or Enter, then one more frame: a screen applies what was pressed after drawing that frame, so its
  // answer (a message, the next step) shows in the next one, as a person would see it.
  void tap(std::string_view id) {
    ui_.click(id);
    ui_.frame();
  }
  void enter() {
    ui_.press_enter();
    ui_.frame();
  }

  test::TempDir dir_{"simpul-queue-ui"};
  ManualClock clock_{1'767'225'600'000};  // 2026-01-01 07:00 WIB
  testing::UiHarness ui_;
  std::unique_ptr<context::AppContext> app_;
  NullNavigator navigator_;
  std::string siti_;
  std::string budi_;
};

}  // namespace simpul::queue_test
