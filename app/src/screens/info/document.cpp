#include "screens/info/document.hpp"

namespace simpul::screens::info {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string Block::plain() const {
  std::string out;
  for (const Span& s : spans) out += s.text;
  return out;
}

std::vector<Span> parse_spans(std::string_view line) {
  std::vector<Span> spans;
  auto add = [&spans](std::string_view text, bool bold) {
    if (text.empty()) return;
    if (!spans.empty() && spans.back().bold == bold) {
      spans.back().text += text;
    } else {
      spans.push_back(Span{std::string(text), bold});
    }
  };
  while (!line.empty()) {
    const auto open = line.find("**");
    if (open == std::string_view::npos) break;
    const auto close = line.find("**", open + 2);
    if (close == std::string_view::npos) break;
    add(line.substr(0, open), false);
    add(line.substr(open + 2, close - open - 2), true);
    line.remove_prefix(close + 2);
  }
  add(line, false);
  return spans;
}

std::vector<Block> parse_page(std::string_view markdown) {
  std::vector<Block> blocks;
  std::string paragraph;  // lines of the paragraph being read
  auto flush = [&] {
    if (paragraph.empty()) return;
    blocks.push_back(Block{Block::Kind::paragraph, parse_spans(paragraph)});
    paragraph.clear();
  };
  while (!markdown.empty()) {
    const auto end = markdown.find('\n');
    const std::string_view line = trim(markdown.substr(0, end));
    markdown.remove_prefix(end == std::string_view::npos ? markdown.size() : end + 1);
    if (line.empty()) {
      flush();
    } else if (starts_with(line, "## ")) {
      flush();
      blocks.push_back(Block{Block::Kind::heading, parse_spans(trim(line.substr(3)))});
    } else if (starts_with(line, "# ")) {
      flush();
      blocks.push_back(Block{Block::Kind::title, parse_spans(trim(line.substr(2)))});
    } else if (starts_with(line, "- ")) {
      flush();
      blocks.push_back(Block{Block::Kind::bullet, parse_spans(trim(line.substr(2)))});
    } else {
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += line;
    }
  }
  flush();
  return blocks;
}

}  // namespace simpul::screens::info
