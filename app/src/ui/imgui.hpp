#pragma once
// The one place our code includes Dear ImGui. Its headers are third-party code and trip our warning set
// (-Wold-style-cast, -Wconversion, ...), so they are wrapped here once instead of at every include.
#ifndef IMGUI_DEFINE_MATH_OPERATORS
#define IMGUI_DEFINE_MATH_OPERATORS
#endif

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <imgui.h>
#include <imgui_stdlib.h>
#include <imgui_freetype.h>
// imgui_internal.h: only for item ids/flags (the probe) and the previous frame's active id (key adapter).
#include <imgui_internal.h>
#pragma GCC diagnostic pop
