#pragma once
// Where a kiosk's tickets go, from the replica's local settings (set on the admin screen):
//   kiosk.printer     a device (/dev/usb/lp0) or a file that receives the ESC/POS bytes; empty: no printer
//   kiosk.ticket_dir  the folder for a PNG of every ticket; default: "tickets" beside the replica
// print_ticket() does the slow part (device I/O, PNG encoding): run it in a task.
#include <filesystem>
#include <string>
#include <vector>

#include "simpul/core/result.hpp"
#include "widgets/ticket.hpp"

namespace simpul::kiosk {

inline constexpr const char* kPrinterSetting = "kiosk.printer";
inline constexpr const char* kTicketDirSetting = "kiosk.ticket_dir";

struct PrintTarget {
  std::filesystem::path printer;     // empty: no printer
  std::filesystem::path ticket_dir;  // empty: no PNG
};

// "<dir>/2026-01-01_A-101.png"
std::filesystem::path ticket_png_path(const std::filesystem::path& dir, const std::string& day_iso,
                                      const std::string& number);

// Writes `bytes` to the printer device or file (a file is replaced: it holds the latest ticket).
Status write_printer(const std::filesystem::path& printer, const std::string& bytes);

struct PrintOutcome {
  bool printed = false;         // the bytes reached the printer
  std::string printer_error;    // why not, when a printer is configured
  std::filesystem::path png;    // written PNG, empty when none
  std::string png_error;
};

// ESC/POS to the printer (when configured) and the PNG (when a folder is configured). Never throws.
PrintOutcome print_ticket(const PrintTarget& target, const std::vector<widgets::TicketLine>& lines,
                          const std::string& day_iso, const std::string& number);

}  // namespace simpul::kiosk
