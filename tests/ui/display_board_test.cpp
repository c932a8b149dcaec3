// The waiting-room board against a real replica: a call made elsewhere shows within the polling interval (time
// injected), recent calls are listed newest first, a fresh call is highlighted; and the pure board model.
#include "kiosk/public_shell.hpp"
#include "queue_fixture.hpp"
#include "screens/display/controller.hpp"
#include "screens/display/presenter.hpp"

namespace simpul::queue_test {
namespace {

using screens::display::DisplayScreen;

class DisplayTest : public QueueTest {
 protected:
  void start_board() {
    kiosk::PublicShellOptions o;
    o.make_root = [this] { return screens::display::make_display_screen(*app_); };
    shell_ = std::make_unique<kiosk::PublicShell>(*app_, options_, std::move(o));
    ui_.set_frame([this] { shell_->frame(); });
    ui_.frame();
  }
  DisplayScreen& board() { return screen_as<DisplayScreen>(shell_->root()); }
  const screens::display::PoliBoard& umum() { return board().last_view().polis.at(0); }

  shell::Options options_;
  std::unique_ptr<kiosk::PublicShell> shell_;
};

TEST_F(DisplayTest, ACallOnTheSameReplicaShowsWithinThePollingInterval) {
  const queue::QueueEntry a = take(siti_, kSitiCard);
  const queue::QueueEntry b = take(budi_, kBudiCard);
  start_board();
  EXPECT_TRUE(ui_.has_text("Puskesmas Soreang"));
  EXPECT_TRUE(ui_.has_text("07:00"));
  EXPECT_EQ(umum().current, "");
  EXPECT_EQ(umum().waiting, 2);
  EXPECT_TRUE(ui_.has_text("Belum ada panggilan hari ini."));

  record_elsewhere(a.id, queue::QueueEventKind::call);  // the poli caller, on another connection
  const std::int64_t interval = board().poll_interval_ms();
  ASSERT_LE(interval, 500);
  clock_.advance_ms(interval);
  ui_.frame();
  EXPECT_EQ(umum().current, a.number);
  EXPECT_TRUE(umum().fresh);
  EXPECT_TRUE(ui_.has_text(a.number));

  clock_.advance_ms(60'000);
  record_elsewhere(b.id, queue::QueueEventKind::call);
  clock_.advance_ms(interval);
  ui_.frame();
  EXPECT_EQ(umum().current, b.number);
  const auto& recent = board().last_view().recent;
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].number, b.number);
  EXPECT_EQ(recent[1].number, a.number);
  EXPECT_EQ(recent[1].time, "07:00");

  // A recall brings a number back to the top; the highlight fades after a while.
  clock_.advance_ms(60'000);
  record_elsewhere(a.id, queue::QueueEventKind::recall);
  clock_.advance_ms(interval);
  ui_.frame();
  EXPECT_EQ(umum().current, a.number);
  EXPECT_EQ(board().last_view().recent.at(0).number, a.number);
  clock_.advance_ms(screens::display::kFreshSeconds * 1000);
  ui_.frame();
  EXPECT_FALSE(umum().fresh);
}

TEST_F(DisplayTest, NothingIsReadWhileNothingChanges) {
  start_board();
  // Between looks the board does not touch the replica: a change made now is not seen before the interval.
  const queue::QueueEntry a = take(siti_, kSitiCard);
  record_elsewhere(a.id, queue::QueueEventKind::call);
  clock_.advance_ms(board().poll_interval_ms() / 2);
  ui_.frame();
  EXPECT_EQ(umum().current, "");
  clock_.advance_ms(board().poll_interval_ms() / 2);
  ui_.frame();
  EXPECT_EQ(umum().current, a.number);
}

TEST_F(DisplayTest, AReplicaWithoutAFacilitySaysSo) {
  ASSERT_TRUE(app_->replica().set_setting("queue.facility", "").ok());
  start_board();
  EXPECT_TRUE(ui_.has_text("Layar antrean belum terhubung ke fasilitas. Hubungi petugas.")) << ui_.describe();
}

TEST(DisplayPresenter, BoardShowsEachPolisCalledNumberAndWaitingCount) {
  queue_ui::FacilityDay day;
  day.facility_name = "Puskesmas Soreang";
  day.day = Date{2026, 1, 1};
  day.polis.push_back({Poli{"001", "Umum", "A"}, {}, {}});
  day.polis.push_back({Poli{"002", "Gigi", "B"}, {}, {}});
  auto entry = [&](const char* id, const char* poli, const char* number) {
    queue::QueueEntry e;
    e.id = id;
    e.poli = poli;
    e.day = day.day;
    e.number = number;
    return e;
  };
  day.polis[0].entries = {entry("a", "001", "A-101"), entry("b", "001", "A-102")};
  day.polis[1].entries = {entry("c", "002", "B-101")};
  const std::int64_t t0 = 1'767'225'600'000;
  day.polis[0].events = {queue::QueueEvent{"e1", "a", queue::QueueEventKind::call, t0, "", ""}};
  day.polis[1].events = {queue::QueueEvent{"e2", "c", queue::QueueEventKind::call, t0 + 60'000, "", ""},
                         queue::QueueEvent{"e3", "c", queue::QueueEventKind::serve, t0 + 90'000, "", ""}};
  day.polis[0].entries[0].state = queue::QueueState::called;
  day.polis[1].entries[0].state = queue::QueueState::serving;

  const screens::display::View view = screens::display::build_board(day, t0 + 70'000);
  ASSERT_EQ(view.polis.size(), 2u);
  EXPECT_EQ(view.polis[0].current, "A-101");
  EXPECT_EQ(view.polis[0].waiting, 2);  // one called, one waiting
  EXPECT_EQ(view.polis[1].current, "B-101");  // stays on the board while served
  EXPECT_EQ(view.polis[1].waiting, 0);
  EXPECT_FALSE(view.polis[0].fresh);  // 70 s ago
  EXPECT_TRUE(view.polis[1].fresh);   // 10 s ago
  ASSERT_EQ(view.recent.size(), 2u);
  EXPECT_EQ(view.recent[0].number, "B-101");
  EXPECT_EQ(view.recent[0].time, "07:01");
  EXPECT_EQ(view.clock, "07:01");

  const auto later = screens::display::calls_after(day, t0);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].number, "B-101");
  EXPECT_EQ(screens::display::latest_call_ms(day), t0 + 60'000);
}

}  // namespace
}  // namespace simpul::queue_test
