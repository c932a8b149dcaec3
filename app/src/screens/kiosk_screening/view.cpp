#include <string>

#include "screens/kiosk_screening/model.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace simpul::screens::kiosk_screening {
namespace {

constexpr float kButtonHeight = 2.8f;  // em: the kiosk's touch size

bool big_button(ui::Label label, ImVec2 size, bool primary = false, bool selected = false) {
  ImGui::PushFont(ui::current_fonts().title);
  const bool pressed = primary ? ui::primary_button(label, size) : ui::choice_button(label, selected, size);
  ImGui::PopFont();
  return pressed;
}

// Text wrapped at the right edge of the centred column (0: the window's edge).
void wrapped_title(const std::string& text, float width) {
  ImGui::PushFont(ui::current_fonts().title);
  ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0.0f);
  ui::text(text);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void wrapped(const std::string& text, float width, bool muted = false) {
  ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0.0f);
  if (muted) {
    ui::text_muted(text);
  } else {
    ui::text(text);
  }
  ImGui::PopTextWrapPos();
}

void to_bottom(float height) {
  const float y = ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y - height;
  if (ImGui::GetCursorPosY() < y) ImGui::SetCursorPosY(y);
}

void top_bar(const View& view, Intents& intents) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(ui::current_fonts().title);
  ui::text(view.title);
  const char* other = view.language == "id" ? "English" : "Bahasa Indonesia";
  const float button = ImGui::CalcTextSize(other).x + ImGui::GetStyle().FramePadding.x * 2 + ui::em(2.0f);
  ImGui::PopFont();
  ImGui::SameLine(width - button + ImGui::GetStyle().WindowPadding.x);
  if (big_button(ui::Label{"kiosk_screening.language", other}, ImVec2(button, ui::em(kButtonHeight))))
    intents.language = view.language == "id" ? "en" : "id";
  ImGui::Separator();
  ui::gap(0.5f);
}

void draw_intro(const View& view, Intents& intents) {
  ui::CenteredColumn column(30);
  wrapped_title(std::string(tr("kiosk.hello")) + ", " + view.first_name, column.width());
  ui::gap(0.3f);
  wrapped(view.intro, column.width());
  ui::gap(0.3f);
  wrapped(tr("kiosk_screening.no_measurements"), column.width(), true);
  to_bottom(ui::em(kButtonHeight));
  const float half = (column.width() - ImGui::GetStyle().ItemSpacing.x) / 2.0f;
  if (big_button(ui::t("kiosk_screening.cancel"), ImVec2(half, ui::em(kButtonHeight)))) intents.finish = true;
  ImGui::SameLine();
  if (big_button(ui::t("kiosk_screening.start"), ImVec2(half, ui::em(kButtonHeight)), true) || ui::submit_pressed())
    intents.start = true;
}

void draw_question(const View& view, Intents& intents) {
  ui::CenteredColumn column(32);
  std::string progress = tr("kiosk_screening.progress");  // "Pertanyaan {n} dari {all}"
  if (auto at = progress.find("{n}"); at != std::string::npos) progress.replace(at, 3, std::to_string(view.index + 1));
  if (auto at = progress.find("{all}"); at != std::string::npos) progress.replace(at, 5, std::to_string(view.count));
  ui::text_muted(progress + (view.section.empty() ? "" : " \xC2\xB7 " + view.section));
  ui::progress_bar(static_cast<float>(view.index) / static_cast<float>(view.count == 0 ? 1 : view.count), "",
                   ImVec2(column.width(), ui::em(0.5f)));
  ui::gap(0.4f);
  wrapped_title(view.question, column.width());
  if (!view.help.empty()) wrapped(view.help, column.width(), true);
  ui::gap(0.6f);
  for (const OptionView& option : view.options) {
    const std::string id = "kiosk_screening.option." + option.id;
    if (big_button({id.c_str(), option.text.c_str()}, ImVec2(column.width(), ui::em(kButtonHeight)), false,
                   option.id == view.chosen))
      intents.answer = option.id;
  }
  if (!view.error_key.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ui::error_text(tr(view.error_key.c_str()));
    ImGui::PopTextWrapPos();
    if (big_button(ui::t("kiosk_screening.retry"), ImVec2(column.width(), ui::em(kButtonHeight)), true))
      intents.retry = true;
  }
  to_bottom(ui::em(kButtonHeight));
  if (big_button(ui::t("kiosk.back"), ImVec2(column.width() * 0.5f, ui::em(kButtonHeight)))) intents.previous = true;
}

void draw_result(const View& view, Intents& intents) {
  ui::CenteredColumn column(34);
  wrapped_title(tr("kiosk_screening.result_title"), column.width());
  ui::gap(0.3f);
  const float buttons = ui::em(kButtonHeight) + ImGui::GetStyle().ItemSpacing.y * 2;
  ImGui::BeginChild("##kiosk_screening.result", ImVec2(column.width(), ImGui::GetContentRegionAvail().y - buttons),
                    false);
  if (view.result) widgets::draw_screening_result(*view.result, true);
  ui::gap(0.3f);
  wrapped(tr("kiosk_screening.result_note"), 0.0f, true);
  ImGui::EndChild();
  to_bottom(ui::em(kButtonHeight));
  if (big_button(ui::t("kiosk_screening.finish"), ImVec2(column.width(), ui::em(kButtonHeight)), true) ||
      ui::submit_pressed())
    intents.finish = true;
}

void draw_blocked(const View& view, Intents& intents) {
  ui::CenteredColumn column(30);
  wrapped_title(std::string(tr("kiosk.hello")) + ", " + view.first_name, column.width());
  ui::gap(0.3f);
  wrapped_title(view.blocked, column.width());
  to_bottom(ui::em(kButtonHeight));
  if (big_button(ui::t("kiosk_screening.finish"), ImVec2(column.width(), ui::em(kButtonHeight)), true) ||
      ui::submit_pressed())
    intents.finish = true;
}

}  // namespace

Intents draw(const View& view, Form&) {
  Intents intents;
  top_bar(view, intents);
  switch (view.step) {
    case Step::intro: draw_intro(view, intents); break;
    case Step::question: draw_question(view, intents); break;
    case Step::result: draw_result(view, intents); break;
    case Step::blocked: draw_blocked(view, intents); break;
  }
  return intents;
}

}  // namespace simpul::screens::kiosk_screening
