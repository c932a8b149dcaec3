// The poli caller against a real replica: its buttons follow core allowed_events() for the selected entry's
// state, "call next" follows the service order, and the transitions are stored.
#include "queue_fixture.hpp"
#include "screens/poli/controller.hpp"
#include "screens/poli/presenter.hpp"
#include "simpul/core/queue/state_machine.hpp"

namespace simpul::queue_test {
namespace {

using screens::poli::Action;
using screens::poli::PoliScreen;

TEST(PoliPresenter, EveryActionIsEnabledExactlyWhenTheRulesAllowItsEvent) {
  for (queue::QueueState state : queue::kAllStates) {
    const auto allowed = queue::allowed_events(state);
    for (const auto& button : screens::poli::actions_for(state)) {
      const bool rule = std::find(allowed.begin(), allowed.end(), button.event) != allowed.end();
      EXPECT_EQ(button.enabled, rule) << queue::state_code(state) << " " << queue::event_code(button.event);
    }
  }
}

class PoliTest : public QueueTest {
 protected:
  void open_as(Role role) {
    sign_in("perawat", role);
    screen_ = std::make_unique<PoliScreen>(*app_);
    show(*screen_);
  }
  bool enabled(const char* id) { return ui_.find(id).enabled; }
  queue::QueueState state_of(const std::string& id) {
    return storage::Queue(app_->replica()).get(id).value()->state;
  }
  std::unique_ptr<PoliScreen> screen_;
};

TEST_F(PoliTest, ButtonsFollowTheSelectedPatientsState) {
  const queue::QueueEntry siti = take(siti_, kSitiCard);
  const queue::QueueEntry budi = take(budi_, kBudiCard, "001", queue::Priority::priority);
  open_as(Role::clinician);
  // Nobody called yet: only "call next"; B (prioritas, arrived together) is first in the service order.
  EXPECT_TRUE(enabled("poli.call_next"));
  EXPECT_TRUE(ui_.has_text(std::string("Panggil berikutnya: ") + budi.number)) << ui_.describe();
  for (const char* id : {"poli.action.recall", "poli.action.skip", "poli.action.serve", "poli.action.done",
                         "poli.action.no_show"})
    EXPECT_FALSE(enabled(id)) << id;

  tap("poli.call_next");
  settle();
  EXPECT_EQ(state_of(budi.id), queue::QueueState::called);
  EXPECT_TRUE(ui_.has_text("Dipanggil: " + budi.number)) << ui_.describe();
  EXPECT_TRUE(enabled("poli.action.recall"));
  EXPECT_TRUE(enabled("poli.action.skip"));
  EXPECT_TRUE(enabled("poli.action.serve"));
  EXPECT_TRUE(enabled("poli.action.no_show"));
  EXPECT_FALSE(enabled("poli.action.done"));

  tap("poli.action.serve");
  settle();
  EXPECT_EQ(state_of(budi.id), queue::QueueState::serving);
  EXPECT_TRUE(enabled("poli.action.done"));
  EXPECT_FALSE(enabled("poli.action.recall"));
  EXPECT_FALSE(enabled("poli.action.skip"));
  EXPECT_FALSE(enabled("poli.action.serve"));
  EXPECT_FALSE(enabled("poli.action.no_show"));

  tap("poli.action.done");
  settle();
  EXPECT_EQ(state_of(budi.id), queue::QueueState::done);

  // Next: Siti. Skipped, she waits on the skipped list; a recall brings her back to the door.
  tap("poli.call_next");
  settle();
  tap("poli.action.skip");
  settle();
  EXPECT_EQ(state_of(siti.id), queue::QueueState::skipped);
  EXPECT_FALSE(enabled("poli.call_next"));  // nobody else waits
  tap("poli.row." + siti.id);
  EXPECT_TRUE(enabled("poli.action.recall"));
  EXPECT_FALSE(enabled("poli.action.serve"));  // call her again first
  tap("poli.action.recall");
  settle();
  EXPECT_EQ(state_of(siti.id), queue::QueueState::called);
  tap("poli.action.no_show");
  settle();
  EXPECT_EQ(state_of(siti.id), queue::QueueState::no_show);
}

TEST_F(PoliTest, AMoveMadeElsewhereMeanwhileIsRefusedWithTheRulesReason) {
  const queue::QueueEntry siti = take(siti_, kSitiCard);
  open_as(Role::clinician);
  tap("poli.call_next");
  settle();
  // The desk cancels while the screen still shows "called" (it would notice within its polling interval; the
  // button is pressed before that).
  record_elsewhere(siti.id, queue::QueueEventKind::cancel);
  tap("poli.action.serve");
  settle();
  EXPECT_TRUE(ui_.has_text("Tidak dapat:")) << ui_.describe();
  EXPECT_EQ(state_of(siti.id), queue::QueueState::cancelled);
}

TEST_F(PoliTest, OnlyCliniciansAndAdminsMayCall) {
  take(siti_, kSitiCard);
  open_as(Role::registration);
  EXPECT_TRUE(ui_.has_text("Halaman ini untuk petugas poli."));
  EXPECT_EQ(ui_.try_find("poli.call_next"), nullptr);
}

TEST_F(PoliTest, PolisAreTabsAndTheChoiceIsRemembered) {
  take(siti_, kSitiCard, "003");
  open_as(Role::clinician);
  tap("poli.tab.003");
  EXPECT_TRUE(ui_.has_text("Panggil berikutnya: C-001")) << ui_.describe();
  EXPECT_EQ(app_->replica().setting(screens::poli::kLastPoliSetting), "003");
  PoliScreen again(*app_);
  EXPECT_EQ(again.form().poli_code, "003");
}

}  // namespace
}  // namespace simpul::queue_test
