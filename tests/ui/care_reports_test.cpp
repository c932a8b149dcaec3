// The reports screen on a real replica: the figures storage::Reports computes (visits per day and poli, the
// waiting-time histogram) are what the screen shows; a bad range is refused in the user's language; CSV
// export writes the report to the chosen file in a task (the default in the documents folder) and explains a
// failure.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "desk_fixture.hpp"
#include "screens/reports/controller.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/storage/reports.hpp"

namespace simpul::testing {
namespace {

constexpr const char* kFacility = "9999P001";
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kMarch12 = 1'773'277'200'000;  // 2026-03-12 08:00 WIB

class DeskReports : public DeskTest {
 protected:
  void SetUp() override {
    docs = temp.file("Dokumen");
    setenv("XDG_DOCUMENTS_DIR", docs.c_str(), 1);
    load_demo(20);
    ASSERT_TRUE(app->replica().set_setting("facility", kFacility).ok());
    Facility f;
    f.code = kFacility;
    f.name = "Puskesmas Uji";
    f.polis = {Poli{"001", "Umum", "A", 480, 840, 80}, Poli{"002", "Gigi", "B", 480, 720, 20}};
    ASSERT_TRUE(app->facilities().put(storage::Actor::system(), f).ok());
    person = demo_.participants.front().id;
    visit("v1", "2026-03-10", "001", "home");
    visit("v2", "2026-03-12", "001", "referred");
    visit("v3", "2026-03-12", "002", "home");
    entry("e1", "001", 0, 5);
    entry("e2", "001", 10, 20);
    entry("e3", "002", 30, 200);
    entry("e4", "001", 40, -1);
    add_user("siti", Role::registration);
    add_user("dokter", Role::clinician);
  }
  void TearDown() override { unsetenv("XDG_DOCUMENTS_DIR"); }

