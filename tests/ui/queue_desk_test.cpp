// The desk's queue panel against a real replica: find a participant by card number, put them in a poli's queue,
// see the overview, cancel; refusals come from the booking rules.
#include "queue_fixture.hpp"
#include "screens/participant/controller.hpp"
#include "screens/queue_desk/controller.hpp"
#include "screens/queue_desk/presenter.hpp"

namespace simpul::queue_test {
namespace {

using screens::queue_desk::QueueDeskScreen;

class QueueDeskTest : public QueueTest {
 protected:
  void open_as(Role role) {
    sign_in("rina", role);
    screen_ = std::make_unique<QueueDeskScreen>(*app_);
    show(*screen_);
  }
  std::unique_ptr<QueueDeskScreen> screen_;
};

TEST_F(QueueDeskTest, EnrolsAParticipantFoundByCardAndCancels) {
  take(budi_, kBudiCard);
  open_as(Role::registration);
  EXPECT_TRUE(ui_.has_text("Antrean hari ini 01-01-2026"));
  ui_.type_into("qdesk.lookup", kSitiCard);
  tap("qdesk.find");
  ASSERT_TRUE(ui_.has_text("Siti Rahma")) << ui_.describe();
  tap("qdesk.poli.001");
  ui_.type_into("qdesk.complaint", "demam");
  tap("qdesk.enroll");
  settle();
  EXPECT_TRUE(ui_.has_text("Masuk antrean: A-002 (1 orang)")) << ui_.describe();
  const auto items = storage::Queue(app_->replica()).list(storage::Queue(app_->replica()).today(), "001").value();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].entry.source, queue::Source::desk);
  EXPECT_EQ(items[1].entry.complaint, "demam");

  // The overview counts both; the person's card lists the new number with a cancel button.
  const auto& umum = screen_->last_view().polis.at(0);
  EXPECT_EQ(umum.counts.waiting, 2);
  ASSERT_EQ(screen_->last_view().person->bookings.size(), 1u);
  const std::string entry = screen_->last_view().person->bookings[0].entry_id;
  EXPECT_FALSE(ui_.find("qdesk.poli.001").enabled);  // one number per card, poli and day
  tap("qdesk.cancel." + entry);
  settle();
  EXPECT_TRUE(ui_.has_text("Dibatalkan: A-002")) << ui_.describe();
  EXPECT_EQ(storage::Queue(app_->replica()).get(entry).value()->state, queue::QueueState::cancelled);
  EXPECT_TRUE(ui_.find("qdesk.poli.001").enabled);  // a cancelled booking can be made again
}

TEST_F(QueueDeskTest, TheParticipantFromTheParticipantPageIsPreselected) {
  app_->selection().participant_id = budi_;
  open_as(Role::admin);
  app_->selection().participant_id = budi_;  // signing in starts a fresh selection; the page sets it again
  screen_->on_show();
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("Budi Santoso"));
  EXPECT_TRUE(ui_.has_text("Disarankan B: usia 60 tahun ke atas."));
}

TEST_F(QueueDeskTest, TheParticipantPageOpensThePanelForItsParticipant) {
  sign_in("rina", Role::registration);
  app_->selection().participant_id = siti_;
  screens::participant::ParticipantScreen page(*app_);
  show(page);
  tap("participant.queue");
  ASSERT_EQ(navigator_.opened, std::vector<std::string>{"queue_desk"});
  EXPECT_EQ(app_->selection().participant_id, siti_);

  app_->sign_out();
  sign_in("viewer", Role::viewer);  // may look people up, not queue them
  app_->selection().participant_id = siti_;
  screens::participant::ParticipantScreen view_only(*app_);
  show(view_only);
  EXPECT_EQ(ui_.try_find("participant.queue"), nullptr);
}

TEST_F(QueueDeskTest, UnknownNumbersAndOtherRolesAreRefused) {
  open_as(Role::registration);
  ui_.type_into("qdesk.lookup", "12345");
  tap("qdesk.find");
  EXPECT_TRUE(ui_.has_text("Ketik 13 angka nomor kartu atau 16 angka NIK."));
  screen_->form().lookup = "9999999999999";
  tap("qdesk.find");
  EXPECT_TRUE(ui_.has_text("Tidak ada peserta dengan nomor 9999999999999"));

  app_->sign_out();
  sign_in("dokter", Role::clinician);
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("Halaman ini untuk petugas pendaftaran."));
}

TEST(QueueDeskPresenter, CountsEveryState) {
  std::vector<queue::QueueEntry> entries(7);
  for (std::size_t i = 0; i < entries.size(); ++i) entries[i].state = queue::kAllStates[i];
  const auto c = screens::queue_desk::count_states(entries);
  EXPECT_EQ(c.waiting + c.called + c.serving + c.done + c.skipped + c.no_show + c.cancelled, 7);
  EXPECT_EQ(c.serving, 1);
}

}  // namespace
}  // namespace simpul::queue_test
