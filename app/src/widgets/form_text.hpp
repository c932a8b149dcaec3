#pragma once
// Text helpers the data-entry screens share (no ImGui): money, dates as staff type and read them, and
// findings of the desk's own checks with their words taken from assets/i18n (the core rules carry their own).
#include <optional>
#include <string>
#include <string_view>

#include "simpul/core/date.hpp"
#include "simpul/core/message.hpp"
#include "simpul/core/model.hpp"

namespace simpul::widgets {

// "Rp35.000" in Bahasa Indonesia, "Rp35,000" in English (the current UI language).
std::string rupiah(int amount);

// A date typed at the desk: DD-MM-YYYY, DD/MM/YYYY, DDMMYYYY or YYYY-MM-DD. nullopt when none of these or
// not a real day.
std::optional<Date> parse_date_text(std::string_view text);
// DD-MM-YYYY, the form staff type and read.
std::string date_text(const Date& date);

// A finding whose Indonesian and English texts are the i18n key's entries in id.json and en.json. `arg`
// replaces "{}" in both texts.
Finding desk_finding(std::string field, Severity severity, const char* key, std::string_view arg = {});

// Labels in the UI language.
const char* sex_label(Sex sex);
const char* relation_label(FamilyRelation relation);
const char* autodebit_label(Autodebit autodebit);
const char* segment_label(Segment segment);

}  // namespace simpul::widgets