  void write(const std::string& entity, const std::string& id, const storage::Fields& fields) {
    auto tx = storage::Transaction::begin(app->replica().db());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(app->replica().upsert(storage::Actor::system(), entity, id, fields).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  void visit(const std::string& id, const std::string& day, const std::string& poli,
             const std::string& outcome) {
    write("visit", id,
          {{"participant_id", person},
           {"facility", kFacility},
           {"poli", poli},
           {"day", day},
           {"outcome", outcome},
           {"diagnoses", "[\"J06.9\"]"}});
  }
  void entry(const std::string& id, const std::string& poli, int arrived_min, int wait_min) {
    const std::int64_t arrival = kMarch12 + arrived_min * kMinute;
    write("queue_entry", id,
          {{"facility", kFacility},
           {"poli", poli},
           {"day", "2026-03-12"},
           {"number", "A-" + id},
           {"state", "waiting"},
           {"source", "desk"},
           {"participant_id", person},
           {"arrival_hlc", HlcTimestamp{arrival, 0, "desk-1"}.encode()}});
    if (wait_min >= 0)
      write("queue_event", id + "-call",
            {{"entry_id", id}, {"event", "call"}, {"at_ms", arrival + wait_min * kMinute}});
  }

  // The text drawn right after `label` (a figure's value).
  std::string value_after(const std::string& label) {
    const auto& items = ui.items();
    for (std::size_t i = 0; i + 1 < items.size(); ++i)
      if (items[i].text == label) return items[i + 1].text;
    return "<none>";
  }
  bool idle() {
    for (const char* name : {"reports", "reports.export"})
      if (const auto* t = app->task(name); t != nullptr && !t->finished()) return false;
    return true;
  }
  void open(const char* user = "siti") {
    start_shell();
    sign_in(user);
    ui.click("nav.more");
    ui.frame();
    ui.click("nav.reports");
    ASSERT_TRUE(frames_until([this] { return current() == "reports" && idle(); }));
    ui.frame(2);
  }

  std::filesystem::path docs;
  std::string person;
};

TEST_F(DeskReports, ShowTheFiguresStorageComputes) {
  open();
  ASSERT_EQ(current(), "reports") << ui.describe();
  EXPECT_TRUE(ui.has_text("14-02-2026 \u2013 15-03-2026")) << "the 30 days ending today";
  EXPECT_EQ(value_after("Jumlah kunjungan"), "3") << ui.describe();
  EXPECT_EQ(value_after("Dirujuk"), "1");
  EXPECT_TRUE(ui.has_text("10-03-2026: 1"));
  EXPECT_TRUE(ui.has_text("11-03-2026: 0")) << "a day without visits is a zero bar";
  EXPECT_TRUE(ui.has_text("12-03-2026: 2"));
  EXPECT_TRUE(ui.has_text("Umum (001)"));

  ui.click("reports.tab.waits");
  ui.frame();
  auto waits = storage::Reports(app->replica()).waits(Date{2026, 2, 14}, Date{2026, 3, 15});
  ASSERT_TRUE(waits.ok());
  EXPECT_EQ(value_after("Kedatangan"), std::to_string(waits->entries));
  EXPECT_EQ(value_after("Belum dipanggil"), "1");
  for (const auto& b : waits->histogram)
    EXPECT_TRUE(ui.has_text(b.label() + " mnt: " + std::to_string(b.count))) << b.label() << "\n"
                                                                             << ui.describe();
  EXPECT_TRUE(ui.has_text("0-15 mnt: 1"));
  EXPECT_TRUE(ui.has_text("120+ mnt: 1"));

  ui.click("reports.tab.sync");
  ui.frame();
  EXPECT_TRUE(ui.has_text("Menunggu kirim"));
}

TEST_F(DeskReports, ABadRangeIsExplainedAndTheFiguresStay) {
  open();
  ui.type_into("reports.from", "x");
  ui.press_enter();
  ui.frame();
  EXPECT_TRUE(ui.has_text("Tanggal tidak valid. Tulis seperti 01-03-2026.")) << ui.describe();
  EXPECT_EQ(value_after("Jumlah kunjungan"), "3");
  ui.click("nav.language");
  ui.frame(2);
  ui.press_enter();
  ui.frame();
  EXPECT_TRUE(ui.has_text("Not a valid date. Type it like 01-03-2026."));
}

TEST_F(DeskReports, CsvExportWritesTheReportToTheDocumentsFolder) {
  open();
  const std::filesystem::path expected_path = docs / "simpul-visits-2026-02-14-2026-03-15.csv";
  EXPECT_EQ(ui.find("reports.csv_path").value, expected_path.string());
  ui.click("reports.export");
  ASSERT_TRUE(frames_until([this] { return idle(); }));
  ui.frame(2);
  EXPECT_TRUE(ui.has_text("Tersimpan: " + expected_path.string())) << ui.describe();
  std::ifstream in(expected_path, std::ios::binary);
  ASSERT_TRUE(in) << expected_path;
  std::ostringstream read;
  read << in.rdbuf();
  const std::string csv = read.str();
  auto visits = storage::Reports(app->replica()).daily_visits(Date{2026, 2, 14}, Date{2026, 3, 15});
  ASSERT_TRUE(visits.ok());
  EXPECT_EQ(csv, storage::to_csv(storage::Reports::table(*visits)));
  EXPECT_EQ(csv.substr(0, 26), "day,poli,poli_name,visits\r");

  // The waits report follows the tab; a folder that cannot exist gives a message in the user's language.
  ui.click("reports.tab.waits");
  ui.frame();
  EXPECT_EQ(ui.find("reports.csv_path").value, (docs / "simpul-waits-2026-02-14-2026-03-15.csv").string());
  ui.type_into("reports.csv_path", "/tidak/ada.csv");
  ui.click("reports.export");
  ASSERT_TRUE(frames_until([this] { return idle(); }));
  ui.frame(2);
  EXPECT_TRUE(ui.has_text("tidak ada. Periksa lokasi penyimpanan.")) << ui.describe();
  EXPECT_FALSE(std::filesystem::exists(docs / "simpul-waits-2026-02-14-2026-03-15.csv" / "tidak"));
}

TEST(ReportsDocumentsDir, FollowsTheDesktopsUserDirs) {
  using screens::reports::documents_dir_from_user_dirs;
  const std::string dirs =
      "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\n"
      "XDG_DOCUMENTS_DIR=\"$HOME/Dokumen\"\n";
  EXPECT_EQ(documents_dir_from_user_dirs(dirs, "/home/rina"), std::filesystem::path("/home/rina/Dokumen"));
  EXPECT_EQ(documents_dir_from_user_dirs("XDG_DOCUMENTS_DIR=\"/data/arsip\"\n", "/home/rina"),
            std::filesystem::path("/data/arsip"));
  EXPECT_TRUE(documents_dir_from_user_dirs("XDG_DOCUMENTS_DIR=\"$HOME/\"\n", "/home/rina").empty());
  EXPECT_TRUE(documents_dir_from_user_dirs("XDG_MUSIC_DIR=\"$HOME/Musik\"\n", "/home/rina").empty());
}

TEST_F(DeskReports, AClinicianCannotOpenThem) {
  start_shell();
  sign_in("dokter");
  shell->open("reports");
  ui.frame(2);
  EXPECT_NE(current(), "reports");
}

}  // namespace
}  // namespace simpul::testing
