#pragma once
// ESC/POS bytes for a ticket on the common 58/80 mm thermal printers (Epson TM-T82, the many clones sold with
// kiosks): ESC @ (reset), centred text, the number at 4x size, a feed and a partial cut. Plain ASCII: a printer's
// code page is unknown, so anything else becomes '?'. Pure: writing the bytes is kiosk/ticket_printer.hpp.
#include <string>
#include <vector>

#include "widgets/ticket.hpp"

namespace simpul::widgets {

std::string escpos_ticket(const std::vector<TicketLine>& lines);

}  // namespace simpul::widgets
