// The kiosk in its public shell against a real replica, driven like a person would: scan a card (digits + Enter),
// confirm the birth date, pick a poli and A/B, get the ticket (and the printer gets ESC/POS bytes). And what it must
// never do: open staff screens, show someone else's data, keep the last person's data, or let anyone out without
// the PIN.
#include <filesystem>
#include <optional>

#include "kiosk/public_shell.hpp"
#include "kiosk/ticket_printer.hpp"
#include "queue_fixture.hpp"
#include "screens/kiosk/controller.hpp"

namespace simpul::queue_test {
namespace {

using screens::kiosk::KioskScreen;
using screens::kiosk::LeaveChoice;
using screens::kiosk::Step;

class KioskTest : public QueueTest {
 protected:
  void start_kiosk() {
    kiosk::PublicShellOptions o;
    o.make_root = [this] {
      screens::kiosk::KioskOptions ko;
      ko.on_leave = [this](LeaveChoice choice) { left_ = choice; };
      return screens::kiosk::make_kiosk_screen(*app_, std::move(ko));
    };
    o.may_open = {screens::kiosk::kScreeningScreen};
    o.idle_reset_ms = kiosk::idle_reset_ms(*app_);
    shell_ = std::make_unique<kiosk::PublicShell>(*app_, options_, std::move(o));
    ui_.set_frame([this] { shell_->frame(); });
    ui_.frame();
  }
  KioskScreen& kiosk() { return screen_as<KioskScreen>(shell_->root()); }

  // Scan the card, confirm the birth date by typing it.
  void identify_siti() {
    type_keys(kSitiCard);
    enter();
    ASSERT_EQ(kiosk().step(), Step::birth_date) << ui_.describe();
    type_keys("05061990");
    tap("kiosk.birth.confirm");
    ASSERT_EQ(kiosk().step(), Step::poli) << ui_.describe();
  }

  shell::Options options_;
  std::unique_ptr<kiosk::PublicShell> shell_;
  std::optional<LeaveChoice> left_;
};

TEST_F(KioskTest, CardScanBirthDatePoliAndATicketWithPeopleAheadIsPrinted) {
  ASSERT_TRUE(app_->replica().set_setting(kiosk::kPrinterSetting, dir_.file("printer.bin").string()).ok());
  ASSERT_TRUE(app_->replica().set_setting(kiosk::kTicketDirSetting, dir_.file("tickets").string()).ok());
  const queue::QueueEntry before = take(budi_, kBudiCard);  // somebody is already waiting at poli umum
  start_kiosk();
  EXPECT_TRUE(ui_.has_text("Ambil Nomor Antrean"));
  EXPECT_TRUE(ui_.has_text("Puskesmas Soreang"));

  identify_siti();
  tap("kiosk.poli.001");
  tap("kiosk.priority.a");
  tap("kiosk.poli.take");
  settle();
  ASSERT_EQ(kiosk().step(), Step::ticket) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("NOMOR ANTREAN"));
  EXPECT_TRUE(ui_.has_text("A-002")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("Di depan Anda: 1 orang"));
  EXPECT_TRUE(ui_.has_text("Perkiraan tunggu:"));
  EXPECT_TRUE(ui_.has_text("Tiket sudah dicetak")) << ui_.describe();

  const auto items = storage::Queue(app_->replica()).list(storage::Queue(app_->replica()).today(), "001");
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 2u);
  const queue::QueueEntry& mine = items->at(1).entry;
  EXPECT_EQ(mine.number, "A-002");
  EXPECT_EQ(mine.card_number, kSitiCard);
  EXPECT_EQ(mine.source, queue::Source::kiosk);
  EXPECT_EQ(mine.priority, queue::Priority::regular);
  EXPECT_NE(before.id, mine.id);

  const std::string bytes = read_file(dir_.file("printer.bin"));
  ASSERT_GE(bytes.size(), 2u);
  EXPECT_EQ(bytes.substr(0, 2), "\x1B@");
  EXPECT_NE(bytes.find("A-002"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(kiosk::ticket_png_path(dir_.file("tickets"), "2026-01-01", "A-002")));

  // "Selesai": the next person starts from a clean welcome screen.
  tap("kiosk.ticket.done");
  EXPECT_EQ(kiosk().step(), Step::welcome);
  EXPECT_FALSE(ui_.has_text("A-002"));
}

TEST_F(KioskTest, ElderlyPersonIsOfferedBAndTakingTheSamePoliAgainShowsTheirTicket) {
  start_kiosk();
  type_keys(kBudiNik);
  tap("kiosk.key.ok");
  // Picking on the big buttons: day, month, decade, year.
  tap("kiosk.birth.day.12");
  tap("kiosk.birth.month.3");
  tap("kiosk.birth.decade.1950");
  tap("kiosk.birth.year.1950");
  tap("kiosk.birth.confirm");
  ASSERT_EQ(kiosk().step(), Step::poli) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("Disarankan B: usia 60 tahun ke atas."));
  tap("kiosk.poli.001");
  tap("kiosk.poli.take");  // B is preselected
  settle();
  ASSERT_EQ(kiosk().step(), Step::ticket);
  EXPECT_TRUE(ui_.has_text("B - Prioritas"));
  tap("kiosk.ticket.done");

