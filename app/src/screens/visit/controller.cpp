#include "screens/visit/controller.hpp"

#include <algorithm>

#include "context/app_context.hpp"
#include "context/care_person.hpp"
#include "screens/visit/presenter.hpp"
#include "simpul/storage/queue.hpp"
#include "simpul/storage/visits.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::visit {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {
constexpr std::size_t kMatches = 8;
constexpr const char* kLastPoliSetting = "poli.last";  // the poli caller's choice on this device
}  // namespace

VisitScreen::VisitScreen(context::AppContext& app, std::string preset_search)
    : app_(app), preset_search_(std::move(preset_search)) {}

void VisitScreen::on_show() {
  const context::Selection& s = app_.selection();
  // Another person (or another queue entry): a new, empty record. The same one: keep what was typed.
  if (!shown_ || s.participant_id != participant_id_ || s.queue_entry_id != queue_entry_id_) {
    shown_ = true;
    participant_id_ = s.participant_id;
    queue_entry_id_ = s.queue_entry_id;
    load();
  }
}

void VisitScreen::load() {
  form_ = Form{};
  submitted_ = false;
  refusals_.clear();
  saved_id_.clear();
  saved_summary_.clear();
  person_.reset();
  queue_number_.clear();
  load_error_.clear();
  if (participant_id_.empty()) {
    load_error_ = "visit.none_selected";
    return;
  }
  auto p = app_.participants().get(participant_id_);
  if (!p.ok() || !p->has_value()) {
    load_error_ = "visit.not_found";
    return;
  }
  person_ = **p;
  polis_.clear();
  if (auto code = storage::Queue(app_.replica()).facility(); code.ok()) {
    if (auto f = app_.facilities().get(*code); f.ok() && f->has_value())
      for (const Poli& poli : (*f)->polis) polis_.push_back(PoliOption{poli.code, poli.name});
  }
  form_.diagnosis_query = preset_search_;
  form_.poli_code = app_.replica().setting(kLastPoliSetting).value_or("");
  if (!queue_entry_id_.empty()) {
    if (auto entry = storage::Queue(app_.replica()).get(queue_entry_id_); entry.ok() && entry->has_value()) {
      form_.poli_code = (*entry)->poli;
      queue_number_ = (*entry)->number;
    }
  }
  if (form_.poli_code.empty() && !polis_.empty()) form_.poli_code = polis_.front().code;
}

View VisitScreen::build_view() {
  View v;
  v.allowed = app_.can(context::Permission::record_care);
  v.error_key = load_error_;
  if (!v.allowed || !person_) return v;
  const Date today = Date::from_epoch_ms(app_.clock().now_ms());
  v.person = context::care_person_line(*person_, today);
  v.queue_number = queue_number_;
  v.polis = polis_;
  v.poli_code = form_.poli_code;
  const bool en = i18n::language() == "en";
  const Icd10Catalog& icd = app_.icd10();
  for (const std::string& code : form_.diagnoses) {
    const Diagnosis* d = icd.find(code);
    v.picked.push_back(DiagnosisRow{code, d == nullptr ? std::string() : (en ? d->name_en : d->name_id)});
  }
  if (form_.diagnosis_query.find_first_not_of(' ') != std::string::npos) {
    for (const Diagnosis* d : icd.search(form_.diagnosis_query, kMatches + form_.diagnoses.size())) {
      if (std::find(form_.diagnoses.begin(), form_.diagnoses.end(), d->code) != form_.diagnoses.end()) continue;
      if (v.matches.size() < kMatches) v.matches.push_back(DiagnosisRow{d->code, en ? d->name_en : d->name_id});
    }
    v.search_empty = v.matches.empty();
  }
  v.findings = check_form(form_, submitted_);
  v.findings.insert(v.findings.end(), refusals_.begin(), refusals_.end());
  v.saved = !saved_id_.empty();
  v.saved_summary = saved_summary_;
  v.can_screen = true;
  return v;
}

void VisitScreen::frame(shell::ScreenContext& context) {
  view_ = build_view();
  const std::vector<std::string> before = form_.diagnoses;
  const std::string poli_before = form_.poli_code;
  const Intents intents = draw(view_, form_);
  // A change to what was refused clears the refusal: the next Save checks again.
  if (form_.diagnoses != before || form_.poli_code != poli_before) refusals_.clear();
  if (intents.save && saved_id_.empty()) save();
  if (intents.open_participant) {
    app_.selection().participant_id = participant_id_;
    context.navigator.open("participant");
  } else if (intents.open_screening) {
    app_.selection().participant_id = participant_id_;
    context.navigator.open(kScreeningScreen);
  } else if (intents.back) {
    context.navigator.back();
  }
}

void VisitScreen::save() {
  if (!person_ || !app_.can(context::Permission::record_care)) {
    app_.notify("nav.not_allowed");
    return;
  }
  submitted_ = true;
  refusals_.clear();
  if (has_errors(check_form(form_, true))) return;
  const context::Session* session = app_.session();
  const std::string clinician =
      session == nullptr ? std::string()
                         : (session->user.display_name.empty() ? session->user.username : session->user.display_name);
  storage::Visits visits(app_.replica(), &app_.icd10());
  auto outcome = visits.record(app_.actor(), to_request(form_, participant_id_, queue_entry_id_, clinician));
  if (!outcome.ok()) {
    refusals_.push_back(Finding{"", Severity::error, "visit.storage", "Kunjungan tidak tersimpan: " + outcome.error().message,
                                "The visit was not saved: " + outcome.error().message});
    return;
  }
  if (!outcome->accepted()) {
    refusals_ = outcome->refusals;
    return;
  }
  saved_id_ = outcome->saved.id;
  std::string summary;
  for (const auto& d : outcome->saved.diagnoses) summary += (summary.empty() ? "" : ", ") + d.code;
  saved_summary_ = summary + " \xC2\xB7 " + tr(form_.referred ? "visit.outcome.referred" : "visit.outcome.home");
  app_.notify_local_change();
}

std::unique_ptr<shell::Screen> make_visit_screen(const ScreenDeps& deps) {
  const bool preset = deps.options.screenshot.has_value() && deps.options.query.has_value();
  return std::make_unique<VisitScreen>(deps.app, preset ? *deps.options.query : std::string());
}

}  // namespace simpul::screens::visit
