#pragma once
// The Markdown subset of the program information pages (assets/info/README.md), parsed into blocks the info
// screen draws: one `# ` title, `## ` headings, paragraphs (lines joined with a space, blank line between),
// `- ` bullet items and `**bold**` inside a line. Anything else is taken as paragraph text, never dropped.
#include <string>
#include <string_view>
#include <vector>

namespace simpul::screens::info {

struct Span {
  std::string text;
  bool bold = false;
  bool operator==(const Span&) const = default;
};

struct Block {
  enum class Kind { title, heading, paragraph, bullet };
  Kind kind = Kind::paragraph;
  std::vector<Span> spans;
  // The text without markup (what tests and the probe read).
  std::string plain() const;
};

std::vector<Block> parse_page(std::string_view markdown);
// `**bold**` markers split into spans; an unclosed marker is kept as literal text.
std::vector<Span> parse_spans(std::string_view line);

}  // namespace simpul::screens::info
