#include "screens/registration/model.hpp"

#include <string>

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/form_controls.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::registration {
namespace {

using widgets::findings;

constexpr FamilyRelation kRelations[] = {FamilyRelation::head, FamilyRelation::spouse, FamilyRelation::child,
                                         FamilyRelation::other};
constexpr Autodebit kAutodebits[] = {Autodebit::none, Autodebit::bank, Autodebit::non_bank};

std::string person_id(const char* field, std::size_t index) {
  return std::string("registration.") + field + "." + std::to_string(index);
}

void nik_preview(const NikPreview& nik) {
  if (nik.digits == 0) return;
  std::string line = std::to_string(nik.digits) + "/16 " + tr("registration.digits");
  if (!nik.region.empty()) line += " · " + nik.region;
  ui::text_muted(line);
  if (!nik.birth_date.empty()) {
    std::string decoded = std::string(tr("registration.born")) + " " + nik.birth_date;
    if (nik.sex) decoded += " · " + std::string(widgets::sex_label(*nik.sex));
    ui::text_colored(ui::palette::kAccent, decoded);
  }
}

void person_column(const View& view, Form& form, Intents& intents) {
  const std::size_t i = form.current;
  PersonForm& person = form.people[i];
  const PersonView& pv = view.people[i];
  widgets::heading(tr("registration.section.person"));
  if (pv.saved) {
    widgets::label_value(tr("registration.nik"), person.nik);
    widgets::label_value(tr("registration.name"), person.name);
    ui::text_colored(ui::palette::kSuccess, tr("registration.person_saved"));
    return;
  }
  const bool focus = form.focus_pending;
  form.focus_pending = false;
  const std::string nik_id = person_id("nik", i);
  ui::input_text({nik_id.c_str(), tr("registration.nik")}, person.nik,
                 {.hint = tr("registration.nik_hint"), .request_focus = focus});
  nik_preview(pv.nik);
  findings(pv.findings, "nik");
  if (pv.duplicate) {
    const std::string open_id = person_id("open_existing", i);
    if (ui::button({open_id.c_str(), tr("registration.open_existing")})) intents.open_participant = pv.duplicate->id;
  }

  const std::string name_id = person_id("name", i);
  ui::input_text({name_id.c_str(), tr("registration.name")}, person.name);
  findings(pv.findings, "name");

  const std::string birth_id = person_id("birth_date", i);
  if (ui::input_text({birth_id.c_str(), tr("registration.birth_date")}, person.birth_date,
                     {.hint = tr("registration.date_hint")}))
    person.birth_date_edited = true;
  findings(pv.findings, "birth_date");

  ui::text(tr("registration.sex"));
  for (const Sex sex : {Sex::male, Sex::female}) {
    const std::string id = person_id(sex == Sex::male ? "sex_male" : "sex_female", i);
    if (ui::choice_button({id.c_str(), widgets::sex_label(sex)}, person.sex == sex)) {
      person.sex = sex;
      person.sex_edited = true;
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  findings(pv.findings, "sex");

  ui::text(tr("registration.relation"));
  for (const FamilyRelation relation : kRelations) {
    const std::string id = person_id(relation_code(relation), i);
    if (ui::choice_button({id.c_str(), widgets::relation_label(relation)}, person.relation == relation))
      person.relation = relation;
    ImGui::SameLine();
  }
  ImGui::NewLine();
  findings(pv.findings, "relation");

  const std::string phone_id = person_id("phone", i);
  ui::input_text({phone_id.c_str(), tr("registration.phone")}, person.phone, {.hint = "08xx-xxxx-xxxx"});
  if (!pv.phone_normalized.empty() && pv.phone_normalized != person.phone)
    ui::text_muted(std::string(tr("registration.saved_as")) + " " + pv.phone_normalized);
  findings(pv.findings, "phone");

  const std::string email_id = person_id("email", i);
  ui::input_text({email_id.c_str(), tr("registration.email")}, person.email);
  findings(pv.findings, "email");

  if (form.people.size() > 1) {
    ui::gap(0.3f);
    const std::string remove_id = person_id("remove", i);
    if (ui::button({remove_id.c_str(), tr("registration.remove_person")})) intents.remove_member = i;
  }
}

void household_column(const View& view, Form& form) {
  widgets::heading(tr("registration.section.household"));
  ui::input_text(ui::t("registration.kk_number"), form.kk_number, {.hint = tr("registration.kk_hint")});
  findings(view.household, "kk_number");
  if (widgets::draw_region_picker("registration.region", view.region, form.region)) form.region_from_nik.clear();
  if (!form.region_from_nik.empty()) widgets::wrapped(tr("registration.region_from_nik"), ui::palette::kTextMuted);
  findings(view.household, "village_code");
  ui::input_text(ui::t("registration.street"), form.street, {.hint = tr("registration.street_hint")});
  // RT and RW side by side, each with its label above.
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  const ImVec2 top = ImGui::GetCursorPos();
  ImGui::BeginGroup();
  ImGui::PushItemWidth(half);
  ui::input_text(ui::t("registration.rt"), form.rt, {.hint = "001"});
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  // Not SameLine(): it would line the next label up with the field's text, a frame padding lower.
  ImGui::SetCursorPos(ImVec2(top.x + half + ImGui::GetStyle().ItemSpacing.x, top.y));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(half);
  ui::input_text(ui::t("registration.rw"), form.rw, {.hint = "001"});
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  findings(view.household, "rt");
  findings(view.household, "rw");
}

void membership_column(const View& view, Form& form, Intents& intents) {
  widgets::heading(tr("registration.section.membership"));
  ui::text(tr("registration.care_class"));
  for (int care_class = 1; care_class <= 3; ++care_class) {
    const std::string id = "registration.class." + std::to_string(care_class);
    const std::string text = std::string(tr("registration.class")) + " " + std::to_string(care_class);
    if (ui::choice_button({id.c_str(), text.c_str()}, form.care_class == care_class)) form.care_class = care_class;
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (view.premium.per_person > 0) {
    std::string premium = widgets::rupiah(view.premium.per_person) + " " + tr("registration.per_person_month");
    if (view.premium.subsidy > 0)
      premium += " (+" + widgets::rupiah(view.premium.subsidy) + " " + tr("registration.subsidy") + ")";
    widgets::wrapped(premium, ui::palette::kText);
    if (view.premium.people > 1)
      ui::text_muted(std::to_string(view.premium.people) + " " + tr("registration.people") + ": " +
                     widgets::rupiah(view.premium.total) + " " + tr("registration.per_month"));
    widgets::wrapped(tr("registration.due_note"), ui::palette::kTextMuted);
  }
  findings(view.household, "care_class");

  ui::text(tr("registration.fktp"));
  widgets::draw_facility_picker("registration.fktp", view.fktp, form.fktp);
  findings(view.household, "fktp");

  ui::text(tr("registration.dental"));
  widgets::draw_facility_picker("registration.dental", view.dental, form.dental);
  if (!view.dental_enabled) widgets::wrapped(tr("registration.dental_only_dpp"), ui::palette::kTextMuted);
  findings(view.household, "dental_fktp");

  ui::text(tr("registration.autodebit"));
  for (const Autodebit a : kAutodebits) {
    const std::string id = std::string("registration.autodebit.") + autodebit_code(a);
    if (ui::choice_button({id.c_str(), widgets::autodebit_label(a)}, form.autodebit == a)) form.autodebit = a;
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (form.autodebit != Autodebit::none) {
    ui::input_text(ui::t("registration.autodebit_provider"), form.autodebit_provider,
                   {.hint = tr(form.autodebit == Autodebit::bank ? "registration.bank_hint"
                                                                  : "registration.non_bank_hint")});
  }
  findings(view.household, "autodebit");
  findings(view.household, "autodebit_provider");

  ui::gap(0.6f);
  if (view.errors > 0) {
    ui::error_text(std::to_string(view.errors) + " " + tr("registration.errors_to_fix"));
  } else if (view.warnings > 0) {
    ui::text_colored(ui::palette::kWarning, std::to_string(view.warnings) + " " + tr("registration.warnings_note"));
  }
  if (view.outcome == Outcome::refused) ui::error_text(tr("registration.refused"));
  if (view.outcome == Outcome::failed) widgets::wrapped(view.message, ui::palette::kError);
  if (ui::primary_button(ui::t("registration.save"), ImVec2(-FLT_MIN, ui::em(2.6f)))) intents.save = true;
  widgets::wrapped(tr(view.enrolled ? "registration.pending_note" : "registration.pending_note_unenrolled"),
                   ui::palette::kTextMuted);
}

void people_tabs(const View& view, Form& form, Intents& intents) {
  for (std::size_t i = 0; i < view.people.size(); ++i) {
    const PersonView& pv = view.people[i];
    std::string text = pv.tab_label;
    if (pv.saved) text += "  \u2713";
    else if (pv.errors > 0 && form.save_attempted) text += "  (" + std::to_string(pv.errors) + ")";
    const std::string id = person_id("tab", i);
    if (ui::choice_button({id.c_str(), text.c_str()}, i == form.current)) intents.select_person = i;
    ImGui::SameLine();
  }
  if (ui::button(ui::t("registration.add_member"))) intents.add_member = true;
}

void saved_panel(const View& view, Intents& intents) {
  ui::CenteredColumn column(44);
  ui::gap(1);
  ui::title(tr("registration.saved_title"));
  ui::gap(0.5f);
  for (std::size_t i = 0; i < view.saved.size(); ++i) {
    ui::text_bold(view.saved[i].name);
    ImGui::SameLine();
    const std::string id = person_id("open_saved", i);
    if (ui::button({id.c_str(), tr("registration.open_participant")})) intents.open_participant = view.saved[i].id;
  }
  ui::gap(0.5f);
  widgets::wrapped(tr(view.enrolled ? "registration.saved_explain" : "registration.saved_explain_unenrolled"),
                   ui::palette::kText);
  ui::gap(0.4f);
  widgets::wrapped(tr("registration.after_sync_explain"), ui::palette::kTextMuted);
  ui::gap(1);
  if (ui::primary_button(ui::t("registration.register_family_member"))) intents.register_family_member = true;
  ImGui::SameLine();
  if (ui::button(ui::t("registration.start_over"))) intents.start_over = true;
  ImGui::SameLine();
  if (ui::button(ui::t("common.back"))) intents.back = true;
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  // Read before any widget: Enter that picks from an open list, or Esc that leaves a field, is not for the form.
  const bool popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  const bool enter = !popup_open && ui::submit_pressed();
  if (!popup_open && ui::back_pressed()) intents.back = true;

  ui::title(tr("registration.title"));
  if (!view.allowed) {
    ui::error_text(tr("registration.not_allowed"));
    if (ui::button(ui::t("common.back"))) intents.back = true;
    return intents;
  }
  if (view.outcome == Outcome::saved) {
    saved_panel(view, intents);
    return intents;
  }
  ui::text_muted(tr("registration.subtitle"));
  people_tabs(view, form, intents);
  ui::gap(0.3f);
  {
    widgets::Columns columns("registration.columns", 3);
    columns.next();
    person_column(view, form, intents);
    columns.next();
    household_column(view, form);
    columns.next();
    membership_column(view, form, intents);
  }
  if (enter) intents.save = true;
  return intents;
}

}  // namespace simpul::screens::registration
