// The harness itself: finding, clicking, typing, keys, and that the probe costs nothing outside it.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "testing/ui_harness.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
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

namespace simpul::ui {
namespace {

TEST(Appearance, FontScaleRebuildsFontsStyleAndEm) {
  testing::UiHarness harness;
  harness.show([] { ui::button({"ok", "OK"}); });
  harness.frame();
  EXPECT_FLOAT_EQ(em(1), kBodyFontPixels);
  const float height = harness.find("ok").max.y - harness.find("ok").min.y;
  const float padding = ImGui::GetStyle().FramePadding.y;

  harness.appearance().set_font_scale(1.5f);
  harness.frame();
  EXPECT_FLOAT_EQ(em(1), std::floor(kBodyFontPixels * 1.5f));
  EXPECT_FLOAT_EQ(ImGui::GetFontSize(), em(1));
  EXPECT_GT(harness.find("ok").max.y - harness.find("ok").min.y, height * 1.3f);
  // Scaled from a fresh style, not compounded on the previous scale.
  EXPECT_FLOAT_EQ(ImGui::GetStyle().FramePadding.y, std::floor(7.0f * em(1) / kBodyFontPixels));  // ImGui floors
  EXPECT_GT(ImGui::GetStyle().FramePadding.y, padding);
}

TEST(Fonts, MissingFontFilesFallBackToTheBuiltInFont) {
  testing::UiHarness harness;
  const Fonts fonts =
      build_fonts(*ImGui::GetIO().Fonts, FontRequest{}, FontFiles{"/nonexistent.ttf", "/nonexistent-bold.ttf"});
  EXPECT_TRUE(fonts.fallback);
  ASSERT_NE(fonts.body, nullptr);
  ASSERT_NE(fonts.title, nullptr);
  EXPECT_FLOAT_EQ(em(1), 13.0f);
  EXPECT_TRUE(ImGui::GetIO().Fonts->IsBuilt());
}

TEST(Fonts, DejaVuCoversIndonesianAndExtendedLatinNames) {
  testing::UiHarness harness;
  const Fonts& fonts = current_fonts();
  ASSERT_FALSE(fonts.fallback) << "fonts-dejavu-core is required for this test";
  // Latin-1, Extended-A/B and Extended Additional, plus the UI's symbols.
  for (ImWchar c : {ImWchar(0x00E9), ImWchar(0x0110), ImWchar(0x01A1), ImWchar(0x1EA1), ImWchar(0x2013),
                    ImWchar(0x20AC), ImWchar(0x25CF), ImWchar(0x2713)}) {
    const ImFontGlyph* glyph = fonts.body->FindGlyphNoFallback(c);
    EXPECT_NE(glyph, nullptr) << std::hex << static_cast<unsigned>(c);
  }
}

}  // namespace
}  // namespace simpul::ui
