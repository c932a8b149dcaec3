#include "screens/kiosk/controller.hpp"

#include <algorithm>
#include <cstdio>

#include "context/app_context.hpp"
#include "kiosk/ticket_printer.hpp"
#include "queue/queue_data.hpp"
#include "screens/registry.hpp"
#include "simpul/storage/queue.hpp"
#include "simpul/storage/screenings.hpp"
#include "simpul/storage/users.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::kiosk {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

namespace printing = ::simpul::kiosk;

constexpr const char* kPrintTask = "kiosk.print";
constexpr const char* kStaffTask = "kiosk.staff";

bool running(const shell::Task* task) { return task != nullptr && !task->finished(); }

// Kiosk writes are audited as the kiosk, not as whoever last used this machine.
storage::Actor kiosk_actor() { return storage::Actor{"", "kiosk"}; }

std::string refusal_key(const Findings& refusals) {
  for (const Finding& f : refusals) {
    if (f.code == "booking.quota_full") return "kiosk.error.quota_full";
    if (f.code == "booking.closed_day" || f.code == "booking.before_hours" || f.code == "booking.after_hours")
      return "kiosk.error.closed";
    if (f.code.starts_with("card")) return "kiosk.error.not_found";
  }
  return "kiosk.error.desk";
}

}  // namespace

KioskScreen::KioskScreen(context::AppContext& app, KioskOptions options)
    : app_(app), options_(std::move(options)), start_language_(i18n::language()) {
  if (!options_.preset_participant.empty()) {
    if (auto p = app_.participants().get(options_.preset_participant); p.ok() && p->has_value()) {
      person_ = **p;
      typed_id_ = person_->card_number.empty() ? person_->nik : person_->card_number;
      confirmed_ = true;
      enter_poli_step();
      for (const queue_ui::PoliQueue& poli : day_.polis) {
        const queue::QueueEntry* held = day_.held(poli.poli.code, person_->card_number, person_->id);
        if (held != nullptr && held->state == queue::QueueState::waiting) {
          form_.poli_code = poli.poli.code;
          show_ticket(*held, true);
          break;
        }
      }
    }
  } else if (!options_.preset_digits.empty()) {
    append_digits(form_.id_digits, options_.preset_digits);
    identify();
  }
}

void KioskScreen::on_show() {
  if (step_ == Step::poli) reload_day();
}

bool KioskScreen::busy() const {
  return taking_ || running(app_.task(kPrintTask)) || running(app_.task(kStaffTask));
}

View KioskScreen::build_view() {
  View view;
  view.step = step_;
  view.language = std::string(i18n::language());
  view.error_key = error_key_;
  view.busy = taking_;
  view.this_year = queue_ui::local_day(app_.clock().now_ms()).year;
  if (day_.facility_name.empty()) {
    if (auto code = storage::Queue(app_.replica()).facility(); code.ok()) {
      if (auto f = app_.facilities().get(*code); f.ok() && f->has_value()) day_.facility_name = (*f)->name;
    }
  }
  view.facility_name = day_.facility_name;
  if (person_) {
    // Before the birth date is confirmed the kiosk shows only the (masked) number typed: typing a stranger's NIK
    // must not reveal their name.
    view.person = person_view(*person_, typed_id_);
    if (!confirmed_) view.person.short_name.clear();
  }
  view.birth_attempts_left = birth_attempts_left_;
  if (step_ == Step::poli && person_) {
    view.polis = poli_choices(day_, queue_ui::queue_minute_now(app_.replica()), person_->card_number, person_->id);
    view.suggested = suggestion_.priority;
    view.suggestion_key = suggestion_.reason_key;
  }
  view.ticket = ticket_lines_;
  view.ticket_existing = ticket_existing_;
  view.print_key = print_key_;
  view.offer_screening = screening_due_ && screens::find_screen(kScreeningScreen) != nullptr;
  view.staff = staff_;
  view.staff.checking = running(app_.task(kStaffTask));
  view.staff.desk_available = options_.desk_available && static_cast<bool>(options_.on_leave);
  return view;
}

void KioskScreen::frame(shell::ScreenContext& context) {
  const View view = build_view();
  const Intents intents = draw(view, form_);
  if (intents.language) i18n::set_language(*intents.language);  // this person's choice only: never saved
  if (intents.identify) identify();
  if (intents.confirm_birth_date) confirm_birth_date();
  if (intents.take_number) take_number();
  if (intents.open_staff) open_staff();
  if (intents.staff_submit) staff_submit();
  if (intents.open_screening && view.offer_screening && person_) {
    app_.selection().kiosk_participant_id = person_->id;
    context.navigator.open(kScreeningScreen);
  }
  if (intents.open_info) context.navigator.open(kInfoScreen);
  if (intents.leave && staff_.unlocked && options_.on_leave) options_.on_leave(*intents.leave);
  if (intents.finish || intents.back) start_over();
}

