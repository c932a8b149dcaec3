#include "screens/change/controller.hpp"

#include "context/app_context.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::change {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

ChangeScreen::ChangeScreen(context::AppContext& app) : app_(app) {}

void ChangeScreen::on_show() {
  auto list = app_.facilities().list();
  facilities_ = list.ok() ? std::move(*list) : std::vector<Facility>{};
  origin_.reset();
  const std::string home = app_.replica().device().facility;
  for (const Facility& f : facilities_)
    if (f.code == home && (f.latitude != 0.0 || f.longitude != 0.0)) origin_ = widgets::GeoPoint{f.latitude, f.longitude};
  const std::string& selected = app_.selection().participant_id;
  if (!selected.empty() && (!participant_ || participant_->id != selected)) {
    load(selected);
  } else if (participant_) {
    load(participant_->id);  // it may have changed meanwhile (sync, another screen); keep the form
  }
  form_.focus_pending = true;
  if (example_pending_ && participant_) {
    example_pending_ = false;
    choose(Kind::fktp);
    const Reference ref = reference();
    const View view = build_view(*participant_, form_, ref);
    if (!view.fktp.options.empty()) form_.fktp.code = view.fktp.options.front().code;
    form_.focus_pending = false;
  }
}

void ChangeScreen::load(const std::string& participant_id) {
  const bool same = participant_ && participant_->id == participant_id;
  auto found = app_.participants().get(participant_id);
  if (!found.ok() || !found->has_value()) {
    participant_.reset();
    family_.clear();
    return;
  }
  participant_ = std::move(**found);
  family_.clear();
  if (!participant_->kk_number.empty()) {
    if (auto family = app_.participants().family(participant_->kk_number); family.ok()) family_ = std::move(*family);
  }
  if (!same) {
    form_ = Form{};
    outcome_ = Outcome::editing;
    message_.clear();
    saved_lines_.clear();
  }
}

Reference ChangeScreen::reference() const {
  Reference ref{&app_.regions(), &facilities_, origin_, Date::from_epoch_ms(app_.clock().now_ms()), family_, {}};
  context::AppContext& app = app_;
  const std::string self = participant_ ? participant_->id : std::string();
  ref.nik_taken = [&app, self](const std::string& nik) {
    auto found = app.participants().by_nik(nik);
    return found.ok() && found->has_value() && (*found)->id != self;
  };
  return ref;
}

void ChangeScreen::choose(Kind kind) {
  if (!participant_) return;
  start_change(form_, kind, *participant_, &app_.regions());
  outcome_ = Outcome::editing;
  message_.clear();
}

void ChangeScreen::look_up() {
  std::string query = form_.lookup;
  std::erase(query, ' ');
  auto found = query.size() == 13 ? app_.participants().by_card(query) : app_.participants().by_nik(query);
  if (!found.ok() || !found->has_value()) {
    lookup_error_ = "change.lookup_not_found";
    return;
  }
  lookup_error_.clear();
  app_.selection().participant_id = (*found)->id;
  load((*found)->id);
}

void ChangeScreen::frame(shell::ScreenContext& context) {
  View view;
  const Reference ref = reference();
  if (participant_) {
    view = build_view(*participant_, form_, ref);
  } else {
    view.lookup_error = lookup_error_;
  }
  view.allowed = app_.can(context::Permission::edit_participants);
  if (outcome_ == Outcome::saved) view.changes = saved_lines_;
  view.outcome = outcome_;
  view.message = message_;

  const Intents intents = draw(view, form_);

  if (intents.lookup) look_up();
  if (intents.choose) choose(*intents.choose);
  if (intents.review && view.can_review && !form_.reviewing) {
    form_.reviewing = true;
    form_.focus_pending = true;
  }
  if (intents.review && !view.can_review) form_.save_attempted = true;  // show what is missing
  if (intents.edit) {
    form_.reviewing = false;
    form_.save_attempted = false;
    outcome_ = Outcome::editing;
  }
  if (intents.save) save();
  if (intents.another) {
    form_ = Form{};
    outcome_ = Outcome::editing;
    message_.clear();
  }
  if (intents.open_participant && participant_) {
    app_.selection().participant_id = participant_->id;
    context.navigator.open("participant");
  }
  if (intents.back) context.navigator.back();
}

void ChangeScreen::save() {
  if (!participant_ || !form_.kind || !form_.reviewing) return;
  form_.save_attempted = true;
  message_.clear();
  if (!app_.can(context::Permission::edit_participants)) {
    outcome_ = Outcome::failed;
    message_ = tr("change.not_allowed");
    return;
  }
  const Reference ref = reference();
  const Plan plan = plan_change(*participant_, form_, ref);
  if (has_errors(plan.findings) || plan.lines.empty() ||
      has_errors(identity_findings(*participant_, form_, ref))) {
    outcome_ = Outcome::refused;  // nothing is written
    return;
  }
  const storage::Actor who = app_.actor();
  auto changed = app_.participants().update(who, participant_->id, plan.changes);
  if (!changed.ok()) {
    outcome_ = Outcome::failed;
    message_ = std::string(tr("change.save_failed")) + " " + changed.error().message;
    return;
  }
  // The identity check, beside the change in the participant's audit trail. (Participants::update keeps its
  // own transaction, so this entry follows it; a failure here is reported, the change itself is saved.)
  const storage::Fields note{{"check", "ktp_seen"}, {"change", kind_code(*form_.kind)}, {"checked_by", who.username}};
  auto audited = app_.replica().append_audit(who, "participant", participant_->id, "ktp_seen", storage::Fields(), note);
  app_.notify_local_change();
  saved_lines_ = plan.lines;
  outcome_ = Outcome::saved;
  message_ = std::string(tr("change.ktp_seen_by")) + " " + who.username + ".";
  if (!audited.ok()) message_ += " " + std::string(tr("change.audit_failed")) + " " + audited.error().message;
  form_.reviewing = false;
  load(participant_->id);
}

std::unique_ptr<shell::Screen> make_change_screen(const ScreenDeps& deps) {
  auto screen = std::make_unique<ChangeScreen>(deps.app);
  if (deps.options.screenshot && deps.options.screen == "change") screen->show_example_on_show();
  return screen;
}

}  // namespace simpul::screens::change
