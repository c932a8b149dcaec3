#include "widgets/jkn_card_layout.hpp"

#include <cmath>

#include "widgets/code128.hpp"
#include "widgets/qr_code.hpp"

namespace simpul::widgets {
namespace {

constexpr std::uint32_t rgb(std::uint32_t r, std::uint32_t g, std::uint32_t b) {
  return 0xFF000000u | (b << 16) | (g << 8) | r;
}
constexpr std::uint32_t kWhite = rgb(255, 255, 255);
constexpr std::uint32_t kInk = rgb(31, 41, 51);
constexpr std::uint32_t kMuted = rgb(82, 96, 109);
constexpr std::uint32_t kBand = rgb(11, 122, 80);     // a calm green
constexpr std::uint32_t kBandDark = rgb(8, 92, 60);
constexpr std::uint32_t kPanel = rgb(238, 246, 241);

struct Builder {
  std::vector<CardShape> shapes;
  void rect(float x, float y, float w, float h, std::uint32_t color, float rounding = 0) {
    shapes.push_back(CardShape{CardShape::Kind::rect, x, y, w, h, color, rounding, false, {}});
  }
  void text(float x, float y, float size, std::string s, std::uint32_t color, bool bold = false) {
    shapes.push_back(CardShape{CardShape::Kind::text, x, y, 0, size, color, 0, bold, std::move(s)});
  }
  void field(float x, float y, const std::string& label, const std::string& value, float size = 30) {
    text(x, y, 21, label, kMuted);
    text(x, y + 24, size, value, kInk, true);
  }
};

// Groups digits for reading aloud: 0001234567890 -> 0001 2345 6789 0.
std::string spaced(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string card_qr_payload(const CardData& card) { return "JKN-KIS:" + card.card_number + ":" + card.name; }

std::vector<CardShape> card_layout(const CardData& card) {
  Builder b;
  b.rect(0, 0, kCardWidth, kCardHeight, kWhite, 28);
  b.rect(0, 0, kCardWidth, 104, kBand, 28);
  b.rect(0, 76, kCardWidth, 28, kBand);  // square off the band's lower corners
  b.rect(0, 104, kCardWidth, 6, kBandDark);
  b.text(40, 22, 34, card.title, kWhite, true);
  b.text(40, 62, 24, card.subtitle, kWhite);

  b.text(40, 132, 40, card.name, kInk, true);
  b.field(40, 190, card.label_card, card.card_number.empty() ? card.no_card_yet : spaced(card.card_number), 36);
  b.field(40, 262, card.label_nik, card.nik, 28);
  b.field(400, 262, card.label_birth, card.birth_date, 28);
  b.field(40, 326, card.label_fktp, card.fktp, 26);
  b.field(560, 326, card.label_class, card.care_class + (card.segment.empty() ? "" : "  " + card.segment), 26);

  // QR code, top right, on a light panel.
  const float qr_box = 176;
  const float qr_x = kCardWidth - 40 - qr_box;
  const float qr_y = 128;
  b.rect(qr_x - 8, qr_y - 8, qr_box + 16, qr_box + 16, kPanel, 10);
  if (!card.card_number.empty()) {
    if (auto qr = qr_encode(card_qr_payload(card))) {
      b.rect(qr_x, qr_y, qr_box, qr_box, kWhite);
      // Whole card units per module, so the saved image (2 px per unit) has crisp modules without seams.
      const float module = std::floor(qr_box / (static_cast<float>(qr->size) + 4));
      const float inset = std::floor((qr_box - module * static_cast<float>(qr->size)) / 2);
      for (int y = 0; y < qr->size; ++y) {
        // One rectangle per horizontal run of dark modules.
        for (int x = 0; x < qr->size;) {
          if (!qr->at(x, y)) {
            ++x;
            continue;
          }
          int end = x;
          while (end < qr->size && qr->at(end, y)) ++end;
          b.rect(qr_x + inset + static_cast<float>(x) * module, qr_y + inset + static_cast<float>(y) * module,
                 static_cast<float>(end - x) * module, module, kInk);
          x = end;
        }
      }
    }
  }

  // Code 128 of the card number across the bottom.
  if (!card.card_number.empty()) {
    if (auto runs = code128_runs(card.card_number)) {
      int modules = 0;
      for (auto r : *runs) modules += r;
      const float module = std::floor(440.0f / static_cast<float>(modules));  // whole units: crisp bars
      float x = 40;
      const float y = 404;
      bool bar = true;
      for (auto r : *runs) {
        const float w = module * static_cast<float>(r);
        if (bar) b.rect(x, y, w, 74, kInk);
        x += w;
        bar = !bar;
      }
    }
  }
  b.text(40, 490, 19, card.footer, kMuted);
  return std::move(b.shapes);
}

}  // namespace simpul::widgets
