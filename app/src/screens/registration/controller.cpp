#include "screens/registration/controller.hpp"

#include <cstdio>

#include "context/app_context.hpp"
#include "simpul/core/rules/identity.hpp"
#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::registration {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

ExistingParticipant existing_from(const Participant& p) { return {p.id, p.name, p.card_number}; }

bool complete_nik(const std::string& nik) {
  return nik.size() == 16 && nik.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

RegistrationScreen::RegistrationScreen(context::AppContext& app) : app_(app) {}

void RegistrationScreen::on_show() {
  // The facility list arrives with sync: read it again whenever the screen comes up.
  auto list = app_.facilities().list();
  facilities_ = list.ok() ? std::move(*list) : std::vector<Facility>{};
  origin_.reset();
  const std::string home = app_.replica().device().facility;
  for (const Facility& f : facilities_)
    if (f.code == home && (f.latitude != 0.0 || f.longitude != 0.0)) origin_ = widgets::GeoPoint{f.latitude, f.longitude};

  // "New family member" from a participant page.
  std::string& family_of = app_.selection().family_of;
  if (!family_of.empty()) {
    if (auto member = app_.participants().get(family_of); member.ok() && member->has_value()) join_family_of(**member);
    family_of.clear();
  }
  // The first field takes the keyboard, unless it is already filled in (a form being returned to).
  form_.focus_pending = form_.people[form_.current].nik.empty();
}

void RegistrationScreen::join_family_of(const Participant& member) {
  Form next;
  next.kk_number = member.kk_number;
  widgets::set_region(next.region, app_.regions(), member.address.village_code);
  next.street = member.address.street;
  next.rt = member.address.rt;
  next.rw = member.address.rw;
  next.care_class = member.care_class;
  next.fktp.code = member.fktp;
  next.dental.code = member.dental_fktp;
  next.autodebit = member.autodebit;
  next.autodebit_provider = member.autodebit_provider;
  next.people.front().relation = FamilyRelation::child;
  start_over(std::move(next));
}

Reference RegistrationScreen::reference() const {
  return Reference{&app_.regions(), &facilities_, origin_, Date::from_epoch_ms(app_.clock().now_ms())};
}

void RegistrationScreen::look_up_niks(bool fresh) {
  if (fresh) {
    existing_.clear();
    looked_up_.clear();
  }
  for (const PersonForm& person : form_.people) {
    if (!person.saved_id.empty() || !complete_nik(person.nik) || looked_up_.contains(person.nik)) continue;
    looked_up_.insert(person.nik);
    auto found = app_.participants().by_nik(person.nik);
    if (found.ok() && found->has_value()) existing_[person.nik] = existing_from(**found);
  }
}

void RegistrationScreen::start_over(Form next) {
  form_ = std::move(next);
  outcome_ = Outcome::editing;
  message_.clear();
  saved_.clear();
  look_up_niks(true);
}

void RegistrationScreen::frame(shell::ScreenContext& context) {
  const Reference ref = reference();
  update_derived(form_, ref);
  look_up_niks(false);
  View view = build_view(form_, ref, existing_);
  if (outcome_ == Outcome::refused && view.errors == 0) outcome_ = Outcome::editing;
  view.outcome = outcome_;
  view.message = message_;
  view.saved = saved_;
  view.enrolled = app_.replica().device().enrolled();
  view.allowed = app_.can(context::Permission::edit_participants);

  const Intents intents = draw(view, form_);

  if (intents.select_person && *intents.select_person < form_.people.size()) {
    form_.current = *intents.select_person;
    form_.focus_pending = true;
  }
  if (intents.add_member) add_member(form_);
  if (intents.remove_member && *intents.remove_member < form_.people.size() && form_.people.size() > 1 &&
      form_.people[*intents.remove_member].saved_id.empty()) {
    form_.people.erase(form_.people.begin() + static_cast<std::ptrdiff_t>(*intents.remove_member));
    form_.current = std::min(form_.current, form_.people.size() - 1);
  }
  if (intents.save) save();
  if (intents.register_family_member) start_over(next_family_form(form_));
  if (intents.start_over) start_over(Form{});
  if (intents.open_participant) {
    app_.selection().participant_id = *intents.open_participant;
    context.navigator.open("participant");
  }
  if (intents.back) context.navigator.back();
}

void RegistrationScreen::save() {
  form_.save_attempted = true;
  message_.clear();
  if (!app_.can(context::Permission::edit_participants)) {
    outcome_ = Outcome::failed;
    message_ = tr("registration.not_allowed");
    return;
  }
  outcome_ = Outcome::editing;
  // Someone may have registered the same NIK meanwhile (another desk, a sync): ask again.
  look_up_niks(true);
  const Reference ref = reference();
  update_derived(form_, ref);
  if (build_view(form_, ref, existing_).errors > 0) {
    outcome_ = Outcome::refused;
    return;
  }
  bool wrote = false;
  for (std::size_t i = 0; i < form_.people.size(); ++i) {
    PersonForm& person = form_.people[i];
    if (!person.saved_id.empty()) continue;
    const Participant participant = to_participant(form_, i);
    auto id = app_.participants().create(app_.actor(), participant);
    if (!id.ok()) {
      // Everyone before this person is saved (each in their own transaction); this one and the rest stay in
      // the form to be fixed and saved again.
      outcome_ = Outcome::failed;
      message_ = std::string(tr("registration.save_failed")) + " " + participant.name + ": " +
                 (id.error().code == "participant.nik_exists" ? tr("registration.nik_exists_short")
                                                              : id.error().message.c_str());
      form_.current = i;
      look_up_niks(true);
      break;
    }
    person.saved_id = *id;
    saved_.push_back({*id, participant.name});
    wrote = true;
  }
  if (wrote) app_.notify_local_change();
  if (outcome_ != Outcome::failed) outcome_ = Outcome::saved;
}

void RegistrationScreen::fill_example() {
  std::string id = app_.selection().participant_id;
  if (id.empty()) id = app_.first_participant("");
  auto member = app_.participants().get(id);
  if (!member.ok() || !member->has_value() || (*member)->nik.size() < 6) return;
  join_family_of(**member);
  // A girl of two and a half from the family's district, with the first serial no one holds yet.
  const Date today = Date::from_epoch_ms(app_.clock().now_ms());
  const Date birth = today.add_months(-30);
  char date[40];
  std::snprintf(date, sizeof date, "%02d%02d%02d", birth.day + 40, birth.month, birth.year % 100);
  PersonForm& child = form_.people.front();
  for (int serial = 9001; serial <= 9999; ++serial) {
    const std::string nik = (*member)->nik.substr(0, 6) + date + std::to_string(serial);
    if (auto taken = app_.participants().by_nik(nik); taken.ok() && !taken->has_value()) {
      child.nik = nik;
      break;
    }
  }
  child.name = "Putri Ayu Lestari";
  child.relation = FamilyRelation::child;
  form_.focus_pending = false;
}

std::unique_ptr<shell::Screen> make_registration_screen(const ScreenDeps& deps) {
  auto screen = std::make_unique<RegistrationScreen>(deps.app);
  if (deps.options.screenshot && deps.options.screen == "registration") screen->fill_example();
  return screen;
}

}  // namespace simpul::screens::registration
