#include "widgets/ticket_escpos.hpp"

namespace simpul::widgets {
namespace {

constexpr char kEsc = '\x1B';
constexpr char kGs = '\x1D';
constexpr std::size_t kColumns = 32;  // characters per line of font A on 58 mm paper; 80 mm printers fit 48

// ASCII only; the "±" of the wait estimate reads "+/-" and any other non-ASCII character '?'. UTF-8 sequences
// become one character each.
std::string ascii(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += (c >= 0x20 || c == '\n') ? static_cast<char>(c) : ' ';
      continue;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    out += text.compare(i, len, "\xC2\xB1") == 0 ? "+/-" : "?";
    i += len - 1;
  }
  return out;
}

// Word wrap at `columns`; a word longer than a line is cut.
std::string wrap(const std::string& text, std::size_t columns) {
  std::string out;
  std::size_t line = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(i, end - i);
    i = end;
    if (word.empty()) continue;
    while (word.size() > columns) {
      if (line > 0) out += '\n';
      out += word.substr(0, columns);
      word.erase(0, columns);
      line = columns;
    }
    if (line > 0 && line + 1 + word.size() > columns) {
      out += '\n';
      line = 0;
    }
    if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += word.size();
  }
  return out;
}

// GS ! n: character width and height multipliers (1..8 each).
std::string size(int width, int height) {
  return std::string{kGs, '!', static_cast<char>(((width - 1) << 4) | (height - 1))};
}

}  // namespace

std::string escpos_ticket(const std::vector<TicketLine>& lines) {
  std::string out{kEsc, '@'};      // reset
  out += std::string{kEsc, 'a', 1};  // centre
  for (const TicketLine& line : lines) {
    const std::string text = ascii(line.text);
    switch (line.style) {
      case TicketStyle::number:
        out += size(4, 4) + std::string{kEsc, 'E', 1} + text + "\n" + std::string{kEsc, 'E', 0} + size(1, 1);
        break;
      case TicketStyle::large:
        out += size(2, 2) + std::string{kEsc, 'E', 1} + wrap(text, kColumns / 2) + "\n" + std::string{kEsc, 'E', 0} +
               size(1, 1);
        break;
      case TicketStyle::bold:
        out += std::string{kEsc, 'E', 1} + wrap(text, kColumns) + "\n" + std::string{kEsc, 'E', 0};
        break;
      case TicketStyle::normal:
        out += wrap(text, kColumns) + "\n";
        break;
    }
  }
  out += std::string{kEsc, 'd', 4};        // feed 4 lines past the cutter
  out += std::string{kGs, 'V', 66, 0};     // partial cut
  return out;
}

}  // namespace simpul::widgets
