// simpulctl queue add / list / status and the poli's calls (call, recall, skip, serve, done, no-show,
// cancel): the facility's queue on this replica (docs/QUEUE.md). Numbers come from this device's slot;
// Mobile JKN bookings arrive from the server with the next sync.
#include <cstdio>
#include <cstdlib>
#include <ostream>

#include "commands.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/storage/queue.hpp"

namespace simpul::ctl {
namespace {

using nlohmann::json;
using queue::QueueEventKind;

constexpr Text kWhatTicket{"queue number", "nomor antrean"};
constexpr Text kWhatEvent{"queue change", "perubahan antrean"};

Result<Date> date_option(Context& ctx, const storage::Queue& q) {
  const auto text = ctx.args().get("date");
  if (!text) return q.today();
  auto d = Date::parse(*text);
  if (!d) return usage_error("--date must be a date YYYY-MM-DD");
  return *d;
}

// "2026-01-05T07:31:02+07:00": the arrival in the facility's local time (WIB), from the arrival HLC.
json arrival_text(const std::string& hlc, int utc_offset_minutes) {
  HlcTimestamp ts;
  if (!HlcTimestamp::decode(hlc, ts)) return nullptr;
  const std::int64_t local_ms = ts.wall_ms + static_cast<std::int64_t>(utc_offset_minutes) * 60'000;
  const Date day = Date::from_epoch_ms(ts.wall_ms, utc_offset_minutes);
  const std::int64_t s = ((local_ms / 1000) % 86'400 + 86'400) % 86'400;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", day.iso().c_str(), static_cast<int>(s / 3600),
                static_cast<int>(s / 60 % 60), static_cast<int>(s % 60), utc_offset_minutes < 0 ? '-' : '+',
                std::abs(utc_offset_minutes) / 60, std::abs(utc_offset_minutes) % 60);
  return buf;
}

json item_json(const storage::QueueItem& item) {
  json j = storage::to_json(item.entry);
  j["people_ahead"] = item.people_ahead;
  j["estimated_wait_minutes"] = item.estimated_wait_minutes;
  j["arrival"] = arrival_text(item.entry.arrival_hlc, storage::QueueOptions{}.utc_offset_minutes);
  return j;
}

void print_item(Context& ctx, const storage::QueueItem& item) {
  const auto& e = item.entry;
  ctx.out() << e.number << "  " << e.poli << "  " << queue::state_code(e.state) << "  " << queue::source_code(e.source)
            << "  " << queue::priority_letter(e.priority) << "  " << (e.card_number.empty() ? "-" : e.card_number);
  if (e.state == queue::QueueState::waiting) {
    ctx.out() << "  " << ctx.tr("ahead ", "di depan ") << item.people_ahead << "  ~" << item.estimated_wait_minutes
              << ctx.tr(" min", " menit");
  }
  ctx.out() << "  " << e.id << '\n';
}

// The entry named by --id, or by --number (with --poli and --date when the number alone is ambiguous).
Result<queue::QueueEntry> entry_arg(Context& ctx, storage::Queue& q) {
  if (auto id = ctx.args().get("id")) {
    auto e = q.get(*id);
    if (!e.ok()) return e.error();
    if (!e->has_value()) {
      return ctx.fail(ErrorKind::not_found, "queue.not_found", {"no queue entry with that id", "antrean dengan id itu tidak ada"});
    }
    return **e;
  }
  const auto number = ctx.args().get("number");
  if (!number) return usage_error("name the entry with --id ID or --number A-112 [--poli CODE] [--date YYYY-MM-DD]");
  auto day = date_option(ctx, q);
  if (!day.ok()) return day.error();
  auto items = q.list(*day, ctx.args().get_or("poli", ""));
  if (!items.ok()) return items.error();
  std::vector<queue::QueueEntry> found;
  for (const auto& i : *items) {
    if (i.entry.number == *number) found.push_back(i.entry);
  }
  if (found.empty()) {
    return make_error(ErrorKind::not_found, "queue.not_found",
                      ctx.tr("no queue number " + *number + " on " + day->iso(),
                             "nomor antrean " + *number + " tidak ada pada " + day->iso()));
  }
  if (found.size() > 1) {
    return usage_error("number " + *number + " is in more than one poli on " + day->iso() + ": add --poli CODE");
  }
  return found.front();
}

Status run_queue_add(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  SIMPUL_TRY(ctx.require_role({Role::admin, Role::registration}));
  storage::Queue q(**replica);
  if (auto f = ctx.args().get("facility")) {
    // Only an unenrolled replica names its facility itself; an enrolled one belongs to its enrollment.
    const auto device = (*replica)->device();
    if (device.enrolled() && device.facility != *f) {
      return usage_error("this replica is enrolled for facility " + device.facility + ", not " + *f);
    }
    if (!device.enrolled()) SIMPUL_TRY((*replica)->set_setting("queue.facility", *f));
  }
  auto day = date_option(ctx, q);
  if (!day.ok()) return day.error();
  storage::NewQueueEntry req;
  req.poli = ctx.args().get_or("poli", "");
  req.day = *day;
  req.card_number = ctx.args().get_or("card", "");
  req.complaint = ctx.args().get_or("complaint", "");
  auto priority = queue::parse_priority(ctx.args().get_or("priority", "A"));
  if (!priority) return usage_error("--priority must be A (umum) or B (prioritas)");
  req.priority = *priority;
  auto source = queue::parse_source(ctx.args().get_or("source", "desk"));
  if (!source || *source == queue::Source::mobile_jkn) return usage_error("--source must be desk or kiosk");
  req.source = *source;
  auto out = q.add(*who, req);
  if (!out.ok()) return out.error();
  if (!out->accepted()) return ctx.refusal(out->refusals, kWhatTicket);
  if (ctx.json()) {
    ctx.print_json(item_json(out->ticket));
  } else {
    print_item(ctx, out->ticket);
  }
  return {};
}

Status run_queue_list(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Queue q(**replica);
  auto day = date_option(ctx, q);
  if (!day.ok()) return day.error();
  auto items = q.list(*day, ctx.args().get_or("poli", ""));
  if (!items.ok()) return items.error();
  if (ctx.json()) {
    json out = json::array();
    for (const auto& i : *items) out.push_back(item_json(i));
    ctx.print_json(out);
    return {};
  }
  for (const auto& i : *items) print_item(ctx, i);
  return {};
}

Status run_queue_status(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Queue q(**replica);
  auto day = date_option(ctx, q);
  if (!day.ok()) return day.error();
  auto board = q.board(ctx.args().get_or("poli", ""), *day);
  if (!board.ok()) return board.error();
  const auto& s = board->summary;
  if (ctx.json()) {
    json waiting = json::array();
    for (const auto& i : board->waiting) waiting.push_back(i.entry.number);
    ctx.print_json({{"poli", board->poli.code},
                    {"poli_name", board->poli.name},
                    {"day", day->iso()},
                    {"total", s.total},
                    {"remaining", s.remaining},
                    {"waiting", s.waiting},
                    {"served", s.served},
                    {"called", s.called_number.empty() ? json() : json(s.called_number)},
                    {"recent_calls", board->recent_calls},
                    {"next", waiting},
                    {"estimated_wait_minutes", board->estimated_wait_minutes},
                    {"pace",
                     {{"minutes_per_patient", s.pace.minutes_per_patient},
                      {"basis", queue::pace_basis_code(s.pace.basis)},
                      {"observations", s.pace.observations}}}});
    return {};
  }
  ctx.out() << board->poli.code << " " << board->poli.name << "  " << day->iso() << '\n'
            << ctx.tr("total ", "total ") << s.total << ", " << ctx.tr("remaining ", "sisa ") << s.remaining << ", "
            << ctx.tr("called ", "dipanggil ") << (s.called_number.empty() ? "-" : s.called_number) << ", "
            << ctx.tr("wait for a new number ~", "tunggu nomor baru ~") << board->estimated_wait_minutes
            << ctx.tr(" min", " menit") << '\n';
  return {};
}

template <QueueEventKind K>
Status run_queue_event(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  SIMPUL_TRY(ctx.require_role({Role::admin, Role::registration, Role::clinician}));
  storage::Queue q(**replica);
  auto entry = entry_arg(ctx, q);
  if (!entry.ok()) return entry.error();
  auto out = q.record(*who, entry->id, K);
  if (!out.ok()) return out.error();
  if (!out->accepted()) return ctx.refusal(out->refusals, kWhatEvent);
  auto items = q.list(out->entry.day, out->entry.poli);
  if (!items.ok()) return items.error();
  for (const auto& i : *items) {
    if (i.entry.id != out->entry.id) continue;
    if (ctx.json()) {
      json j = item_json(i);
      j["event"] = {{"id", out->event.id}, {"event", queue::event_code(K)}, {"at_ms", out->event.at_ms}};
      ctx.print_json(j);
    } else {
      print_item(ctx, i);
    }
  }
  return {};
}

std::vector<OptionSpec> entry_options() {
  return {{"id", "ID", "the queue entry's id"},
          {"number", "A-112", "the queue number (with --poli and --date when needed)"},
          {"poli", "CODE", "PCare poli code, e.g. 001 (Umum)"},
          {"date", "YYYY-MM-DD", "the queue's day (default today, WIB)"}};
}

Command event_command(const char* word, const char* summary, Status (*run)(Context&)) {
  Command c;
  c.name = std::string("queue ") + word;
  c.summary = summary;
  c.usage = "--db FILE (--id ID | --number A-112 [--poli CODE] [--date YYYY-MM-DD]) [--json]";
  c.options = entry_options();
  c.details =
      "States: waiting -> called (recall keeps it called) -> serving -> done; called -> skipped -> called\n"
      "again; called/skipped -> no-show; waiting/called/skipped -> cancelled. Anything else is refused\n"
      "with the reason (exit 1). The change is an event that syncs; every device derives the same state.\n"
      "--json: the entry as `queue list` prints it, plus event {id, event, at_ms}.\n\n"
      "Example:\n"
      "  simpulctl queue call --db desk.db --number A-101 --poli 001 --json\n";
  c.run = run;
  return c;
}

}  // namespace

