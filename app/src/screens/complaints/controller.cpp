#include "screens/complaints/controller.hpp"

#include <cstdio>

#include "context/app_context.hpp"
#include "context/format.hpp"
#include "simpul/storage/complaints.hpp"

namespace simpul::screens::complaints {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

// "2026-03-15T08:00:00.000Z" (or "2026-03-15") -> "15-03-2026".
std::string day_text(const std::string& iso) {
  return context::format_iso_date(iso.substr(0, 10));
}

}  // namespace

void ComplaintsScreen::about(const std::string& participant_id) {
  view_.participant_id.clear();
  view_.participant_name.clear();
  if (participant_id.empty()) return;
  auto found = app_.participants().get(participant_id);
  if (!found.ok() || !*found) return;
  view_.participant_id = participant_id;
  view_.participant_name = (*found)->name;
}

void ComplaintsScreen::switch_to(const std::string& participant_id) {
  if (shown_ && participant_id == view_.participant_id) return;
  if (!form_.text.empty()) drafts_[view_.participant_id] = form_;
  about(participant_id);
  const auto draft = drafts_.find(view_.participant_id);
  if (draft != drafts_.end()) {
    form_ = draft->second;
    drafts_.erase(draft);
  } else {
    form_ = Form{};
  }
  view_.refusals.clear();
  view_.message_key.clear();
}

void ComplaintsScreen::on_show() {
  // From the participant page: about that person (taken once); from the menu: anonymous, the facility's list.
  std::string& wanted = app_.selection().complaint_for;
  switch_to(wanted);
  wanted.clear();
  shown_ = true;
  form_.focus_pending = true;
  view_.categories = storage::complaint_categories();
  view_.contacts = storage::complaint_contacts();
  reload();
}

void ComplaintsScreen::reload() {
  view_.can_record = app_.can(context::Permission::record_complaints);
  storage::Complaints complaints(app_.replica());
  view_.participant_only = !view_.participant_id.empty();
  auto list = view_.participant_only ? complaints.for_participant(view_.participant_id)
                                     : complaints.for_facility("", form_.status_filter);
  view_.rows.clear();
  if (!list.ok()) {
    std::fprintf(stderr, "simpul: complaints: %s\n", list.error().message.c_str());
    view_.message_key = "complaint.load_failed";
    view_.message_error = true;
    return;
  }
  for (const storage::Complaint& c : *list) {
    if (view_.participant_only && !form_.status_filter.empty() && c.status != form_.status_filter) continue;
    Row row;
    row.id = c.id;
    row.when = day_text(c.created_at);
    if (!c.participant_id.empty()) {
      auto p = app_.participants().get(c.participant_id);
      row.participant = p.ok() && *p ? (*p)->name : c.participant_id;
    }
    row.category_key = "complaint.category." + c.category;
    row.contact_key = "complaint.contact." + c.contact;
    row.text = c.text;
    row.status = c.status.empty() ? "open" : c.status;
    row.answer = c.answer;
    row.answered = c.answered_at.empty() ? "" : day_text(c.answered_at);
    row.synced = c.synced;
    view_.rows.push_back(std::move(row));
  }
  const auto& status = app_.sync_status();
  seen_last_sync_ = status.last_sync_at_ms.value_or(0);
}

void ComplaintsScreen::submit() {
  // The button is disabled for roles without the permission; this check is the one that counts.
  if (!app_.can(context::Permission::record_complaints)) {
    app_.notify("nav.not_allowed");
    return;
  }
  storage::NewComplaint request;
  request.participant_id = view_.participant_id;
  request.category = form_.category;
  request.text = form_.text;
  request.contact = form_.contact;
  auto outcome = storage::Complaints(app_.replica()).record(app_.actor(), request);
  if (!outcome.ok()) {
    // Storage trouble: the form keeps what was typed.
    std::fprintf(stderr, "simpul: complaint: %s\n", outcome.error().message.c_str());
    view_.refusals.clear();
    view_.message_key = "complaint.save_failed";
    view_.message_error = true;
    return;
  }
  view_.refusals = outcome->refusals;
  if (!outcome->accepted()) {
    view_.message_key = "complaint.fix_fields";
    view_.message_error = true;
    return;
  }
  view_.message_key = "complaint.saved";
  view_.message_error = false;
  form_.text.clear();
  form_.category.clear();
  form_.contact = "none";
  form_.focus_pending = true;
  app_.notify_local_change();
  reload();
}

void ComplaintsScreen::frame(shell::ScreenContext& context) {
  if (app_.sync_status().last_sync_at_ms.value_or(0) != seen_last_sync_)
    reload();  // answers came with a pull
  const Intents intents = draw(view_, form_);
  if (intents.anonymous) {
    about("");
    reload();
  }
  if (intents.filter_changed || intents.refresh) reload();
  if (intents.submit) submit();
  if (intents.back) context.navigator.back();
}

std::unique_ptr<shell::Screen> make_complaints_screen(const ScreenDeps& deps) {
  return std::make_unique<ComplaintsScreen>(deps.app);
}

}  // namespace simpul::screens::complaints
