#pragma once
// Program information ("Info Program"): the JKN-KIS pages of assets/info/ in the UI language, a topic list on
// the left and the chosen page on the right. The desk shows it as a staff screen; the kiosk as a public
// screen with large text, a big Back button and the language toggle (no personal data anywhere on it).
#include <optional>
#include <string>
#include <vector>

#include "screens/info/document.hpp"

namespace simpul::screens::info {

struct TopicRow {
  std::string id;
  std::string title;  // in the UI language
};

struct View {
  bool kiosk = false;  // public screen: large text, big buttons, language toggle
  std::string language = "id";
  std::vector<TopicRow> topics;  // display order
  std::string selected;          // topic id shown
  std::vector<Block> page;       // the selected page
  std::string note;              // "rules change, ask BPJS Kesehatan" under every page
  std::string error_key;         // the pages could not be read
  bool offer_locator = false;    // kiosk: a button to the public facility locator
};

struct Form {};

struct Intents {
  std::optional<std::string> topic;     // show this topic
  std::optional<std::string> language;  // kiosk: this person's language (never saved)
  bool open_locator = false;            // kiosk: the facilities and BPJS offices nearby
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::info
