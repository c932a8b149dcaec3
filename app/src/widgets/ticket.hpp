#pragma once
// A queue ticket, laid out once as lines and rendered three ways: on screen (draw_ticket, ImGui), for a thermal
// printer (ticket_escpos.hpp) and as a PNG (ticket_png.hpp). The layout is the one place that decides what a ticket
// says; the renderers only decide how big each line is.
#include <string>
#include <vector>

#include "ui/imgui.hpp"

namespace simpul::widgets {

// What a ticket says, already in the kiosk's language. Never the person's name or ID: a ticket left on a waiting
// room chair tells nobody anything.
struct Ticket {
  std::string facility_name;   // "Puskesmas Soreang"
  std::string number;          // "A-101"
  std::string poli_name;       // "Umum"
  std::string priority_text;   // "A - Umum" / "B - Prioritas"
  int people_ahead = 0;
  int wait_minutes = 0;
  std::string issued_at;       // "01-01-2026 07:30"
};

enum class TicketStyle {
  normal,  // one line of body text
  bold,    // a label worth noticing (poli, class)
  large,   // the title
  number,  // the queue number: as big as the medium allows
};

struct TicketLine {
  std::string text;
  TicketStyle style = TicketStyle::normal;
};

// The ticket's lines, top to bottom, with labels from the current language (ui/i18n): title, facility, number,
// poli, class, people ahead, estimated wait, time, and the closing advice. An empty line is a gap.
std::vector<TicketLine> ticket_layout(const Ticket& ticket);

// The ticket as a paper-like card `width` wide, centred lines. Reports each line to the test probe as text.
void draw_ticket(const std::vector<TicketLine>& lines, float width);

}  // namespace simpul::widgets