  type_keys(kBudiCard);
  enter();
  type_keys("12031950");
  enter();
  ASSERT_EQ(kiosk().step(), Step::poli);
  EXPECT_TRUE(ui_.has_text("Nomor Anda: A-001"));
  tap("kiosk.poli.001");
  tap("kiosk.poli.take");
  settle();
  EXPECT_TRUE(ui_.has_text("Anda sudah punya nomor antrean di poli ini hari ini:"));
  EXPECT_TRUE(ui_.has_text("A-001"));
  EXPECT_EQ(storage::Queue(app_->replica()).list(storage::Queue(app_->replica()).today()).value().size(), 1u);
}

TEST_F(KioskTest, UnknownNumbersAndWrongLengthsAreExplainedInPlainWords) {
  start_kiosk();
  type_keys("1234");
  enter();
  EXPECT_TRUE(ui_.has_text("Masukkan 16 angka NIK atau 13 angka nomor kartu JKN."));
  tap("kiosk.key.back");
  tap("kiosk.key.back");
  tap("kiosk.key.back");
  tap("kiosk.key.back");
  type_keys("9999999999999");
  enter();
  EXPECT_TRUE(ui_.has_text("Nomor tidak ditemukan. Silakan ke loket pendaftaran."));
  EXPECT_EQ(kiosk().step(), Step::welcome);

  // English at the touch of a button, back to Indonesian for the next person.
  tap("kiosk.language");
  EXPECT_TRUE(ui_.has_text("Take a Queue Number"));
  tap("kiosk.staff.open");
  tap("kiosk.back");
  EXPECT_TRUE(ui_.has_text("Ambil Nomor Antrean"));
}

TEST_F(KioskTest, NoStaffScreenIsReachable) {
  start_kiosk();
  for (const char* screen : {"search", "admin", "participant", "login", "queue_desk", "poli", "change"}) {
    shell_->open(screen);
    ui_.frame();
    EXPECT_EQ(shell_->current_screen(), "kiosk") << screen;
  }
  // The screening offer's screen opens only for the person the kiosk identified: with nobody, straight back.
  shell_->open(screens::kiosk::kScreeningScreen);
  ui_.frame(2);
  EXPECT_EQ(shell_->current_screen(), "kiosk");
  for (const auto& item : ui_.items()) {
    EXPECT_FALSE(item.id.starts_with("nav.")) << item.id;  // no session bar, no navigation
  }
}

TEST_F(KioskTest, ShowsOnlyAMaskedIdBeforeTheBirthDateAndNothingOfOthers) {
  take(budi_, kBudiCard);
  start_kiosk();
  type_keys(kSitiNik);
  enter();
  ASSERT_EQ(kiosk().step(), Step::birth_date);
  EXPECT_TRUE(ui_.has_text("3204********0001"));
  EXPECT_FALSE(ui_.has_text(kSitiNik));
  EXPECT_FALSE(ui_.has_text("Siti"));  // typing a stranger's NIK reveals no name

  type_keys("05061990");
  enter();
  ASSERT_EQ(kiosk().step(), Step::poli);
  EXPECT_TRUE(ui_.has_text("Halo, Siti R."));
  EXPECT_FALSE(ui_.has_text("Rahma"));
  for (const auto& item : ui_.items()) {
    EXPECT_EQ(item.text.find("Budi"), std::string::npos) << item.text;
    EXPECT_EQ(item.text.find(kBudiCard), std::string::npos) << item.text;
    EXPECT_EQ(item.text.find(kSitiCard), std::string::npos) << item.text;
  }
}

TEST_F(KioskTest, ThreeWrongBirthDatesSendThePersonToTheDesk) {
  start_kiosk();
  type_keys(kSitiCard);
  enter();
  for (int i = 0; i < 2; ++i) {
    type_keys("01011990");
    enter();
    EXPECT_TRUE(ui_.has_text("Tanggal lahir tidak cocok. Coba lagi."));
    EXPECT_EQ(kiosk().step(), Step::birth_date);
  }
  type_keys("01011990");
  enter();
  EXPECT_EQ(kiosk().step(), Step::welcome);
  EXPECT_TRUE(ui_.has_text("Tanggal lahir tidak cocok. Silakan ke loket pendaftaran."));
}

