#include "simpul/core/icd10.hpp"

#include <algorithm>
#include <fstream>
#include <unordered_map>
#include <utility>

namespace simpul {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower case without the dot: how codes are compared, so "j069", "J06.9" and "j06.9" are the same code.
std::string code_key(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (const char c : code) {
    if (c != '.') out.push_back(lower(c));
  }
  return out;
}

// Words are runs of ASCII letters and digits; bytes of UTF-8 sequences count as letters so they stay inside words.
bool word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text) {
    if (word_char(c)) {
      word.push_back(lower(c));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

Error malformed(const std::string& path, std::size_t line, std::string_view why) {
  return make_error(ErrorKind::corrupt, "icd10.malformed", path + ":" + std::to_string(line) + ": " + std::string(why));
}

}  // namespace

bool Icd10Catalog::valid_code(std::string_view code) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (code.size() != 3 && code.size() != 5) return false;
  if (code[0] < 'A' || code[0] > 'Z' || !digit(code[1]) || !digit(code[2])) return false;
  return code.size() == 3 || (code[3] == '.' && digit(code[4]));
}

Result<Icd10Catalog> Icd10Catalog::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::not_found, "icd10.missing", "cannot open ICD-10 file " + path);

  Icd10Catalog catalog;
  std::unordered_map<std::string, std::size_t> line_of_code;
  std::string line;
  for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // tolerate CRLF checkouts
    if (line.empty() || line.front() == '#') continue;

    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos || line.find('\t', tab2 + 1) != std::string::npos) {
      return malformed(path, line_no, "expected code<TAB>name_id<TAB>name_en");
    }
    Diagnosis d{line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)};
    if (!valid_code(d.code)) return malformed(path, line_no, "bad ICD-10 code '" + d.code + "'");
    if (d.name_id.empty() || d.name_en.empty()) return malformed(path, line_no, "empty name");
    if (const auto [it, fresh] = line_of_code.emplace(d.code, line_no); !fresh) {
      return malformed(path, line_no, "duplicate code " + d.code + " (first on line " + std::to_string(it->second) + ")");
    }
    catalog.entries_.push_back(std::move(d));
  }
  if (in.bad()) return make_error(ErrorKind::permanent, "icd10.unreadable", "cannot read ICD-10 file " + path);
  if (catalog.entries_.empty()) {
    return make_error(ErrorKind::corrupt, "icd10.empty", "ICD-10 file " + path + " holds no diagnoses");
  }

  std::sort(catalog.entries_.begin(), catalog.entries_.end(),
            [](const Diagnosis& a, const Diagnosis& b) { return a.code < b.code; });
  catalog.keys_.reserve(catalog.entries_.size());
  for (const auto& d : catalog.entries_) {
    Keys k{code_key(d.code), words_of(d.name_id), {}, {}};
    if (!k.words.empty()) k.lead_id = k.words.front();
    const std::size_t id_words = k.words.size();
    for (auto& w : words_of(d.name_en)) k.words.push_back(std::move(w));
    if (k.words.size() > id_words) k.lead_en = k.words[id_words];
    catalog.keys_.push_back(std::move(k));
  }
  return catalog;
}

const Diagnosis* Icd10Catalog::find(std::string_view code) const {
  const std::string key = code_key(code);
  // keys_ follow entries_, sorted by code; dropping the dot (always the 4th character) keeps that order.
  const auto it = std::lower_bound(keys_.begin(), keys_.end(), key,
                                   [](const Keys& k, const std::string& wanted) { return k.code < wanted; });
  if (it == keys_.end() || it->code != key) return nullptr;
  return &entries_[static_cast<std::size_t>(it - keys_.begin())];
}

std::vector<const Diagnosis*> Icd10Catalog::search(std::string_view query, std::size_t limit) const {
  const std::vector<std::string> words = words_of(query);
  std::vector<const Diagnosis*> out;
  if (words.empty() || limit == 0) return out;
  // A one-piece query is also tried as a code prefix ("J06.9" splits into two words above).
  const std::size_t first = query.find_first_not_of(" \t");
  const std::size_t last = query.find_last_not_of(" \t");
  const std::string_view trimmed = query.substr(first, last - first + 1);
  const std::string as_code = trimmed.find_first_of(" \t") == std::string_view::npos ? code_key(trimmed) : "";

  std::vector<std::pair<int, std::size_t>> hits;  // (group, index), groups as documented in the header
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const Keys& k = keys_[i];
    if (!as_code.empty() && starts_with(k.code, as_code)) {
      hits.emplace_back(0, i);
      continue;
    }
    const bool all_match = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return starts_with(k.code, w) ||
             std::any_of(k.words.begin(), k.words.end(), [&](const std::string& kw) { return starts_with(kw, w); });
    });
    if (!all_match) continue;
    const int group = starts_with(k.lead_id, words.front()) ? 1 : starts_with(k.lead_en, words.front()) ? 2 : 3;
    hits.emplace_back(group, i);
  }
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [group, index] : hits) {
    if (out.size() == limit) break;
    out.push_back(&entries_[index]);
  }
  return out;
}

}  // namespace simpul
