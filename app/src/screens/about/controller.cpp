#include "screens/about/controller.hpp"

#include "ui/i18n.hpp"

namespace simpul::screens::about {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

void AboutScreen::frame(shell::ScreenContext& context) {
  const View view{"Simpul", SIMPUL_VERSION, std::string(i18n::language())};
  const Intents intents = draw(view, form_);
  if (intents.switch_language) i18n::set_language(*intents.switch_language);
  if (intents.back) context.navigator.back();
}

}  // namespace simpul::screens::about
