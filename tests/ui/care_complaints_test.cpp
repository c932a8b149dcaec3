// The complaints screen on a real replica: opened from the participant page, bad input refused with messages
// in the user's language and nothing written (what was typed stays), good input stored with an outbox op, and
// the server's answer shown once a pull brings it. A viewer may not open it.
#include <gtest/gtest.h>

#include "desk_fixture.hpp"
#include "simpul/storage/complaints.hpp"
#include "simpul/storage/outbox.hpp"

namespace simpul::testing {
namespace {

class DeskComplaints : public DeskTest {
 protected:
  void SetUp() override {
    load_demo(40);
    facility = demo_.facilities.front().code;
    ASSERT_TRUE(app->replica().set_setting("facility", facility).ok());
    add_user("siti", Role::registration);
    add_user("tamu", Role::viewer);
    person = demo_.participants.front();
  }

  std::int64_t complaints_stored() {
    return *app->replica().db().query_int("SELECT count(*) FROM complaints").value();
  }
  std::int64_t complaint_ops() {
    std::int64_t n = 0;
    const auto ops = storage::Outbox(app->replica().db()).list("pending");
    for (const auto& op : *ops)
      if (op.entity == "complaint") ++n;
    return n;
  }

  // Signs in as siti and opens the complaints screen from the participant page.
  void open_from_participant() {
    start_shell();
    sign_in("siti");
    app->selection().participant_id = person.id;
    shell->open("participant");
    ui.frame(2);
    ASSERT_EQ(current(), "participant");
    ui.click("participant.complaint");
    ui.frame(2);
    ASSERT_EQ(current(), "complaints") << ui.describe();
  }

