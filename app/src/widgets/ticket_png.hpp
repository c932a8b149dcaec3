#pragma once
// A ticket as a PNG in the shape of thermal paper (384 dots wide: 58 mm at 203 dpi), black on white: the kiosk keeps
// one per ticket beside the printer output (reprints, "what did the ticket say?"). Rendered on the CPU with
// stb_truetype from the DejaVu fonts the UI uses, so it works in any thread and without a GL context.
#include <filesystem>
#include <vector>

#include "simpul/core/result.hpp"
#include "widgets/ticket.hpp"

namespace simpul::widgets {

inline constexpr int kTicketPngWidth = 384;

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // row-major, 0 black .. 255 white
};

// Fails when the fonts cannot be read.
Result<GrayImage> render_ticket(const std::vector<TicketLine>& lines);
Status write_ticket_png(const std::filesystem::path& out, const std::vector<TicketLine>& lines);

}  // namespace simpul::widgets
