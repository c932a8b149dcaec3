#include "shell/screenshot.hpp"

#define GL_GLEXT_PROTOTYPES 1  // libOpenGL exports the GL 3.0 framebuffer entry points directly
#include <GL/gl.h>
#include <GL/glext.h>
#include <stb_image_write.h>  // implementation: Debian's libstb

#include <cstring>
#include <utility>

namespace simpul::shell {

Result<OffscreenTarget> OffscreenTarget::create(int width, int height) {
  OffscreenTarget target(width, height);
  glGenFramebuffers(1, &target.framebuffer_);
  glGenRenderbuffers(1, &target.color_);
  glBindRenderbuffer(GL_RENDERBUFFER, target.color_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer_);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, target.color_);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    return make_error(ErrorKind::permanent, "gl.framebuffer", "offscreen framebuffer incomplete");
  return target;
}

OffscreenTarget::OffscreenTarget(OffscreenTarget&& other) noexcept
    : width_(other.width_),
      height_(other.height_),
      framebuffer_(std::exchange(other.framebuffer_, 0u)),
      color_(std::exchange(other.color_, 0u)) {}

OffscreenTarget::~OffscreenTarget() {
  if (framebuffer_ != 0) glDeleteFramebuffers(1, &framebuffer_);
  if (color_ != 0) glDeleteRenderbuffers(1, &color_);
}

void OffscreenTarget::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
  glViewport(0, 0, width_, height_);
}

std::vector<std::uint8_t> OffscreenTarget::read_rgba() const {
  const auto row = static_cast<std::size_t>(width_) * 4;
  const auto rows = static_cast<std::size_t>(height_);
  std::vector<std::uint8_t> pixels(row * rows);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer_);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's first row is the bottom one.
  std::vector<std::uint8_t> flipped(pixels.size());
  for (std::size_t y = 0; y < rows; ++y) std::memcpy(&flipped[y * row], &pixels[(rows - 1 - y) * row], row);
  return flipped;
}

Status write_png(const std::filesystem::path& file, int width, int height, const std::vector<std::uint8_t>& rgba) {
  // Drop alpha: the window is opaque, and a PNG with alpha would show through in viewers.
  std::vector<std::uint8_t> rgb;
  rgb.reserve(rgba.size() / 4 * 3);
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) rgb.insert(rgb.end(), {rgba[i], rgba[i + 1], rgba[i + 2]});
  if (stbi_write_png(file.c_str(), width, height, 3, rgb.data(), width * 3) == 0)
    return make_error(ErrorKind::permanent, "png.write", "cannot write " + file.string());
  return {};
}

}  // namespace simpul::shell
