#include "widgets/jkn_card_image.hpp"

#include <stb/stb_image_write.h>
#include <stb/stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <system_error>

namespace simpul::widgets {
namespace {

struct Face {
  std::vector<unsigned char> data;
  stbtt_fontinfo info{};
};

Result<Face> load_face(const std::filesystem::path& path) {
  Face face;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (!ec && in) {
    face.data.resize(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(face.data.data()), static_cast<std::streamsize>(size));
    if (!in) face.data.clear();
  }
  if (face.data.empty() || stbtt_InitFont(&face.info, face.data.data(), 0) == 0)
    return make_error(ErrorKind::not_found, "card.font", "cannot load the font " + path.string());
  return face;
}

// The next code point of UTF-8 text (invalid bytes read as '?').
int next_code_point(const std::string& s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0) return '?';
  int cp = c & (0x3F >> extra);
  for (; extra > 0 && i < s.size(); --extra) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

class Canvas {
 public:
  Canvas(int width, int height) : image_{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width * height) * 3, 255)} {}

  // Blends `color` (0xAABBGGRR) over the pixel with extra coverage 0..1.
  void blend(int x, int y, std::uint32_t color, float coverage) {
    if (x < 0 || y < 0 || x >= image_.width || y >= image_.height || coverage <= 0.0f) return;
    const float a = std::min(1.0f, coverage) * static_cast<float>((color >> 24) & 0xFF) / 255.0f;
    auto* p = &image_.rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(image_.width) + static_cast<std::size_t>(x)) * 3];
    for (int channel = 0; channel < 3; ++channel) {
      const auto src = static_cast<float>((color >> (8 * channel)) & 0xFF);
      p[channel] = static_cast<std::uint8_t>(std::lround(src * a + static_cast<float>(p[channel]) * (1.0f - a)));
    }
  }

  void rect(float x0, float y0, float x1, float y1, std::uint32_t color, float radius) {
    const int ix0 = static_cast<int>(std::floor(x0));
    const int iy0 = static_cast<int>(std::floor(y0));
    const int ix1 = static_cast<int>(std::ceil(x1));
    const int iy1 = static_cast<int>(std::ceil(y1));
    for (int y = iy0; y < iy1; ++y) {
      for (int x = ix0; x < ix1; ++x) {
        // Coverage of the pixel by the (axis-aligned) rectangle, then the rounded corners.
        const float cx = std::clamp(std::min(x1, static_cast<float>(x + 1)) - std::max(x0, static_cast<float>(x)), 0.0f, 1.0f);
        const float cy = std::clamp(std::min(y1, static_cast<float>(y + 1)) - std::max(y0, static_cast<float>(y)), 0.0f, 1.0f);
        float coverage = cx * cy;
        if (radius > 0.0f) {
          const float px = static_cast<float>(x) + 0.5f;
          const float py = static_cast<float>(y) + 0.5f;
          const float qx = std::max({x0 + radius - px, px - (x1 - radius), 0.0f});
          const float qy = std::max({y0 + radius - py, py - (y1 - radius), 0.0f});
          const float outside = std::sqrt(qx * qx + qy * qy) - radius;
          coverage *= std::clamp(0.5f - outside, 0.0f, 1.0f);
        }
        blend(x, y, color, coverage);
      }
    }
  }

  void text(const Face& face, float x, float y, float pixel_height, std::uint32_t color, const std::string& s, float right) {
    const float scale = stbtt_ScaleForPixelHeight(&face.info, pixel_height);
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&face.info, &ascent, &descent, &gap);
    const float baseline = y + static_cast<float>(ascent) * scale;
    float pen = x;
    int previous = 0;
    for (std::size_t i = 0; i < s.size();) {
      const int cp = next_code_point(s, i);
      if (previous != 0) pen += static_cast<float>(stbtt_GetCodepointKernAdvance(&face.info, previous, cp)) * scale;
      int advance = 0, bearing = 0;
      stbtt_GetCodepointHMetrics(&face.info, cp, &advance, &bearing);
      int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      const float shift = pen - std::floor(pen);
      stbtt_GetCodepointBitmapBoxSubpixel(&face.info, cp, scale, scale, shift, 0, &x0, &y0, &x1, &y1);
      const int w = x1 - x0;
      const int h = y1 - y0;
      if (pen + static_cast<float>(advance) * scale > right) break;  // clip at the card's edge, whole glyphs
      if (w > 0 && h > 0) {
        std::vector<unsigned char> glyph(static_cast<std::size_t>(w * h));
        stbtt_MakeCodepointBitmapSubpixel(&face.info, glyph.data(), w, h, w, scale, scale, shift, 0, cp);
        const int gx = static_cast<int>(std::floor(pen)) + x0;
        const int gy = static_cast<int>(std::lround(baseline)) + y0;
        for (int row = 0; row < h; ++row)
          for (int col = 0; col < w; ++col)
            blend(gx + col, gy + row, color, static_cast<float>(glyph[static_cast<std::size_t>(row * w + col)]) / 255.0f);
      }
      pen += static_cast<float>(advance) * scale;
      previous = cp;
    }
  }

  RgbImage take() { return std::move(image_); }

 private:
  RgbImage image_;
};

