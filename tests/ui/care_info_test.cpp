// Program information: the Markdown subset of assets/info, the desk screen (topic list, page in the UI
// language) and the kiosk's public info page (reachable from the welcome step, large text, no staff
// navigation).
#include <gtest/gtest.h>

#include "desk_fixture.hpp"
#include "kiosk/public_shell.hpp"
#include "queue_fixture.hpp"
#include "screens/info/controller.hpp"
#include "screens/info/document.hpp"
#include "screens/kiosk/controller.hpp"

namespace simpul {
namespace {

using screens::info::Block;
using screens::info::Span;

TEST(InfoDocument, ParsesTitleHeadingsParagraphsBulletsAndBold) {
  const auto blocks = screens::info::parse_page(
      "# Iuran\n\nIuran dibayar **paling lambat tanggal 10**.\nBaris kedua.\n\n## Kelas\n- Kelas 1: "
      "**Rp150.000**.\n"
      "- Kelas 3\n\nAkhir **tanpa tutup\n");
  ASSERT_EQ(blocks.size(), 6u);
  EXPECT_EQ(blocks[0].kind, Block::Kind::title);
  EXPECT_EQ(blocks[0].plain(), "Iuran");
  EXPECT_EQ(blocks[1].kind, Block::Kind::paragraph);
  EXPECT_EQ(blocks[1].plain(), "Iuran dibayar paling lambat tanggal 10. Baris kedua.");
  ASSERT_EQ(blocks[1].spans.size(), 3u);
  EXPECT_EQ(blocks[1].spans[1], (Span{"paling lambat tanggal 10", true}));
  EXPECT_EQ(blocks[2].kind, Block::Kind::heading);
  EXPECT_EQ(blocks[3].kind, Block::Kind::bullet);
  EXPECT_EQ(blocks[3].spans.back(), (Span{".", false}));
  EXPECT_EQ(blocks[4].plain(), "Kelas 3");
  EXPECT_EQ(blocks[5].plain(), "Akhir **tanpa tutup");  // an unclosed marker stays literal text
}

TEST(InfoDocument, EveryShippedPageLoadsInBothLanguages) {
  const std::filesystem::path dir = std::filesystem::path(SIMPUL_ASSET_DIR) / "info";
  auto index = screens::info::load_index(dir);
  ASSERT_TRUE(index.ok()) << index.error().message;
  ASSERT_GE(index->topics.size(), 5u);
  for (const auto& topic : index->topics)
    for (const char* language : {"id", "en"}) {
      auto page = screens::info::load_page(dir, topic, language);
      ASSERT_TRUE(page.ok()) << topic.id << " " << language;
      ASSERT_FALSE(page->empty());
      EXPECT_EQ(page->front().kind, Block::Kind::title) << topic.id;
    }
}

class DeskInfo : public testing::DeskTest {};

TEST_F(DeskInfo, ViewerOpensItFromTheMenuAndReadsTheChosenTopicInBothLanguages) {
  add_user("tamu", Role::viewer);
  start_shell();
  sign_in("tamu");
  ui.click("nav.more");
  ui.frame();
  ui.click("nav.info");
  ui.frame(2);
  ASSERT_EQ(current(), "info") << ui.describe();
  EXPECT_TRUE(ui.has_text("Yang tidak dijamin (contoh)"));  // the first topic's page is shown at once
  ui.click("info.topic.premiums");
  ui.frame(2);
  EXPECT_TRUE(
      ui.has_text("Kelas 3: Rp42.000, yang dibayar peserta Rp35.000 dan Rp7.000 disubsidi pemerintah."))
      << ui.describe();
  EXPECT_FALSE(ui.has_text("Yang tidak dijamin (contoh)")) << "only the chosen page";
  EXPECT_EQ(ui.find("info.topic.premiums").value, "selected");

  ui.click("nav.language");
  ui.frame(2);
  EXPECT_TRUE(ui.has_text("Self-paying participants (PBPU and BP), per person per month")) << ui.describe();
  EXPECT_TRUE(ui.has_text("Class 3: Rp42,000"));
  EXPECT_FALSE(ui.has_text("Kelas 3: Rp42.000"));
  EXPECT_EQ(ui.find("info.topic.premiums").text, "Premiums");

  ui.press_escape();
  ui.frame(2);
  EXPECT_EQ(current(), "search");
}

}  // namespace

namespace queue_test {
namespace {

class KioskInfo : public QueueTest {
 protected:
  void start_kiosk() {
    kiosk::PublicShellOptions o;
    o.make_root = [this] { return screens::kiosk::make_kiosk_screen(*app_, {}); };
    o.may_open = {screens::kiosk::kScreeningScreen, screens::kiosk::kInfoScreen,
                  screens::info::kKioskLocatorScreen};
    o.idle_reset_ms = kiosk::idle_reset_ms(*app_);
    o.on_reset = [] { i18n::set_language("id"); };  // as run_public_mode: back to the kiosk's language
    shell_ = std::make_unique<kiosk::PublicShell>(*app_, options_, std::move(o));
    ui_.set_frame([this] { shell_->frame(); });
    ui_.frame();
  }
  shell::Options options_;
  std::unique_ptr<kiosk::PublicShell> shell_;
};

TEST_F(KioskInfo, WelcomeStepOpensThePublicInfoPagesAndBackReturns) {
  start_kiosk();
  tap("kiosk.info.open");
  ui_.frame();
  ASSERT_EQ(shell_->current_screen(), screens::kiosk::kInfoScreen) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("Manfaat JKN-KIS"));
  tap("info.topic.sanctions");
  EXPECT_TRUE(ui_.has_text("Sanksi dan denda"));
  tap("info.language");  // this person's language only
  EXPECT_TRUE(ui_.has_text("Sanctions and penalties"));
  for (const auto& item : ui_.items()) {
    EXPECT_FALSE(item.id.starts_with("nav.")) << item.id;  // no staff navigation on the public screen
  }
  tap("info.back");
  ui_.frame();
  EXPECT_EQ(shell_->current_screen(), "kiosk");
}

TEST_F(KioskInfo, IdleResetLeavesTheInfoPageAndTheLanguageOfTheLastPerson) {
  ASSERT_TRUE(app_->replica().set_setting(kiosk::kIdleResetSetting, "30").ok());
  start_kiosk();
  tap("kiosk.info.open");
  ui_.frame();
  tap("info.topic.premiums");
  tap("info.language");
  ASSERT_EQ(shell_->current_screen(), screens::kiosk::kInfoScreen);
  EXPECT_TRUE(ui_.has_text("Good to know"));
  clock_.advance_ms(30'000);
  ui_.frame(2);
  EXPECT_EQ(shell_->current_screen(), "kiosk");
  EXPECT_EQ(i18n::language(), "id");
  EXPECT_TRUE(ui_.has_text("Ambil Nomor Antrean"));
  tap("kiosk.info.open");  // the next person starts at the first topic again
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("Yang tidak dijamin (contoh)")) << ui_.describe();
  EXPECT_FALSE(ui_.has_text("Peserta mandiri (PBPU dan BP), per orang per bulan"));
}

TEST_F(KioskInfo, TheInfoPageLeadsToTheFacilitiesNearbyAndBack) {
  // This puskesmas and a hospital 3 km away, with coordinates.
  auto here = app_->facilities().get(kFacility);
  ASSERT_TRUE(here.ok() && *here);
  Facility f = **here;
  f.latitude = -7.0226;
  f.longitude = 107.5201;
  ASSERT_TRUE(app_->facilities().put(storage::Actor::system(), f).ok());
  Facility rs;
  rs.code = "1004R900";
  rs.type = FacilityType::hospital;
  rs.name = "RSUD Uji Soreang";
  rs.latitude = -7.0226 + 0.027;
  rs.longitude = 107.5201;
  rs.services = {"ugd", "rawat_inap"};
  ASSERT_TRUE(app_->facilities().put(storage::Actor::system(), rs).ok());

  start_kiosk();
  tap("kiosk.info.open");
  ui_.frame();
  tap("info.locator");
  ui_.frame();
  ASSERT_EQ(shell_->current_screen(), screens::info::kKioskLocatorScreen) << ui_.describe();
  for (int i = 0; i < 200 && (app_->task("locator") == nullptr || !app_->task("locator")->finished()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ui_.frame();
  }
  ui_.frame(2);
  EXPECT_TRUE(ui_.has_text("RSUD Uji Soreang")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("3,0 km"));
  EXPECT_TRUE(ui_.has_text("Faskes ini: Puskesmas Soreang"));
  EXPECT_EQ(ui_.try_find("locator.from.village"), nullptr) << "the kiosk measures from where it stands";
  for (const auto& item : ui_.items()) {
    EXPECT_FALSE(item.id.starts_with("nav.")) << item.id;
    EXPECT_FALSE(item.id.starts_with("locator.region")) << item.id;
  }
  tap("locator.back");
  ui_.frame();
  EXPECT_EQ(shell_->current_screen(), screens::kiosk::kInfoScreen);
}

}  // namespace
}  // namespace queue_test
}  // namespace simpul
