#include <algorithm>
#include <cmath>

#include "screens/display/model.hpp"
#include "ui/layout.hpp"
#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/big_text.hpp"

namespace simpul::screens::display {
namespace {

// One line in `font`, centred in `width` from the cursor's x.
void centered(ImFont* font, const std::string& text, float width, const ImVec4& color) {
  ImGui::PushFont(font);
  const float w = ImGui::CalcTextSize(text.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - w) * 0.5f));
  ui::text_colored(color, text);
  ImGui::PopFont();
}

void poli_card(const PoliBoard& poli, ImVec2 pos, ImVec2 size) {
  const ui::Fonts& fonts = ui::current_fonts();
  const ImVec4& background = poli.fresh ? ui::palette::kAccent : ui::palette::kSurface;
  const ImVec4& ink = poli.fresh ? ui::palette::kOnAccent : ui::palette::kText;
  const ImVec4& muted = poli.fresh ? ui::palette::kOnAccent : ui::palette::kTextMuted;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, pos + size, ImGui::GetColorU32(background), ui::em(0.6f));
  draw->AddRect(pos, pos + size, ImGui::GetColorU32(poli.fresh ? ui::palette::kAccentActive : ui::palette::kBorder),
                ui::em(0.6f), 0, ui::em(0.1f));

  const float pad = ui::em(1.0f);
  const float inner = size.x - 2 * pad;
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad * 0.6f));
  ImGui::BeginGroup();
  centered(fonts.title, std::string(tr("display.poli")) + " " + poli.name, inner, ink);
  const float title_bottom = ImGui::GetCursorScreenPos().y;
  const float waiting_height = ImGui::GetTextLineHeightWithSpacing() * 1.4f;
  const float room = pos.y + size.y - pad * 0.6f - waiting_height - title_bottom;
  const std::string number = poli.current.empty() ? "-" : poli.current;
  const float height = widgets::fit_height(number, inner, std::max(ui::em(2.0f), room * 0.92f));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, title_bottom + std::max(0.0f, (room - height) * 0.5f)));
  widgets::big_text(number, height, poli.current.empty() ? muted : ink, inner);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + size.y - pad * 0.6f - waiting_height));
  centered(fonts.bold, std::string(tr("display.waiting")) + ": " + std::to_string(poli.waiting), inner, muted);
  ImGui::EndGroup();
}

void header(const View& view, float width) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float height = ui::em(4.0f);
  ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height),
                                            ImGui::GetColorU32(ui::palette::kAccent), ui::em(0.6f));
  const float pad = ui::em(1.2f);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + (height - ImGui::GetFontSize() * 1.6f) * 0.5f - ui::em(0.6f)));
  ImGui::BeginGroup();
  ImGui::PushFont(ui::current_fonts().title);
  ui::text_colored(ui::palette::kOnAccent, view.facility_name.empty() ? tr("display.title") : view.facility_name);
  ImGui::PopFont();
  ui::text_colored(ui::palette::kOnAccent, tr("display.subtitle"));
  ImGui::EndGroup();

  const float clock_height = height * 0.62f;
  const float clock_width = widgets::big_text_width(view.clock, clock_height);
  const float date_width = ImGui::CalcTextSize(view.date.c_str()).x;
  const float right = pos.x + width - pad;
  ImGui::SetCursorScreenPos(ImVec2(right - clock_width, pos.y + (height - clock_height) * 0.5f));
  widgets::big_text(view.clock, clock_height, ui::palette::kOnAccent);
  ImGui::SetCursorScreenPos(
      ImVec2(right - clock_width - ui::em(1.0f) - date_width, pos.y + (height - ImGui::GetFontSize()) * 0.5f));
  ui::text_colored(ui::palette::kOnAccent, view.date);
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + height + ui::em(1.0f)));
}

