// simpulctl screen: record a yearly health screening from a JSON answer file; list a participant's
// screenings; list and review duplicates (two devices screened one person offline).
#include <ostream>

#include "care_input.hpp"
#include "commands.hpp"
#include "simpul/storage/screenings.hpp"

namespace simpul::ctl {
namespace {

using nlohmann::json;
namespace sc = simpul::screening;

json opt_date(const std::optional<Date>& d) { return d ? json(d->iso()) : json(); }

void print_screening(Context& ctx, const storage::StoredScreening& s) {
  ctx.out() << s.day.iso() << "  " << s.id << "  " << s.mode << "  " << s.version;
  if (s.duplicate()) {
    ctx.out() << "  " << ctx.tr("DUPLICATE of ", "DUPLIKAT dari ") << s.duplicate_of
              << (s.reviewed ? ctx.tr(" (reviewed)", " (sudah ditinjau)") : "");
  } else if (!s.superseded_by.empty()) {
    ctx.out() << "  " << ctx.tr("completed by ", "dilengkapi oleh ") << s.superseded_by;
  }
  ctx.out() << '\n';
  const auto& f = s.result.value("findrisc", json::object());
  ctx.out() << "  FINDRISC " << f.value("score", 0) << " (" << f.value("band", "") << ")"
            << (f.value("complete", true) ? "" : ctx.tr(", without measurements", ", tanpa pengukuran")) << '\n';
  for (const auto& r : s.result.value("risks", json::array())) {
    ctx.out() << "  " << r.value("disease", "") << ": " << r.value("level", "")
              << (r.value("provisional", false) ? ctx.tr(" (provisional)", " (sementara)") : "") << '\n';
  }
  for (const auto& a : s.result.value("advice", json::array())) {
    ctx.out() << "  - " << a.value(ctx.lang() == "id" ? "id" : "en", "") << '\n';
  }
}

Status run_screen(Context& ctx) {
  auto mode = storage::parse_screening_mode(ctx.args().get_or("mode", "poli"));
  if (!mode) return usage_error("--mode must be kiosk or poli");
  auto day = care::date_option(ctx, "day");
  if (!day.ok()) return day.error();
  auto text = care::read_input(ctx, ctx.args().get_or("answers", "-"));
  if (!text.ok()) return text.error();
  const json doc = json::parse(*text, nullptr, false);
  if (!doc.is_object() || !doc.contains("answers")) {
    return make_error(ErrorKind::invalid, "input.not_json",
                      ctx.tr({"the answer file must be JSON {\"version\": \"v1\", \"answers\": {question id: value}}",
                              "berkas jawaban harus JSON {\"version\": \"v1\", \"answers\": {id pertanyaan: nilai}}"}));
  }
  auto answers = storage::answers_from_json(doc["answers"]);
  if (!answers.ok()) return answers.error();
  auto participant = care::participant_arg(ctx);
  if (!participant.ok()) return participant.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  SIMPUL_TRY(ctx.require_role({Role::admin, Role::clinician, Role::registration}));

  storage::NewScreening req;
  req.participant_id = participant->id;
  req.day = *day;
  req.version = doc.value("version", std::string(sc::kCurrentVersion));
  req.answers = std::move(answers).value();
  req.mode = *mode;
  auto outcome = storage::Screenings(**replica).record(*who, req);
  if (!outcome.ok()) return outcome.error();
  if (!outcome->accepted()) {
    return care::refuse(ctx, outcome->refusals, {"screening", "skrining"},
                        json{{"next_allowed", opt_date(outcome->next_allowed)}});
  }
  auto next = storage::Screenings(**replica).next_allowed(participant->id);
  if (!next.ok()) return next.error();
  if (ctx.json()) {
    json out = storage::to_json(outcome->saved);
    out["next_allowed"] = opt_date(*next);
    ctx.print_json(out);
    return {};
  }
  print_screening(ctx, outcome->saved);
  if (*next) ctx.out() << ctx.tr("Next screening from ", "Skrining berikutnya mulai ") << (*next)->iso() << '\n';
  return {};
}

Status run_screen_list(Context& ctx) {
  auto participant = care::participant_arg(ctx);
  if (!participant.ok()) return participant.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Screenings repo(**replica);
  auto list = repo.for_participant(participant->id);
  if (!list.ok()) return list.error();
  auto next = repo.next_allowed(participant->id);
  if (!next.ok()) return next.error();
  if (ctx.json()) {
    json items = json::array();
    for (const auto& s : *list) items.push_back(storage::to_json(s));
    ctx.print_json({{"participant_id", participant->id}, {"next_allowed", opt_date(*next)}, {"screenings", items}});
    return {};
  }
  for (const auto& s : *list) print_screening(ctx, s);
  ctx.out() << ctx.tr("Next screening allowed: ", "Skrining berikutnya boleh: ")
            << (*next ? (*next)->iso() : ctx.tr("now", "sekarang")) << '\n';
  return {};
}

Status run_screen_duplicates(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto list = storage::Screenings(**replica).duplicates(ctx.args().has("all"));
  if (!list.ok()) return list.error();
  if (ctx.json()) {
    json items = json::array();
    for (const auto& s : *list) items.push_back(storage::to_json(s));
    ctx.print_json(items);
    return {};
  }
  for (const auto& s : *list) {
    ctx.out() << s.id << "  " << s.participant_id << "  " << s.day.iso() << "  " << ctx.tr("duplicate of ", "duplikat dari ")
              << s.duplicate_of << (s.reviewed ? ctx.tr("  reviewed", "  sudah ditinjau") : "") << '\n';
  }
  return {};
}

Status run_screen_review(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  const std::string id = ctx.args().get_or("screening", "");
  SIMPUL_TRY(storage::Screenings(**replica).mark_reviewed(*who, id));
  if (ctx.json()) {
    ctx.print_json({{"id", id}, {"reviewed", true}});
  } else {
    ctx.out() << ctx.tr("reviewed ", "ditinjau ") << id << '\n';
  }
  return {};
}

}  // namespace

Command screen_command() {
  Command c;
  c.name = "screen";
  c.summary = "Record a yearly health screening from a JSON answer file (refused within 12 months)";
  c.usage = "--db FILE (--id ID | --nik NIK | --card NUMBER) --answers FILE|- [--mode kiosk|poli] [--day D] [--json]";
  c.options = care::participant_options("");
  c.options.push_back({"answers", "FILE|-", "{\"version\": \"v1\", \"answers\": {question id: value}}; - reads stdin", true});
  c.options.push_back({"mode", "kiosk|poli", "kiosk: self questions only; poli (default): with measurements"});
  c.options.push_back({"day", "YYYY-MM-DD", "the screening day (default today)"});
  c.details =
      "Question ids and options are those of assets/screening/questionnaire-v1.json (docs/SCREENING.md):\n"
      "yes/no questions take \"yes\" or \"no\", choices their option id, measurements a number.\n"
      "The screening is evaluated with the participant's age and sex on the day and stored with its\n"
      "version. It is refused (exit 1) when a screening that counts was given in the last 12 months:\n"
      "the refusal names the next allowed date (--json: \"next_allowed\"). A poli screening on the day\n"
      "of a kiosk screening completes it instead of being refused. --json prints the stored screening\n"
      "(id, day, mode, counts, duplicate, answers, result {findrisc, risks, advice, ...}, next_allowed).\n\n"
      "Example:\n"
      "  simpulctl screen --db desk.db --nik 3204104506900001 --answers answers.json --mode poli --json\n";
  c.run = run_screen;
  return c;
}

Command screen_list_command() {
  Command c;
  c.name = "screen list";
  c.summary = "A participant's screenings, newest first, with the next allowed date";
  c.usage = "--db FILE (--id ID | --nik NIK | --card NUMBER) [--json]";
  c.options = care::participant_options("");
  c.details =
      "--json: {participant_id, next_allowed, screenings: [...]}; each screening says whether it counts,\n"
      "is a duplicate (of which) or was completed by a poli screening.\n";
  c.run = run_screen_list;
  return c;
}

Command screen_duplicates_command() {
  Command c;
  c.name = "screen duplicates";
  c.summary = "Screenings that duplicate one that counts (two devices, one person, within 12 months)";
  c.usage = "--db FILE [--all] [--json]";
  c.options = {{"all", "", "include duplicates already reviewed"}};
  c.details =
      "The earlier screening (by day, then recording time) counts; the later one is kept as a duplicate\n"
      "for review and never moves the next allowed date. docs/CARE.md explains what wins.\n";
  c.run = run_screen_duplicates;
  return c;
}

Command screen_review_command() {
  Command c;
  c.name = "screen review";
  c.summary = "Mark a duplicate screening as reviewed (it stays a duplicate)";
  c.usage = "--db FILE --screening ID [--json]";
  c.options = {{"screening", "ID", "the duplicate screening's id", true}};
  c.run = run_screen_review;
  return c;
}

}  // namespace simpul::ctl
