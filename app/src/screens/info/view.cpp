#include <algorithm>
#include <string>

#include "screens/info/model.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/form_controls.hpp"

namespace simpul::screens::info {
namespace {

constexpr float kKioskButtonHeight = 2.8f;  // em, as the kiosk's other buttons

// Words of mixed bold/regular spans laid out with wrapping at the right edge of the current window (Dear
// ImGui 1.86 wraps only single-font text). Wrapped lines start at the current indent (inside a group: the
// group's).
void rich_text(const std::vector<Span>& spans, const ImVec4& color, ImFont* regular, ImFont* bold) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;
  bool first = true;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, ImGui::GetStyle().ItemSpacing.y));
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  for (const Span& span : spans) {
    ImGui::PushFont(span.bold ? bold : regular);
    std::string_view rest = span.text;
    while (!rest.empty()) {
      // One word with the spaces after it.
      auto end = rest.find(' ');
      if (end != std::string_view::npos) end = rest.find_first_not_of(' ', end);
      if (end == std::string_view::npos) end = rest.size();
      const std::string word(rest.substr(0, end));
      rest.remove_prefix(end);
      // A word that does not fit on the line starts the next one (the cursor is already there).
      if (!first && ImGui::GetItemRectMax().x + ImGui::CalcTextSize(word.c_str()).x <= right)
        ImGui::SameLine(0, 0);
      ImGui::TextUnformatted(word.c_str());
      first = false;
    }
    ImGui::PopFont();
  }
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

void draw_block(const Block& block, bool kiosk) {
  const ui::Fonts& fonts = ui::current_fonts();
  ImFont* body = fonts.body;
  switch (block.kind) {
    case Block::Kind::title:
      rich_text(block.spans, ui::palette::kText, fonts.title, fonts.title);
      ui::gap(0.3f);
      break;
    case Block::Kind::heading:
      ui::gap(0.5f);
      rich_text(block.spans, ui::palette::kAccent, kiosk ? fonts.title : fonts.bold,
                kiosk ? fonts.title : fonts.bold);
      break;
    case Block::Kind::paragraph:
      rich_text(block.spans, ui::palette::kText, body, fonts.bold);
      ui::gap(0.3f);
      break;
    case Block::Kind::bullet: {
      ImGui::TextUnformatted("\u2022");
      ImGui::SameLine(0, ui::em(0.6f));
      ImGui::BeginGroup();
      rich_text(block.spans, ui::palette::kText, body, fonts.bold);
      ImGui::EndGroup();
      break;
    }
  }
  ui::probe::record(ui::probe::Kind::text, {}, block.plain());
}

bool kiosk_button(ui::Label label, bool kiosk, bool selected = false, float width = 0,
                  bool title_face = true) {
  if (!kiosk) return ui::choice_button(label, selected, ImVec2(width, 0));
  ImGui::PushFont(title_face ? ui::current_fonts().title : ui::current_fonts().bold);
  const bool pressed = ui::choice_button(label, selected, ImVec2(width, ui::em(kKioskButtonHeight)));
  ImGui::PopFont();
  return pressed;
}

}  // namespace

Intents draw(const View& view, Form&) {
  Intents intents;
  if (ui::back_pressed()) intents.back = true;

  // Header: the kiosk's big Back and language buttons; the desk's title.
  if (view.kiosk) {
    if (kiosk_button(ui::t("info.back"), true)) intents.back = true;
    ImGui::SameLine();
    ImGui::PushFont(ui::current_fonts().title);
    ImGui::AlignTextToFramePadding();
    ui::text(tr("info.title"));
    const char* other = view.language == "id" ? "English" : "Bahasa Indonesia";
    const float button = ImGui::CalcTextSize(other).x + ImGui::GetStyle().FramePadding.x * 2 + ui::em(2.0f);
    ImGui::PopFont();
    ImGui::SameLine(ImGui::GetContentRegionMax().x - button);
    if (kiosk_button(ui::Label{"info.language", other}, true, false, button))
      intents.language = view.language == "id" ? "en" : "id";
  } else {
    ui::title(tr("info.title"));
  }
  ImGui::Separator();
  if (!view.error_key.empty()) {
    ui::error_text(tr(view.error_key.c_str()));
    return intents;
  }

  const float list_width = ui::em(view.kiosk ? 17.0f : 14.0f);
  ImGui::BeginChild("##info.topics", ImVec2(list_width, 0), false);
  for (const TopicRow& topic : view.topics) {
    const std::string id = "info.topic." + topic.id;
    if (view.kiosk) {
      // Topic titles in the bold body face: long Indonesian titles fit the column.
      if (kiosk_button(ui::Label{id.c_str(), topic.title.c_str()}, true, topic.id == view.selected, -1.0f,
                       false))
        intents.topic = topic.id;
    } else if (widgets::selectable(ui::Label{id.c_str(), topic.title.c_str()}, topic.id == view.selected)) {
      intents.topic = topic.id;
    }
  }
  if (view.offer_locator) {
    ui::gap(0.6f);
    if (kiosk_button(ui::t("info.locator"), true, false, -1.0f, false)) intents.open_locator = true;
  }
  ImGui::EndChild();
  ImGui::SameLine(0, ui::em(1.0f));

  // On the kiosk a finger scrolls the page by its scrollbar (Dear ImGui 1.86 has no touch drag): make it
  // wide.
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize,
                      view.kiosk ? ui::em(1.6f) : ImGui::GetStyle().ScrollbarSize);
  ImGui::BeginChild("##info.page", ImVec2(0, 0), false);
  if (view.kiosk) ImGui::SetWindowFontScale(1.15f);
  ImGui::PushTextWrapPos(0.0f);
  for (const Block& block : view.page) draw_block(block, view.kiosk);
  if (!view.note.empty()) {
    ui::gap(0.8f);
    ImGui::Separator();
    ui::text_muted(view.note);
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  return intents;
}

}  // namespace simpul::screens::info
