#include "context/screening_words.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

namespace simpul::context {
namespace {

Words words_of(const nlohmann::json& j) {
  Words w;
  if (j.is_object()) {
    w.id = j.value("id", std::string());
    w.en = j.value("en", std::string());
  }
  return w;
}

}  // namespace

const Words* QuestionWords::option(std::string_view option_id) const {
  for (const auto& [code, words] : options)
    if (code == option_id) return &words;
  return nullptr;
}

const QuestionWords* QuestionnaireWords::question(std::string_view id) const {
  for (const QuestionWords& q : questions)
    if (q.id == id) return &q;
  return nullptr;
}

const Words* QuestionnaireWords::section(std::string_view id) const {
  for (const auto& [section_id, words] : sections)
    if (section_id == id) return &words;
  return nullptr;
}

Result<QuestionnaireWords> load_questionnaire_words(const std::filesystem::path& asset_dir, std::string_view version) {
  const std::filesystem::path file = asset_dir / "screening" / ("questionnaire-" + std::string(version) + ".json");
  std::ifstream in(file);
  if (!in) return make_error(ErrorKind::not_found, "screening.no_wording", "cannot read " + file.string());
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("questions"))
    return make_error(ErrorKind::corrupt, "screening.bad_wording", "malformed " + file.string());
  QuestionnaireWords out;
  out.version = j.value("version", std::string(version));
  out.title = words_of(j.value("title", nlohmann::json()));
  out.intro = words_of(j.value("intro", nlohmann::json()));
  out.disclaimer = words_of(j.value("disclaimer", nlohmann::json()));
  for (const auto& s : j.value("sections", nlohmann::json::array()))
    out.sections.emplace_back(s.value("id", std::string()), words_of(s.value("title", nlohmann::json())));
  for (const auto& q : j["questions"]) {
    QuestionWords w;
    w.id = q.value("id", std::string());
    w.section = q.value("section", std::string());
    w.text = words_of(q.value("text", nlohmann::json()));
    w.help = words_of(q.value("help", nlohmann::json()));
    w.unit = q.value("unit", std::string());
    for (const auto& o : q.value("options", nlohmann::json::array()))
      w.options.emplace_back(o.value("id", std::string()), words_of(o.value("text", nlohmann::json())));
    out.questions.push_back(std::move(w));
  }
  return out;
}

}  // namespace simpul::context
