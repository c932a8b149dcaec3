#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include "screens/kiosk/keypad.hpp"
#include "screens/kiosk/model.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/big_text.hpp"

namespace simpul::screens::kiosk {
namespace {

constexpr float kButtonHeight = 2.8f;  // em: comfortably more than a fingertip

using Part = BirthDateForm::Part;

// Buttons in the title face: large enough to read at arm's length and to hit with a finger.
bool big_button(ui::Label label, ImVec2 size, bool primary = false, bool selected = false) {
  ImGui::PushFont(ui::current_fonts().title);
  const bool pressed = primary ? ui::primary_button(label, size) : ui::choice_button(label, selected, size);
  ImGui::PopFont();
  return pressed;
}

// Moves the cursor down so a row `height` tall ends at the bottom of the screen (the step's Back / Continue
// buttons stay in one place, wherever the content above ends), unless the content already reaches further.
void to_bottom(float height) {
  const float y = ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y - height;
  if (ImGui::GetCursorPosY() < y) ImGui::SetCursorPosY(y);
}

void heading(const char* text) {
  ImGui::PushFont(ui::current_fonts().title);
  ui::text(text);
  ImGui::PopFont();
}

void centered_text(const std::string& text, float width, const ImVec4& color) {
  const float w = ImGui::CalcTextSize(text.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - w) * 0.5f));
  ui::text_colored(color, text);
}

// A framed box with `text` in the display face, or a muted placeholder when empty.
void value_box(const std::string& text, const char* placeholder, float width, float height, bool active) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, pos + ImVec2(width, height), ImGui::GetColorU32(ui::palette::kSurface), ui::em(0.4f));
  draw->AddRect(pos, pos + ImVec2(width, height),
                ImGui::GetColorU32(active ? ui::palette::kAccent : ui::palette::kBorder), ui::em(0.4f), 0,
                active ? ui::em(0.18f) : ui::em(0.08f));
  const float text_height = height * 0.62f;
  if (text.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + (height - ImGui::GetTextLineHeight()) * 0.5f));
    centered_text(placeholder, width, ui::palette::kTextMuted);
  } else {
    const float fitted = widgets::fit_height(text, width - ui::em(1.0f), text_height);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + (height - fitted) * 0.5f));
    widgets::big_text(text, fitted, ui::palette::kText, width);
  }
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + height + ImGui::GetStyle().ItemSpacing.y));
}

void error_line(const std::string& key) {
  if (key.empty()) return;
  ImGui::PushFont(ui::current_fonts().bold);
  ImGui::PushTextWrapPos(0.0f);
  ui::error_text(tr(key.c_str()));
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void greeting(const Person& person) {
  heading((std::string(tr("kiosk.hello")) + ", " + person.short_name).c_str());
  ui::text_muted(person.masked_id);
}

// Top bar: the facility and the language toggle.
void top_bar(const View& view, Intents& intents) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(ui::current_fonts().title);
  ui::text(view.facility_name.empty() ? tr("kiosk.title") : view.facility_name);
  ImGui::PopFont();
  const char* other = view.language == "id" ? "English" : "Bahasa Indonesia";
  ImGui::PushFont(ui::current_fonts().title);
  const float button = ImGui::CalcTextSize(other).x + ImGui::GetStyle().FramePadding.x * 2 + ui::em(2.0f);
  ImGui::PopFont();
  ImGui::SameLine(width - button + ImGui::GetStyle().WindowPadding.x);
  if (big_button(ui::Label{"kiosk.language", other}, ImVec2(button, ui::em(kButtonHeight))))
    intents.language = view.language == "id" ? "en" : "id";
  ImGui::Separator();
  ui::gap(0.6f);
}

void draw_welcome(const View& view, Form& form, Intents& intents) {
  ui::CenteredColumn column(26);
  ImGui::PushFont(ui::current_fonts().title);
  centered_text(tr("kiosk.welcome.title"), column.width(), ui::palette::kText);
  ImGui::PopFont();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column.width());
  ui::text_muted(tr("kiosk.welcome.explain"));
  ImGui::PopTextWrapPos();
  ui::gap(0.4f);
  value_box(group_digits(form.id_digits), tr("kiosk.welcome.placeholder"), column.width(), ui::em(3.6f), true);
  error_line(view.error_key);
  ui::gap(0.3f);
  ImGui::BeginDisabled(view.busy);
  const KeypadInput input = keypad(column.width(), !form.id_digits.empty() && !view.busy);
  ImGui::EndDisabled();
  if (!view.busy) {
    append_digits(form.id_digits, input.digits);
    if (input.backspace && !form.id_digits.empty()) form.id_digits.pop_back();
    if (input.ok && !form.id_digits.empty()) intents.identify = true;
  }
}

