#pragma once
// The digital JKN-KIS card as a picture, without OpenGL (a task can make it): the same layout as on screen,
// rasterised in software (text with stb_truetype and the UI's DejaVu faces), saved as PNG, or as a one-page PDF
// (A4, the card at its real size of 85.6 x 54 mm, the picture embedded as JPEG) for printing.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "simpul/core/result.hpp"
#include "widgets/jkn_card_layout.hpp"

namespace simpul::widgets {

struct CardFonts {
  std::filesystem::path regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::filesystem::path bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // row-major, 3 bytes per pixel, top row first
};

// `pixels_per_unit` 2 gives 1712 x 1080 (about 500 dpi at card size). A missing font file is an error: a card
// without its name is worse than no card.
Result<RgbImage> render_card_image(const CardData& card, float pixels_per_unit = 2.0f, const CardFonts& fonts = {});

Result<std::vector<std::uint8_t>> card_png(const CardData& card, const CardFonts& fonts = {});
Result<std::vector<std::uint8_t>> card_pdf(const CardData& card, const CardFonts& fonts = {});

// Writes bytes to a file (or a printer device such as /dev/usb/lp0) in one go.
Status write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

}  // namespace simpul::widgets
