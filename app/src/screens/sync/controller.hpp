#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <tuple>

#include "context/sync_lists.hpp"
#include "screens/registry.hpp"
#include "screens/sync/model.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::sync {

class SyncScreen final : public shell::Screen {
 public:
  explicit SyncScreen(context::AppContext& app) : app_(app) {}
  std::string_view name() const override { return "sync"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;

 private:
  void reload();
  void fill_status();
  void apply(const Intents& intents);
  void done(const Status& outcome, const char* ok_key);

  context::AppContext& app_;
  context::SyncLists lists_;
  View view_;
  Form form_;
  // The engine's counts when the lists were read: a change means the lists are stale.
  std::tuple<std::int64_t, std::int64_t, std::int64_t, std::optional<std::int64_t>> seen_{-1, -1, -1, std::nullopt};
};

std::unique_ptr<shell::Screen> make_sync_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::sync
