#include "screens/change/model.hpp"

#include <string>

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/form_controls.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::change {
namespace {

using widgets::findings;

constexpr Autodebit kAutodebits[] = {Autodebit::bank, Autodebit::non_bank};

std::string key(const char* prefix, Kind kind, const char* suffix = "") {
  return std::string(prefix) + kind_code(kind) + suffix;
}

void participant_panel(const View& view, Intents& intents) {
  const ParticipantSummary& p = view.participant;
  widgets::heading(p.name);
  widgets::label_value(tr("change.nik"), p.nik);
  widgets::label_value(tr("change.card_number"), p.card_number.empty() ? tr("change.no_card_yet") : p.card_number);
  widgets::label_value(tr("change.birth_date"), p.birth_date);
  widgets::label_value(tr("change.segment"), p.segment + " · " + p.care_class);
  widgets::label_value(tr("change.fktp"), p.fktp.empty() ? "-" : p.fktp);
  if (!p.dental.empty()) widgets::label_value(tr("change.dental"), p.dental);
  widgets::label_value(tr("change.address"), p.address.empty() ? "-" : p.address);
  widgets::label_value(tr("change.email"), p.email.empty() ? "-" : p.email);
  if (p.pending_verification) ui::text_colored(ui::palette::kWarning, tr("change.pending_verification"));
  if (ui::button(ui::t("change.open_participant"))) intents.open_participant = true;
}

void kinds_panel(const View& view, const Form& form, Intents& intents) {
  widgets::heading(tr("change.choose"));
  for (const KindView& k : view.kinds) {
    const std::string id = key("change.kind.", k.kind);
    ImGui::BeginDisabled(!k.enabled || form.reviewing);
    if (widgets::selectable({id.c_str(), tr(id.c_str())}, form.kind == k.kind)) intents.choose = k.kind;
    ImGui::EndDisabled();
    if (!k.note.empty()) {
      ImGui::Indent(ui::em(1));
      widgets::wrapped(k.note, ui::palette::kTextMuted);
      ImGui::Unindent(ui::em(1));
    }
  }
}

void autodebit_choice(Form& form) {
  ui::text(tr("change.autodebit"));
  for (const Autodebit a : kAutodebits) {
    const std::string id = std::string("change.autodebit.") + autodebit_code(a);
    if (ui::choice_button({id.c_str(), widgets::autodebit_label(a)}, form.autodebit == a)) form.autodebit = a;
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (form.autodebit != Autodebit::none)
    ui::input_text(ui::t("change.autodebit_provider"), form.autodebit_provider,
                   {.hint = tr(form.autodebit == Autodebit::bank ? "change.bank_hint" : "change.non_bank_hint")});
}

void class_choice(const char* prefix, int& value) {
  for (int care_class = 1; care_class <= 3; ++care_class) {
    const std::string id = std::string(prefix) + std::to_string(care_class);
    const std::string text = std::string(tr("change.class")) + " " + std::to_string(care_class);
    if (ui::choice_button({id.c_str(), text.c_str()}, value == care_class)) value = care_class;
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

void change_fields(const View& view, Form& form) {
  const bool focus = form.focus_pending;
  form.focus_pending = false;
  switch (*form.kind) {
    case Kind::newborn_nik:
      ui::input_text(ui::t("change.new_nik"), form.new_nik, {.hint = tr("change.new_nik_hint"), .request_focus = focus});
      findings(view.findings, "nik");
      break;
    case Kind::segment:
      ui::text_muted(tr("change.segment_target"));
      autodebit_choice(form);
      findings(view.findings, "autodebit");
      findings(view.findings, "autodebit_provider");
      ui::text(tr("change.new_class"));
      class_choice("change.segment_class.", form.segment_class);
      if (!view.premium.empty()) ui::text_muted(view.premium);
      findings(view.findings, "care_class");
      widgets::checkbox(ui::t("change.consent"), form.consent);
      findings(view.findings, "consent");
      findings(view.findings, "segment");
      break;
    case Kind::email:
      ui::input_text(ui::t("change.new_email"), form.email, {.request_focus = focus});
      findings(view.findings, "email");
      break;
    case Kind::address:
      widgets::draw_region_picker("change.region", view.region, form.region);
      findings(view.findings, "village_code");
      ui::input_text(ui::t("change.street"), form.street);
      ui::input_text(ui::t("change.rt"), form.rt, {.hint = "001"});
      ui::input_text(ui::t("change.rw"), form.rw, {.hint = "001"});
      findings(view.findings, "rt");
      findings(view.findings, "rw");
      break;
    case Kind::fktp:
      widgets::wrapped(view.fktp_rule, ui::palette::kTextMuted);
      ui::text(tr("change.new_fktp"));
      widgets::draw_facility_picker("change.fktp", view.fktp, form.fktp);
      findings(view.findings, "fktp");
      findings(view.findings, "dental_fktp");
      break;
    case Kind::dental:
      ui::text(tr("change.new_dental"));
      widgets::draw_facility_picker("change.dental", view.dental, form.dental);
      findings(view.findings, "dental_fktp");
      break;
    case Kind::care_class:
      ui::text(tr("change.new_class"));
      class_choice("change.class.", form.care_class);
      if (!view.premium.empty()) ui::text_muted(view.premium);
      findings(view.findings, "care_class");
      break;
  }
}

void changes_table(const View& view) {
  if (!ImGui::BeginTable("change.lines", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn(tr("change.column.field"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr("change.column.before"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(tr("change.column.after"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableNextRow();
  for (const char* heading : {"change.column.field", "change.column.before", "change.column.after"}) {
    ImGui::TableNextColumn();
    ui::text_muted(tr(heading));
  }
  for (const ChangeLine& line : view.changes) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text_bold(line.field);
    ImGui::TableNextColumn();
    widgets::wrapped(line.before, ui::palette::kTextMuted);
    ImGui::TableNextColumn();
    widgets::wrapped(line.after, ui::palette::kText);
  }
  ImGui::EndTable();
}

void review_step(const View& view, Form& form, Intents& intents) {
  widgets::heading(tr("change.review_title"));
  changes_table(view);
  findings(view.findings);  // warnings that still apply (errors never reach this step)
  widgets::heading(tr("change.identity.title"));
  widgets::wrapped(view.identity_hint, ui::palette::kTextMuted);
  widgets::checkbox(ui::t("change.identity.ktp_seen"), form.ktp_seen);
  ui::input_text(ui::t("change.identity.ktp_nik"), form.ktp_nik,
                 {.hint = tr("change.identity.ktp_nik_hint"), .request_focus = form.focus_pending});
  form.focus_pending = false;
  findings(view.identity);
  if (view.outcome == Outcome::refused) ui::error_text(tr("change.refused"));
  if (view.outcome == Outcome::failed) widgets::wrapped(view.message, ui::palette::kError);
  ui::gap(0.4f);
  if (ui::primary_button(ui::t("change.save"), ImVec2(ui::em(14), ui::em(2.4f)))) intents.save = true;
  ImGui::SameLine();
  if (ui::button(ui::t("change.edit"), ImVec2(0, ui::em(2.4f)))) intents.edit = true;
}

void edit_step(const View& view, Form& form, Intents& intents) {
  const std::string title_key = key("change.kind.", *form.kind);
  const std::string help_key = key("change.kind.", *form.kind, ".help");
  widgets::heading(tr(title_key.c_str()));
  widgets::wrapped(tr(help_key.c_str()), ui::palette::kTextMuted);
  ui::gap(0.3f);
  change_fields(view, form);
  ui::gap(0.5f);
  if (view.changes.empty() && view.errors == 0) ui::text_muted(tr("change.nothing_yet"));
  ImGui::BeginDisabled(!view.can_review);
  if (ui::primary_button(ui::t("change.review"), ImVec2(ui::em(14), ui::em(2.4f)))) intents.review = true;
  ImGui::EndDisabled();
}

void saved_step(const View& view, Intents& intents) {
  widgets::heading(tr("change.saved_title"));
  changes_table(view);
  widgets::wrapped(view.message, ui::palette::kSuccess);
  widgets::wrapped(tr("change.saved_sync_note"), ui::palette::kTextMuted);
  ui::gap(0.5f);
  if (ui::primary_button(ui::t("change.another"))) intents.another = true;
  ImGui::SameLine();
  if (ui::button(ui::t("change.open_participant_after"))) intents.open_participant = true;
}

void lookup_panel(const View& view, Form& form, Intents& intents) {
  ui::CenteredColumn column(30);
  ui::gap(1);
  ui::text(tr("change.lookup_prompt"));
  ui::input_text(ui::t("change.lookup"), form.lookup, {.request_focus = form.focus_pending});
  form.focus_pending = false;
  ui::error_text(view.lookup_error.empty() ? std::string_view() : tr(view.lookup_error.c_str()));
  if (ui::primary_button(ui::t("change.lookup_submit")) || ui::submit_pressed()) intents.lookup = true;
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  const bool popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  const bool enter = !popup_open && ui::submit_pressed();
  const bool esc = !popup_open && ui::back_pressed();

  ui::title(tr("change.title"));
  if (!view.allowed) {
    ui::error_text(tr("change.not_allowed"));
    if (ui::button(ui::t("common.back")) || esc) intents.back = true;
    return intents;
  }
  if (!view.has_participant) {
    lookup_panel(view, form, intents);
    if (esc) intents.back = true;
    return intents;
  }
  {
    widgets::Columns columns("change.columns", {1.0f, 2.0f});
    columns.next();
    participant_panel(view, intents);
    kinds_panel(view, form, intents);
    columns.next();
    if (view.outcome == Outcome::saved) {
      saved_step(view, intents);
    } else if (!form.kind) {
      widgets::heading(tr("change.pick_first"));
      widgets::wrapped(tr("change.identity_explain"), ui::palette::kTextMuted);
    } else if (form.reviewing) {
      review_step(view, form, intents);
    } else {
      edit_step(view, form, intents);
    }
  }
  if (ui::button(ui::t("common.back"))) intents.back = true;
  if (enter && form.kind && view.outcome != Outcome::saved) {
    if (form.reviewing) intents.save = true;
    else if (view.can_review) intents.review = true;
  }
  if (esc) {
    if (form.reviewing && view.outcome != Outcome::saved) intents.edit = true;
    else intents.back = true;
  }
  return intents;
}

}  // namespace simpul::screens::change
