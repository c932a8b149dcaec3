#pragma once
// QR codes through libqrencode (the only file that includes it).
#include <optional>
#include <string_view>
#include <vector>

namespace simpul::widgets {

struct QrMatrix {
  int size = 0;              // modules per side (without the quiet zone: leave 4 white modules around)
  std::vector<bool> dark;    // row-major, size * size
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Error correction level M (15%). nullopt when the text is too long or libqrencode fails.
std::optional<QrMatrix> qr_encode(std::string_view text);

}  // namespace simpul::widgets