void part_box(Form& form, Part part, const char* label_key, const std::string& value, float width) {
  ImGui::BeginGroup();
  ui::text_muted(tr(label_key));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool active = form.birth.active == part;
  const float height = ui::em(2.6f);
  value_box(value, "", width, height, active);
  // The box itself is a button: touching it makes that part the one being entered.
  ImGui::SetCursorScreenPos(pos);
  const std::string id = std::string("kiosk.birth.part.") + label_key;
  if (ImGui::InvisibleButton(id.c_str(), ImVec2(width, height))) form.birth.active = part;
  ui::probe::record(ui::probe::Kind::button, id, tr(label_key));
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + height + ImGui::GetStyle().ItemSpacing.y));
  ImGui::EndGroup();
}

void day_picker(Form& form, float width) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 size((width - 6 * spacing) / 7.0f, ui::em(2.1f));
  for (int d = 1; d <= 31; ++d) {
    if ((d - 1) % 7 != 0) ImGui::SameLine();
    char id[24];
    char text[4];
    std::snprintf(id, sizeof id, "kiosk.birth.day.%d", d);
    std::snprintf(text, sizeof text, "%d", d);
    const bool selected = !form.birth.day.empty() && std::atoi(form.birth.day.c_str()) == d;
    if (big_button(ui::Label{id, text}, size, false, selected)) form.birth.pick_day(d);
  }
}

void month_picker(Form& form, float width) {
  static const std::array<const char*, 12> kMonths = {
      "month.1", "month.2", "month.3", "month.4", "month.5", "month.6",
      "month.7", "month.8", "month.9", "month.10", "month.11", "month.12"};
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 size((width - 3 * spacing) / 4.0f, ui::em(2.6f));
  for (int m = 1; m <= 12; ++m) {
    if ((m - 1) % 4 != 0) ImGui::SameLine();
    const std::string key = std::string("kiosk.") + kMonths[static_cast<std::size_t>(m - 1)];
    char id[24];
    std::snprintf(id, sizeof id, "kiosk.birth.month.%d", m);
    const bool selected = !form.birth.month.empty() && std::atoi(form.birth.month.c_str()) == m;
    if (big_button(ui::Label{id, tr(key.c_str())}, size, false, selected)) form.birth.pick_month(m);
  }
}

void year_picker(Form& form, int this_year, float width) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const int newest_decade = this_year - this_year % 10;
  constexpr int kDecades = 11;  // 110 years back
  const ImVec2 decade_size((width - 5 * spacing) / 6.0f, ui::em(2.2f));
  for (int i = 0; i < kDecades + 1; ++i) {
    const int decade = newest_decade - 10 * i;
    if (i % 6 != 0) ImGui::SameLine();
    char id[24];
    char text[12];
    std::snprintf(id, sizeof id, "kiosk.birth.decade.%d", decade);
    std::snprintf(text, sizeof text, "%d-an", decade);
    if (big_button(ui::Label{id, text}, decade_size, false, form.birth.decade == decade))
      form.birth.pick_decade(decade);
  }
  if (form.birth.decade == 0) {
    ui::text_muted(tr("kiosk.birth.pick_decade"));
    return;
  }
  ui::gap(0.3f);
  const ImVec2 year_size((width - 4 * spacing) / 5.0f, ui::em(2.4f));
  for (int k = 0; k < 10; ++k) {
    const int year = form.birth.decade + k;
    if (k % 5 != 0) ImGui::SameLine();
    char id[24];
    char text[8];
    std::snprintf(id, sizeof id, "kiosk.birth.year.%d", year);
    std::snprintf(text, sizeof text, "%d", year);
    ImGui::BeginDisabled(year > this_year);
    if (big_button(ui::Label{id, text}, year_size, false, form.birth.year == text)) form.birth.pick_year(year);
    ImGui::EndDisabled();
  }
}