void KioskScreen::identify() {
  const std::string digits = form_.id_digits;
  const IdKind kind = classify_id(digits);
  if (kind == IdKind::invalid) {
    error_key_ = "kiosk.error.id_length";
    return;
  }
  auto found = kind == IdKind::nik ? app_.participants().by_nik(digits) : app_.participants().by_card(digits);
  if (!found.ok()) {
    error_key_ = "kiosk.error.desk";
    return;
  }
  if (!found->has_value()) {
    error_key_ = "kiosk.error.not_found";
    form_.id_digits.clear();
    return;
  }
  if ((*found)->status != MemberStatus::active) {
    error_key_ = "kiosk.error.inactive";
    form_.id_digits.clear();
    return;
  }
  person_ = **found;
  typed_id_ = digits;
  confirmed_ = false;
  birth_attempts_left_ = kMaxBirthDateAttempts;
  form_.id_digits.clear();
  form_.birth.clear();
  error_key_.clear();
  step_ = Step::birth_date;
}

void KioskScreen::confirm_birth_date() {
  if (!person_) return start_over();
  const std::optional<Date> typed = form_.birth.date();
  if (typed && *typed == person_->birth_date) {
    confirmed_ = true;
    error_key_.clear();
    enter_poli_step();
    return;
  }
  form_.birth.clear();
  if (--birth_attempts_left_ <= 0) {
    // Three wrong dates: perhaps not their card. The desk checks the KTP instead.
    start_over("kiosk.error.birth_final");
    return;
  }
  error_key_ = typed ? "kiosk.error.birth_mismatch" : "kiosk.error.birth_invalid";
}

void KioskScreen::enter_poli_step() {
  step_ = Step::poli;
  form_.poli_code.clear();
  form_.priority.reset();
  suggestion_ = suggest_priority(person_->birth_date, queue_ui::queue_today(app_.replica()));
  reload_day();
}

void KioskScreen::reload_day() {
  auto day = queue_ui::load_day(app_.replica(), queue_ui::queue_today(app_.replica()));
  if (!day.ok()) {
    error_key_ = "kiosk.error.setup";
    day_.polis.clear();
    std::fprintf(stderr, "simpul: kiosk: %s\n", day.error().message.c_str());
    return;
  }
  day_ = std::move(day).value();
}

void KioskScreen::take_number() {
  if (!person_ || !confirmed_ || taking_ || form_.poli_code.empty()) return;
  // Taking a poli where they already hold a number shows that ticket again.
  if (const queue::QueueEntry* held = day_.held(form_.poli_code, person_->card_number, person_->id)) {
    show_ticket(*held, true);
    return;
  }
  storage::NewQueueEntry request;
  request.poli = form_.poli_code;
  request.day = day_.day;
  request.card_number = person_->card_number;
  request.participant_id = person_->id;
  request.priority = form_.priority.value_or(suggestion_.priority);
  request.source = queue::Source::kiosk;
  taking_ = true;
  error_key_.clear();
  std::weak_ptr<bool> alive = alive_;
  queue_ui::add_entry_async(app_, kiosk_actor(), request, [alive, this](Result<storage::QueueAddOutcome> outcome) {
    if (alive.expired()) return;
    if (!outcome.ok()) {
      std::fprintf(stderr, "simpul: kiosk: %s\n", outcome.error().message.c_str());
      number_taken("", "kiosk.error.setup");
    } else if (!outcome->accepted()) {
      // A duplicate (another kiosk or the desk was faster) is not an error: number_taken shows their ticket.
      const bool duplicate = std::any_of(outcome->refusals.begin(), outcome->refusals.end(),
                                         [](const Finding& f) { return f.code == "booking.duplicate"; });
      number_taken("", duplicate ? std::string() : refusal_key(outcome->refusals));
    } else {
      number_taken(outcome->ticket.entry.id, "");
    }
  });
}

void KioskScreen::number_taken(const std::string& entry_id, const std::string& error_key) {
  taking_ = false;
  if (!person_) return;  // started over meanwhile
  reload_day();
  if (!error_key.empty()) {
    error_key_ = error_key;
    return;
  }
  const queue::QueueEntry* entry = entry_id.empty() ? day_.held(form_.poli_code, person_->card_number, person_->id)
                                                    : day_.entry(entry_id);
  if (entry == nullptr) {
    error_key_ = "kiosk.error.desk";
    return;
  }
  show_ticket(*entry, entry_id.empty());
}

