#pragma once
// About: the app's name and version, and the interface language switch.
#include <optional>
#include <string>

namespace simpul::screens::about {

struct View {
  std::string app_name;
  std::string version;
  std::string language;  // current interface language: "id" or "en"
};

struct Form {};  // nothing to edit

struct Intents {
  std::optional<std::string> switch_language;  // "id" or "en"
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::about
