#include "screens/screening/controller.hpp"

#include <cstdio>
#include <sstream>

#include "context/app_context.hpp"
#include "context/care_person.hpp"
#include "screens/screening/presenter.hpp"
#include "simpul/storage/screenings.hpp"
#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::screening {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace sc = simpul::screening;

namespace {

std::string put_in(std::string text, std::string_view marker, const std::string& value) {
  if (auto at = text.find(marker); at != std::string::npos) text.replace(at, marker.size(), value);
  return text;
}

std::string lang() { return std::string(i18n::language()); }

}  // namespace

ScreeningScreen::ScreeningScreen(context::AppContext& app, std::string preset_answers)
    : app_(app), preset_answers_(std::move(preset_answers)) {
  auto words = context::load_questionnaire_words(app_.asset_dir(), sc::kCurrentVersion);
  if (words.ok()) {
    words_ = std::move(words).value();
  } else {
    std::fprintf(stderr, "simpul: screening: %s\n", words.error().message.c_str());
  }
}

void ScreeningScreen::on_show() {
  if (!shown_ || app_.selection().participant_id != participant_id_ || !saved_id_.empty()) {
    shown_ = true;
    participant_id_ = app_.selection().participant_id;
    load();
  }
}

void ScreeningScreen::load() {
  form_ = Form{};
  submitted_ = false;
  refusals_.clear();
  saved_id_.clear();
  saved_.reset();
  person_.reset();
  load_error_.clear();
  last_screened_.clear();
  blocked_.clear();
  completes_kiosk_ = false;
  if (!words_) {
    load_error_ = "screening.error.no_questionnaire";
    return;
  }
  if (participant_id_.empty()) {
    load_error_ = "screening.none_selected";
    return;
  }
  auto p = app_.participants().get(participant_id_);
  if (!p.ok() || !p->has_value()) {
    load_error_ = "screening.not_found";
    return;
  }
  person_ = **p;
  const Date today = Date::from_epoch_ms(app_.clock().now_ms());
  storage::Screenings screenings(app_.replica());
  auto earlier = screenings.for_participant(participant_id_);
  if (!earlier.ok()) {
    load_error_ = "screening.error.storage";
    return;
  }
  const storage::StoredScreening* last = nullptr;  // newest that counts
  for (const storage::StoredScreening& s : *earlier) {
    if (s.counts && last == nullptr) last = &s;
    // Today's kiosk answers: the poli completes them with measurements.
    if (s.counts && s.mode == "kiosk" && s.day == today) {
      completes_kiosk_ = true;
      for (const auto& [id, value] : s.answers.items()) {
        if (value.is_string()) form_.answers[id] = value.get<std::string>();
      }
    }
  }
  std::istringstream preset(preset_answers_);
  for (std::string pair; preset >> pair;)
    if (auto eq = pair.find('='); eq != std::string::npos) form_.answers[pair.substr(0, eq)] = pair.substr(eq + 1);
  last_screened_ = last == nullptr ? std::string(tr("screening.never"))
                                   : put_in(put_in(tr("screening.last"), "{date}", widgets::date_text(last->day)), "{mode}",
                                          tr(("screening.mode." + last->mode).c_str()));
  if (!completes_kiosk_) {
    auto gate = screenings.check_allowed(participant_id_, today);
    auto next = screenings.next_allowed(participant_id_);
    if (gate.ok() && !gate->empty())
      blocked_ = put_in(tr("screening.too_soon"), "{date}",
                      next.ok() && next->has_value() ? widgets::date_text(**next) : std::string("?"));
  }
  if (person_->birth_date.valid() && person_->birth_date.years_until(today) < sc::kMinAgeYears)
    blocked_ = tr("screening.too_young");
}

