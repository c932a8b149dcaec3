#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "screens/info/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"
#include "simpul/core/result.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::info {

inline constexpr const char* kKioskInfoScreen = "kiosk_info";
inline constexpr const char* kKioskLocatorScreen = "kiosk_locator";  // offered from the kiosk's info page

// assets/info/index.json: the topics in display order, with titles and files per language.
struct Topic {
  std::string id;
  std::string title_id, title_en;
  std::string file_id, file_en;
};
struct InfoIndex {
  std::vector<Topic> topics;
  std::string note_id, note_en;
};
Result<InfoIndex> load_index(const std::filesystem::path& info_dir);
// The page of `topic` in `language` ("en", else Indonesian), parsed.
Result<std::vector<Block>> load_page(const std::filesystem::path& info_dir, const Topic& topic,
                                     std::string_view language);

class InfoScreen final : public shell::Screen {
 public:
  InfoScreen(context::AppContext& app, bool kiosk);
  std::string_view name() const override { return kiosk_ ? kKioskInfoScreen : "info"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;
  // For tests and screenshots: the topic shown.
  void show_topic(const std::string& id);

 private:
  void reload();

  context::AppContext& app_;
  bool kiosk_;
  std::filesystem::path dir_;
  InfoIndex index_;
  View view_;
  Form form_;
  std::string loaded_language_;
};

std::unique_ptr<shell::Screen> make_info_screen(const ScreenDeps& deps);
std::unique_ptr<shell::Screen> make_kiosk_info_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::info
