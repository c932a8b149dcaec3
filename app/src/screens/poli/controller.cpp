#include "screens/poli/controller.hpp"

#include "context/app_context.hpp"
#include "queue/queue_data.hpp"
#include "screens/poli/presenter.hpp"

namespace simpul::screens::poli {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

PoliScreen::PoliScreen(context::AppContext& app) : app_(app) {
  form_.poli_code = app_.replica().setting(kLastPoliSetting).value_or("");
}

void PoliScreen::on_show() { watch_.invalidate(); }

bool PoliScreen::busy() const { return queue_ui::writing(app_); }

std::string PoliScreen::name_of(const std::string& participant_id) {
  auto it = names_.find(participant_id);
  if (it != names_.end()) return it->second;
  auto p = app_.participants().get(participant_id);
  const std::string name = p.ok() && p->has_value() ? (*p)->name : std::string();
  names_.emplace(participant_id, name);
  return name;
}

void PoliScreen::reload() {
  auto day = queue_ui::load_day(app_.replica(), queue_ui::queue_today(app_.replica()));
  if (!day.ok()) {
    problem_key_ = day.error().code == "queue.no_facility" ? "queue.error.no_facility" : "queue.error.unavailable";
    day_ = {};
    return;
  }
  problem_key_.clear();
  if (day->day != day_.day) names_.clear();
  day_ = std::move(day).value();
}

void PoliScreen::frame(shell::ScreenContext& context) {
  const bool allowed = app_.can(context::Permission::call_queue);
  if (allowed && watch_.changed(app_.replica().db(), app_.clock().steady_ms())) reload();
  view_ = allowed ? build_view(day_, form_, [this](const std::string& id) { return name_of(id); }) : View{};
  view_.allowed = allowed;
  view_.problem_key = problem_key_;
  view_.busy = queue_ui::writing(app_);
  view_.message = message_;
  view_.can_care = app_.can(context::Permission::record_care);
  const Intents intents = draw(view_, form_);
  if (intents.back) context.navigator.back();
  if (!allowed || !app_.can(context::Permission::call_queue)) return;
  if (intents.poli) {
    message_ = {};
    (void)app_.replica().set_setting(kLastPoliSetting, *intents.poli);  // a preference
  }
  if ((intents.open_visit || intents.open_screening) && view_.selected && !view_.selected->participant_id.empty()) {
    app_.selection().participant_id = view_.selected->participant_id;
    app_.selection().queue_entry_id = intents.open_visit ? view_.selected->id : std::string();
    context.navigator.open(intents.open_visit ? kVisitScreen : kScreeningScreen);
    return;
  }
  if (intents.call_next && view_.next) record(view_.next->id, queue::QueueEventKind::call, context.navigator);
  if (intents.action && view_.selected) {
    const ActionButton* button = nullptr;
    for (const ActionButton& b : view_.actions)
      if (b.action == *intents.action) button = &b;
    if (button != nullptr && button->enabled) record(view_.selected->id, button->event, context.navigator);
  }
}

void PoliScreen::record(const std::string& entry_id, queue::QueueEventKind kind, shell::Navigator& navigator) {
  if (queue_ui::writing(app_)) return;
  message_ = {};
  std::weak_ptr<bool> alive = alive_;
  queue_ui::record_event_async(
      app_, app_.actor(), entry_id, kind,
      [alive, this, kind, &navigator](Result<storage::QueueEventOutcome> outcome) {
        if (alive.expired()) return;
        watch_.invalidate();
        if (!outcome.ok()) {
          message_ = Message{"queue.error.storage", outcome.error().message, true};
          return;
        }
        if (!outcome->accepted()) {
          // Another device moved this entry meanwhile: say what the rules said.
          const Finding& refusal = outcome->refusals.front();
          message_ = Message{"poli.refused", app_.language() == "en" ? refusal.en : refusal.id, true};
          return;
        }
        form_.selected = outcome->entry.id;
        message_ = Message{std::string("poli.done.") + queue::event_code(kind), outcome->entry.number, false};
        // Serving opens the patient's visit record, once that screen exists.
        if (kind == queue::QueueEventKind::serve && screens::find_screen(kVisitScreen) != nullptr &&
            !outcome->entry.participant_id.empty()) {
          app_.selection().participant_id = outcome->entry.participant_id;
          app_.selection().queue_entry_id = outcome->entry.id;
          navigator.open(kVisitScreen);
        }
      });
}

std::unique_ptr<shell::Screen> make_poli_screen(const ScreenDeps& deps) { return std::make_unique<PoliScreen>(deps.app); }

}  // namespace simpul::screens::poli
