#include <gtest/gtest.h>

#include <algorithm>

#include "testing/ui_harness.hpp"
#include "ui/i18n.hpp"
#include "widgets/status_bar.hpp"

namespace simpul::widgets {
namespace {

class StatusBar : public ::testing::Test {
 protected:
  void SetUp() override {
    i18n::set_language("id");
    ui.show([this] { draw_status_bar(view); });
  }
  testing::UiHarness ui;
  SyncStatusView view;
};

TEST_F(StatusBar, ShowsConnectionPhaseCountsAndLastSync) {
  view.online = true;
  view.phase = "Mengirim perubahan";
  view.progress = 0.4f;
  view.pending_ops = 3;
  view.rejected_ops = 1;
  view.open_conflicts = 2;
  view.last_success = "hari ini 09:14";
  ui.frame();
  EXPECT_TRUE(ui.has_text("Terhubung"));
  EXPECT_TRUE(ui.has_text("Mengirim perubahan"));
  EXPECT_TRUE(ui.has_text("Menunggu kirim: 3"));
  EXPECT_TRUE(ui.has_text("Ditolak: 1"));
  EXPECT_TRUE(ui.has_text("Konflik: 2"));
  EXPECT_TRUE(ui.has_text("Sinkron terakhir: hari ini 09:14"));
  const auto progress_bars = std::count_if(ui.items().begin(), ui.items().end(), [](const auto& item) {
    return item.kind == ui::probe::Kind::progress;
  });
  EXPECT_EQ(progress_bars, 1);
}

TEST_F(StatusBar, OfflineAndNeverSyncedWithoutProgress) {
  ui.frame();
  EXPECT_TRUE(ui.has_text("Tidak terhubung"));
  EXPECT_TRUE(ui.has_text("Belum pernah sinkron"));
  for (const auto& item : ui.items()) EXPECT_NE(item.kind, ui::probe::Kind::progress);
}

}  // namespace
}  // namespace simpul::widgets
