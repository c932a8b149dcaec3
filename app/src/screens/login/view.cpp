#include "screens/login/model.hpp"

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::login {

Intents draw(const View& view, Form& form) {
  Intents intents;
  ui::CenteredColumn column(24);
  ui::gap(3);
  ui::title("Simpul");
  ui::text_muted(tr("login.subtitle"));
  ui::gap(1);

  // Focus the user name, or the password when the user name was preset (--user).
  const bool focus_user = form.focus_pending && form.username.empty();
  const bool focus_password = form.focus_pending && !focus_user;
  form.focus_pending = false;
  ui::input_text(ui::t("login.username"), form.username, {.request_focus = focus_user});
  ui::input_text(ui::t("login.password"), form.password, {.password = true, .request_focus = focus_password});
  ui::gap(0.25f);
  if (!view.error_key.empty()) ui::error_text(tr(view.error_key.c_str()));
  ui::gap(0.25f);

  ImGui::BeginDisabled(view.busy);
  const bool clicked = ui::primary_button(ui::t("login.submit"), ImVec2(column.width(), ui::em(2.6f)));
  ImGui::EndDisabled();
  if (!view.busy && (clicked || ui::submit_pressed())) intents.login = LoginIntent{form.username, form.password};

  ui::gap(2);
  if (ui::button(ui::t("login.about"))) intents.open_about = true;
  return intents;
}

}  // namespace simpul::screens::login