void draw_birth_date(const View& view, Form& form, Intents& intents) {
  ui::CenteredColumn column(34);
  // No name yet: only the number typed, masked, until the birth date proves it is theirs.
  heading(tr("kiosk.birth.title"));
  ui::text_bold(view.person.masked_id);
  ui::text_muted(tr("kiosk.birth.explain"));
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float part = (column.width() - 2 * spacing) / 4.0f;
  part_box(form, Part::day, "kiosk.birth.day", form.birth.day, part);
  ImGui::SameLine();
  part_box(form, Part::month, "kiosk.birth.month", form.birth.month, part);
  ImGui::SameLine();
  part_box(form, Part::year, "kiosk.birth.year", form.birth.year, column.width() - 2 * part - 2 * spacing);
  error_line(view.error_key);
  ui::gap(0.2f);
  switch (form.birth.active) {
    case Part::day: day_picker(form, column.width()); break;
    case Part::month: month_picker(form, column.width()); break;
    case Part::year: year_picker(form, view.this_year, column.width()); break;
  }
  const KeypadInput typed = typed_input();
  for (char c : typed.digits) form.birth.type(c);
  to_bottom(ui::em(kButtonHeight));
  const float half = (column.width() - spacing) / 2.0f;
  if (big_button(ui::t("kiosk.back"), ImVec2(half, ui::em(kButtonHeight)))) intents.back = true;
  ImGui::SameLine();
  const bool ready = form.birth.complete() && !view.busy;
  ImGui::BeginDisabled(!ready);
  if ((big_button(ui::t("kiosk.birth.confirm"), ImVec2(half, ui::em(kButtonHeight)), true) || typed.ok) && ready)
    intents.confirm_birth_date = true;
  ImGui::EndDisabled();
}

void draw_poli(const View& view, Form& form, Intents& intents) {
  ui::CenteredColumn column(36);
  greeting(view.person);
  ui::gap(0.4f);
  heading(tr("kiosk.poli.title"));
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (view.polis.empty()) {
    error_line("kiosk.poli.none_open");
  }
  const int columns = std::clamp(static_cast<int>(view.polis.size()), 1, 3);
  const float width = (column.width() - static_cast<float>(columns - 1) * spacing) / static_cast<float>(columns);
  for (std::size_t i = 0; i < view.polis.size(); ++i) {
    const PoliChoice& poli = view.polis[i];
    if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::BeginDisabled(!poli.available && poli.held_number.empty());
    const std::string id = "kiosk.poli." + poli.code;
    if (big_button(ui::Label{id.c_str(), poli.name.c_str()}, ImVec2(width, ui::em(3.2f)), false,
                   form.poli_code == poli.code))
      form.poli_code = poli.code;
    ImGui::EndDisabled();
    if (!poli.held_number.empty()) {
      ui::text_colored(ui::palette::kAccent, std::string(tr("kiosk.poli.has_number")) + " " + poli.held_number);
    } else if (!poli.note_key.empty()) {
      ui::text_colored(ui::palette::kWarning, tr(poli.note_key.c_str()));
    } else {
      ui::text_muted(std::to_string(poli.waiting) + " " + tr("kiosk.poli.waiting"));
    }
    ImGui::EndGroup();
  }
  ui::gap(0.6f);
  heading(tr("kiosk.priority.title"));
  const float half = (column.width() - spacing) / 2.0f;
  const queue::Priority chosen = form.priority.value_or(view.suggested);
  if (big_button(ui::t("kiosk.priority.a"), ImVec2(half, ui::em(3.2f)), false, chosen == queue::Priority::regular))
    form.priority = queue::Priority::regular;
  ImGui::SameLine();
  if (big_button(ui::t("kiosk.priority.b"), ImVec2(half, ui::em(3.2f)), false, chosen == queue::Priority::priority))
    form.priority = queue::Priority::priority;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column.width());
  ui::text_muted(tr("kiosk.priority.explain"));
  if (!view.suggestion_key.empty()) ui::text_colored(ui::palette::kAccent, tr(view.suggestion_key.c_str()));
  ImGui::PopTextWrapPos();
  error_line(view.error_key);
  to_bottom(ui::em(kButtonHeight));
  if (big_button(ui::t("kiosk.back"), ImVec2(half, ui::em(kButtonHeight)))) intents.back = true;
  ImGui::SameLine();
  const bool ready = !form.poli_code.empty() && !view.busy;
  ImGui::BeginDisabled(!ready);
  if (big_button(ui::t("kiosk.poli.take"), ImVec2(half, ui::em(kButtonHeight)), true) && ready) {
    form.priority = chosen;
    intents.take_number = true;
  }
  ImGui::EndDisabled();
  if (ui::submit_pressed() && ready) {
    form.priority = chosen;
    intents.take_number = true;
  }
}

void draw_ticket_step(const View& view, Intents& intents) {
  ui::CenteredColumn column(24);
  if (view.ticket_existing) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column.width());
    ui::text_colored(ui::palette::kAccent, tr("kiosk.ticket.existing"));
    ImGui::PopTextWrapPos();
  }
  widgets::draw_ticket(view.ticket, column.width());
  if (!view.print_key.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column.width());
    ui::text_bold(tr(view.print_key.c_str()));
    ImGui::PopTextWrapPos();
  }
  ui::gap(0.4f);
  if (view.offer_screening) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column.width());
    ui::text(tr("kiosk.screening.offer"));
    ImGui::PopTextWrapPos();
    if (big_button(ui::t("kiosk.screening.start"), ImVec2(column.width(), ui::em(kButtonHeight))))
      intents.open_screening = true;
  }
  if (big_button(ui::t("kiosk.ticket.done"), ImVec2(column.width(), ui::em(kButtonHeight)), true) ||
      ui::submit_pressed())
    intents.finish = true;
}

