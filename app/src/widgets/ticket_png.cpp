#include "widgets/ticket_png.hpp"

#include <stb_image_write.h>  // implementation: Debian's libstb
#include <stb_truetype.h>     // likewise

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#include "ui/fonts.hpp"

namespace simpul::widgets {
namespace {

constexpr int kMargin = 16;

struct Face {
  std::vector<unsigned char> data;
  stbtt_fontinfo info{};
};

Result<Face> load_face(const char* path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  Face face;
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : 0;
  if (size > 0) {
    face.data.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(face.data.data()), size);
    if (!in) face.data.clear();
  }
  if (face.data.empty() || stbtt_InitFont(&face.info, face.data.data(), 0) == 0)
    return make_error(ErrorKind::permanent, "ticket.font", std::string("cannot read the font ") + path);
  return face;
}

// Next code point of UTF-8 `s` at `i` (advances i); U+FFFD for a broken sequence.
int next_codepoint(const std::string& s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  const int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
  if (extra < 0) return 0xFFFD;
  int cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

struct Pen {
  const Face* face;
  float scale;
  int pixel_height;
};

float text_width(const Pen& pen, const std::string& text) {
  float width = 0;
  int previous = 0;
  for (std::size_t i = 0; i < text.size();) {
    const int cp = next_codepoint(text, i);
    int advance = 0;
    int bearing = 0;
    stbtt_GetCodepointHMetrics(&pen.face->info, cp, &advance, &bearing);
    if (previous != 0) width += pen.scale * static_cast<float>(stbtt_GetCodepointKernAdvance(&pen.face->info, previous, cp));
    width += pen.scale * static_cast<float>(advance);
    previous = cp;
  }
  return width;
}

// Splits `text` into lines no wider than `width` at this pen's size (a word wider than a line stays whole).
std::vector<std::string> wrap(const Pen& pen, const std::string& text, float width) {
  std::vector<std::string> out;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(pen, candidate) > width) {
      out.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) out.push_back(line);
  return out;
}

// Draws one line centred in the image with its top at `top`. Glyph coverage darkens the paper.
void draw_line(GrayImage& image, const Pen& pen, const std::string& text, int top) {
  int ascent = 0;
  int descent = 0;
  int gap = 0;
  stbtt_GetFontVMetrics(&pen.face->info, &ascent, &descent, &gap);
  const int baseline = top + static_cast<int>(std::lround(pen.scale * static_cast<float>(ascent)));
  float x = (static_cast<float>(image.width) - text_width(pen, text)) * 0.5f;
  int previous = 0;
  std::vector<unsigned char> glyph;
  for (std::size_t i = 0; i < text.size();) {
    const int cp = next_codepoint(text, i);
    if (previous != 0) x += pen.scale * static_cast<float>(stbtt_GetCodepointKernAdvance(&pen.face->info, previous, cp));
    int x0 = 0;
    int y0 = 0;
    int x1 = 0;
    int y1 = 0;
    stbtt_GetCodepointBitmapBox(&pen.face->info, cp, pen.scale, pen.scale, &x0, &y0, &x1, &y1);
    const int w = x1 - x0;
    const int h = y1 - y0;
    if (w > 0 && h > 0) {
      glyph.assign(static_cast<std::size_t>(w * h), 0);
      stbtt_MakeCodepointBitmap(&pen.face->info, glyph.data(), w, h, w, pen.scale, pen.scale, cp);
      const int left = static_cast<int>(std::lround(x)) + x0;
      for (int gy = 0; gy < h; ++gy) {
        const int py = baseline + y0 + gy;
        if (py < 0 || py >= image.height) continue;
        for (int gx = 0; gx < w; ++gx) {
          const int px = left + gx;
          if (px < 0 || px >= image.width) continue;
          auto& pixel = image.pixels[static_cast<std::size_t>(py * image.width + px)];
          const unsigned char ink = glyph[static_cast<std::size_t>(gy * w + gx)];
          pixel = static_cast<unsigned char>(std::min<int>(pixel, 255 - ink));
        }
      }
    }
    int advance = 0;
    int bearing = 0;
    stbtt_GetCodepointHMetrics(&pen.face->info, cp, &advance, &bearing);
    x += pen.scale * static_cast<float>(advance);
    previous = cp;
  }
}

int pixel_height(TicketStyle style) {
  switch (style) {
    case TicketStyle::number: return 112;
    case TicketStyle::large: return 34;
    case TicketStyle::bold: return 26;
    case TicketStyle::normal: return 22;
  }
  return 22;
}

}  // namespace

Result<GrayImage> render_ticket(const std::vector<TicketLine>& lines) {
  const ui::FontFiles files;
  auto regular = load_face(files.regular);
  if (!regular.ok()) return regular.error();
  auto bold = load_face(files.bold);
  if (!bold.ok()) return bold.error();
  const float usable = static_cast<float>(kTicketPngWidth - 2 * kMargin);

  // Lay out first (wrapping decides the height), then draw.
  struct Placed {
    Pen pen;
    std::string text;
    int top;
  };
  std::vector<Placed> placed;
  int y = kMargin;
  for (const TicketLine& line : lines) {
    if (line.text.empty()) {
      y += pixel_height(TicketStyle::normal) / 2;
      continue;
    }
    const Face& face = line.style == TicketStyle::normal ? *regular : *bold;
    int height = pixel_height(line.style);
    Pen pen{&face, stbtt_ScaleForPixelHeight(&face.info, static_cast<float>(height)), height};
    if (line.style == TicketStyle::number) {
      // The number always fits on one line: shrink it when it is long (A-11000).
      const float width = text_width(pen, line.text);
      if (width > usable) {
        height = static_cast<int>(static_cast<float>(height) * usable / width);
        pen = Pen{&face, stbtt_ScaleForPixelHeight(&face.info, static_cast<float>(height)), height};
      }
      placed.push_back({pen, line.text, y});
      y += height + height / 8;
      continue;
    }
    for (const std::string& part : wrap(pen, line.text, usable)) {
      placed.push_back({pen, part, y});
      y += height + height / 4;
    }
  }
  GrayImage image;
  image.width = kTicketPngWidth;
  image.height = y + kMargin;
  image.pixels.assign(static_cast<std::size_t>(image.width * image.height), 255);
  for (const Placed& p : placed) draw_line(image, p.pen, p.text, p.top);
  return image;
}

Status write_ticket_png(const std::filesystem::path& out, const std::vector<TicketLine>& lines) {
  auto image = render_ticket(lines);
  if (!image.ok()) return image.error();
  if (stbi_write_png(out.string().c_str(), image->width, image->height, 1, image->pixels.data(), image->width) == 0)
    return make_error(ErrorKind::permanent, "ticket.png", "cannot write " + out.string());
  return {};
}

}  // namespace simpul::widgets
