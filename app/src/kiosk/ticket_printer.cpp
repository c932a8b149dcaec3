#include "kiosk/ticket_printer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "widgets/ticket_escpos.hpp"
#include "widgets/ticket_png.hpp"

namespace simpul::kiosk {

std::filesystem::path ticket_png_path(const std::filesystem::path& dir, const std::string& day_iso,
                                      const std::string& number) {
  std::string safe;
  for (char c : number) safe += (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-') ? c : '_';
  return dir / (day_iso + "_" + safe + ".png");
}

Status write_printer(const std::filesystem::path& printer, const std::string& bytes) {
  // O_TRUNC empties a regular file and is ignored by a character device. A printer that is off may block the
  // write: this runs in a task, so only the ticket's print status waits.
  const int fd = ::open(printer.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);
  if (fd < 0)
    return make_error(ErrorKind::transient, "kiosk.printer_open",
                      "cannot open " + printer.string() + ": " + std::strerror(errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      return make_error(ErrorKind::transient, "kiosk.printer_write", "cannot write to " + printer.string() + ": " + reason);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0)
    return make_error(ErrorKind::transient, "kiosk.printer_write", "cannot finish writing " + printer.string());
  return {};
}

PrintOutcome print_ticket(const PrintTarget& target, const std::vector<widgets::TicketLine>& lines,
                          const std::string& day_iso, const std::string& number) {
  PrintOutcome out;
  if (!target.printer.empty()) {
    const Status status = write_printer(target.printer, widgets::escpos_ticket(lines));
    out.printed = status.ok();
    if (!status.ok()) out.printer_error = status.error().message;
  }
  if (!target.ticket_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(target.ticket_dir, ec);
    const std::filesystem::path png = ticket_png_path(target.ticket_dir, day_iso, number);
    const Status status = ec ? Status{make_error(ErrorKind::permanent, "kiosk.ticket_dir", ec.message())}
                             : widgets::write_ticket_png(png, lines);
    if (status.ok()) {
      out.png = png;
    } else {
      out.png_error = status.error().message;
    }
  }
  return out;
}

}  // namespace simpul::kiosk
