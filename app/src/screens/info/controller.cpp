#include "screens/info/controller.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "context/app_context.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::info {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::not_found, "info.unreadable", "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool english(std::string_view language) {
  return language == "en";
}

}  // namespace

Result<InfoIndex> load_index(const std::filesystem::path& info_dir) {
  auto text = read_file(info_dir / "index.json");
  if (!text.ok()) return text.error();
  try {
    const auto json = nlohmann::json::parse(*text);
    InfoIndex index;
    index.note_id = json.at("note").value("id", "");
    index.note_en = json.at("note").value("en", "");
    for (const auto& t : json.at("topics")) {
      index.topics.push_back(Topic{t.at("id").get<std::string>(), t.at("title").at("id").get<std::string>(),
                                   t.at("title").at("en").get<std::string>(),
                                   t.at("files").at("id").get<std::string>(),
                                   t.at("files").at("en").get<std::string>()});
    }
    return index;
  } catch (const nlohmann::json::exception& e) {
    return make_error(ErrorKind::corrupt, "info.index", std::string("info/index.json: ") + e.what());
  }
}

Result<std::vector<Block>> load_page(const std::filesystem::path& info_dir, const Topic& topic,
                                     std::string_view language) {
  auto text = read_file(info_dir / (english(language) ? topic.file_en : topic.file_id));
  if (!text.ok()) return text.error();
  return parse_page(*text);
}

InfoScreen::InfoScreen(context::AppContext& app, bool kiosk)
    : app_(app), kiosk_(kiosk), dir_(app.asset_dir() / "info") {
  view_.kiosk = kiosk;
  view_.offer_locator = kiosk && screens::find_screen(kKioskLocatorScreen) != nullptr;
  auto index = load_index(dir_);
  if (!index.ok()) {
    std::fprintf(stderr, "simpul: %s\n", index.error().message.c_str());
    view_.error_key = "info.load_failed";
    return;
  }
  index_ = std::move(index).value();
  if (!index_.topics.empty()) view_.selected = index_.topics.front().id;
}

void InfoScreen::on_show() {
  reload();
}

void InfoScreen::show_topic(const std::string& id) {
  for (const Topic& t : index_.topics)
    if (t.id == id) {
      view_.selected = id;
      reload();
    }
}

void InfoScreen::reload() {
  if (index_.topics.empty()) return;
  const std::string language(i18n::language());
  loaded_language_ = language;
  view_.language = language;
  view_.topics.clear();
  for (const Topic& t : index_.topics)
    view_.topics.push_back(TopicRow{t.id, english(language) ? t.title_en : t.title_id});
  view_.note = english(language) ? index_.note_en : index_.note_id;
  view_.page.clear();
  view_.error_key.clear();
  for (const Topic& t : index_.topics) {
    if (t.id != view_.selected) continue;
    auto page = load_page(dir_, t, language);
    if (!page.ok()) {
      std::fprintf(stderr, "simpul: %s\n", page.error().message.c_str());
      view_.error_key = "info.load_failed";
    } else {
      view_.page = std::move(page).value();
    }
  }
}

void InfoScreen::frame(shell::ScreenContext& context) {
  if (i18n::language() != loaded_language_) reload();  // the language was switched
  const Intents intents = draw(view_, form_);
  if (intents.language)
    i18n::set_language(*intents.language);  // kiosk: this person's choice only, never saved
  if (intents.topic) show_topic(*intents.topic);
  if (intents.open_locator) context.navigator.open(kKioskLocatorScreen);
  if (intents.back) context.navigator.back();
}

std::unique_ptr<shell::Screen> make_info_screen(const ScreenDeps& deps) {
  return std::make_unique<InfoScreen>(deps.app, false);
}

std::unique_ptr<shell::Screen> make_kiosk_info_screen(const ScreenDeps& deps) {
  return std::make_unique<InfoScreen>(deps.app, true);
}

}  // namespace simpul::screens::info
