// The sync screen against a real replica: a change the server rejected is listed with its reason, can be
// resent (back to the queue) or discarded after a confirmation; both are audited.
#include <gtest/gtest.h>

#include "desk_fixture.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/storage/outbox.hpp"

namespace simpul::testing {
namespace {

class DeskSync : public DeskTest {
 protected:
  void SetUp() override {
    load_demo(40);
    add_user("siti", Role::registration);
    add_user("tamu", Role::viewer);
    participant = demo_.participants.front();
    // A local change, pushed and refused by the server.
    auto changed = storage::Participants(app->replica()).update(storage::Actor{"u1", "siti"}, participant.id,
                                                                 storage::Fields{{"phone", "+6281234567890"}});
    ASSERT_TRUE(changed.ok());
    auto ops = outbox().list("pending");
    ASSERT_TRUE(ops.ok());
    for (const auto& op : *ops)
      if (op.entity == "participant") seq = op.seq;
    ASSERT_GT(seq, 0);
    ASSERT_TRUE(outbox().mark_sent({seq}).ok());
    ASSERT_TRUE(outbox().reject(seq, "phone.invalid: nomor tidak aktif").ok());
    app->refresh_sync_status();
  }

  storage::Outbox outbox() { return storage::Outbox(app->replica().db()); }
  std::int64_t count(const char* state) { return static_cast<std::int64_t>(outbox().list(state).value().size()); }

  void open_rejected(const char* user = "siti") {
    start_shell();
    sign_in(user);
    ui.click("nav.sync");
    ui.frame(2);
    ASSERT_EQ(current(), "sync");
    ui.click("sync.tab.rejected");
    ui.frame();
  }

  Participant participant;
  std::int64_t seq = 0;
};

TEST_F(DeskSync, RejectedChangeShowsItsReasonAndTheStatusBarCountsIt) {
  open_rejected();
  EXPECT_TRUE(ui.has_text("phone.invalid: nomor tidak aktif"));
  EXPECT_TRUE(ui.has_text(participant.name + " (participant)"));
  EXPECT_TRUE(ui.has_text("Ditolak: 1"));
}

TEST_F(DeskSync, ResendPutsTheChangeBackInTheQueue) {
  open_rejected();
  const auto pending_before = count("pending");
  ui.click("sync.resend." + std::to_string(seq));
  ui.frame(2);
  EXPECT_EQ(count("rejected"), 0);
  EXPECT_EQ(count("pending"), pending_before + 1);
  EXPECT_TRUE(ui.has_text("Dikirim ulang: menunggu kirim."));
  EXPECT_TRUE(ui.has_text("Ditolak: 0"));
  ui.click("sync.tab.pending");
  ui.frame();
  EXPECT_TRUE(ui.has_text(participant.name + " (participant)"));
  EXPECT_EQ(*app->replica().db().query_int(
                "SELECT count(*) FROM audit_log WHERE action = 'outbox-resend' AND username = 'siti'")
                 .value(),
            1);
}

TEST_F(DeskSync, DiscardAsksForConfirmationFirst) {
  open_rejected();
  ui.click("sync.discard." + std::to_string(seq));
  ui.frame();
  EXPECT_TRUE(ui.has_text("Buang perubahan ini? Tidak bisa dibatalkan."));
  EXPECT_EQ(count("rejected"), 1);  // nothing happened yet

  ui.click("sync.discard.no." + std::to_string(seq));
  ui.frame();
  EXPECT_FALSE(ui.has_text("Buang perubahan ini?"));
  EXPECT_EQ(count("rejected"), 1);

  ui.click("sync.discard." + std::to_string(seq));
  ui.frame();
  ui.click("sync.discard.yes." + std::to_string(seq));
  ui.frame(2);
  EXPECT_EQ(count("rejected"), 0);
  EXPECT_EQ(count("discarded"), 1);
  EXPECT_TRUE(ui.has_text("Perubahan dibuang."));
  EXPECT_EQ(*app->replica().db().query_int(
                "SELECT count(*) FROM audit_log WHERE action = 'outbox-discard' AND username = 'siti'")
                 .value(),
            1);
}

TEST_F(DeskSync, ViewerSeesTheListButCannotAct) {
  open_rejected("tamu");
  EXPECT_TRUE(ui.has_text("phone.invalid: nomor tidak aktif"));
  EXPECT_FALSE(ui.find("sync.resend." + std::to_string(seq)).enabled);
  EXPECT_FALSE(ui.find("sync.discard." + std::to_string(seq)).enabled);
}

TEST_F(DeskSync, ParticipantPageShowsTheRejection) {
  start_shell();
  sign_in("siti");
  app->selection().participant_id = participant.id;
  shell->open("participant");
  ui.frame(3);
  EXPECT_TRUE(ui.has_text("Ditolak server: phone.invalid: nomor tidak aktif"));
}

TEST_F(DeskSync, KeepMineRewritesTheFieldAndResolvesTheConflict) {
  // A conflict as the server sends it down: another desk's e-mail won, the one written here lost.
  HlcTimestamp theirs{clock.now_ms(), 0, "other-device"};
  HlcTimestamp mine{clock.now_ms() - 1000, 0, app->replica().hlc().node()};
  const storage::Fields conflict{{"entity", "participant"},    {"entity_id", participant.id},
                                 {"field", "email"},           {"winner_value", "lain@example.org"},
                                 {"loser_value", "saya@example.org"}, {"winner_hlc", theirs.encode()},
                                 {"loser_hlc", mine.encode()}, {"detected_at_ms", clock.now_ms()},
                                 {"resolved", 0}};
  {
    auto tx = storage::Transaction::begin(app->replica().db());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(app->replica().apply_remote("conflict", "c1", &conflict).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  app->refresh_sync_status();
  start_shell();
  sign_in("siti");
  ui.click("nav.sync");
  ui.frame(2);
  ui.click("sync.tab.conflicts");
  ui.frame();
  EXPECT_TRUE(ui.has_text("lain@example.org"));
  EXPECT_TRUE(ui.has_text("Nilai dari perangkat ini (tidak dipakai): saya@example.org"));
  ui.click("sync.conflict.mine.0");
  ui.frame(2);
  EXPECT_TRUE(ui.has_text("Konflik diselesaikan."));
  auto row = app->replica().load("participant", participant.id);
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ((**row)["email"], "saya@example.org");
  auto resolved = app->replica().load("conflict", "c1");
  ASSERT_TRUE(resolved.ok() && *resolved);
  EXPECT_EQ((**resolved)["resolved"], 1);
  EXPECT_EQ((**resolved)["resolution"], "kept-loser");
  EXPECT_EQ(app->sync_status().open_conflicts, 0);
}

}  // namespace
}  // namespace simpul::testing
