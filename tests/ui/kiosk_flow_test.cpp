// The kiosk's pure parts: what typed digits are, the birth-date entry, what a public screen may show of a person,
// the B suggestion, and the ticket in its three forms (layout, ESC/POS bytes, PNG).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "kiosk/ticket_printer.hpp"
#include "queue_fixture.hpp"
#include "screens/kiosk/flow.hpp"
#include "screens/kiosk/presenter.hpp"
#include "screens/kiosk/privacy.hpp"
#include "support/temp_dir.hpp"
#include "ui/i18n.hpp"
#include "widgets/ticket_escpos.hpp"
#include "widgets/ticket_png.hpp"

namespace simpul::screens::kiosk {
namespace {

TEST(KioskFlow, DigitsAreANikOrACardNumber) {
  EXPECT_EQ(classify_id("3204104506900001"), IdKind::nik);
  EXPECT_EQ(classify_id("0001234567890"), IdKind::card);
  EXPECT_EQ(classify_id("123"), IdKind::invalid);
  EXPECT_EQ(classify_id("000123456789O"), IdKind::invalid);
  std::string id;
  append_digits(id, "0001 2345-67890\n");
  EXPECT_EQ(id, "0001234567890");
  append_digits(id, "123456789");
  EXPECT_EQ(id.size(), kMaxIdDigits);  // a scanner's extra keystrokes do not overflow the field
  EXPECT_EQ(group_digits("3204104506900001"), "3204 1045 0690 0001");
}

TEST(KioskFlow, BirthDateTypedAsDdmmyyyyOrPicked) {
  BirthDateForm typed;
  for (char c : std::string("05061990")) typed.type(c);
  ASSERT_TRUE(typed.complete());
  EXPECT_EQ(typed.date(), (Date{1990, 6, 5}));

  BirthDateForm picked;
  picked.pick_day(31);
  EXPECT_EQ(picked.active, BirthDateForm::Part::month);
  picked.pick_month(2);
  picked.pick_decade(1980);
  picked.pick_year(1984);
  ASSERT_TRUE(picked.complete());
  EXPECT_EQ(picked.date(), std::nullopt);  // 31 February does not exist

  // Backspace walks back across the parts.
  BirthDateForm b;
  for (char c : std::string("0506")) b.type(c);
  EXPECT_EQ(b.active, BirthDateForm::Part::year);
  b.backspace();
  EXPECT_EQ(b.month, "0");
  EXPECT_EQ(b.active, BirthDateForm::Part::month);
  b.backspace();
  b.backspace();
  EXPECT_EQ(b.day, "0");
  EXPECT_EQ(b.active, BirthDateForm::Part::day);
}

TEST(KioskPrivacy, IdsAreMaskedAndNamesShortened) {
  EXPECT_EQ(mask_id("3204104506900001"), "3204********0001");
  EXPECT_EQ(mask_id("0001234567890"), "0001*****7890");
  EXPECT_EQ(mask_id("1234"), "****");
  EXPECT_EQ(short_name("Siti Rahma binti Ahmad"), "Siti R.");
  EXPECT_EQ(short_name("  Budi  "), "Budi");
  EXPECT_EQ(short_name("Ni \xC3\x89ka"), "Ni \xC3\x89.");  // the initial is a whole UTF-8 character
  EXPECT_EQ(short_name(""), "");
}

TEST(KioskPresenter, SuggestsBForTheElderlyAndSmallChildren) {
  const Date today{2026, 1, 1};
  EXPECT_EQ(suggest_priority(Date{1990, 6, 5}, today).priority, queue::Priority::regular);
  const Suggestion elderly = suggest_priority(Date{1965, 1, 1}, today);  // 61
  EXPECT_EQ(elderly.priority, queue::Priority::priority);
  EXPECT_EQ(elderly.reason_key, "kiosk.priority.suggest_elderly");
  const Suggestion child = suggest_priority(Date{2022, 6, 1}, today);  // 3
  EXPECT_EQ(child.priority, queue::Priority::priority);
  EXPECT_EQ(child.reason_key, "kiosk.priority.suggest_child");
}

queue_ui::FacilityDay day_with(int quota) {
  queue_ui::FacilityDay day;
  day.facility_name = "Puskesmas Soreang";
  day.day = Date{2026, 1, 1};  // a Thursday
  day.polis.push_back({Poli{"001", "Umum", "A", 7 * 60 + 30, 14 * 60, quota}, {}, {}});
  day.polis.push_back({Poli{"002", "Gigi", "B", 13 * 60, 15 * 60, 20}, {}, {}});  // opens at 13:00
  queue::QueueEntry e;
  e.id = "e1";
  e.poli = "001";
  e.day = day.day;
  e.number = "A-001";
  e.card_number = "0001234567891";
  e.participant_id = "p-budi";
  e.arrival_hlc = "";
  day.polis[0].entries.push_back(e);
  return day;
}

TEST(KioskPresenter, OffersOpenPolisOnlyAndMarksFullOrHeldOnes) {
  // 07:00: poli umum takes numbers (opens 07:30, numbers from 05:30); gigi opens at 13:00: not offered.
  auto choices = poli_choices(day_with(60), 7 * 60, "0001234567890", "p-siti");
  ASSERT_EQ(choices.size(), 1u);
  EXPECT_EQ(choices[0].code, "001");
  EXPECT_TRUE(choices[0].available);
  EXPECT_EQ(choices[0].waiting, 1);

  EXPECT_FALSE(poli_choices(day_with(1), 7 * 60, "0001234567890", "p-siti")[0].available);  // full
  const auto held = poli_choices(day_with(60), 7 * 60, "0001234567891", "p-budi");
  EXPECT_EQ(held[0].held_number, "A-001");
  // 12:30: gigi takes numbers from 11:00 on.
  EXPECT_EQ(poli_choices(day_with(60), 12 * 60 + 30, "", "x").size(), 2u);
}

class TicketTest : public ::testing::Test {
 protected:
  void SetUp() override { i18n::set_language("id"); }
  widgets::Ticket ticket() {
    widgets::Ticket t;
    t.facility_name = "Puskesmas Soreang";
    t.number = "A-112";
    t.poli_name = "Umum";
    t.priority_text = "A - Umum";
    t.people_ahead = 3;
    t.wait_minutes = 30;
    t.issued_at = "01-01-2026 07:05";
    return t;
  }
};

TEST_F(TicketTest, LayoutSaysNumberPoliPeopleAheadAndWait) {
  const auto lines = widgets::ticket_layout(ticket());
  std::string all;
  for (const auto& line : lines) all += line.text + "\n";
  EXPECT_NE(all.find("NOMOR ANTREAN"), std::string::npos);
  EXPECT_NE(all.find("A-112"), std::string::npos);
  EXPECT_NE(all.find("Poli Umum"), std::string::npos);
  EXPECT_NE(all.find("Di depan Anda: 3 orang"), std::string::npos);
  EXPECT_NE(all.find("Perkiraan tunggu: \xC2\xB1" "30 menit"), std::string::npos);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const auto& l) { return l.style == widgets::TicketStyle::number; }),
            1);
}

