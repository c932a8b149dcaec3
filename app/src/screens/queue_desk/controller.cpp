#include "screens/queue_desk/controller.hpp"

#include "context/app_context.hpp"
#include "queue/queue_data.hpp"
#include "screens/queue_desk/presenter.hpp"
#include "simpul/core/queue/priority.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::queue_desk {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

bool digits_only(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

QueueDeskScreen::QueueDeskScreen(context::AppContext& app) : app_(app) {}

bool QueueDeskScreen::busy() const { return queue_ui::writing(app_); }

void QueueDeskScreen::on_show() {
  watch_.invalidate();
  form_.focus_pending = true;
  // Opened from the participant page: that participant is the one to enrol.
  const std::string& selected = app_.selection().participant_id;
  if (!selected.empty() && (!person_ || person_->id != selected)) {
    if (auto p = app_.participants().get(selected); p.ok() && p->has_value()) {
      person_ = **p;
      form_.poli_code.clear();
      form_.priority.reset();
    }
  }
}

std::string QueueDeskScreen::name_of(const std::string& participant_id) {
  auto it = names_.find(participant_id);
  if (it != names_.end()) return it->second;
  auto p = app_.participants().get(participant_id);
  const std::string name = p.ok() && p->has_value() ? (*p)->name : std::string();
  names_.emplace(participant_id, name);
  return name;
}

void QueueDeskScreen::reload() {
  auto day = queue_ui::load_day(app_.replica(), queue_ui::queue_today(app_.replica()));
  if (!day.ok()) {
    problem_key_ = day.error().code == "queue.no_facility" ? "queue.error.no_facility" : "queue.error.unavailable";
    day_ = {};
    return;
  }
  problem_key_.clear();
  if (day->day != day_.day) names_.clear();
  day_ = std::move(day).value();
  if (form_.shown_poli.empty() && !day_.polis.empty()) form_.shown_poli = day_.polis.front().poli.code;
}

void QueueDeskScreen::frame(shell::ScreenContext& context) {
  const bool allowed = app_.can(context::Permission::enroll_queue);
  if (allowed && watch_.changed(app_.replica().db(), app_.clock().steady_ms())) reload();
  view_ = View{};
  view_.allowed = allowed;
  if (allowed) {
    view_.problem_key = problem_key_;
    view_.day = queue_ui::date_text(day_.day);
    view_.polis = poli_columns(day_, [this](const std::string& id) { return name_of(id); });
    view_.shown_poli = form_.shown_poli;
    if (person_) {
      view_.person = person_card(*person_, day_);
      view_.options = poli_options(day_, queue_ui::queue_minute_now(app_.replica()), *person_);
    }
    view_.busy = queue_ui::writing(app_);
    view_.message = message_;
  }
  const Intents intents = draw(view_, form_);
  if (intents.back) context.navigator.back();
  if (!allowed || !app_.can(context::Permission::enroll_queue)) return;
  if (intents.lookup) lookup();
  if (intents.clear_person) {
    person_.reset();
    app_.selection().participant_id.clear();
    message_ = {};
  }
  if (intents.enroll) enroll();
  if (intents.cancel) cancel(*intents.cancel);
}

void QueueDeskScreen::lookup() {
  std::string digits;
  for (char c : form_.lookup)
    if (c != ' ' && c != '.' && c != '-') digits += c;
  if (!digits_only(digits) || (digits.size() != 13 && digits.size() != 16)) {
    message_ = Message{"qdesk.error.lookup_format", "", true};
    return;
  }
  auto found = digits.size() == 16 ? app_.participants().by_nik(digits) : app_.participants().by_card(digits);
  if (!found.ok()) {
    message_ = Message{"queue.error.storage", found.error().message, true};
    return;
  }
  if (!found->has_value()) {
    message_ = Message{"qdesk.error.not_found", digits, true};
    return;
  }
  person_ = **found;
  app_.selection().participant_id = person_->id;
  form_.lookup.clear();
  form_.poli_code.clear();
  form_.priority.reset();
  message_ = {};
}

void QueueDeskScreen::enroll() {
  if (!person_ || form_.poli_code.empty() || queue_ui::writing(app_)) return;
  storage::NewQueueEntry request;
  request.poli = form_.poli_code;
  request.day = day_.day;
  request.card_number = person_->card_number;
  request.participant_id = person_->id;
  request.priority = form_.priority.value_or(queue::classify(person_->birth_date, day_.day, false, false));
  request.source = queue::Source::desk;
  request.complaint = form_.complaint;
  message_ = {};
  std::weak_ptr<bool> alive = alive_;
  queue_ui::add_entry_async(app_, app_.actor(), request, [alive, this](Result<storage::QueueAddOutcome> outcome) {
    if (alive.expired()) return;
    watch_.invalidate();
    if (!outcome.ok()) {
      message_ = Message{"queue.error.storage", outcome.error().message, true};
    } else if (!outcome->accepted()) {
      const Finding& refusal = outcome->refusals.front();
      message_ = Message{"qdesk.refused", app_.language() == "en" ? refusal.en : refusal.id, true};
    } else {
      const storage::QueueItem& ticket = outcome->ticket;
      message_ = Message{"qdesk.enrolled", ticket.entry.number + " (" + std::to_string(ticket.people_ahead) + " " +
                                               tr("ticket.people") + ")", false};
      form_.poli_code.clear();
      form_.complaint.clear();
      form_.shown_poli = ticket.entry.poli;
    }
  });
}

void QueueDeskScreen::cancel(const std::string& entry_id) {
  if (queue_ui::writing(app_)) return;
  message_ = {};
  std::weak_ptr<bool> alive = alive_;
  queue_ui::record_event_async(app_, app_.actor(), entry_id, queue::QueueEventKind::cancel,
                               [alive, this](Result<storage::QueueEventOutcome> outcome) {
                                 if (alive.expired()) return;
                                 watch_.invalidate();
                                 if (!outcome.ok()) {
                                   message_ = Message{"queue.error.storage", outcome.error().message, true};
                                 } else if (!outcome->accepted()) {
                                   const Finding& refusal = outcome->refusals.front();
                                   message_ = Message{"qdesk.refused",
                                                      app_.language() == "en" ? refusal.en : refusal.id, true};
                                 } else {
                                   message_ = Message{"qdesk.cancelled", outcome->entry.number, false};
                                 }
                               });
}

std::unique_ptr<shell::Screen> make_queue_desk_screen(const ScreenDeps& deps) {
  return std::make_unique<QueueDeskScreen>(deps.app);
}

}  // namespace simpul::screens::queue_desk
