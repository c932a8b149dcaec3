#include "ui/pacing.hpp"

namespace simpul::ui {
namespace {
bool g_animation_requested = false;  // UI thread only
}

void request_animation_frame() { g_animation_requested = true; }

bool take_animation_request() {
  const bool requested = g_animation_requested;
  g_animation_requested = false;
  return requested;
}

}  // namespace simpul::ui
