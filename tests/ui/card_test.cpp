// The digital card's pieces: Code 128 encoding, the shared layout, and the PNG/PDF files.
#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "context/format.hpp"
#include "widgets/code128.hpp"
#include "widgets/jkn_card_image.hpp"
#include "widgets/jkn_card_layout.hpp"
#include "widgets/qr_code.hpp"

namespace simpul::widgets {
namespace {

TEST(Code128, DigitsUseSetCWithACheckSymbol) {
  // "1234": start C (105), 12, 34, check (105 + 1*12 + 2*34) % 103 = 82, stop.
  auto symbols = code128_symbols("1234");
  ASSERT_TRUE(symbols);
  EXPECT_EQ(*symbols, (std::vector<int>{105, 12, 34, 82, 106}));
}

TEST(Code128, AnOddLastDigitSwitchesToSetB) {
  auto symbols = code128_symbols("123");
  ASSERT_TRUE(symbols);
  // start C, 12, Code B (100), '3' (19), check (105 + 12 + 200 + 57) % 103 = 65, stop.
  EXPECT_EQ(*symbols, (std::vector<int>{105, 12, 100, 19, 65, 106}));
}

TEST(Code128, EverySymbolIsElevenModulesAndTheStopThirteen) {
  auto runs = code128_runs("0001234567890");
  ASSERT_TRUE(runs);
  const int modules = std::accumulate(runs->begin(), runs->end(), 0);
  const auto symbols = code128_symbols("0001234567890")->size();
  EXPECT_EQ(modules, static_cast<int>((symbols - 1) * 11 + 13));
  EXPECT_FALSE(code128_runs(""));
  EXPECT_FALSE(code128_runs("é"));
}

TEST(QrCode, EncodesTheCardPayload) {
  auto qr = qr_encode("JKN-KIS:0001234567890:Siti Rahma");
  ASSERT_TRUE(qr);
  EXPECT_GE(qr->size, 21);
  EXPECT_TRUE(qr->at(0, 0));  // the finder pattern's corner is dark
}

CardData sample() {
  CardData c;
  c.name = "Siti Rahmawati";
  c.card_number = "0001234567890";
  c.nik = "3204105708850003";
  c.birth_date = "17-08-1985";
  c.fktp = "Puskesmas Soreang";
  c.care_class = "Kelas 3";
  return c;
}

TEST(CardLayout, ShowsTheNumberGroupedAndNeverPutsTheNikInTheQr) {
  const auto shapes = card_layout(sample());
  bool number = false;
  for (const auto& s : shapes) number = number || s.text == "0001 2345 6789 0";
  EXPECT_TRUE(number);
  EXPECT_EQ(card_qr_payload(sample()).find("3204105708850003"), std::string::npos);
  EXPECT_GT(shapes.size(), 100u);  // QR modules and bars are there
}

TEST(CardImage, PngAndPdfAreWellFormed) {
  auto png = card_png(sample());
  ASSERT_TRUE(png.ok()) << png.error().message;
  ASSERT_GT(png->size(), 1000u);
  EXPECT_EQ(std::string(png->begin() + 1, png->begin() + 4), "PNG");
  auto pdf = card_pdf(sample());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const std::string text(pdf->begin(), pdf->end());
  EXPECT_EQ(text.rfind("%PDF-1.4", 0), 0u);
  EXPECT_NE(text.find("/DCTDecode"), std::string::npos);
  EXPECT_NE(text.find("%%EOF"), std::string::npos);
}

TEST(DeskFormat, DatesMoneyAndMaskedNik) {
  EXPECT_EQ(context::format_date(Date{1985, 8, 17}), "17-08-1985");
  EXPECT_EQ(context::format_rupiah(42000), "Rp42.000");
  EXPECT_EQ(context::format_rupiah(1500000), "Rp1.500.000");
  EXPECT_EQ(context::mask_nik("3204105708850003"), "320410******0003");
  EXPECT_EQ(context::format_iso_date("2026-01-10"), "10-01-2026");
}

}  // namespace
}  // namespace simpul::widgets
