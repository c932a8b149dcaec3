#include "widgets/qr_code.hpp"

#include <qrencode.h>

#include <memory>
#include <string>

namespace simpul::widgets {

std::optional<QrMatrix> qr_encode(std::string_view text) {
  const std::string data(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return std::nullopt;
  QrMatrix m;
  m.size = code->width;
  const auto n = static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size);
  m.dark.resize(n);
  for (std::size_t i = 0; i < n; ++i) m.dark[i] = (code->data[i] & 1) != 0;  // bit 0: dark module
  return m;
}

}  // namespace simpul::widgets
