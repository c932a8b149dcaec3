#include "ui/em.hpp"

namespace simpul::ui {
namespace {
float g_em_pixels = 16.0f;  // ImGui context state is process-global too; this follows it.
}

float em(float n) { return n * g_em_pixels; }
ImVec2 em(float x, float y) { return ImVec2(x * g_em_pixels, y * g_em_pixels); }
void set_em_pixels(float pixels) { g_em_pixels = pixels; }
float em_pixels() { return g_em_pixels; }

}  // namespace simpul::ui
