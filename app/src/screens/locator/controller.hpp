#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "screens/locator/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"
#include "simpul/storage/locator.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::locator {

inline constexpr std::size_t kPageSize = 15;
inline constexpr const char* kKioskLocatorScreen = "kiosk_locator";

// The facility this replica serves (enrolled, else the `facility` or `queue.facility` setting); "" none.
std::string home_facility(storage::Replica& replica);

class LocatorScreen final : public shell::Screen {
 public:
  // `kiosk`: the public screen (from this facility only; opened from the kiosk's info page).
  LocatorScreen(context::AppContext& app, bool kiosk);
  ~LocatorScreen() override;
  std::string_view name() const override { return view_.kiosk ? kKioskLocatorScreen : "locator"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;
  bool busy() const override { return view_.busy; }
  const Form& form() const { return form_; }

 private:
  void search(bool next_page);
  void receive(std::uint64_t generation, bool next_page, Result<storage::LocatorPage> page);

  context::AppContext& app_;
  View view_;
  Form form_;
  std::string here_code_;
  std::uint64_t generation_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_locator_screen(const ScreenDeps& deps);
std::unique_ptr<shell::Screen> make_kiosk_locator_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::locator