void draw_staff(const View& view, Form& form, Intents& intents) {
  ui::CenteredColumn column(24);
  heading(tr("kiosk.staff.title"));
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (view.staff.unlocked) {
    ui::text(tr("kiosk.staff.unlocked"));
    ui::gap(0.4f);
    if (view.staff.desk_available &&
        big_button(ui::t("kiosk.staff.open_desk"), ImVec2(column.width(), ui::em(kButtonHeight)), true))
      intents.leave = LeaveChoice::staff_desk;
    if (big_button(ui::t("kiosk.staff.quit"), ImVec2(column.width(), ui::em(kButtonHeight))))
      intents.leave = LeaveChoice::quit;
    if (big_button(ui::t("kiosk.staff.resume"), ImVec2(column.width(), ui::em(kButtonHeight)))) intents.finish = true;
    return;
  }
  if (view.staff.pin_set) {
    ui::text_muted(tr("kiosk.staff.pin_explain"));
    value_box(std::string(form.pin.size(), '*'), tr("kiosk.staff.pin"), column.width(), ui::em(3.2f), true);
    error_line(view.staff.error_key);
    ImGui::BeginDisabled(view.staff.checking);
    const KeypadInput input = keypad(column.width(), !form.pin.empty() && !view.staff.checking);
    ImGui::EndDisabled();
    if (!view.staff.checking) {
      for (char c : input.digits)
        if (form.pin.size() < 12) form.pin += c;
      if (input.backspace && !form.pin.empty()) form.pin.pop_back();
      if (input.ok && !form.pin.empty()) intents.staff_submit = true;
    }
  } else {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column.width());
    ui::text_muted(tr("kiosk.staff.password_explain"));
    ImGui::PopTextWrapPos();
    ui::input_text(ui::t("kiosk.staff.username"), form.username);
    ui::input_text(ui::t("kiosk.staff.password"), form.password, {.password = true});
    error_line(view.staff.error_key);
    ImGui::BeginDisabled(view.staff.checking);
    if ((big_button(ui::t("kiosk.key.ok"), ImVec2(column.width(), ui::em(kButtonHeight)), true) ||
         ui::submit_pressed()) &&
        !view.staff.checking && !form.username.empty() && !form.password.empty())
      intents.staff_submit = true;
    ImGui::EndDisabled();
  }
  if (view.staff.checking) ui::progress_bar(std::nullopt, tr("kiosk.staff.checking"), ImVec2(column.width(), 0));
  ui::gap(0.4f);
  if (big_button(ui::t("kiosk.back"), ImVec2(column.width() * 0.5f - spacing, ui::em(kButtonHeight))))
    intents.back = true;
}

}  // namespace

Intents draw(const View& view, Form& form) {
  Intents intents;
  top_bar(view, intents);
  switch (view.step) {
    case Step::welcome: draw_welcome(view, form, intents); break;
    case Step::birth_date: draw_birth_date(view, form, intents); break;
    case Step::poli: draw_poli(view, form, intents); break;
    case Step::ticket: draw_ticket_step(view, intents); break;
    case Step::staff: draw_staff(view, form, intents); break;
  }
  if (view.step == Step::welcome) {
    // Staff only, out of the way in the bottom corner: leaving kiosk mode needs the PIN.
    const ImVec2 corner(ImGui::GetStyle().WindowPadding.x,
                        ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y - ImGui::GetFrameHeight());
    ImGui::SetCursorPos(corner);
    if (ui::button(ui::t("kiosk.staff.open"))) intents.open_staff = true;
    // Anyone may read the program information, without identifying themselves.
    ImGui::PushFont(ui::current_fonts().title);
    const float info_width = ImGui::CalcTextSize(tr("kiosk.info.open")).x + ImGui::GetStyle().FramePadding.x * 2 + ui::em(2.0f);
    ImGui::PopFont();
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - info_width,
                               ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y - ui::em(kButtonHeight)));
    if (big_button(ui::t("kiosk.info.open"), ImVec2(info_width, ui::em(kButtonHeight)))) intents.open_info = true;
  }
  if (view.step != Step::welcome && view.step != Step::ticket && ui::back_pressed()) intents.back = true;
  return intents;
}

}  // namespace simpul::screens::kiosk