void append(std::vector<std::uint8_t>& out, const std::string& s) { out.insert(out.end(), s.begin(), s.end()); }

void collect(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

Result<RgbImage> render_card_image(const CardData& card, float pixels_per_unit, const CardFonts& fonts) {
  auto regular = load_face(fonts.regular);
  if (!regular.ok()) return regular.error();
  auto bold = load_face(fonts.bold);
  if (!bold.ok()) return bold.error();
  const float s = pixels_per_unit;
  Canvas canvas(static_cast<int>(std::lround(kCardWidth * s)), static_cast<int>(std::lround(kCardHeight * s)));
  for (const CardShape& shape : card_layout(card)) {
    if (shape.kind == CardShape::Kind::rect) {
      canvas.rect(shape.x * s, shape.y * s, (shape.x + shape.w) * s, (shape.y + shape.h) * s, shape.rgba, shape.rounding * s);
    } else {
      canvas.text(shape.bold ? *bold : *regular, shape.x * s, shape.y * s, shape.h * s, shape.rgba, shape.text,
                  (kCardWidth - 16) * s);
    }
  }
  return canvas.take();
}

Result<std::vector<std::uint8_t>> card_png(const CardData& card, const CardFonts& fonts) {
  auto image = render_card_image(card, 2.0f, fonts);
  if (!image.ok()) return image.error();
  std::vector<std::uint8_t> png;
  if (stbi_write_png_to_func(collect, &png, image->width, image->height, 3, image->rgb.data(), image->width * 3) == 0)
    return make_error(ErrorKind::permanent, "card.png", "cannot encode the card as PNG");
  return png;
}

Result<std::vector<std::uint8_t>> card_pdf(const CardData& card, const CardFonts& fonts) {
  auto image = render_card_image(card, 2.0f, fonts);
  if (!image.ok()) return image.error();
  std::vector<std::uint8_t> jpeg;
  if (stbi_write_jpg_to_func(collect, &jpeg, image->width, image->height, 3, image->rgb.data(), 95) == 0)
    return make_error(ErrorKind::permanent, "card.jpeg", "cannot encode the card as JPEG");

  // A4 portrait (595 x 842 pt); the card at 85.6 x 54 mm (242.6 x 153.1 pt), 20 mm from the top-left corner.
  constexpr double kMm = 72.0 / 25.4;
  const double w = 85.6 * kMm;
  const double h = 54.0 * kMm;
  const double x = 20.0 * kMm;
  const double y = 842.0 - 20.0 * kMm - h;
  char content[128];
  std::snprintf(content, sizeof content, "q %.2f 0 0 %.2f %.2f %.2f cm /Card Do Q\n", w, h, x, y);
  const std::string stream(content);

  std::vector<std::uint8_t> pdf;
  std::vector<std::size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    append(pdf, std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n");
  };
  append(pdf, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Card 4 0 R >> >> "
         "/Contents 5 0 R >>");
  offsets.push_back(pdf.size());
  append(pdf, "4 0 obj\n<< /Type /XObject /Subtype /Image /Width " + std::to_string(image->width) + " /Height " +
                  std::to_string(image->height) + " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode "
                  "/Length " + std::to_string(jpeg.size()) + " >>\nstream\n");
  pdf.insert(pdf.end(), jpeg.begin(), jpeg.end());
  append(pdf, "\nendstream\nendobj\n");
  object("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "endstream");
  const std::size_t xref = pdf.size();
  append(pdf, "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n");
  for (std::size_t off : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    append(pdf, line);
  }
  append(pdf, "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
                  std::to_string(xref) + "\n%%EOF\n");
  return pdf;
}

Status write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return make_error(ErrorKind::permanent, "file.open", "cannot open " + path.string() + " for writing");
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) return make_error(ErrorKind::permanent, "file.write", "cannot write " + path.string());
  return {};
}

}  // namespace simpul::widgets
