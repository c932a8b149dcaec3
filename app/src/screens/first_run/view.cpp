#include "screens/first_run/model.hpp"

#include <string>

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::first_run {

Intents draw(const View& view, Form& form) {
  Intents intents;
  ui::CenteredColumn column(28);
  ui::gap(1.5f);
  ui::title(tr("first_run.title"));
  ui::text_muted(tr("first_run.subtitle"));
  ui::gap(0.8f);

  const bool focus = form.focus_pending;
  form.focus_pending = false;
  ui::input_text(ui::t("first_run.username"), form.username, {.request_focus = focus});
  ui::input_text(ui::t("first_run.display_name"), form.display_name);
  ui::input_text(ui::t("first_run.password"), form.password, {.password = true});
  ui::input_text(ui::t("first_run.password_again"), form.password_again, {.password = true});
  ui::text_muted(tr("first_run.password_rule"));
  ui::gap(0.6f);

  const std::string enroll_label = std::string(tr("first_run.enroll_now")) + "###first_run.enroll_now";
  ImGui::Checkbox(enroll_label.c_str(), &form.enroll_now);
  ui::probe::record(ui::probe::Kind::button, "first_run.enroll_now", tr("first_run.enroll_now"));
  if (form.enroll_now) {
    ui::input_text(ui::t("enroll.server_url"), form.server_url, {.hint = "https://simpul.example.id"});
    ui::input_text(ui::t("enroll.facility"), form.facility, {.hint = "0114U163"});
    ui::input_text(ui::t("enroll.code"), form.code);
  } else {
    ui::text_muted(tr("first_run.enroll_later"));
  }
  ui::gap(0.4f);
  if (!view.error_key.empty()) ui::error_text(tr(view.error_key.c_str()));

  ImGui::BeginDisabled(view.busy);
  const bool clicked = ui::primary_button(ui::t("first_run.create"), ImVec2(column.width(), ui::em(2.6f)));
  ImGui::EndDisabled();
  if (!view.busy && (clicked || ui::submit_pressed())) {
    CreateAdmin create{form.username, form.display_name, form.password, form.password_again, std::nullopt, {}, {}};
    if (form.enroll_now) {
      create.server_url = form.server_url;
      create.facility = form.facility;
      create.code = form.code;
    }
    intents.create = std::move(create);
  }
  if (view.busy) ui::progress_bar(std::nullopt, tr("first_run.creating"), ImVec2(column.width(), 0));
  return intents;
}

}  // namespace simpul::screens::first_run
