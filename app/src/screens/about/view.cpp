#include "screens/about/model.hpp"

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::about {

Intents draw(const View& view, Form& /*form*/) {
  Intents intents;
  ui::CenteredColumn column(34);
  ui::gap(2.5f);
  ui::title(tr("about.title"));
  ui::text_muted(tr("about.tagline"));
  ui::gap(1);

  ui::text_bold(view.app_name);
  ui::text(std::string(tr("about.version")) + " " + view.version);
  ui::text_muted(tr("about.offline_note"));
  ui::gap(0.5f);
  column.separator();
  ui::gap(0.5f);

  ui::text_bold(tr("about.language"));
  // Each language is named in itself, so a user can find their own whatever the current language is.
  const ImVec2 choice(ui::em(12), ui::em(2.4f));
  if (ui::choice_button({"lang.id", "Bahasa Indonesia"}, view.language == "id", choice))
    intents.switch_language = "id";
  ImGui::SameLine();
  if (ui::choice_button({"lang.en", "English"}, view.language == "en", choice)) intents.switch_language = "en";
  ui::gap(1.5f);

  if (ui::button(ui::t("common.back"), ImVec2(ui::em(8), ui::em(2.4f))) || ui::back_pressed()) intents.back = true;
  return intents;
}

}  // namespace simpul::screens::about
