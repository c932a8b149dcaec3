// Search as you type against a real replica (demo data), the participant page and its audit, ratings.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "desk_fixture.hpp"
#include "screens/participant/controller.hpp"
#include "simpul/storage/outbox.hpp"

namespace simpul::testing {
namespace {

class DeskParticipant : public DeskTest {
 protected:
  void SetUp() override {
    load_demo();
    add_user("siti", Role::registration);
    add_user("tamu", Role::viewer);
  }

  // A member of a family with at least two people and a card number.
  const Participant& family_member() {
    for (const auto& f : demo_.families)
      if (f.size >= 2 && !demo_.participants[f.first].card_number.empty()) return demo_.participants[f.first];
    throw std::runtime_error("no family in the demo data");
  }

  bool results_arrived() { return ui.try_find("search.row.0") != nullptr; }

  std::int64_t views_of(const std::string& id, const std::string& username) {
    auto st = app->replica().db().prepare(
        "SELECT count(*) FROM audit_log WHERE entity = 'participant' AND entity_id = ?1 AND action = 'view' "
        "AND username = ?2");
    st->bind(1, id).bind(2, username);
    EXPECT_TRUE(st->step().value());
    return st->int64(0);
  }
};

TEST_F(DeskParticipant, TypingANikFindsTheParticipantAndEnterOpensThePage) {
  const Participant& p = family_member();
  start_shell();
  sign_in("siti");
  ASSERT_EQ(current(), "search");
  ui.type(p.nik.substr(0, 10));  // the field has focus: no click needed
  ASSERT_TRUE(frames_until([this] { return results_arrived(); }));
  EXPECT_TRUE(ui.has_text(p.name));
  ui.type(p.nik.substr(10));
  ASSERT_TRUE(frames_until([&] { return ui.has_text("1 peserta"); }));
  ui.press_enter();
  ui.frame(2);
  ASSERT_EQ(current(), "participant");
  EXPECT_EQ(app->selection().participant_id, p.id);
  EXPECT_TRUE(ui.has_text(p.card_number));
  EXPECT_EQ(views_of(p.id, "siti"), 1);
}

TEST_F(DeskParticipant, ArrowKeysMoveThroughTheResults) {
  start_shell();
  sign_in("siti");
  ui.type("a");
  ASSERT_TRUE(frames_until([this] { return ui.try_find("search.row.2") != nullptr; }));
  const std::string third = ui.find("search.row.2").text;
  // A frame between presses: the key is seen released before it goes down again.
  for (ui::Key key : {ui::Key::down, ui::Key::down, ui::Key::down, ui::Key::up}) {
    ui.press(key);
    ui.frame();
  }
  ui.press_enter();
  ui.frame(2);
  ASSERT_EQ(current(), "participant");
  EXPECT_TRUE(ui.has_text(third));
}

TEST_F(DeskParticipant, PageShowsFamilyCardAndRecordsTheView) {
  const Participant& p = family_member();
  start_shell();
  sign_in("siti");
  app->selection().participant_id = p.id;
  shell->open("participant");
  ui.frame(3);
  ASSERT_EQ(current(), "participant");
  EXPECT_TRUE(ui.has_text(p.name));
  EXPECT_TRUE(ui.has_text(p.card_number));
  EXPECT_TRUE(ui.has_text("Anggota keluarga (KK yang sama)"));
  // Every other member of the KK is listed and opens with a click.
  std::vector<const Participant*> others;
  for (const auto& q : demo_.participants)
    if (q.kk_number == p.kk_number && q.id != p.id) others.push_back(&q);
  ASSERT_FALSE(others.empty());
  for (const Participant* q : others) EXPECT_TRUE(ui.has_text(q->name)) << q->name;
  EXPECT_EQ(views_of(p.id, "siti"), 1);

  ui.click(others.front()->name);
  ui.frame(2);
  EXPECT_EQ(app->selection().participant_id, others.front()->id);
  EXPECT_EQ(views_of(others.front()->id, "siti"), 1);
  ui.click("common.back");
  ui.frame(2);
  EXPECT_EQ(app->selection().participant_id, p.id);

  ui.click("participant.tab.audit");
  ui.frame();
  EXPECT_TRUE(ui.has_text("dilihat"));
}

// An admin sees every action (the desk's, the poli's and the complaint): all of them inside the window, in both
// languages, and each opens its screen.
TEST_F(DeskParticipant, AdminSeesEveryActionButtonInsideTheWindow) {
  const Participant& p = family_member();
  add_user("kepala", Role::admin);
  start_shell();
  sign_in("kepala");
  for (const char* lang : {"id", "en"}) {
    app->set_language(lang);
    app->selection().participant_id = p.id;
    shell->open("participant");
    ui.frame(3);
    ASSERT_EQ(current(), "participant");
    for (const char* id : {"participant.change_data", "participant.new_member", "participant.queue",
                           "participant.visit", "participant.screening", "participant.complaint", "common.back"}) {
      const ui::probe::Item* item = ui.try_find(id);
      ASSERT_NE(item, nullptr) << id << " (" << lang << ")";
      EXPECT_GE(item->min.x, 0.0f) << id << " (" << lang << ")";
      EXPECT_LE(item->max.x, ImGui::GetIO().DisplaySize.x) << id << " (" << lang << ")";
    }
  }
  ui.click("participant.complaint");
  ui.frame(2);
  EXPECT_EQ(current(), "complaints");
  app->selection().participant_id = p.id;
  shell->open("participant");
  ui.frame(3);
  ui.click("participant.visit");
  ui.frame(2);
  EXPECT_EQ(current(), "visit");
}

TEST_F(DeskParticipant, ViewerSeesMaskedNikAndNoEditButtons) {
  const Participant& p = family_member();
  start_shell();
  sign_in("tamu");
  app->selection().participant_id = p.id;
  shell->open("participant");
  ui.frame(3);
  ASSERT_EQ(current(), "participant");
  EXPECT_FALSE(ui.has_text(p.nik));
  EXPECT_TRUE(ui.has_text(p.nik.substr(0, 6) + "******" + p.nik.substr(12)));
  EXPECT_EQ(ui.try_find("participant.change_data"), nullptr);
  EXPECT_EQ(ui.try_find("participant.new_member"), nullptr);
  EXPECT_EQ(views_of(p.id, "tamu"), 1);
}

TEST_F(DeskParticipant, RatingAVisitIsSavedAsAChangeForSync) {
  // A participant with at least one past visit.
  std::string id;
  for (const auto& v : demo_.visits) {
    id = demo_.participants[v.participant].id;
    break;
  }
  ASSERT_FALSE(id.empty());
  start_shell();
  sign_in("siti");
  app->selection().participant_id = id;
  shell->open("participant");
  ui.frame(3);
  ui.click("participant.tab.services");
  ui.frame();
  ui.click("participant.rate.0");
  ui.frame();
  ui.click("participant.rate.star4");
  ui.type_into("participant.rate.comment", "Pelayanan cepat");
  ui.click("participant.rate.save");
  ui.frame(2);
  EXPECT_TRUE(ui.has_text("Pelayanan cepat"));
  auto pending = storage::Outbox(app->replica().db()).list("pending");
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(std::any_of(pending->begin(), pending->end(), [](const auto& op) { return op.entity == "rating"; }));
}

TEST_F(DeskParticipant, CardIsSavedAsPngAndPrintedToTheConfiguredTarget) {
  const Participant& p = family_member();
  const auto printer = temp.path() / "printer";
  std::filesystem::create_directories(printer);
  ASSERT_TRUE(app->replica().set_setting("print.target", printer.string()).ok());
  start_shell();
  sign_in("siti");
  app->selection().participant_id = p.id;
  shell->open("participant");
  ui.frame(3);

  ui.click("participant.card.png");
  ASSERT_TRUE(frames_until([this] { return ui.has_text("Kartu disimpan:"); }));
  const auto png = temp.path() / "exports" / ("kartu-" + p.card_number + ".png");
  EXPECT_TRUE(std::filesystem::exists(png));
  EXPECT_GT(std::filesystem::file_size(png), 1000u);

  ui.click("participant.card.print");
  ASSERT_TRUE(frames_until([this] { return ui.has_text("Kartu dikirim ke printer:"); }));
  EXPECT_TRUE(std::filesystem::exists(printer / ("kartu-" + p.card_number + ".pdf")));
}

TEST_F(DeskParticipant, AuditSummaryShowsBeforeAndAfter) {
  storage::AuditEntry e;
  e.action = "update";
  e.before = {{"class", 3}};
  e.after = {{"class", 2}};
  EXPECT_EQ(screens::participant::audit_summary(e), "class: 3 \u2192 2");
}

}  // namespace
}  // namespace simpul::testing
