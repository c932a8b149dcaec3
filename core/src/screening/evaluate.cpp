// Version dispatch and the checks every version shares (each answer against its question).
#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <string>

#include "simpul/core/rules/findings.hpp"
#include "simpul/core/screening/questionnaire.hpp"
#include "text.hpp"
#include "versions.hpp"

namespace simpul::screening {
namespace {

// Append a row for a new version; never edit or remove one (stored screenings name their version).
constexpr std::array<detail::VersionEntry, 1> kVersions{{
    {"v1", &detail::v1::question_list, &detail::v1::check, &detail::v1::evaluate},
}};

const detail::VersionEntry* find_version(std::string_view version) {
  for (const auto& v : kVersions) {
    if (v.version == version) return &v;
  }
  return nullptr;
}

const QuestionSpec* find_question(const std::vector<QuestionSpec>& specs, std::string_view id) {
  const auto it = std::find_if(specs.begin(), specs.end(), [&](const QuestionSpec& q) { return q.id == id; });
  return it == specs.end() ? nullptr : &*it;
}

Finding answer_error(std::string_view question, std::string_view code, std::string id, std::string en) {
  return rules::error_finding(std::string(question), "screening." + std::string(code), std::move(id),
                              std::move(en));
}

std::string quoted(std::string_view s) {
  return "'" + std::string(s) + "'";
}

// One answer against its question's type, options and range.
std::optional<Finding> check_one(const QuestionSpec& q, const Answer& a) {
  const std::string qid = quoted(q.id);
  if (q.type == QuestionType::number) {
    const double* x = a.number();
    if (x == nullptr) {
      return answer_error(q.id, "wrong_type", "Jawaban " + qid + " harus berupa angka.",
                          "The answer to " + qid + " must be a number.");
    }
    if (!std::isfinite(*x) || *x < q.min || *x > q.max) {
      const std::string unit(q.unit);
      return answer_error(q.id, "out_of_range",
                          "Nilai " + qid + " harus antara " + detail::number_text_id(q.min) + " dan " +
                              detail::number_text_id(q.max) + " " + unit + ". Mohon periksa pengukurannya.",
                          "The value of " + qid + " must be between " + detail::number_text_en(q.min) +
                              " and " + detail::number_text_en(q.max) + " " + unit +
                              ". Please check the measurement.");
    }
    if (q.whole && std::floor(*x) != *x) {
      return answer_error(q.id, "not_whole", "Nilai " + qid + " harus bilangan bulat.",
                          "The value of " + qid + " must be a whole number.");
    }
    return std::nullopt;
  }
  const std::string* option = a.option();
  if (option == nullptr) {
    return answer_error(q.id, "wrong_type", "Jawaban " + qid + " harus salah satu pilihan, bukan angka.",
                        "The answer to " + qid + " must be one of its options, not a number.");
  }
  if (std::find(q.options.begin(), q.options.end(), *option) == q.options.end()) {
    return answer_error(q.id, "unknown_option", "Pilihan " + quoted(*option) + " tidak ada pada " + qid + ".",
                        "Option " + quoted(*option) + " does not belong to " + qid + ".");
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string_view> supported_versions() {
  std::vector<std::string_view> out;
  for (const auto& v : kVersions) out.push_back(v.version);
  return out;
}

const char* question_type_code(QuestionType t) {
  switch (t) {
    case QuestionType::yes_no:
      return "yes_no";
    case QuestionType::choice:
      return "choice";
    case QuestionType::number:
      return "number";
  }
  return "";
}

const char* question_mode_code(QuestionMode m) {
  switch (m) {
    case QuestionMode::self:
      return "self";
    case QuestionMode::measurement:
      return "measurement";
  }
  return "";
}

const std::vector<QuestionSpec>* questions(std::string_view version) {
  const auto* v = find_version(version);
  return v == nullptr ? nullptr : &v->questions();
}

const DiseaseRisk& ScreeningResult::risk(Disease d) const {
  const auto it =
      std::find_if(risks.begin(), risks.end(), [d](const DiseaseRisk& r) { return r.disease == d; });
  assert(it != risks.end());
  return *it;
}

Findings check_answers(const Answers& answers, std::string_view version) {
  Findings out;
  const auto* v = find_version(version);
  if (v == nullptr) {
    out.push_back(rules::error_finding("version", "screening.unknown_version",
                                       "Versi kuesioner skrining " + quoted(version) +
                                           " tidak dikenal oleh aplikasi ini. Mohon perbarui aplikasi.",
                                       "Screening questionnaire version " + quoted(version) +
                                           " is unknown to this app. Please update the app."));
    return out;
  }
  const auto& specs = v->questions();
  for (const auto& [id, answer] : answers) {
    const QuestionSpec* q = find_question(specs, id);
    if (q == nullptr) {
      out.push_back(
          answer_error(id, "unknown_question",
                       "Pertanyaan " + quoted(id) + " tidak ada di kuesioner " + std::string(version) + ".",
                       "Question " + quoted(id) + " is not in questionnaire " + std::string(version) + "."));
      continue;
    }
    if (auto problem = check_one(*q, answer)) out.push_back(std::move(*problem));
  }
  for (const auto& q : specs) {
    const bool answered = answers.find(q.id) != answers.end();
    if (q.required && !answered) {
      out.push_back(answer_error(q.id, "missing_answer", "Pertanyaan " + quoted(q.id) + " belum dijawab.",
                                 "Question " + quoted(q.id) + " has no answer."));
    }
    if (answered && !q.paired_with.empty() && answers.find(q.paired_with) == answers.end()) {
      out.push_back(
          answer_error(q.paired_with, "incomplete_pair",
                       quoted(q.paired_with) + " harus diisi bersama " + quoted(q.id) + ".",
                       quoted(q.paired_with) + " must be given together with " + quoted(q.id) + "."));
    }
  }
  if (out.empty()) rules::append(out, v->check(answers));
  return out;
}

Result<ScreeningResult> evaluate(const Answers& answers, const Date& birth, Sex sex, const Date& today,
                                 std::string_view version) {
  const auto* v = find_version(version);
  if (v == nullptr) {
    return make_error(ErrorKind::permanent, "screening.unknown_version",
                      "screening questionnaire version '" + std::string(version) + "' is not supported");
  }
  if (!birth.valid() || !today.valid() || today < birth) {
    return make_error(ErrorKind::invalid, "screening.bad_birth_date",
                      "birth date " + birth.iso() + " is not a real day on or before " + today.iso());
  }
  const int age = birth.years_until(today);
  if (age < kMinAgeYears) {
    return make_error(ErrorKind::invalid, "screening.too_young",
                      "screening is for participants aged " + std::to_string(kMinAgeYears) +
                          " and over (age " + std::to_string(age) + ")");
  }
  const Findings problems = check_answers(answers, version);
  if (!problems.empty()) {
    std::string message;
    for (const auto& f : problems) message += (message.empty() ? "" : "; ") + f.en;
    return make_error(ErrorKind::invalid, problems.front().code, message);
  }
  return v->evaluate(answers, detail::Subject{age, sex});
}

}  // namespace simpul::screening
