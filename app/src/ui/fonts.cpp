#include "ui/fonts.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "ui/em.hpp"

namespace simpul::ui {
namespace {

Fonts g_fonts;

// Latin in full (Indonesian names carry marks from many languages), plus the punctuation, currency and the few
// symbols the UI draws. Every range costs atlas space in three faces: add symbols one by one, not by block.
// Must outlive the atlas: static.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1 Supplement, Latin Extended-A and -B
    0x02B0, 0x02FF,  // Spacing modifier letters (the okina in names, primes)
    0x1E00, 0x1EFF,  // Latin Extended Additional
    0x2C60, 0x2C7F,  // Latin Extended-C
    0x2000, 0x206F,  // General Punctuation (dashes, quotes, ellipsis, bullet)
    0x20A0, 0x20CF,  // Currency symbols
    0x2116, 0x2116,  // numero sign
    0x2190, 0x2199,  // arrows
    0x2264, 0x2265,  // less/greater than or equal
    0x25A0, 0x25FF,  // Geometric shapes (status dots, triangles)
    0x2713, 0x2717,  // check marks and crosses
    0xFFFD, 0xFFFD,  // replacement character
    0,
};
const ImWchar kDisplayGlyphRanges[] = {0x0020, 0x007E, 0};  // queue numbers, clock, poli names in capitals

ImFont* add_ttf(ImFontAtlas& atlas, const char* path, float pixels, const ImWchar* ranges = kGlyphRanges) {
  ImFontConfig config;
  config.OversampleH = 1;  // FreeType renders hinted glyphs; stb-style oversampling only blurs them
  config.OversampleV = 1;
  return atlas.AddFontFromFileTTF(path, pixels, &config, ranges);
}

ImFont* add_default(ImFontAtlas& atlas, float pixels) {
  ImFontConfig config;
  config.SizePixels = pixels;
  return atlas.AddFontDefault(&config);
}

Fonts build_fallback(ImFontAtlas& atlas, float scale) {
  atlas.Clear();
  atlas.FontBuilderIO = ImFontAtlasGetBuilderForStbTruetype();
  Fonts fonts;
  fonts.fallback = true;
  fonts.em_pixels = std::floor(13.0f * scale);
  fonts.body = add_default(atlas, fonts.em_pixels);
  fonts.bold = fonts.body;
  fonts.title = add_default(atlas, std::floor(fonts.em_pixels * 1.5f));
  fonts.display = fonts.title;
  atlas.Build();
  return fonts;
}

}  // namespace

Fonts build_fonts(ImFontAtlas& atlas, const FontRequest& request, const FontFiles& files) {
  const float scale = request.scale();
  std::error_code ec;
  Fonts fonts;
  if (std::filesystem::exists(files.regular, ec) && std::filesystem::exists(files.bold, ec)) {
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    fonts.em_pixels = std::floor(kBodyFontPixels * scale);
    fonts.body = add_ttf(atlas, files.regular, fonts.em_pixels);
    fonts.bold = add_ttf(atlas, files.bold, fonts.em_pixels);
    fonts.title = add_ttf(atlas, files.bold, std::floor(fonts.em_pixels * 1.6f));
    fonts.display = add_ttf(atlas, files.bold, std::floor(fonts.em_pixels * kDisplayFontEm), kDisplayGlyphRanges);
    if (fonts.body == nullptr || fonts.bold == nullptr || fonts.title == nullptr || fonts.display == nullptr ||
        !atlas.Build()) {
      std::fprintf(stderr, "simpul: could not load %s; using the built-in font\n", files.regular);
      fonts = build_fallback(atlas, scale);
    }
  } else {
    std::fprintf(stderr, "simpul: %s not found (install fonts-dejavu-core); using the built-in font\n",
                 files.regular);
    fonts = build_fallback(atlas, scale);
  }
  g_fonts = fonts;
  set_em_pixels(fonts.em_pixels);
  return fonts;
}

const Fonts& current_fonts() { return g_fonts; }

}  // namespace simpul::ui
