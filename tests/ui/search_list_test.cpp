// The result list is virtualised: a frame with 200 000 rows costs about what one with 200 does, and Up/Down
// keep the selected row in view.
#include <gtest/gtest.h>

#include <vector>

#include "screens/search/model.hpp"
#include "testing/ui_harness.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::search {
namespace {

std::vector<Row> rows(std::size_t n) {
  std::vector<Row> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].id = std::to_string(i);
    out[i].name = "Peserta " + std::to_string(i);
    out[i].status_key = "member.active";
  }
  return out;
}

class SearchList : public ::testing::Test {
 protected:
  void SetUp() override {
    i18n::set_language("id");
    form.query = "peserta";
    ui.show([this] {
      View view;
      view.rows = data;
      last = draw(view, form);
    });
  }
  testing::UiHarness ui;
  std::vector<Row> data;
  Form form;
  Intents last;
};

TEST_F(SearchList, AFrameDrawsOnlyTheVisibleRows) {
  data = rows(200);
  ui.frame(2);
  const double small = ui.frame_time_ms(20);
  data = rows(200'000);
  ui.frame(2);
  const double large = ui.frame_time_ms(20);
  ASSERT_TRUE(last.shown_end.has_value());
  EXPECT_LT(*last.shown_end, 100u);     // the clipper stopped at the window's bottom
  EXPECT_LT(large, small * 5 + 2.0);    // generous: timing on a shared CI machine
  EXPECT_LT(large, 50.0);
}

TEST_F(SearchList, DownMovesTheSelectionAndScrollsItIntoView) {
  data = rows(2'000);
  ui.frame(2);
  form.selected = 1'500;
  form.scroll_to_selected = true;
  ui.frame(3);
  EXPECT_TRUE(ui.has_text("Peserta 1500"));
  EXPECT_EQ(ui.try_find("search.row.0"), nullptr);  // scrolled away from the top
  ui.press(ui::Key::down);
  EXPECT_EQ(form.selected, 1'501u);
  ui.press_enter();
  ASSERT_TRUE(last.open.has_value());
  EXPECT_EQ(*last.open, 1'501u);
}

}  // namespace
}  // namespace simpul::screens::search
