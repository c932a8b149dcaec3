#include "screens/lock/model.hpp"

#include <string>

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::lock {

Intents draw(const View& view, Form& form) {
  Intents intents;
  ui::CenteredColumn column(24);
  ui::gap(3);
  ui::title(tr("lock.title"));
  ui::text_muted(std::string(tr("lock.after")) + " " + std::to_string(view.minutes) + " " + tr("lock.minutes"));
  ui::gap(1);

  const bool focus = form.focus_pending;
  form.focus_pending = false;
  if (form.other_user) {
    ui::input_text(ui::t("lock.username"), form.username, {.request_focus = focus});
  } else {
    ui::text(std::string(tr("lock.signed_in_as")) + " " + view.display_name + " (" + view.username + ")");
  }
  ui::input_text(ui::t("lock.password"), form.password, {.password = true, .request_focus = focus && !form.other_user});
  if (!view.error_key.empty()) ui::error_text(tr(view.error_key.c_str()));
  ui::gap(0.25f);

  ImGui::BeginDisabled(view.busy);
  const bool clicked = ui::primary_button(ui::t(form.other_user ? "lock.sign_in" : "lock.unlock"),
                                          ImVec2(column.width(), ui::em(2.6f)));
  ImGui::EndDisabled();
  if (!view.busy && (clicked || ui::submit_pressed()))
    intents.unlock = Unlock{form.other_user ? form.username : view.username, form.password};

  ui::gap(1.5f);
  if (ui::button(ui::t(form.other_user ? "lock.same_user" : "lock.other_user"))) intents.switch_user = true;
  return intents;
}

}  // namespace simpul::screens::lock