TEST_F(TicketTest, EscPosStartsWithResetAndCarriesTheNumberInAscii) {
  const std::string bytes = widgets::escpos_ticket(widgets::ticket_layout(ticket()));
  ASSERT_GE(bytes.size(), 2u);
  EXPECT_EQ(bytes.substr(0, 2), "\x1B@");
  EXPECT_NE(bytes.find("A-112"), std::string::npos);
  EXPECT_NE(bytes.find("+/-30 menit"), std::string::npos);  // "±" has no ASCII form
  EXPECT_NE(bytes.find("\x1D!\x33"), std::string::npos);   // the number at 4x size
  EXPECT_EQ(bytes.substr(bytes.size() - 4), std::string("\x1DV\x42\x00", 4));  // partial cut
  for (char c : bytes) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  // Lines are wrapped for 58 mm paper.
  for (std::size_t start = 0, end; (end = bytes.find('\n', start)) != std::string::npos; start = end + 1) {
    std::string line = bytes.substr(start, end - start);
    std::erase_if(line, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '!'; });
    EXPECT_LE(line.size(), 40u) << line;
  }
}

TEST_F(TicketTest, PrintingWritesTheBytesAndAPng) {
  test::TempDir dir("simpul-ticket");
  ::simpul::kiosk::PrintTarget target{dir.file("printer.bin"), dir.file("tickets")};
  const auto lines = widgets::ticket_layout(ticket());
  const ::simpul::kiosk::PrintOutcome out = ::simpul::kiosk::print_ticket(target, lines, "2026-01-01", "A-112");
  EXPECT_TRUE(out.printed) << out.printer_error;
  EXPECT_EQ(out.png, dir.file("tickets") / "2026-01-01_A-112.png") << out.png_error;
  EXPECT_EQ(queue_test::read_file(out.png).substr(1, 3), "PNG");
  EXPECT_EQ(queue_test::read_file(target.printer), widgets::escpos_ticket(lines));

  auto image = widgets::render_ticket(lines);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->width, widgets::kTicketPngWidth);
  EXPECT_GT(image->height, 300);
  const long dark = std::count_if(image->pixels.begin(), image->pixels.end(), [](unsigned char p) { return p < 128; });
  EXPECT_GT(dark, 2000);  // text was drawn

  const ::simpul::kiosk::PrintOutcome no_printer = ::simpul::kiosk::print_ticket({"", ""}, lines, "2026-01-01", "A-112");
  EXPECT_FALSE(no_printer.printed);
  EXPECT_TRUE(no_printer.printer_error.empty());
  const ::simpul::kiosk::PrintOutcome bad = ::simpul::kiosk::print_ticket({dir.file("missing/dir/printer"), ""}, lines, "2026-01-01", "A-1");
  EXPECT_FALSE(bad.printed);
  EXPECT_FALSE(bad.printer_error.empty());
}

}  // namespace
}  // namespace simpul::screens::kiosk
