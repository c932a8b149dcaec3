// Checks a screenshot: it exists, has the expected size, and is not a single flat colour (text was drawn).
// usage: ui_png_check FILE WIDTH HEIGHT
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <unordered_map>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: ui_png_check FILE WIDTH HEIGHT\n");
    return 2;
  }
  const int want_width = std::atoi(argv[2]);
  const int want_height = std::atoi(argv[3]);
  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* pixels = stbi_load(argv[1], &width, &height, &channels, 3);
  if (pixels == nullptr) {
    std::fprintf(stderr, "FAIL: cannot read %s: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  std::unordered_map<std::uint32_t, long> histogram;
  const long count = static_cast<long>(width) * height;
  for (long i = 0; i < count; ++i) {
    const unsigned char* p = pixels + i * 3;
    const auto rgb = static_cast<std::uint32_t>(p[0] << 16 | p[1] << 8 | p[2]);
    ++histogram[rgb];
  }
  stbi_image_free(pixels);
  long most = 0;
  for (const auto& [rgb, n] : histogram) most = n > most ? n : most;
  const double dominant = count > 0 ? static_cast<double>(most) / static_cast<double>(count) : 1.0;
  std::printf("%s: %dx%d, %zu colours, dominant colour covers %.1f%%\n", argv[1], width, height, histogram.size(),
              dominant * 100.0);
  if (width != want_width || height != want_height) {
    std::fprintf(stderr, "FAIL: expected %dx%d\n", want_width, want_height);
    return 1;
  }
  // Antialiased text alone yields dozens of shades; a blank or failed render yields one or two colours.
  if (histogram.size() < 16 || dominant > 0.995) {
    std::fprintf(stderr, "FAIL: looks flat (nothing drawn?)\n");
    return 1;
  }
  return 0;
}