TEST_F(KioskTest, IdleResetStartsOverAfterTheConfiguredTime) {
  ASSERT_TRUE(app_->replica().set_setting(kiosk::kIdleResetSetting, "30").ok());
  start_kiosk();
  identify_siti();
  tap("kiosk.poli.001");

  clock_.advance_ms(19'000);
  ui_.frame();
  EXPECT_EQ(kiosk().step(), Step::poli);
  EXPECT_FALSE(ui_.has_text("Sentuh layar untuk melanjutkan"));
  clock_.advance_ms(2'000);  // 21 s idle: the last 10 seconds are counted down
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("layar kembali ke awal dalam 9 detik")) << ui_.describe();
  clock_.advance_ms(9'000);  // 30 s
  ui_.frame(2);
  EXPECT_EQ(kiosk().step(), Step::welcome);
  EXPECT_TRUE(kiosk().form().poli_code.empty());  // a new screen: nothing of the last person survives
  EXPECT_FALSE(ui_.has_text("Siti"));
  EXPECT_TRUE(app_->selection().participant_id.empty());

  // Touching the screen restarts the timer.
  type_keys("1");
  clock_.advance_ms(29'000);
  ui_.frame();
  EXPECT_EQ(kiosk().form().id_digits, "1");
  type_keys("2");
  clock_.advance_ms(29'000);
  ui_.frame();
  EXPECT_EQ(kiosk().form().id_digits, "12");
  clock_.advance_ms(2'000);
  ui_.frame();
  EXPECT_EQ(kiosk().form().id_digits, "");
}

TEST_F(KioskTest, LeavingNeedsTheAdminPin) {
  ASSERT_TRUE(app_->replica().set_setting(screens::kiosk::kPinSetting, storage::hash_password("2468").value()).ok());
  start_kiosk();
  tap("kiosk.staff.open");
  ASSERT_EQ(kiosk().step(), Step::staff);
  EXPECT_EQ(ui_.try_find("kiosk.staff.open_desk"), nullptr);
  type_keys("1111");
  tap("kiosk.key.ok");
  settle();
  EXPECT_TRUE(ui_.has_text("PIN atau kata sandi salah."));
  EXPECT_EQ(ui_.try_find("kiosk.staff.open_desk"), nullptr);
  EXPECT_FALSE(left_.has_value());

  type_keys("2468");
  enter();
  settle();
  ASSERT_NE(ui_.try_find("kiosk.staff.open_desk"), nullptr) << ui_.describe();
  tap("kiosk.staff.open_desk");
  ASSERT_TRUE(left_.has_value());
  EXPECT_EQ(*left_, LeaveChoice::staff_desk);
}

TEST_F(KioskTest, RepeatedWrongPinsLockTheStaffStepForAMinute) {
  ASSERT_TRUE(app_->replica().set_setting(screens::kiosk::kPinSetting, storage::hash_password("2468").value()).ok());
  start_kiosk();
  tap("kiosk.staff.open");
  for (int i = 0; i < screens::kiosk::kMaxStaffFailures; ++i) {
    type_keys("0000");
    enter();
    settle();
  }
  EXPECT_TRUE(ui_.has_text("Terlalu banyak percobaan. Tunggu satu menit."));
  type_keys("2468");
  enter();
  settle();
  EXPECT_EQ(ui_.try_find("kiosk.staff.open_desk"), nullptr);
}

TEST_F(KioskTest, WithoutAPinOnlyAnAdministratorAccountOpensIt) {
  User clerk;
  clerk.username = "rina";
  clerk.role = Role::registration;
  ASSERT_TRUE(app_->users().create(storage::Actor::system(), clerk, kPassword).ok());
  User admin;
  admin.username = "admin";
  admin.role = Role::admin;
  ASSERT_TRUE(app_->users().create(storage::Actor::system(), admin, kPassword).ok());
  start_kiosk();
  tap("kiosk.staff.open");
  EXPECT_TRUE(ui_.has_text("PIN anjungan belum diatur. Masuk dengan akun administrator."));
  ui_.type_into("kiosk.staff.username", "rina");
  ui_.type_into("kiosk.staff.password", kPassword);
  tap("kiosk.key.ok");
  settle();
  EXPECT_TRUE(ui_.has_text("PIN atau kata sandi salah."));
  kiosk().form().username = "admin";
  ui_.type_into("kiosk.staff.password", kPassword);
  tap("kiosk.key.ok");
  settle();
  ASSERT_NE(ui_.try_find("kiosk.staff.quit"), nullptr) << ui_.describe();
  EXPECT_FALSE(app_->signed_in());  // the kiosk itself never signs anyone in
}

}  // namespace
}  // namespace simpul::queue_test
