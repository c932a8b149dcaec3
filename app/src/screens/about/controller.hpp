#pragma once
#include "shell/screen.hpp"
#include "screens/about/model.hpp"

namespace simpul::screens::about {

class AboutScreen final : public shell::Screen {
 public:
  std::string_view name() const override { return "about"; }
  void frame(shell::ScreenContext& context) override;

 private:
  Form form_;
};

}  // namespace simpul::screens::about