void recent_list(const View& view, ImVec2 pos, ImVec2 size) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, pos + size, ImGui::GetColorU32(ui::palette::kSurface), ui::em(0.6f));
  draw->AddRect(pos, pos + size, ImGui::GetColorU32(ui::palette::kBorder), ui::em(0.6f), 0, ui::em(0.1f));
  const float pad = ui::em(1.0f);
  const float inner = size.x - 2 * pad;
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad * 0.6f));
  ImGui::BeginGroup();
  centered(ui::current_fonts().title, tr("display.recent"), inner, ui::palette::kText);
  ui::gap(0.4f);
  if (view.recent.empty()) {
    centered(ui::current_fonts().body, tr("display.no_calls"), inner, ui::palette::kTextMuted);
  }
  const float row = std::min(ui::em(4.0f), (pos.y + size.y - ImGui::GetCursorScreenPos().y - pad) /
                                               static_cast<float>(std::max<std::size_t>(view.recent.size(), 4)));
  for (std::size_t i = 0; i < view.recent.size(); ++i) {
    const RecentCall& call = view.recent[i];
    const ImVec2 top = ImGui::GetCursorScreenPos();
    if (i > 0)
      draw->AddLine(ImVec2(top.x, top.y - ui::em(0.1f)), ImVec2(top.x + inner, top.y - ui::em(0.1f)),
                    ImGui::GetColorU32(ui::palette::kBorder));
    const float number_height = row * 0.62f;
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + (row - number_height) * 0.5f));
    widgets::big_text(call.number, number_height, i == 0 ? ui::palette::kAccent : ui::palette::kText);
    const std::string where = std::string(tr("display.poli")) + " " + call.poli_name;
    ImGui::PushFont(ui::current_fonts().bold);
    const float where_width = ImGui::CalcTextSize(where.c_str()).x;
    ImGui::PopFont();
    const float text_x = top.x + inner - std::max(where_width, ImGui::CalcTextSize(call.time.c_str()).x);
    ImGui::SetCursorScreenPos(ImVec2(text_x, top.y + row * 0.5f - ImGui::GetTextLineHeightWithSpacing()));
    ImGui::BeginGroup();
    ui::text_bold(where);
    ui::text_muted(call.time);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + row));
  }
  ImGui::EndGroup();
}

bool voice_key_pressed() {
  const ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
    if (io.InputQueueCharacters[i] == 'v' || io.InputQueueCharacters[i] == 'V') return true;
  return false;
}

}  // namespace

Intents draw(const View& view, Form&) {
  Intents intents;
  intents.toggle_voice = voice_key_pressed();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  header(view, avail.x);

  if (!view.problem_key.empty()) {
    ui::gap(4);
    centered(ui::current_fonts().title, tr(view.problem_key.c_str()), avail.x, ui::palette::kTextMuted);
    return intents;
  }

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float footer = ImGui::GetTextLineHeightWithSpacing() * 1.2f;
  const float height = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y -
                       origin.y - footer;
  const float gap = ui::em(1.0f);
  const float recent_width = std::floor(avail.x * 0.28f);
  const float cards_width = avail.x - recent_width - gap;

  const int n = static_cast<int>(view.polis.size());
  const int columns = n <= 3 ? std::max(n, 1) : (n == 4 ? 2 : 3);
  const int rows = std::max(1, (n + columns - 1) / columns);
  const ImVec2 card((cards_width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns),
                    (height - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows));
  for (int i = 0; i < n; ++i) {
    const ImVec2 pos(origin.x + static_cast<float>(i % columns) * (card.x + gap),
                     origin.y + static_cast<float>(i / columns) * (card.y + gap));
    poli_card(view.polis[static_cast<std::size_t>(i)], pos, card);
  }
  if (n == 0) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + ui::em(4)));
    centered(ui::current_fonts().title, tr("display.no_polis"), cards_width, ui::palette::kTextMuted);
  }
  recent_list(view, ImVec2(origin.x + cards_width + gap, origin.y), ImVec2(recent_width, height));

  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + ui::em(0.3f)));
  ui::text_muted(view.voice_on ? tr("display.voice_on") : tr("display.voice_off"));
  return intents;
}

}  // namespace simpul::screens::display
