#include "screens/admin/model.hpp"

#include <cstdio>
#include <string>

#include "screens/admin/presenter.hpp"
#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/form_controls.hpp"

namespace simpul::screens::admin {
namespace {

constexpr Role kRoles[] = {Role::admin, Role::registration, Role::clinician, Role::viewer};

std::string row_id(const char* what, const std::string& user_id) { return std::string("admin.") + what + "." + user_id; }

void message(const Message& m) {
  if (m.empty()) return;
  std::string text = tr(m.key.c_str());
  if (!m.detail.empty()) text += " " + m.detail;
  widgets::wrapped(text, m.error ? ui::palette::kError : ui::palette::kSuccess);
}

void role_buttons(const char* prefix, Role& value) {
  for (const Role role : kRoles) {
    const std::string id = std::string(prefix) + role_code(role);
    if (ui::choice_button({id.c_str(), role_label(role)}, value == role)) value = role;
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

void users_tab(const View& view, Form& form, Intents& intents) {
  widgets::heading(tr("admin.users.title"));
  if (ImGui::BeginTable("admin.users.table", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, 3.0f);
    for (const UserRow& user : view.users) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text_bold(user.username);
      ui::text_muted(user.display_name);
      ImGui::TableNextColumn();
      for (const Role role : kRoles) {
        const std::string id = row_id(role_code(role), user.id);
        // An admin keeps their own admin role: someone must be able to come back here.
        ImGui::BeginDisabled(user.is_self && role != Role::admin);
        if (ui::choice_button({id.c_str(), role_label(role)}, user.role == role) && user.role != role)
          intents.set_role = RoleChange{user.id, role};
        ImGui::EndDisabled();
        ImGui::SameLine();
      }
      ImGui::NewLine();
      ImGui::TableNextColumn();
      if (user.active) ui::text_colored(ui::palette::kSuccess, tr("admin.users.active"));
      else ui::text_colored(ui::palette::kError, tr("admin.users.disabled"));
      if (user.demo) ui::text_colored(ui::palette::kWarning, tr("admin.users.demo"));
      ImGui::TableNextColumn();
      const std::string toggle_id = row_id("toggle", user.id);
      ImGui::BeginDisabled(user.is_self);
      if (ui::button({toggle_id.c_str(), tr(user.active ? "admin.users.disable" : "admin.users.enable")}))
        intents.set_active = ActiveChange{user.id, !user.active};
      ImGui::EndDisabled();
      ImGui::SameLine();
      const std::string reset_id = row_id("reset", user.id);
      if (ui::button({reset_id.c_str(), tr("admin.users.reset_password")})) intents.start_reset = user.id;
    }
    ImGui::EndTable();
  }

  if (!form.reset.user_id.empty()) {
    std::string who = form.reset.user_id;
    for (const UserRow& user : view.users)
      if (user.id == form.reset.user_id) who = user.username;
    widgets::heading(std::string(tr("admin.users.reset_for")) + " " + who);
    ImGui::PushItemWidth(ui::em(18));
    ui::input_text(ui::t("admin.reset.password"), form.reset.password, {.password = true});
    ui::input_text(ui::t("admin.reset.password_again"), form.reset.password_again, {.password = true});
    ImGui::PopItemWidth();
    ImGui::BeginDisabled(view.user_task_running);
    if (ui::primary_button(ui::t("admin.reset.confirm"))) intents.confirm_reset = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ui::button(ui::t("admin.reset.cancel"))) intents.cancel_reset = true;
  }

  widgets::heading(tr("admin.add.title"));
  {
    widgets::Columns columns("admin.add.columns", 2);
    columns.next();
    ui::input_text(ui::t("admin.add.username"), form.add.username);
    ui::input_text(ui::t("admin.add.display_name"), form.add.display_name);
    ui::text(tr("admin.add.role"));
    role_buttons("admin.add.role.", form.add.role);
    columns.next();
    ui::input_text(ui::t("admin.add.password"), form.add.password, {.password = true});
    ui::input_text(ui::t("admin.add.password_again"), form.add.password_again, {.password = true});
    ui::gap(0.3f);
    ImGui::BeginDisabled(view.user_task_running);
    if (ui::primary_button(ui::t("admin.add.submit"))) intents.add_user = true;
    ImGui::EndDisabled();
  }
  if (view.user_task_running) ui::progress_bar(std::nullopt, tr("admin.users.working"), ImVec2(ui::em(20), 0));
  message(view.users_message);
}

void device_tab(const View& view, Form& form, Intents& intents) {
  widgets::heading(tr("admin.device.title"));
  const DeviceView& d = view.device;
  widgets::label_value(tr("admin.device.install_id"), d.install_id);
  if (d.enrolled) {
    ui::text_colored(ui::palette::kSuccess, tr("admin.device.enrolled"));
    widgets::label_value(tr("admin.device.device_id"), d.device_id);
    widgets::label_value(tr("admin.device.facility"),
                         d.facility_name.empty() ? d.facility : d.facility_name + " (" + d.facility + ")");
    widgets::label_value(tr("admin.device.server_url"), d.server_url);
    widgets::label_value(tr("admin.device.enrolled_at"), d.enrolled_at);
    widgets::wrapped(tr("admin.device.reenroll_note"), ui::palette::kTextMuted);
  } else {
    ui::text_colored(ui::palette::kWarning, tr("admin.device.not_enrolled"));
    widgets::wrapped(tr("admin.device.explain"), ui::palette::kTextMuted);
    ImGui::PushItemWidth(ui::em(28));
    ui::input_text(ui::t("admin.device.server_url_input"), form.enroll.server_url, {.hint = "https://"});
    ui::input_text(ui::t("admin.device.facility_input"), form.enroll.facility, {.hint = "0114U163"});
    ui::input_text(ui::t("admin.device.code_input"), form.enroll.code);
    ImGui::PopItemWidth();
    ImGui::BeginDisabled(view.enrolling);
    if (ui::primary_button(ui::t("admin.device.enroll"))) intents.enroll = true;
    ImGui::EndDisabled();
    if (view.enrolling) ui::progress_bar(std::nullopt, tr("admin.device.enrolling"), ImVec2(ui::em(28), 0));
  }
  message(view.device_message);
}

void settings_tab(const View& view, Form& form, Intents& intents) {
  SettingsForm& s = form.settings;
  widgets::heading(tr("admin.settings.title"));
  ui::text(tr("admin.settings.language"));
  if (ui::choice_button({"admin.settings.lang.id", "Bahasa Indonesia"}, s.language == "id")) s.language = "id";
  ImGui::SameLine();
  if (ui::choice_button({"admin.settings.lang.en", "English"}, s.language == "en")) s.language = "en";

  ui::text(tr("admin.settings.font_scale"));
  for (const float scale : kFontScales) {
    char text[16];
    std::snprintf(text, sizeof text, "%d%%", static_cast<int>(scale * 100.0f + 0.5f));
    const std::string id = std::string("admin.settings.scale.") + text;
    if (ui::choice_button({id.c_str(), text}, s.font_scale > scale - 0.01f && s.font_scale < scale + 0.01f))
      s.font_scale = scale;
    ImGui::SameLine();
  }
  ImGui::NewLine();

  ImGui::PushItemWidth(ui::em(10));
  ui::input_text(ui::t("admin.settings.lock_minutes"), s.lock_minutes);
  widgets::heading(tr("admin.settings.kiosk"));
  ui::input_text(ui::t("admin.settings.kiosk_idle"), s.kiosk_idle_seconds);
  ui::text_muted(tr(view.kiosk_pin_set ? "admin.settings.pin_set" : "admin.settings.pin_not_set"));
  ui::input_text(ui::t("admin.settings.kiosk_pin"), s.kiosk_pin, {.password = true});
  ui::input_text(ui::t("admin.settings.kiosk_pin_again"), s.kiosk_pin_again, {.password = true});
  ImGui::PopItemWidth();
  ui::gap(0.3f);
  if (ui::primary_button(ui::t("admin.settings.save"))) intents.save_settings = true;
  message(view.settings_message);
}

void backup_tab(const View& view, Form& form, Intents& intents) {
  widgets::heading(tr("admin.backup.title"));
  widgets::label_value(tr("admin.backup.replica"), view.db_path);
  widgets::wrapped(tr("admin.backup.explain"), ui::palette::kTextMuted);
  ImGui::PushItemWidth(ui::em(36));
  ui::input_text(ui::t("admin.backup.path"), form.backup.backup_path);
  ImGui::BeginDisabled(view.backup_running || view.restore_running);
  if (ui::primary_button(ui::t("admin.backup.now"))) intents.backup = true;
  ImGui::EndDisabled();
  if (view.backup_running) ui::progress_bar(view.backup_progress, view.backup_progress_text, ImVec2(ui::em(36), 0));
  message(view.backup_message);

  widgets::heading(tr("admin.restore.title"));
  widgets::wrapped(tr("admin.restore.explain"), ui::palette::kWarning);
  ui::input_text(ui::t("admin.restore.path"), form.backup.restore_path);
  ImGui::PopItemWidth();
  widgets::checkbox(ui::t("admin.restore.confirm"), form.backup.restore_confirmed);
  ImGui::BeginDisabled(!form.backup.restore_confirmed || form.backup.restore_path.empty() || view.backup_running ||
                       view.restore_running);
  if (ui::button(ui::t("admin.restore.submit"))) intents.restore = true;
  ImGui::EndDisabled();
  if (view.restore_running) ui::progress_bar(std::nullopt, tr("admin.restore.running"), ImVec2(ui::em(36), 0));
  message(view.restore_message);
  if (!view.restore_scheduled.empty()) {
    widgets::wrapped(std::string(tr("admin.restore.scheduled")) + " " + view.restore_scheduled, ui::palette::kWarning);
    if (ui::button(ui::t("admin.restore.cancel"))) intents.cancel_restore = true;
  }
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  const bool esc = ui::back_pressed();
  ui::title(tr("admin.title"));
  if (!view.allowed) {
    ui::error_text(tr("admin.not_allowed"));
    if (ui::button(ui::t("common.back")) || esc) intents.back = true;
    return intents;
  }
  constexpr std::pair<Tab, const char*> kTabs[] = {{Tab::users, "admin.tab.users"},
                                                   {Tab::device, "admin.tab.device"},
                                                   {Tab::settings, "admin.tab.settings"},
                                                   {Tab::backup, "admin.tab.backup"}};
  for (const auto& [tab, key] : kTabs) {
    if (ui::choice_button(ui::t(key), form.tab == tab, ImVec2(ui::em(10), ui::em(2.2f)))) intents.tab = tab;
    ImGui::SameLine();
  }
  if (ui::button(ui::t("common.back"), ImVec2(0, ui::em(2.2f))) || esc) intents.back = true;
  ui::gap(0.3f);
  switch (form.tab) {
    case Tab::users: users_tab(view, form, intents); break;
    case Tab::device: device_tab(view, form, intents); break;
    case Tab::settings: settings_tab(view, form, intents); break;
    case Tab::backup: backup_tab(view, form, intents); break;
  }
  return intents;
}

}  // namespace simpul::screens::admin
