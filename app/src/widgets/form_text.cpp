#include "widgets/form_text.hpp"

#include <cstdio>

#include "ui/i18n.hpp"

namespace simpul::widgets {
namespace {

bool digits(std::string_view s) {
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int value(std::string_view s) {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string text_in(std::string_view language, const char* key) {
  if (const i18n::Table* table = i18n::catalog().table(language)) {
    if (const auto it = table->find(std::string_view(key)); it != table->end()) return it->second;
  }
  return key;
}

std::string fill(std::string text, std::string_view arg) {
  if (const auto at = text.find("{}"); at != std::string::npos) text.replace(at, 2, arg);
  return text;
}

}  // namespace

std::string rupiah(int amount) {
  const char separator = i18n::language() == "en" ? ',' : '.';
  std::string number = std::to_string(amount < 0 ? -amount : amount);
  for (auto pos = static_cast<std::ptrdiff_t>(number.size()) - 3; pos > 0; pos -= 3)
    number.insert(static_cast<std::size_t>(pos), 1, separator);
  return std::string(amount < 0 ? "-Rp" : "Rp") + number;
}

std::optional<Date> parse_date_text(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  Date d;
  if (text.size() == 10 && (text[4] == '-') && (text[7] == '-')) return Date::parse(text);
  if (text.size() == 10 && (text[2] == '-' || text[2] == '/') && text[5] == text[2]) {
    if (!digits(text.substr(0, 2)) || !digits(text.substr(3, 2)) || !digits(text.substr(6, 4))) return std::nullopt;
    d = Date{value(text.substr(6, 4)), value(text.substr(3, 2)), value(text.substr(0, 2))};
  } else if (text.size() == 8 && digits(text)) {
    d = Date{value(text.substr(4, 4)), value(text.substr(2, 2)), value(text.substr(0, 2))};
  } else {
    return std::nullopt;
  }
  if (!d.valid()) return std::nullopt;
  return d;
}

std::string date_text(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", date.day, date.month, date.year);
  return buf;
}

Finding desk_finding(std::string field, Severity severity, const char* key, std::string_view arg) {
  Finding f;
  f.field = std::move(field);
  f.severity = severity;
  f.code = key;
  f.id = fill(text_in("id", key), arg);
  f.en = fill(text_in("en", key), arg);
  return f;
}

const char* sex_label(Sex sex) { return tr(sex == Sex::female ? "sex.female" : "sex.male"); }

const char* relation_label(FamilyRelation relation) {
  switch (relation) {
    case FamilyRelation::head: return tr("relation.head");
    case FamilyRelation::spouse: return tr("relation.spouse");
    case FamilyRelation::child: return tr("relation.child");
    case FamilyRelation::other: return tr("relation.other");
  }
  return "";
}

const char* autodebit_label(Autodebit autodebit) {
  switch (autodebit) {
    case Autodebit::none: return tr("autodebit.none");
    case Autodebit::bank: return tr("autodebit.bank");
    case Autodebit::non_bank: return tr("autodebit.non_bank");
  }
  return "";
}

const char* segment_label(Segment segment) {
  switch (segment) {
    case Segment::pbi_apbn: return tr("segment.pbi_apbn");
    case Segment::pbi_apbd: return tr("segment.pbi_apbd");
    case Segment::ppu: return tr("segment.ppu");
    case Segment::pbpu: return tr("segment.pbpu");
    case Segment::bp: return tr("segment.bp");
  }
  return "";
}

}  // namespace simpul::widgets
