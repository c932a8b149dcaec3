#pragma once
// Screenshot mode: frames are rendered into an offscreen framebuffer of the requested size (independent of
// the window manager and of the window being visible), read back with glReadPixels and written as PNG with
// stb_image_write (compiled into Debian's libstb).
#include <cstdint>
#include <filesystem>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul::shell {

class OffscreenTarget {
 public:
  // Needs a current OpenGL 3.0+ context.
  static Result<OffscreenTarget> create(int width, int height);
  OffscreenTarget(OffscreenTarget&& other) noexcept;
  OffscreenTarget& operator=(OffscreenTarget&&) = delete;
  OffscreenTarget(const OffscreenTarget&) = delete;
  ~OffscreenTarget();

  void bind() const;
  // RGBA, top row first.
  std::vector<std::uint8_t> read_rgba() const;
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  OffscreenTarget(int width, int height) : width_(width), height_(height) {}
  int width_;
  int height_;
  unsigned framebuffer_ = 0;
  unsigned color_ = 0;
};

Status write_png(const std::filesystem::path& file, int width, int height, const std::vector<std::uint8_t>& rgba);

}  // namespace simpul::shell
