#include <algorithm>
#include <string>

#include "screens/participant/model.hpp"
#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/jkn_card.hpp"

namespace simpul::screens::participant {
namespace {

constexpr ImGuiTableFlags kListTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_SizingStretchProp;

void heading(const char* key) {
  ui::gap(0.4f);
  ui::text_bold(tr(key));
}

// One "label: value" pair in a key/value table of two pairs per row.
void kv(const char* key, const std::string& value, const ImVec4* color = nullptr) {
  ImGui::TableNextColumn();
  ui::text_muted(tr(key));
  ImGui::TableNextColumn();
  const std::string shown = value.empty() ? "–" : value;
  if (color != nullptr) ImGui::PushStyleColor(ImGuiCol_Text, *color);
  ImGui::TextWrapped("%s", shown.c_str());  // long names and addresses wrap inside the column
  if (color != nullptr) ImGui::PopStyleColor();
  ui::probe::record(ui::probe::Kind::text, {}, shown);
}

void header_columns(std::initializer_list<std::pair<const char*, float>> columns) {
  for (const auto& [key, weight] : columns) ImGui::TableSetupColumn(tr(key), ImGuiTableColumnFlags_None, weight);
  ImGui::TableHeadersRow();
}

void cell(const std::string& text) {
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", text.c_str());
  ui::probe::record(ui::probe::Kind::text, {}, text);
}

std::string stars_text(int stars) {
  std::string s;
  for (int i = 1; i <= 5; ++i) s += i <= stars ? "●" : "○";  // ● ○
  return s + " " + std::to_string(stars) + "/5";
}

void draw_membership(const View& view) {
  const Membership& m = view.member;
  if (!ImGui::BeginTable("##membership", 4, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("k1", ImGuiTableColumnFlags_WidthFixed, ui::em(6.5f));
  ImGui::TableSetupColumn("v1", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("k2", ImGuiTableColumnFlags_WidthFixed, ui::em(6.5f));
  ImGui::TableSetupColumn("v2", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  kv("participant.card_number", m.card_number.empty() ? tr("participant.no_card") : m.card_number);
  kv("participant.nik", m.nik);
  kv("participant.kk", m.kk_number);
  kv("participant.birth_date", m.birth_date + " (" + tr(m.sex_key.c_str()) + ")");
  kv("participant.status", std::string(tr(m.status_key.c_str())) + (m.status_reason.empty() ? "" : " — " + m.status_reason),
     m.status_ok ? &ui::palette::kSuccess : &ui::palette::kWarning);
  kv("participant.segment", m.segment);
  kv("participant.class", m.care_class);
  kv("participant.active_period", m.active_period);
  kv("participant.fktp", m.fktp);
  kv("participant.dental_fktp", m.dental_fktp);
  if (m.arrears.empty()) {
    kv("participant.arrears", tr("participant.no_arrears"), &ui::palette::kSuccess);
  } else {
    kv("participant.arrears", m.arrears, &ui::palette::kError);
  }
  kv("participant.va", m.va_number);
  kv("participant.phone", m.phone);
  kv("participant.email", m.email);
  ImGui::EndTable();
  // The address is long: a line of its own.
  ui::text_muted(tr("participant.address"));
  ImGui::SameLine(ui::em(6.5f) + ImGui::GetStyle().CellPadding.x * 2);
  ImGui::TextWrapped("%s", m.address.c_str());
  ui::probe::record(ui::probe::Kind::text, {}, m.address);
}

void draw_card_panel(const View& view, Intents& intents, float width) {
  widgets::draw_jkn_card(view.card, width);
  ui::gap(0.4f);
  ImGui::BeginDisabled(view.exporting || view.card.card_number.empty());
  if (ui::button(ui::t("participant.card.png"))) intents.card = CardOutput::png;
  ImGui::SameLine();
  if (ui::button(ui::t("participant.card.pdf"))) intents.card = CardOutput::pdf;
  ImGui::SameLine();
  if (ui::button(ui::t("participant.card.print"))) intents.card = CardOutput::print;
  ImGui::EndDisabled();
  if (view.exporting) ui::text_muted(tr("participant.card.working"));
  if (!view.export_message.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ui::text_colored(view.export_failed ? ui::palette::kError : ui::palette::kSuccess, view.export_message);
    ImGui::PopTextWrapPos();
  }
}

void draw_family(const View& view, Intents& intents) {
  heading("participant.family");
  if (view.family.empty()) {
    ui::text_muted(tr("participant.family.none"));
    return;
  }
  if (!ImGui::BeginTable("##family", 4, kListTable)) return;
  header_columns({{"participant.family.name", 3.0f},
                  {"participant.family.relation", 1.5f},
                  {"participant.nik", 2.2f},
                  {"participant.card_number", 2.0f}});
  for (std::size_t i = 0; i < view.family.size(); ++i) {
    const FamilyRow& row = view.family[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(i));
    if (row.self) {
      ui::text_bold(row.name);
    } else if (ImGui::Selectable((row.name + "###member").c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      intents.open_family = row.id;
    }
    if (!row.self) ui::probe::record(ui::probe::Kind::button, "participant.family." + std::to_string(i), row.name);
    ImGui::PopID();
    cell(tr(row.relation_key.c_str()));
    cell(row.nik);
    cell(row.card_number);
  }
  ImGui::EndTable();
}

void draw_summary(const View& view, Intents& intents) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float card_width = std::min(ui::em(27), avail * 0.45f);
  if (ImGui::BeginTable("##summary", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("right", ImGuiTableColumnFlags_WidthFixed, card_width + ui::em(1));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    draw_membership(view);
    ImGui::TableNextColumn();
    draw_card_panel(view, intents, card_width);
    ImGui::EndTable();
  }
  draw_family(view, intents);
}

void draw_bills(const View& view, Form& form) {
  ui::text_bold(std::string(tr("participant.va")) + ": " + (view.member.va_number.empty() ? "–" : view.member.va_number));
  if (!view.member.arrears.empty())
    ui::text_colored(ui::palette::kError, std::string(tr("participant.arrears")) + ": " + view.member.arrears);
  heading("participant.bills");
  if (view.bills.empty()) {
    ui::text_muted(tr("participant.bills.none"));
  } else if (ImGui::BeginTable("##bills", 4, kListTable)) {
    header_columns({{"participant.bills.period", 2.0f},
                    {"participant.bills.amount", 1.5f},
                    {"participant.bills.due", 1.5f},
                    {"participant.bills.status", 1.5f}});
    for (const BillRow& b : view.bills) {
      ImGui::TableNextRow();
      cell(b.period);
      cell(b.amount);
      cell(b.due_date);
      ImGui::TableNextColumn();
      ui::text_colored(b.overdue ? ui::palette::kError : ui::palette::kText, tr(b.status_key.c_str()));
    }
    ImGui::EndTable();
  }
  heading("participant.payments");
  if (view.payments.empty()) {
    ui::text_muted(tr("participant.payments.none"));
  } else if (ImGui::BeginTable("##payments", 4, kListTable)) {
    header_columns({{"participant.payments.date", 1.5f},
                    {"participant.bills.amount", 1.5f},
                    {"participant.payments.channel", 2.0f},
                    {"participant.bills.period", 2.0f}});
    for (const PaymentRow& p : view.payments) {
      ImGui::TableNextRow();
      cell(p.paid_on);
      cell(p.amount);
      cell(p.channel);
      cell(p.period);
    }
    ImGui::EndTable();
  }
  heading("participant.guide");
  if (view.guide.empty()) {
    ui::text_muted(tr("participant.guide.none"));
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted(view.guide_note);
  ImGui::PopTextWrapPos();
  form.guide_channel = std::min(form.guide_channel, view.guide.size() - 1);
  for (std::size_t i = 0; i < view.guide.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    const std::string id = "participant.guide." + std::to_string(i);
    if (ui::choice_button(ui::Label{id.c_str(), view.guide[i].name.c_str()}, form.guide_channel == i))
      form.guide_channel = i;
  }
  const GuideChannel& channel = view.guide[form.guide_channel];
  ImGui::PushTextWrapPos(0.0f);
  for (std::size_t i = 0; i < channel.steps.size(); ++i) ui::text(std::to_string(i + 1) + ". " + channel.steps[i]);
  ImGui::PopTextWrapPos();
}

void draw_rating_form(Form& form, std::size_t visit, Intents& intents) {
  ImGui::Indent(ui::em(1));
  for (int s = 1; s <= 5; ++s) {
    if (s > 1) ImGui::SameLine();
    const std::string id = "participant.rate.star" + std::to_string(s);
    const std::string text = std::to_string(s) + " \u25CF";
    if (ui::choice_button(ui::Label{id.c_str(), text.c_str()}, form.stars == s)) form.stars = s;
  }
  ui::input_text(ui::t("participant.rate.comment"), form.comment, {.width_em = 30});
  ImGui::BeginDisabled(form.stars == 0);
  if (ui::primary_button(ui::t("participant.rate.save"))) intents.rate = RateIntent{visit, form.stars, form.comment};
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::button(ui::t("participant.rate.cancel"))) form.rating_visit.reset();
  ImGui::Unindent(ui::em(1));
}

void draw_services(const View& view, Form& form, Intents& intents) {
  if (view.visits.empty()) {
    ui::text_muted(tr("participant.visits.none"));
    return;
  }
  for (std::size_t i = 0; i < view.visits.size(); ++i) {
    const VisitRow& v = view.visits[i];
    ImGui::PushID(static_cast<int>(i));
    ui::text_bold(v.day + "  " + v.place);
    if (!v.complaint.empty()) ui::text(std::string(tr("participant.visits.complaint")) + ": " + v.complaint);
    for (const std::string& d : v.diagnoses) ui::text("\u2022 " + d);
    // Who treated, the outcome and the rating on one line, the rating button at its end.
    std::string footer = v.clinician;
    if (v.referred) footer += (footer.empty() ? "" : " \u00B7 ") + std::string(tr("participant.visits.referred"));
    ImGui::AlignTextToFramePadding();
    if (!footer.empty()) {
      ui::text_muted(footer + "  \u00B7 ");
      ImGui::SameLine();
    }
    if (v.stars > 0) {
      ui::text_colored(ui::palette::kAccent, stars_text(v.stars) + (v.comment.empty() ? "" : "  \u201C" + v.comment + "\u201D"));
    } else {
      ui::text_muted(tr("participant.rate.none"));
    }
    if (view.can_rate) {
      if (form.rating_visit == i) {
        draw_rating_form(form, i, intents);
      } else {
        ImGui::SameLine(0.0f, ui::em(1.0f));
        const std::string id = "participant.rate." + std::to_string(i);
        if (ui::button(ui::Label{id.c_str(), tr(v.stars > 0 ? "participant.rate.change" : "participant.rate.open")})) {
          form.rating_visit = i;
          form.stars = v.stars;
          form.comment = v.comment;
        }
      }
    }
    ImGui::PopID();
    ImGui::Separator();
  }
}

void draw_audit(const View& view) {
  if (view.audit.empty()) {
    ui::text_muted(tr("participant.audit.none"));
    return;
  }
  if (!ImGui::BeginTable("##audit", 4, kListTable)) return;
  header_columns({{"participant.audit.when", 1.6f},
                  {"participant.audit.user", 1.2f},
                  {"participant.audit.action", 1.2f},
                  {"participant.audit.what", 5.0f}});
  for (const AuditRow& a : view.audit) {
    ImGui::TableNextRow();
    cell(a.when);
    cell(a.user);
    cell(tr(a.action_key.c_str()));
    cell(a.summary);
  }
  ImGui::EndTable();
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  if (ui::back_pressed()) intents.back = true;
  if (!view.loaded) {
    ui::error_text(tr(view.error_key.empty() ? "participant.loading" : view.error_key.c_str()));
    if (ui::button(ui::t("common.back"))) intents.back = true;
    return intents;
  }

  // Header: name, where the record stands with the server, and the actions.
  ui::title(view.member.name);
  ImGui::SameLine(0.0f, ui::em(1.0f));
  ImGui::AlignTextToFramePadding();
  if (view.sync_key.empty()) {
    ui::text_muted(tr("sync.state.server"));
  } else {
    const bool rejected = view.sync_key == "sync.state.rejected";
    ui::text_colored(rejected ? ui::palette::kError : ui::palette::kWarning,
                     std::string(tr(view.sync_key.c_str())) + (view.sync_reason.empty() ? "" : ": " + view.sync_reason));
  }
  ui::gap(0.2f);

  // Tabs on the left, the record's actions on the right of the same row.
  const std::pair<Tab, const char*> tabs[] = {{Tab::summary, "participant.tab.summary"},
                                              {Tab::bills, "participant.tab.bills"},
                                              {Tab::services, "participant.tab.services"},
                                              {Tab::audit, "participant.tab.audit"}};
  for (const auto& [tab, key] : tabs) {
    if (tab != Tab::summary) ImGui::SameLine();
    if (ui::choice_button(ui::t(key), form.tab == tab)) form.tab = tab;
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  auto width_of = [&](const char* key) { return ImGui::CalcTextSize(tr(key)).x + style.FramePadding.x * 2; };
  float actions = width_of("common.back");
  if (view.can_edit) actions += width_of("participant.change_data") + width_of("participant.new_member") + style.ItemSpacing.x * 2;
  if (view.can_queue) actions += width_of("participant.queue") + style.ItemSpacing.x;
  if (view.can_care)
    actions += width_of("participant.visit") + width_of("participant.screening") + style.ItemSpacing.x * 2;
  if (view.can_complain) actions += width_of("participant.complaint") + style.ItemSpacing.x;
  ImGui::SameLine();
  const float right = ImGui::GetWindowContentRegionMax().x - actions;
  // Every button a role may use (admin: up to seven) does not fit beside the tabs: a row of their own.
  if (ImGui::GetCursorPosX() > right) ImGui::NewLine();
  if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
  if (view.can_edit) {
    if (ui::button(ui::t("participant.change_data"))) intents.change_data = true;
    ImGui::SameLine();
    if (ui::button(ui::t("participant.new_member"))) intents.new_family_member = true;
    ImGui::SameLine();
  }
  if (view.can_queue) {
    if (ui::button(ui::t("participant.queue"))) intents.queue = true;
    ImGui::SameLine();
  }
  if (view.can_care) {
    if (ui::button(ui::t("participant.visit"))) intents.visit = true;
    ImGui::SameLine();
    if (ui::button(ui::t("participant.screening"))) intents.screening = true;
    ImGui::SameLine();
  }
  if (view.can_complain) {
    if (ui::button(ui::t("participant.complaint"))) intents.complaint = true;
    ImGui::SameLine();
  }
  if (ui::button(ui::t("common.back"))) intents.back = true;
  ImGui::Separator();

  ImGui::BeginChild("##tab", ImVec2(0, 0), false);
  switch (form.tab) {
    case Tab::summary: draw_summary(view, intents); break;
    case Tab::bills: draw_bills(view, form); break;
    case Tab::services: draw_services(view, form, intents); break;
    case Tab::audit: draw_audit(view); break;
  }
  ImGui::EndChild();
  return intents;
}

}  // namespace simpul::screens::participant