  std::string facility;
  Participant person;
};

TEST_F(DeskComplaints, BadInputIsRefusedWithAMessageAndNothingIsWrittenOrLost) {
  open_from_participant();
  EXPECT_TRUE(ui.has_text(person.name));
  ui.type("pendek");  // the text field has focus; too short, and no category chosen
  ui.press_enter();
  ui.frame();
  EXPECT_TRUE(ui.has_text("Pengaduan belum disimpan: perbaiki isian yang ditandai.")) << ui.describe();
  EXPECT_TRUE(ui.has_text("Isi pengaduan 10 sampai 4000 karakter."));
  EXPECT_TRUE(ui.has_text("Kategori: layanan"));
  EXPECT_EQ(complaints_stored(), 0);
  EXPECT_EQ(complaint_ops(), 0);
  EXPECT_EQ(ui.find("complaint.text").value, "pendek");  // what was typed is kept

  ui.click("nav.language");
  ui.frame(2);
  EXPECT_TRUE(ui.has_text("Not saved yet: fix the marked fields."));
  EXPECT_TRUE(ui.has_text("The complaint text must be 10 to 4000 characters."));
}

TEST_F(DeskComplaints, GoodInputIsStoredWithAnOutboxOpAndTheServersAnswerAppearsAfterAPull) {
  open_from_participant();
  ui.type_into("complaint.text", "sekali: antrean poli umum lebih dari tiga jam");
  ui.click("complaint.category.layanan");
  ui.click("complaint.contact.phone");
  ui.click("complaint.submit");
  ui.frame();
  EXPECT_TRUE(ui.has_text("Pengaduan tersimpan dan akan dikirim saat sinkronisasi.")) << ui.describe();
  ASSERT_EQ(complaints_stored(), 1);
  EXPECT_EQ(complaint_ops(), 1);
  auto list = storage::Complaints(app->replica()).for_participant(person.id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  const storage::Complaint saved = list->front();
  EXPECT_EQ(saved.text, "sekali: antrean poli umum lebih dari tiga jam");
  EXPECT_EQ(saved.category, "layanan");
  EXPECT_EQ(saved.contact, "phone");
  EXPECT_EQ(saved.facility, facility);
  EXPECT_EQ(ui.find("complaint.text").value, "");  // the form is ready for the next one
  EXPECT_TRUE(ui.has_text("Terbuka \u00B7 belum terkirim"));
  EXPECT_TRUE(ui.has_text(saved.text));

  // The server saw it and an operator answered (simpul-server answer-complaint); the pull applies its state.
  storage::Outbox outbox(app->replica().db());
  const auto ops = outbox.list("pending");
  ASSERT_TRUE(ops.ok());
  for (const auto& op : *ops) {
    ASSERT_TRUE(outbox.mark_sent({op.seq}).ok());
    ASSERT_TRUE(outbox.confirm(op.seq, "ok").ok());
  }
  auto row = app->replica().load("complaint", saved.id);
  ASSERT_TRUE(row.ok() && row->has_value());
  storage::Fields fields = **row;
  fields.erase("id");
  fields["status"] = "answered";
  fields["answer"] = "Jadwal dokter poli umum ditambah mulai Senin.";
  fields["answered_at"] = "2026-03-16T02:00:00Z";
  ASSERT_TRUE(app->replica().apply_remote("complaint", saved.id, &fields).ok());
  clock.advance_ms(60'000);
  ui.click("complaint.refresh");
  ui.frame();
  EXPECT_TRUE(ui.has_text("Jadwal dokter poli umum ditambah mulai Senin.")) << ui.describe();
  EXPECT_TRUE(ui.has_text("Dijawab"));
  EXPECT_FALSE(ui.has_text("belum terkirim"));
  EXPECT_TRUE(ui.has_text("Jawaban (16-03-2026)"));

  // The facility's list from the menu, filtered by status.
  ui.press_escape();
  ui.frame(2);
  ui.click("nav.more");
  ui.frame();
  ui.click("nav.complaints");
  ui.frame(2);
  ASSERT_EQ(current(), "complaints");
  EXPECT_TRUE(ui.has_text("Pengaduan di faskes ini"));
  EXPECT_TRUE(ui.has_text("Jadwal dokter poli umum ditambah mulai Senin."));
  ui.click("complaint.filter.open");
  ui.frame();
  EXPECT_FALSE(ui.has_text("Jadwal dokter poli umum ditambah mulai Senin."));
  EXPECT_TRUE(ui.has_text("Belum ada pengaduan."));
}

TEST_F(DeskComplaints, AnUnsavedTextStaysWithItsParticipant) {
  open_from_participant();
  ui.type("Obat habis dua kali minggu ini");
  ui.frame();
  ui.press_escape();  // leaves the field
  ui.frame();
  ui.press_escape();  // back to the participant page
  ui.frame(2);
  ASSERT_EQ(current(), "participant") << ui.describe();
  ui.click("nav.more");
  ui.frame();
  ui.click("nav.complaints");  // from the menu: an anonymous complaint, not this person's draft
  ui.frame(2);
  ASSERT_EQ(current(), "complaints");
  EXPECT_EQ(ui.find("complaint.text").value, "");
  EXPECT_FALSE(ui.has_text(person.name));
  ui.press_escape();  // leaves the (focused) field
  ui.frame();
  ui.press_escape();
  ui.frame(2);
  ASSERT_EQ(current(), "participant");
  ui.click("participant.complaint");
  ui.frame(2);
  EXPECT_EQ(ui.find("complaint.text").value, "Obat habis dua kali minggu ini");
  EXPECT_TRUE(ui.has_text(person.name));
  EXPECT_EQ(complaints_stored(), 0);
}

TEST_F(DeskComplaints, AViewerCannotOpenIt) {
  start_shell();
  sign_in("tamu");
  shell->open("complaints");
  ui.frame(2);
  EXPECT_NE(current(), "complaints");
  ui.click("nav.more");
  ui.frame();
  EXPECT_EQ(ui.try_find("nav.complaints"), nullptr);
  EXPECT_NE(ui.try_find("nav.info"), nullptr);
}

}  // namespace
}  // namespace simpul::testing
