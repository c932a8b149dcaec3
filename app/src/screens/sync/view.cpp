#include <string>

#include "screens/sync/model.hpp"
#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::sync {
namespace {

constexpr ImGuiTableFlags kListTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_SizingStretchProp;

void cell(const std::string& text) {
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", text.c_str());
  ui::probe::record(ui::probe::Kind::text, {}, text);
}

void headers(std::initializer_list<std::pair<const char*, float>> columns) {
  for (const auto& [key, weight] : columns) ImGui::TableSetupColumn(tr(key), ImGuiTableColumnFlags_None, weight);
  ImGui::TableHeadersRow();
}

std::string with_count(const char* key, std::size_t n) { return std::string(tr(key)) + " (" + std::to_string(n) + ")"; }

void draw_pending(const View& view) {
  if (view.pending.empty()) {
    ui::text_muted(tr("sync.pending.none"));
    return;
  }
  if (!ImGui::BeginTable("##pending", 4, kListTable)) return;
  headers({{"sync.col.when", 1.4f}, {"sync.col.what", 3.0f}, {"sync.col.fields", 3.0f}, {"sync.col.state", 1.4f}});
  for (const ChangeRow& row : view.pending) {
    ImGui::TableNextRow();
    cell(row.when);
    cell(row.subject);
    cell(row.fields);
    cell(tr(row.state_key.c_str()));
  }
  ImGui::EndTable();
}

void draw_rejected(const View& view, Form& form, Intents& intents) {
  if (view.rejected.empty()) {
    ui::text_muted(tr("sync.rejected.none"));
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted(tr("sync.rejected.explain"));
  ImGui::PopTextWrapPos();
  if (!ImGui::BeginTable("##rejected", 5, kListTable)) return;
  headers({{"sync.col.when", 1.3f},
           {"sync.col.what", 2.4f},
           {"sync.col.fields", 2.0f},
           {"sync.col.reason", 3.0f},
           {"sync.col.actions", 2.6f}});
  for (const ChangeRow& row : view.rejected) {
    ImGui::TableNextRow();
    cell(row.when);
    cell(row.subject);
    cell(row.fields);
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette::kError);
    ImGui::TextWrapped("%s", row.reason.c_str());
    ImGui::PopStyleColor();
    ui::probe::record(ui::probe::Kind::text, {}, row.reason);
    ImGui::TableNextColumn();
    const std::string seq = std::to_string(row.seq);
    ImGui::PushID(seq.c_str());
    const bool enabled = view.can_act;
    ImGui::BeginDisabled(!enabled);
    if (form.confirm_discard == row.seq) {
      ui::text_colored(ui::palette::kWarning, tr("sync.discard.question"));
      if (ui::button(ui::Label{("sync.discard.yes." + seq).c_str(), tr("sync.discard.yes")})) {
        intents.discard = row.seq;
        form.confirm_discard.reset();
      }
      ImGui::SameLine();
      if (ui::button(ui::Label{("sync.discard.no." + seq).c_str(), tr("sync.discard.no")})) form.confirm_discard.reset();
    } else {
      if (ui::button(ui::Label{("sync.resend." + seq).c_str(), tr("sync.resend")})) intents.resend = row.seq;
      ImGui::SameLine();
      if (ui::button(ui::Label{("sync.discard." + seq).c_str(), tr("sync.discard")})) form.confirm_discard = row.seq;
    }
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void draw_conflicts(const View& view, Form& form, Intents& intents) {
  if (view.conflicts.empty()) {
    ui::text_muted(tr("sync.conflicts.none"));
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted(tr("sync.conflicts.explain"));
  ImGui::PopTextWrapPos();
  for (std::size_t i = 0; i < view.conflicts.size(); ++i) {
    const ConflictRow& c = view.conflicts[i];
    const std::string n = std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    ui::gap(0.3f);
    ui::text_bold(c.subject + " \u2014 " + c.field);
    ui::text(std::string(tr(c.kept_label_key.c_str())) + ": " + (c.kept_value.empty() ? "–" : c.kept_value));
    ui::text(std::string(tr(c.other_label_key.c_str())) + ": " + (c.other_value.empty() ? "–" : c.other_value));
    ImGui::BeginDisabled(!view.can_act);
    if (form.editing_conflict == i) {
      ui::input_text(ui::Label{("sync.conflict.value." + n).c_str(), tr("sync.conflict.value")}, form.edit_value,
                     {.width_em = 24});
      if (ui::primary_button(ui::Label{("sync.conflict.save." + n).c_str(), tr("sync.conflict.save")})) {
        intents.edit = std::make_pair(i, form.edit_value);
        form.editing_conflict.reset();
      }
      ImGui::SameLine();
      if (ui::button(ui::Label{("sync.conflict.cancel." + n).c_str(), tr("sync.conflict.cancel")}))
        form.editing_conflict.reset();
    } else {
      if (ui::button(ui::Label{("sync.conflict.mine." + n).c_str(), tr("sync.conflict.keep_mine")})) intents.keep_mine = i;
      ImGui::SameLine();
      if (ui::button(ui::Label{("sync.conflict.theirs." + n).c_str(), tr("sync.conflict.keep_theirs")}))
        intents.keep_theirs = i;
      ImGui::SameLine();
      if (ui::button(ui::Label{("sync.conflict.edit." + n).c_str(), tr("sync.conflict.edit")})) {
        form.editing_conflict = i;
        form.edit_value = c.kept_value;
      }
    }
    ImGui::EndDisabled();
    ImGui::PopID();
    ImGui::Separator();
  }
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  if (ui::back_pressed()) intents.back = true;
  ui::title(tr("sync.title"));
  if (view.enrolled) {
    ui::text(std::string(tr("sync.server")) + ": " + view.server);
  } else {
    ui::text_colored(ui::palette::kWarning, tr("sync.not_enrolled"));
  }
  std::string state = std::string(tr(view.online ? "status.online" : "status.offline"));
  if (!view.phase.empty()) state += " \u00B7 " + view.phase;
  state += " \u00B7 " + (view.last_sync.empty() ? std::string(tr("status.never_synced"))
                                                : std::string(tr("status.last_sync")) + ": " + view.last_sync);
  ui::text_muted(state);
  if (view.synced) ui::text_colored(ui::palette::kSuccess, tr("status.synced"));
  if (!view.last_error.empty()) ui::text_colored(ui::palette::kWarning, std::string(tr("sync.last_error")) + ": " + view.last_error);
  ImGui::BeginDisabled(!view.enrolled || !view.can_act || !view.engine_running);
  if (ui::primary_button(ui::t("sync.now"))) intents.sync_now = true;
  ImGui::EndDisabled();
  if (!view.message_key.empty()) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::text_colored(view.message_error ? ui::palette::kError : ui::palette::kSuccess, tr(view.message_key.c_str()));
  }
  ui::gap(0.4f);

  if (ui::choice_button(ui::Label{"sync.tab.pending", with_count("sync.tab.pending", view.pending.size()).c_str()},
                        form.tab == Tab::pending))
    form.tab = Tab::pending;
  ImGui::SameLine();
  if (ui::choice_button(ui::Label{"sync.tab.rejected", with_count("sync.tab.rejected", view.rejected.size()).c_str()},
                        form.tab == Tab::rejected))
    form.tab = Tab::rejected;
  ImGui::SameLine();
  if (ui::choice_button(ui::Label{"sync.tab.conflicts", with_count("sync.tab.conflicts", view.conflicts.size()).c_str()},
                        form.tab == Tab::conflicts))
    form.tab = Tab::conflicts;
  ImGui::Separator();

  ImGui::BeginChild("##list", ImVec2(0, 0), false);
  switch (form.tab) {
    case Tab::pending: draw_pending(view); break;
    case Tab::rejected: draw_rejected(view, form, intents); break;
    case Tab::conflicts: draw_conflicts(view, form, intents); break;
  }
  ImGui::EndChild();
  return intents;
}

}  // namespace simpul::screens::sync