Command queue_add_command() {
  Command c;
  c.name = "queue add";
  c.summary = "Give a patient the next queue number of a poli (desk or kiosk)";
  c.usage =
      "--db FILE --poli CODE [--card NUMBER] [--date YYYY-MM-DD] [--priority A|B] [--source desk|kiosk]\n"
      "    [--complaint TEXT] [--facility CODE] [--json]";
  c.options = {{"poli", "CODE", "PCare poli code, e.g. 001 (Umum)", true},
               {"card", "NUMBER", "the 13-digit JKN card number (omit for a patient without one)"},
               {"date", "YYYY-MM-DD", "the service day (default today, WIB)"},
               {"priority", "A|B", "A umum (default) or B prioritas: elderly, under five, pregnant, disabled"},
               {"source", "desk|kiosk", "where the number was taken (default desk)"},
               {"complaint", "TEXT", "the complaint (keluhan)"},
               {"facility", "CODE", "an unenrolled replica's facility (remembered; enrolled ones use theirs)"}};
  c.details =
      "Refused (exit 1, with the reason): a second number for the same card, poli and day; a day in the\n"
      "past; a closed day (Sunday) or, today, after the poli's closing time; a full daily quota; an\n"
      "unknown poli. Numbers are <letter>-<slot><counter>: the slot (1-8) is this device's, from the\n"
      "server at enrollment (sync once after enrolling); an unenrolled replica uses slot 0.\n"
      "--json: {id, number, seq_no, facility, poli, day, state, source, priority, card_number,\n"
      "participant_id, arrival_hlc, arrival, complaint, device, people_ahead, estimated_wait_minutes}.\n\n"
      "Example:\n"
      "  simpulctl queue add --db desk.db --card 0001234567890 --poli 001 --source kiosk --json\n";
  c.run = run_queue_add;
  return c;
}

