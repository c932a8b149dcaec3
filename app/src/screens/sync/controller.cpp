#include "screens/sync/controller.hpp"

#include "context/app_context.hpp"
#include "ui/i18n.hpp"
#include "widgets/sync_status.hpp"

namespace simpul::screens::sync {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

ChangeRow change_row(const context::ChangeLine& line, std::int64_t now_ms) {
  const std::string state = line.state == "pending" ? "local" : line.state;
  return ChangeRow{line.seq, widgets::format_when(line.created_at_ms, now_ms), line.subject, line.fields,
                   "sync.state." + state, line.reason};
}

ConflictRow conflict_row(const context::ConflictLine& line) {
  ConflictRow row;
  row.subject = line.subject;
  row.field = line.record.field;
  row.kept_value = line.record.winner_value.value_or("");
  row.other_value = line.record.loser_value.value_or("");
  row.kept_label_key = line.mine_won ? "sync.conflict.kept_mine" : "sync.conflict.kept";
  row.other_label_key = line.mine_lost ? "sync.conflict.other_mine" : "sync.conflict.other";
  return row;
}

}  // namespace

void SyncScreen::on_show() {
  view_.message_key.clear();
  reload();
}

void SyncScreen::reload() {
  app_.refresh_sync_status();
  const auto& s = app_.sync_status();
  seen_ = {s.pending_ops, s.rejected_ops, s.open_conflicts, s.last_sync_at_ms};
  auto lists = context::load_sync_lists(app_.replica());
  if (!lists.ok()) {
    view_.message_key = "sync.load_failed";
    view_.message_error = true;
    return;
  }
  lists_ = std::move(lists).value();
  const std::int64_t now = app_.clock().now_ms();
  view_.pending.clear();
  view_.rejected.clear();
  view_.conflicts.clear();
  for (const auto& l : lists_.pending) view_.pending.push_back(change_row(l, now));
  for (const auto& l : lists_.rejected) view_.rejected.push_back(change_row(l, now));
  for (const auto& l : lists_.conflicts) view_.conflicts.push_back(conflict_row(l));
  if (form_.editing_conflict && *form_.editing_conflict >= view_.conflicts.size()) form_.editing_conflict.reset();
}

void SyncScreen::fill_status() {
  const simpul::sync::SyncStatus& s = app_.sync_status();
  const auto device = app_.replica().device();
  view_.enrolled = device.enrolled();
  view_.server = device.server_url + (device.facility.empty() ? "" : " (" + device.facility + ")");
  view_.online = s.online == simpul::sync::Online::online;
  view_.synced = s.enrolled && s.synced();
  view_.phase.clear();
  if (s.enrolled && s.phase != simpul::sync::Phase::idle) {
    const std::string key = std::string("sync.phase.") + simpul::sync::to_string(s.phase);
    view_.phase = tr(key.c_str());
  }
  view_.last_sync = s.last_sync_at_ms ? widgets::format_when(*s.last_sync_at_ms, app_.clock().now_ms()) : "";
  view_.last_error = s.last_error;
  view_.can_act = app_.can(context::Permission::resolve_sync);
  view_.engine_running = app_.sync_running();
}

void SyncScreen::frame(shell::ScreenContext& context) {
  const auto& s = app_.sync_status();
  if (std::make_tuple(s.pending_ops, s.rejected_ops, s.open_conflicts, s.last_sync_at_ms) != seen_) reload();
  fill_status();
  const Intents intents = draw(view_, form_);
  if (intents.back) context.navigator.back();
  apply(intents);
}

void SyncScreen::done(const Status& outcome, const char* ok_key) {
  view_.message_error = !outcome.ok();
  view_.message_key = outcome.ok() ? ok_key : "sync.action_failed";
  if (!outcome.ok()) std::fprintf(stderr, "simpul: sync action: %s\n", outcome.error().message.c_str());
  app_.notify_local_change();
  reload();
}

void SyncScreen::apply(const Intents& intents) {
  const bool acting = intents.sync_now || intents.resend || intents.discard || intents.keep_mine ||
                      intents.keep_theirs || intents.edit;
  if (!acting) return;
  // The buttons are disabled for roles without the permission; the check here is the one that counts.
  if (!app_.can(context::Permission::resolve_sync)) {
    app_.notify("nav.not_allowed");
    return;
  }
  if (intents.sync_now) {
    app_.sync_now();
    view_.message_key = "sync.now_requested";
    view_.message_error = false;
  }
  if (intents.resend) {
    auto resent = context::resend_rejected(app_.replica(), app_.actor(), *intents.resend);
    done(resent.ok() ? Status{} : Status{resent.error()}, "sync.resent");
  }
  if (intents.discard) done(context::discard_rejected(app_.replica(), app_.actor(), *intents.discard), "sync.discarded");

  auto resolve = [&](std::size_t index, bool keep_mine, const std::optional<std::string>& edited) {
    if (index >= lists_.conflicts.size()) return;
    const context::ConflictLine& line = lists_.conflicts[index];
    std::optional<std::string> value;
    std::string resolution;
    if (edited) {
      value = edited;
      resolution = "edited";
    } else {
      // "Mine" is the value this device wrote; when it wrote neither, "mine" means the value that lost.
      const bool keep_winner = keep_mine ? line.mine_won : !line.mine_won;
      if (!keep_winner) value = line.record.loser_value.value_or("");
      resolution = keep_winner ? "kept-winner" : "kept-loser";
    }
    done(context::resolve_conflict(app_.replica(), app_.actor(), line.record, value, resolution), "sync.resolved");
  };
  if (intents.keep_mine) resolve(*intents.keep_mine, true, std::nullopt);
  if (intents.keep_theirs) resolve(*intents.keep_theirs, false, std::nullopt);
  if (intents.edit) resolve(intents.edit->first, false, intents.edit->second);
}

std::unique_ptr<shell::Screen> make_sync_screen(const ScreenDeps& deps) {
  return std::make_unique<SyncScreen>(deps.app);
}

}  // namespace simpul::screens::sync
