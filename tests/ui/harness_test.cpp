// The harness itself: finding, clicking, typing, keys, and that the probe costs nothing outside it.
#include <gtest/gtest.h>

#include <string>

#include "testing/ui_harness.hpp"
#include "ui/keys.hpp"
#include "ui/widgets.hpp"

namespace simpul::testing {
namespace {

TEST(UiHarness, FindsItemsByIdOrVisibleTextAndRejectsAmbiguity) {
  UiHarness ui;
  int first = 0;
  int second = 0;
  ui.show([&] {
    if (ui::button({"first", "Simpan"})) ++first;
    if (ui::button({"second", "Simpan"})) ++second;
    if (ui::button({"third", "Batal"})) ++first;
  });
  ui.frame();
  EXPECT_THROW(ui.click("Simpan"), ProbeError);
  ui.click("second");
  EXPECT_EQ(second, 1);
  EXPECT_EQ(first, 0);
  EXPECT_THROW(ui.click("nothing"), ProbeError);
  try {
    ui.click("nothing");
  } catch (const ProbeError& e) {
    EXPECT_NE(std::string(e.what()).find("[third] \"Batal\""), std::string::npos) << e.what();
  }
}

TEST(UiHarness, ProbeListensOnlyDuringHarnessFrames) {
  UiHarness ui;
  ui.show([] { ui::text("hello"); });
  ui.frame();
  EXPECT_EQ(ui::probe::g_listener, nullptr);
  EXPECT_TRUE(ui.has_text("hello"));
  EXPECT_FALSE(ui.has_text("goodbye"));
}

TEST(UiHarness, TypesUtf8IntoAField) {
  UiHarness ui;
  std::string name = "Siti ";
  ui.show([&] { ui::input_text({"name", "Nama"}, name); });
  ui.type_into("name", "Ñurhayati Đoàn");
  EXPECT_EQ(name, "Siti Ñurhayati Đoàn");
  EXPECT_EQ(ui.find("Nama").value, "Siti Ñurhayati Đoàn");
}

TEST(UiHarness, EscInsideAFieldLeavesTheFieldFirstThenGoesBack) {
  UiHarness ui;
  std::string value;
  int backs = 0;
  ui.show([&] {
    ui::input_text({"field", "Field"}, value);
    if (ui::back_pressed()) ++backs;
  });
  ui.type_into("field", "abc");
  ui.press_escape();
  EXPECT_EQ(backs, 0);
  ui.frame();
  ui.press_escape();
  EXPECT_EQ(backs, 1);
}

TEST(UiHarness, MeasuresFrameTime) {
  UiHarness ui;
  ui.show([] {
    for (int i = 0; i < 50; ++i) ui::text("baris");
  });
  const double ms = ui.frame_time_ms(10);
  EXPECT_GT(ms, 0.0);
  EXPECT_EQ(ui.frame_count(), 10);
}

}  // namespace
}  // namespace simpul::testing
