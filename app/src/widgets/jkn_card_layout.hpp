#pragma once
// The digital JKN-KIS card as a list of shapes in card units (856 x 540, the ID-1 card's 85.6 x 54 mm), so one
// layout serves the screen (jkn_card.cpp, ImGui draw list) and the saved/printed image (jkn_card_image.cpp,
// software raster). No ImGui here.
#include <cstdint>
#include <string>
#include <vector>

namespace simpul::widgets {

inline constexpr float kCardWidth = 856.0f;
inline constexpr float kCardHeight = 540.0f;

struct CardData {
  std::string name;
  std::string card_number;  // 13 digits; "" while the server has not assigned one
  std::string nik;
  std::string birth_date;   // dd-mm-yyyy
  std::string fktp;         // facility name
  std::string care_class;   // "Kelas 3"
  std::string segment;      // "PBPU"
  // Labels in the UI language.
  std::string title = "KARTU INDONESIA SEHAT";
  std::string subtitle = "JKN-KIS";
  std::string label_card = "No. Kartu";
  std::string label_nik = "NIK";
  std::string label_birth = "Tgl. Lahir";
  std::string label_fktp = "Faskes Tingkat I";
  std::string label_class = "Kelas";
  std::string no_card_yet = "menunggu nomor kartu";
  std::string footer = "Kartu digital, dicetak dari Simpul";
};

struct CardShape {
  enum class Kind { rect, text };
  Kind kind = Kind::rect;
  float x = 0, y = 0, w = 0, h = 0;  // rect: the box; text: top-left, h = font size (pixel height of a line)
  std::uint32_t rgba = 0xFF000000;   // 0xAABBGGRR, like ImU32
  float rounding = 0;                // rect corners
  bool bold = false;                 // text face
  std::string text;
};

// What the QR code carries (the card number and the name, never the NIK).
std::string card_qr_payload(const CardData& card);

std::vector<CardShape> card_layout(const CardData& card);

}  // namespace simpul::widgets