Command queue_list_command() {
  Command c;
  c.name = "queue list";
  c.summary = "A day's queue: every poli (or one), waiting patients in the order they will be called";
  c.usage = "--db FILE [--date YYYY-MM-DD] [--poli CODE] [--json]";
  c.options = {{"date", "YYYY-MM-DD", "the day (default today, WIB)"}, {"poli", "CODE", "only this poli"}};
  c.details =
      "Order per poli: waiting (service order: arrival, with a 30-minute head start for B), then called,\n"
      "serving, skipped, done, no-show, cancelled. States are replayed from the events every device\n"
      "recorded. --json: [{id, number, poli, state, source (kiosk|desk|mobile_jkn), card_number, priority,\n"
      "people_ahead, estimated_wait_minutes, arrival, ...}] as `queue add` prints one.\n";
  c.run = run_queue_list;
  return c;
}

Command queue_status_command() {
  Command c;
  c.name = "queue status";
  c.summary = "A poli's day at a glance: total, remaining, the number called, the estimated wait";
  c.usage = "--db FILE --poli CODE [--date YYYY-MM-DD] [--json]";
  c.options = {{"poli", "CODE", "PCare poli code, e.g. 001", true}, {"date", "YYYY-MM-DD", "the day (default today, WIB)"}};
  c.details =
      "--json: {poli, poli_name, day, total (all but cancelled), remaining (waiting + called), waiting,\n"
      "served, called (the number called last, or null), recent_calls, next (waiting numbers in service\n"
      "order), estimated_wait_minutes (for a number taken now), pace {minutes_per_patient, basis,\n"
      "observations}}.\n";
  c.run = run_queue_status;
  return c;
}

Command queue_call_command() {
  return event_command("call", "Call a queue number to the poli", run_queue_event<QueueEventKind::call>);
}
Command queue_recall_command() {
  return event_command("recall", "Call a called number again", run_queue_event<QueueEventKind::recall>);
}
Command queue_skip_command() {
  return event_command("skip", "Skip a called patient who is not there (they can be called again)",
                       run_queue_event<QueueEventKind::skip>);
}
Command queue_serve_command() {
  return event_command("serve", "The called patient is being served", run_queue_event<QueueEventKind::serve>);
}
Command queue_done_command() {
  return event_command("done", "The patient has been served", run_queue_event<QueueEventKind::done>);
}
Command queue_no_show_command() {
  return event_command("no-show", "Mark a called or skipped patient as not present",
                       run_queue_event<QueueEventKind::no_show>);
}
Command queue_cancel_command() {
  return event_command("cancel", "Cancel a queue number (not once served)", run_queue_event<QueueEventKind::cancel>);
}

}  // namespace simpul::ctl
