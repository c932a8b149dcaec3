#include "screens/kiosk_screening/controller.hpp"

#include <cstdio>

#include "context/app_context.hpp"
#include "screens/kiosk/privacy.hpp"
#include "simpul/storage/screenings.hpp"
#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::kiosk_screening {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace sc = simpul::screening;

namespace {

// Kiosk writes are audited as the kiosk, not as whoever last used this machine.
storage::Actor kiosk_actor() { return storage::Actor{"", "kiosk"}; }

std::string fill_date(std::string text, const Date& date) {
  if (auto at = text.find("{date}"); at != std::string::npos) text.replace(at, 6, widgets::date_text(date));
  return text;
}

}  // namespace

KioskScreeningScreen::KioskScreeningScreen(context::AppContext& app, KioskScreeningOptions options)
    : app_(app), options_(options) {
  if (auto words = context::load_questionnaire_words(app_.asset_dir(), sc::kCurrentVersion); words.ok()) {
    words_ = std::move(words).value();
  } else {
    std::fprintf(stderr, "simpul: kiosk screening: %s\n", words.error().message.c_str());
  }
  for (const sc::QuestionSpec& q : *sc::questions(sc::kCurrentVersion))
    if (q.mode == sc::QuestionMode::self) question_ids_.emplace_back(q.id);

  // Only the person the kiosk identified; the staff selection is never read here.
  const std::string id = app_.selection().kiosk_participant_id;
  if (id.empty() || !words_) return;
  auto p = app_.participants().get(id);
  if (!p.ok() || !p->has_value()) return;
  person_ = **p;

  const Date today = Date::from_epoch_ms(app_.clock().now_ms());
  if (person_->birth_date.years_until(today) < sc::kMinAgeYears) {
    blocked_ = tr("kiosk_screening.too_young");
    step_ = Step::blocked;
    return;
  }
  storage::Screenings screenings(app_.replica());
  auto gate = screenings.check_allowed(person_->id, today);
  if (gate.ok() && !gate->empty()) {
    auto next = screenings.next_allowed(person_->id);
    blocked_ = next.ok() && next->has_value() ? fill_date(tr("kiosk_screening.too_soon"), **next)
                                              : std::string(tr("kiosk_screening.too_soon_no_date"));
    step_ = Step::blocked;
    return;
  }
  if (options_.preset_answers >= 0) {
    const auto* specs = sc::questions(sc::kCurrentVersion);
    for (const sc::QuestionSpec& q : *specs) {
      if (q.mode != sc::QuestionMode::self || static_cast<int>(form_.answers.size()) >= options_.preset_answers) continue;
      const std::string_view pick = q.options.size() == 2 ? q.options[1] : q.options.front();  // "no" / "none"
      form_.answers[std::string(q.id)] = std::string(pick);
    }
    form_.index = std::min(form_.answers.size(), question_ids_.size() - 1);
    step_ = Step::question;
    if (form_.answers.size() >= question_ids_.size()) finish_answers();
  }
}

View KioskScreeningScreen::build_view() const {
  View v;
  v.step = step_;
  v.language = std::string(i18n::language());
  const std::string& l = v.language;
  v.title = words_ ? words_->title.in(l) : std::string(tr("screening.title"));
  if (!person_) return v;
  v.first_name = kiosk::short_name(person_->name);
  v.blocked = blocked_;
  v.error_key = error_key_;
  if (step_ == Step::result && evaluated_) v.result = widgets::screening_result_view(*evaluated_, l, false);
  if (words_) v.intro = words_->intro.in(l);
  v.count = question_ids_.size();
  v.index = form_.index;
  if (step_ == Step::question && words_ && form_.index < question_ids_.size()) {
    const std::string& id = question_ids_[form_.index];
    if (const context::QuestionWords* w = words_->question(id)) {
      v.question = w->text.in(l);
      v.help = w->help.in(l);
      if (const context::Words* s = words_->section(w->section)) v.section = s->in(l);
      for (const auto& [option, text] : w->options) v.options.push_back(OptionView{option, text.in(l)});
    }
    if (auto it = form_.answers.find(id); it != form_.answers.end()) v.chosen = it->second;
  }
  return v;
}

void KioskScreeningScreen::frame(shell::ScreenContext& context) {
  if (!person_) {  // nobody confirmed at the kiosk: nothing to show
    context.navigator.back();
    return;
  }
  const View view = build_view();
  const Intents intents = draw(view, form_);
  if (intents.language) i18n::set_language(*intents.language);  // this person's choice only: never saved
  if (intents.start && step_ == Step::intro) {
    form_.index = 0;
    step_ = Step::question;
  }
  if (intents.answer && step_ == Step::question) answer(*intents.answer);
  if (intents.retry && step_ == Step::question) finish_answers();
  if (intents.previous && step_ == Step::question) {
    error_key_.clear();
    if (form_.index == 0) {
      step_ = Step::intro;
    } else {
      --form_.index;
    }
  }
  // Done (or changed their mind): the kiosk starts over for the next person; nothing of this one stays.
  if (intents.finish) context.navigator.reset("kiosk");
}

void KioskScreeningScreen::answer(const std::string& option) {
  if (form_.index >= question_ids_.size()) return;
  form_.answers[question_ids_[form_.index]] = option;
  error_key_.clear();
  if (form_.index + 1 < question_ids_.size()) {
    ++form_.index;
  } else {
    finish_answers();
  }
}

void KioskScreeningScreen::finish_answers() {
  sc::Answers answers;
  for (const std::string& id : question_ids_) {
    auto it = form_.answers.find(id);
    if (it != form_.answers.end()) answers.emplace(id, it->second);
  }
  const Date today = Date::from_epoch_ms(app_.clock().now_ms());
  if (options_.record) {
    storage::NewScreening request;
    request.participant_id = person_->id;
    request.answers = answers;
    request.mode = storage::ScreeningMode::kiosk;
    auto outcome = storage::Screenings(app_.replica()).record(kiosk_actor(), request);
    if (!outcome.ok()) {
      std::fprintf(stderr, "simpul: kiosk screening: %s\n", outcome.error().message.c_str());
      error_key_ = "kiosk_screening.error.save";
      return;
    }
    if (!outcome->accepted()) {
      if (outcome->next_allowed) {
        blocked_ = fill_date(tr("kiosk_screening.too_soon"), *outcome->next_allowed);
        step_ = Step::blocked;
        return;
      }
      // Not expected (every answer comes from a button): the desk can help.
      std::fprintf(stderr, "simpul: kiosk screening refused: %s\n", outcome->refusals.front().en.c_str());
      error_key_ = "kiosk_screening.error.save";
      return;
    }
    saved_id_ = outcome->saved.id;
    app_.notify_local_change();
  }
  auto r = sc::evaluate(answers, person_->birth_date, person_->sex, today, sc::kCurrentVersion);
  if (!r.ok()) {
    error_key_ = "kiosk_screening.error.save";
    return;
  }
  evaluated_ = std::move(r).value();
  step_ = Step::result;
}

std::unique_ptr<shell::Screen> make_kiosk_screening_screen(context::AppContext& app, KioskScreeningOptions options) {
  return std::make_unique<KioskScreeningScreen>(app, options);
}

std::unique_ptr<shell::Screen> make_kiosk_screening_screen(const ScreenDeps& deps) {
  return make_kiosk_screening_screen(deps.app, KioskScreeningOptions{});
}

}  // namespace simpul::screens::kiosk_screening
