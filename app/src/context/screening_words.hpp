#pragma once
// The screening questionnaire's wording (assets/screening/questionnaire-<version>.json, Indonesian and English),
// for the kiosk and poli screening screens. Core knows the question ids, types and ranges; this file only
// knows what they are called.
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul::context {

struct Words {
  std::string id;
  std::string en;
  const std::string& in(std::string_view lang) const { return lang == "en" ? en : id; }
};

struct QuestionWords {
  std::string id;
  std::string section;
  Words text;
  Words help;  // may be empty
  std::string unit;
  std::vector<std::pair<std::string, Words>> options;  // option id -> wording
  const Words* option(std::string_view option_id) const;
};

struct QuestionnaireWords {
  std::string version;
  Words title;
  Words intro;
  Words disclaimer;
  std::vector<std::pair<std::string, Words>> sections;
  std::vector<QuestionWords> questions;
  const QuestionWords* question(std::string_view id) const;
  const Words* section(std::string_view id) const;
};

// Reads questionnaire-<version>.json from <asset_dir>/screening. A missing or malformed file is an error.
Result<QuestionnaireWords> load_questionnaire_words(const std::filesystem::path& asset_dir, std::string_view version);

}  // namespace simpul::context
