#include "screens/participant/controller.hpp"

#include <filesystem>
#include <system_error>

#include "context/app_context.hpp"
#include "context/card_output.hpp"
#include "context/format.hpp"
#include "ui/i18n.hpp"
#include "widgets/jkn_card_image.hpp"
#include "widgets/sync_status.hpp"

namespace simpul::screens::participant {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

std::string status_key(const Participant& p, bool& ok) {
  ok = false;
  if (p.verification == Verification::pending) return "member.pending";
  if (p.verification == Verification::rejected) return "member.rejected";
  ok = p.status == MemberStatus::active;
  return ok ? "member.active" : "member.inactive";
}

std::string facility_text(const std::string& name, const std::string& code) {
  if (code.empty()) return {};
  return name.empty() ? code : name + " (" + code + ")";
}

std::string address_text(const Participant& p, const std::string& region) {
  std::string s = p.address.street;
  if (!p.address.rt.empty() || !p.address.rw.empty()) s += " RT " + p.address.rt + "/RW " + p.address.rw;
  if (!region.empty()) s += (s.empty() ? "" : ", ") + region;
  return s;
}

std::string field_text(const nlohmann::json& v) {
  if (v.is_null()) return "–";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

widgets::CardData card_data(const context::ParticipantRecord& r) {
  widgets::CardData c;
  c.name = r.person.name;
  c.card_number = r.person.card_number;
  c.nik = r.person.nik;
  c.birth_date = context::format_date(r.person.birth_date);
  c.fktp = r.fktp_name.empty() ? r.person.fktp : r.fktp_name;
  c.care_class = std::string(tr("card.class")) + " " + std::to_string(r.person.care_class);
  c.segment = segment_code(r.person.segment);
  c.title = tr("card.title");
  c.subtitle = tr("card.subtitle");
  c.label_card = tr("card.label.number");
  c.label_nik = tr("card.label.nik");
  c.label_birth = tr("card.label.birth");
  c.label_fktp = tr("card.label.fktp");
  c.label_class = tr("card.label.class");
  c.no_card_yet = tr("card.no_number");
  c.footer = tr("card.footer");
  return c;
}

}  // namespace

std::string audit_summary(const storage::AuditEntry& entry) {
  std::string out;
  if (!entry.after.is_object()) return out;
  for (const auto& [field, value] : entry.after.items()) {
    if (field == "password_hash") continue;
    const nlohmann::json before =
        entry.before.is_object() && entry.before.contains(field) ? entry.before[field] : nlohmann::json();
    if (!out.empty()) out += ", ";
    out += field + ": ";
    if (entry.action == "create") {
      out += field_text(value);
    } else {
      out += field_text(before) + " \u2192 " + field_text(value);
    }
  }
  return out;
}

View build_view(const context::ParticipantRecord& r, const context::PaymentGuide* guide, bool full_nik,
                std::int64_t now_ms) {
  View v;
  v.loaded = true;
  const Participant& p = r.person;
  Membership& m = v.member;
  m.name = p.name;
  m.nik = full_nik ? p.nik : context::mask_nik(p.nik);
  m.card_number = p.card_number;
  m.kk_number = full_nik ? p.kk_number : context::mask_nik(p.kk_number);
  m.birth_date = context::format_date(p.birth_date);
  m.sex_key = p.sex == Sex::female ? "sex.female" : "sex.male";
  m.status_key = status_key(p, m.status_ok);
  m.status_reason = p.verification == Verification::rejected ? p.rejection_reason : p.status_reason;
  m.segment = segment_code(p.segment);
  m.care_class = std::to_string(p.care_class);
  m.fktp = facility_text(r.fktp_name, p.fktp);
  m.dental_fktp = facility_text(r.dental_name, p.dental_fktp);
  if (p.active_from && p.active_until) {
    m.active_period = context::format_date(p.active_from) + " \u2013 " + context::format_date(p.active_until);
  } else if (p.active_from) {
    m.active_period = std::string(tr("participant.since")) + " " + context::format_date(p.active_from);
  }
  if (r.arrears > 0)
    m.arrears = context::format_rupiah(r.arrears) + " (" + std::to_string(r.overdue_months) + " " +
                tr("participant.months") + ")";
  m.va_number = p.va_number;
  m.address = address_text(p, r.region);
  m.phone = p.phone;
  m.email = p.email;

  v.card = card_data(r);
  v.card.nik = m.nik;
  for (const Participant& f : r.family)
    v.family.push_back(FamilyRow{f.id, f.name, std::string("relation.") + relation_code(f.relation),
                                 full_nik ? f.nik : context::mask_nik(f.nik), f.card_number, f.id == p.id});
  for (const auto& b : r.bills)
    v.bills.push_back(BillRow{context::format_period(b.period), context::format_rupiah(b.amount),
                              context::format_iso_date(b.due_date),
                              b.paid ? "bill.paid" : (b.overdue ? "bill.overdue" : "bill.unpaid"), b.overdue});
  for (const auto& pay : r.payments)
    v.payments.push_back(PaymentRow{context::format_iso_date(pay.paid_on), context::format_rupiah(pay.amount),
                                    pay.channel, context::format_period(pay.period)});
  if (guide != nullptr) {
    v.guide_note = guide->note;
    const std::string va = p.va_number.empty() ? std::string(tr("participant.va_missing")) : p.va_number;
    for (const auto& c : guide->channels) {
      GuideChannel channel{c.name, {}};
      for (const auto& step : c.steps) channel.steps.push_back(context::fill_va(step, va));
      v.guide.push_back(std::move(channel));
    }
  }
  for (const auto& visit : r.visits) {
    VisitRow row;
    row.day = context::format_iso_date(visit.day);
    row.place = visit.facility + (visit.poli.empty() ? "" : " \u2014 " + visit.poli);
    row.complaint = visit.complaint;
    row.clinician = visit.clinician;
    row.referred = visit.referred;
    for (const auto& d : visit.diagnoses) row.diagnoses.push_back(d.code + (d.name.empty() ? "" : " " + d.name));
    row.stars = visit.stars;
    row.comment = visit.comment;
    v.visits.push_back(std::move(row));
  }
  for (const auto& a : r.audit)
    v.audit.push_back(AuditRow{widgets::format_when(a.at_ms, now_ms), a.username, "audit." + a.action,
                               audit_summary(a)});
  if (!r.sync.state.empty()) v.sync_key = "sync.state." + r.sync.state;
  v.sync_reason = r.sync.reason;
  return v;
}

void ParticipantScreen::on_show() {
  const std::string& selected = app_.selection().participant_id;
  if (selected != id_) {
    history_.clear();
    form_ = Form{};
  }
  show(selected);
}

void ParticipantScreen::show(const std::string& id) {
  id_ = id;
  view_.export_message.clear();
  if (id_.empty()) {
    record_.reset();
    view_ = View{};
    view_.error_key = "participant.none_selected";
    return;
  }
  // Looking at a record is itself recorded, with who looked.
  if (auto seen = app_.replica().audit_view(app_.actor(), "participant", id_); !seen.ok())
    std::fprintf(stderr, "simpul: audit of a view failed: %s\n", seen.error().message.c_str());
  reload();
}

void ParticipantScreen::reload() {
  const context::RecordSources sources{app_.replica(), app_.regions(), app_.icd10(), std::string(app_.language()),
                                       Date::from_epoch_ms(app_.clock().now_ms())};
  auto record = context::load_participant_record(sources, id_);
  if (!record.ok()) {
    record_.reset();
    view_ = View{};
    view_.error_key = record.error().kind == ErrorKind::not_found ? "participant.not_found" : "participant.load_failed";
    return;
  }
  record_ = std::move(record).value();
  auto guide = context::load_payment_guide(app_.asset_dir(), app_.language());
  const bool full_nik = app_.session() != nullptr && app_.session()->user.role != Role::viewer;
  const std::string message = view_.export_message;
  const bool failed = view_.export_failed;
  view_ = build_view(*record_, guide.ok() ? &*guide : nullptr, full_nik, app_.clock().now_ms());
  view_.export_message = message;
  view_.export_failed = failed;
}

void ParticipantScreen::frame(shell::ScreenContext& context) {
  view_.can_edit = app_.can(context::Permission::edit_participants);
  view_.can_queue = app_.can(context::Permission::enroll_queue);
  view_.can_rate = app_.can(context::Permission::rate_services);
  view_.can_care = app_.can(context::Permission::record_care);
  view_.can_complain = app_.can(context::Permission::record_complaints);
  view_.exporting = exporting_;
  const Intents intents = draw(view_, form_);

  if (intents.rate) rate(*intents.rate);
  if (intents.card) export_card(*intents.card);
  if (intents.open_family) {
    history_.push_back(id_);
    app_.selection().participant_id = *intents.open_family;
    form_ = Form{};
    show(*intents.open_family);
  }
  if (intents.change_data) {
    app_.selection().participant_id = id_;
    context.navigator.open("change");
  }
  if (intents.queue) {
    app_.selection().participant_id = id_;
    context.navigator.open("queue_desk");
  }
  if (intents.visit || intents.screening) {
    app_.selection().participant_id = id_;
    app_.selection().queue_entry_id.clear();
    context.navigator.open(intents.visit ? "visit" : "screening");
  }
  if (intents.complaint) {
    app_.selection().complaint_for = id_;
    context.navigator.open("complaints");
  }
  if (intents.new_family_member) {
    app_.selection().family_of = id_;
    context.navigator.open("registration");
  }
  if (intents.back) {
    if (history_.empty()) {
      context.navigator.back();
    } else {
      const std::string previous = history_.back();
      history_.pop_back();
      app_.selection().participant_id = previous;
      form_ = Form{};
      show(previous);
    }
  }
}

void ParticipantScreen::rate(const RateIntent& intent) {
  if (!record_ || intent.visit >= record_->visits.size()) return;
  if (!app_.can(context::Permission::rate_services)) {
    app_.notify("nav.not_allowed");
    return;
  }
  const auto& visit = record_->visits[intent.visit];
  const context::RatingInput input{visit.id, id_, visit.rating_id, intent.stars, intent.comment};
  const std::string now = Date::from_epoch_ms(app_.clock().now_ms()).iso();
  if (auto saved = context::save_rating(app_.replica(), app_.actor(), input, now); !saved.ok()) {
    app_.notify("participant.rate.failed");
    return;
  }
  form_.rating_visit.reset();
  app_.notify_local_change();
  reload();
}

void ParticipantScreen::export_card(CardOutput output) {
  if (!record_ || exporting_ || record_->person.card_number.empty()) return;
  const widgets::CardData card = view_.card;
  const std::string base = "kartu-" + record_->person.card_number;
  std::filesystem::path destination;
  if (output == CardOutput::print) {
    const auto target = app_.replica().setting(context::kPrintTargetSetting);
    destination = context::print_destination(target ? std::filesystem::path(*target)
                                                    : context::default_print_dir(app_.db_path()) / "",
                                             base + ".pdf");
  } else {
    destination = context::export_dir(app_.db_path()) / (base + (output == CardOutput::png ? ".png" : ".pdf"));
  }
  exporting_ = true;
  view_.export_message.clear();
  std::weak_ptr<bool> alive = alive_;
  // The task may outlive this screen (signing out drops it): it reaches the context directly, and `this` only
  // after checking `alive` on the UI thread.
  context::AppContext& app = app_;
  app_.start_task("card_export", [this, &app, alive, card, destination, output](shell::TaskControl&) {
    auto bytes = output == CardOutput::png ? widgets::card_png(card) : widgets::card_pdf(card);
    Status written = bytes.ok() ? Status{} : Status{bytes.error()};
    if (written.ok()) {
      std::error_code ec;
      if (destination.has_parent_path() && !std::filesystem::exists(destination.parent_path(), ec))
        std::filesystem::create_directories(destination.parent_path(), ec);
      written = widgets::write_bytes(destination, *bytes);
    }
    app.post([this, alive, written, destination, output] {
      if (alive.expired()) return;
      exporting_ = false;
      view_.export_failed = !written.ok();
      const char* key = !written.ok() ? "participant.card.failed"
                        : output == CardOutput::print ? "participant.card.printed" : "participant.card.saved";
      view_.export_message = std::string(tr(key)) + " " + (written.ok() ? destination.string() : written.error().message);
    });
  });
}

std::unique_ptr<shell::Screen> make_participant_screen(const ScreenDeps& deps) {
  return std::make_unique<ParticipantScreen>(deps.app);
}

}  // namespace simpul::screens::participant
