#pragma once
// The command line of `simpul`.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "simpul/core/result.hpp"

namespace simpul::shell {

struct Options {
  std::optional<std::filesystem::path> db;  // local replica; default: context::default_db_path()
  bool kiosk = false;                       // fullscreen self-service kiosk
  bool display = false;                     // waiting-room queue display
  std::string language = "id";
  std::optional<std::string> user;          // preselected user name on the login screen
  std::optional<std::filesystem::path> screenshot;
  std::string screen;                       // start screen; empty: the default
  std::optional<std::string> participant;   // the participant page/change data open this participant (id)
  std::optional<std::string> query;         // the search field starts with this text
  int frames = 3;                           // frames rendered before a screenshot
  int width = 1280;
  int height = 800;
  bool help = false;
};

// Parses argv[1..]. Accepts "--opt value" and "--opt=value". Errors are ErrorKind::invalid with a message
// for the user (unknown option, missing or bad value).
Result<Options> parse_options(std::span<const char* const> args);

std::string usage_text();

}  // namespace simpul::shell