View ScreeningScreen::build_view() {
  View v;
  v.allowed = app_.can(context::Permission::record_care);
  v.error_key = load_error_;
  if (!v.allowed || !v.error_key.empty() || !person_) return v;
  const std::string l = lang();
  const Date today = Date::from_epoch_ms(app_.clock().now_ms());
  v.title = words_->title.in(l);
  v.person = context::care_person_line(*person_, today);
  v.last_screened = last_screened_;
  v.blocked = blocked_;
  v.completes_kiosk = completes_kiosk_;
  std::string section;
  for (const sc::QuestionSpec& spec : *sc::questions(sc::kCurrentVersion)) {
    const context::QuestionWords* w = words_->question(spec.id);
    QuestionView q;
    q.id = std::string(spec.id);
    q.number = spec.type == sc::QuestionType::number;
    q.unit = std::string(spec.unit);
    if (w != nullptr) {
      q.text = w->text.in(l);
      q.help = w->help.in(l);
      if (w->section != section) {
        section = w->section;
        if (const context::Words* title = words_->section(section)) q.heading = title->in(l);
      }
    } else {
      q.text = q.id;
    }
    for (std::string_view option : spec.options) {
      const context::Words* ow = w != nullptr ? w->option(option) : nullptr;
      q.options.push_back(OptionView{std::string(option), ow != nullptr ? ow->in(l) : std::string(option)});
    }
    v.questions.push_back(std::move(q));
  }
  // Numbers side by side: a pair that belongs together (height | weight, systolic | diastolic), or two
  // stand-alone ones (the glucose values).
  const auto& specs = *sc::questions(sc::kCurrentVersion);
  for (std::size_t i = 0; i + 1 < specs.size(); ++i) {
    const sc::QuestionSpec& a = specs[i];
    const sc::QuestionSpec& b = specs[i + 1];
    if (a.type != sc::QuestionType::number || b.type != sc::QuestionType::number) continue;
    if (i > 0 && v.questions[i - 1].pair_next) continue;  // already the second of a pair
    v.questions[i].pair_next = a.paired_with == b.id || (a.paired_with.empty() && b.paired_with.empty());
  }
  const ParsedAnswers parsed = parse_answers(form_, sc::kCurrentVersion);
  v.findings = check_form(parsed, sc::kCurrentVersion, submitted_);
  v.findings.insert(v.findings.end(), refusals_.begin(), refusals_.end());
  if (submitted_)
    for (const Finding& f : v.findings) v.to_fix += f.severity == Severity::error ? 1 : 0;
  v.live_findrisc = live_findrisc(parsed.answers, person_->birth_date, person_->sex, today);
  v.live_bmi = live_bmi(parsed.answers);
  if (parsed.not_numbers.empty() && sc::check_answers(parsed.answers, sc::kCurrentVersion).empty()) {
    if (auto r = sc::evaluate(parsed.answers, person_->birth_date, person_->sex, today, sc::kCurrentVersion); r.ok())
      v.live = widgets::screening_result_view(*r, l, true);
  }
  v.saved = saved_;
  if (saved_ && completes_kiosk_) v.saved_note = tr("screening.completed_kiosk");
  return v;
}

void ScreeningScreen::frame(shell::ScreenContext& context) {
  view_ = build_view();
  const Intents intents = draw(view_, form_);
  if (intents.save && saved_id_.empty() && view_.blocked.empty()) save();
  if (intents.back) context.navigator.back();
}

void ScreeningScreen::save() {
  if (!person_ || !app_.can(context::Permission::record_care)) {
    app_.notify("nav.not_allowed");
    return;
  }
  submitted_ = true;
  refusals_.clear();
  const ParsedAnswers parsed = parse_answers(form_, sc::kCurrentVersion);
  if (has_errors(check_form(parsed, sc::kCurrentVersion, true))) return;
  storage::NewScreening request;
  request.participant_id = participant_id_;
  request.answers = parsed.answers;
  request.mode = storage::ScreeningMode::poli;
  auto outcome = storage::Screenings(app_.replica()).record(app_.actor(), request);
  if (!outcome.ok()) {
    refusals_.push_back(Finding{"", Severity::error, "screening.storage",
                                "Skrining tidak tersimpan: " + outcome.error().message,
                                "The screening was not saved: " + outcome.error().message});
    return;
  }
  if (!outcome->accepted()) {
    refusals_ = outcome->refusals;
    if (outcome->next_allowed)
      blocked_ = put_in(tr("screening.too_soon"), "{date}", widgets::date_text(*outcome->next_allowed));
    return;
  }
  saved_id_ = outcome->saved.id;
  // The result of what was stored, for the day it was stored under.
  if (auto r = sc::evaluate(parsed.answers, person_->birth_date, person_->sex, outcome->saved.day, sc::kCurrentVersion);
      r.ok())
    saved_ = widgets::screening_result_view(*r, lang(), true);
  app_.notify_local_change();
}

std::unique_ptr<shell::Screen> make_screening_screen(const ScreenDeps& deps) {
  const bool preset = deps.options.screenshot.has_value() && deps.options.query.has_value();
  return std::make_unique<ScreeningScreen>(deps.app, preset ? *deps.options.query : std::string());
}

}  // namespace simpul::screens::screening
