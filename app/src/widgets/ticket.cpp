#include "widgets/ticket.hpp"

#include <algorithm>

#include "ui/em.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/big_text.hpp"

namespace simpul::widgets {

std::vector<TicketLine> ticket_layout(const Ticket& ticket) {
  std::vector<TicketLine> lines;
  lines.push_back({tr("ticket.title"), TicketStyle::large});
  if (!ticket.facility_name.empty()) lines.push_back({ticket.facility_name, TicketStyle::normal});
  lines.push_back({ticket.number, TicketStyle::number});
  lines.push_back({std::string(tr("ticket.poli")) + " " + ticket.poli_name, TicketStyle::bold});
  if (!ticket.priority_text.empty()) lines.push_back({ticket.priority_text, TicketStyle::bold});
  lines.push_back({std::string(tr("ticket.ahead")) + ": " + std::to_string(ticket.people_ahead) + " " +
                       tr("ticket.people"),
                   TicketStyle::normal});
  const std::string wait = ticket.people_ahead <= 0
                               ? std::string(tr("ticket.wait_soon"))
                               : "\xC2\xB1" + std::to_string(ticket.wait_minutes) + " " + tr("ticket.minutes");
  lines.push_back({std::string(tr("ticket.wait")) + ": " + wait, TicketStyle::normal});
  if (!ticket.issued_at.empty()) lines.push_back({ticket.issued_at, TicketStyle::normal});
  lines.push_back({"", TicketStyle::normal});
  lines.push_back({tr("ticket.advice"), TicketStyle::normal});
  return lines;
}

void draw_ticket(const std::vector<TicketLine>& lines, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pad = ui::em(1.0f);
  const float inner = width - 2 * pad;
  const ui::Fonts& fonts = ui::current_fonts();
  const float number_height = ui::em(5.0f);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  // The card's background goes under the lines, whose height is known only after they are laid out: split the
  // draw list into a background and a foreground channel.
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  for (const TicketLine& line : lines) {
    if (line.text.empty()) {
      ui::gap(0.5f);
      continue;
    }
    if (line.style == TicketStyle::number) {
      big_text(line.text, fit_height(line.text, inner, number_height), ui::palette::kText, inner);
      continue;
    }
    ImFont* font = line.style == TicketStyle::large  ? fonts.title
                   : line.style == TicketStyle::bold ? fonts.bold
                                                     : fonts.body;
    if (font != nullptr) ImGui::PushFont(font);
    const float text_width = ImGui::CalcTextSize(line.text.c_str(), nullptr, false, inner).x;
    const float x = ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x + std::max(0.0f, (inner - text_width) * 0.5f));
    ui::text(line.text);
    if (font != nullptr) ImGui::PopFont();
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float bottom = ImGui::GetItemRectMax().y + pad;
  draw->ChannelsSetCurrent(0);
  const ImVec2 min = top;
  const ImVec2 max(top.x + width, bottom);
  draw->AddRectFilled(min, max, ImGui::GetColorU32(ui::palette::kSurface), ui::em(0.4f));
  draw->AddRect(min, max, ImGui::GetColorU32(ui::palette::kBorder), ui::em(0.4f), 0, ui::em(0.1f));
  draw->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(top.x, bottom + style.ItemSpacing.y));
  ImGui::Dummy(ImVec2(width, 0));
}

}  // namespace simpul::widgets