void KioskScreen::show_ticket(const queue::QueueEntry& entry, bool existing) {
  ticket_lines_ = widgets::ticket_layout(make_ticket(day_, entry, app_.clock().now_ms()));
  ticket_existing_ = existing;
  step_ = Step::ticket;
  error_key_.clear();
  screening_due_ = false;
  if (person_) {
    auto next = storage::Screenings(app_.replica()).next_allowed(person_->id);
    screening_due_ = next.ok() && (!next->has_value() || **next <= day_.day);
  }
  print();
}

void KioskScreen::print() {
  if (!options_.print) {
    print_key_ = "kiosk.print.none";
    return;
  }
  printing::PrintTarget target;
  storage::Replica& replica = app_.replica();
  target.printer = replica.setting(printing::kPrinterSetting).value_or("");
  const std::string dir = replica.setting(printing::kTicketDirSetting).value_or("");
  target.ticket_dir = dir.empty() ? app_.db_path().parent_path() / "tickets" : std::filesystem::path(dir);
  print_key_ = target.printer.empty() ? "kiosk.print.none" : "kiosk.print.printing";
  const std::vector<widgets::TicketLine> lines = ticket_lines_;
  std::string number;
  for (const auto& line : lines)
    if (line.style == widgets::TicketStyle::number) number = line.text;
  const std::string day = day_.day.iso();
  context::AppContext& app = app_;
  std::weak_ptr<bool> alive = alive_;
  app_.start_task(kPrintTask, [&app, alive, target, lines, day, number, this](shell::TaskControl&) {
    const printing::PrintOutcome outcome = printing::print_ticket(target, lines, day, number);
    if (!outcome.printer_error.empty()) std::fprintf(stderr, "simpul: kiosk printer: %s\n", outcome.printer_error.c_str());
    if (!outcome.png_error.empty()) std::fprintf(stderr, "simpul: kiosk ticket image: %s\n", outcome.png_error.c_str());
    const bool has_printer = !target.printer.empty();
    app.post([alive, this, has_printer, printed = outcome.printed] {
      if (alive.expired() || step_ != Step::ticket) return;
      print_key_ = !has_printer ? "kiosk.print.none" : printed ? "kiosk.print.done" : "kiosk.print.failed";
    });
  });
}

void KioskScreen::open_staff() {
  start_over();
  step_ = Step::staff;
  staff_ = StaffView{};
  staff_.pin_set = app_.replica().setting(kPinSetting).has_value();
}

void KioskScreen::staff_submit() {
  if (running(app_.task(kStaffTask))) return;
  const std::int64_t now = app_.clock().steady_ms();
  if (now < staff_locked_until_ms_) {
    staff_.error_key = "kiosk.staff.locked";
    form_.pin.clear();
    form_.password.clear();
    return;
  }
  staff_.error_key.clear();
  const std::optional<std::string> hash = app_.replica().setting(kPinSetting);
  const std::string pin = form_.pin;
  const std::string username = form_.username;
  const std::string password = form_.password;
  form_.pin.clear();
  form_.password.clear();  // never keep a submitted secret in an edit buffer
  context::AppContext& app = app_;
  std::weak_ptr<bool> alive = alive_;
  app_.start_task(kStaffTask, [&app, alive, hash, pin, username, password, this](shell::TaskControl&) {
    bool ok = false;
    if (hash) {
      ok = storage::verify_password(*hash, pin);
    } else if (auto connection = app.open_connection(); connection.ok()) {
      // No kiosk PIN yet: an administrator's own account opens it.
      auto user = storage::Users(**connection).authenticate(username, password);
      ok = user.ok() && user->role == Role::admin;
    }
    app.post([alive, this, ok] {
      if (alive.expired() || step_ != Step::staff) return;
      if (ok) {
        staff_.unlocked = true;
        staff_failures_ = 0;
        return;
      }
      staff_.error_key = "kiosk.staff.wrong";
      if (++staff_failures_ >= kMaxStaffFailures) {
        staff_failures_ = 0;
        staff_locked_until_ms_ = app_.clock().steady_ms() + kStaffLockoutMs;
        staff_.error_key = "kiosk.staff.locked";
      }
    });
  });
}

void KioskScreen::start_over(std::string error_key) {
  person_.reset();
  typed_id_.clear();
  confirmed_ = false;
  birth_attempts_left_ = kMaxBirthDateAttempts;
  suggestion_ = {};
  form_ = Form{};
  ticket_lines_.clear();
  ticket_existing_ = false;
  print_key_.clear();
  screening_due_ = false;
  staff_ = StaffView{};
  error_key_ = std::move(error_key);
  step_ = Step::welcome;
  app_.selection() = {};
  i18n::set_language(start_language_);
}

std::unique_ptr<shell::Screen> make_kiosk_screen(context::AppContext& app, KioskOptions options) {
  return std::make_unique<KioskScreen>(app, std::move(options));
}

}  // namespace simpul::screens::kiosk
