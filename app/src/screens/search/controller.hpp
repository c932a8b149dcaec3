#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "context/search_service.hpp"
#include "screens/registry.hpp"
#include "screens/search/model.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::search {

inline constexpr std::size_t kPageSize = 200;

// Turns a search hit into a row for `role`'s eyes (viewers see masked NIKs).
Row to_row(const context::SearchHit& hit, bool full_nik);

class SearchScreen final : public shell::Screen {
 public:
  SearchScreen(context::AppContext& app, std::string initial_query);
  std::string_view name() const override { return "search"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;
  bool busy() const override { return waiting_; }

 private:
  void submit(std::size_t offset);
  void receive(context::SearchResult result);

  context::AppContext& app_;
  context::SearchService service_;
  Form form_;
  std::vector<Row> rows_;
  std::uint64_t generation_ = 0;
  bool waiting_ = false;       // a request of the current generation is out
  bool more_ = false;
  bool failed_ = false;
};

std::unique_ptr<shell::Screen> make_search_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::search
