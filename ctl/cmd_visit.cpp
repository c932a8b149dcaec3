// simpulctl visit add / visit list: the poli's record of a visit, and a participant's service history.
#include <ostream>

#include "care_input.hpp"
#include "commands.hpp"
#include "simpul/storage/visits.hpp"

namespace simpul::ctl {
namespace {

using nlohmann::json;

Status run_visit_add(Context& ctx) {
  auto participant = care::participant_arg(ctx);
  if (!participant.ok()) return participant.error();
  auto day = care::date_option(ctx, "day");
  if (!day.ok()) return day.error();
  json vitals = json::object();
  if (auto text = ctx.args().get("vitals")) {
    vitals = json::parse(*text, nullptr, false);
    if (!vitals.is_object()) return usage_error("--vitals must be a JSON object, e.g. '{\"sbp\":120,\"dbp\":80}'");
  }
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  SIMPUL_TRY(ctx.require_role({Role::admin, Role::clinician}));
  auto catalog = care::icd10(ctx);
  if (!catalog.ok()) return catalog.error();

  storage::NewVisit req;
  req.participant_id = participant->id;
  req.poli = ctx.args().get_or("poli", "");
  req.day = *day;
  req.complaint = ctx.args().get_or("complaint", "");
  req.vitals = vitals;
  req.diagnoses = ctx.args().all("diagnosis");
  req.outcome = ctx.args().get_or("outcome", "home");
  req.clinician = ctx.args().get_or("clinician", who->username);
  req.notes = ctx.args().get_or("notes", "");
  req.queue_entry_id = ctx.args().get_or("queue-entry", "");
  storage::Visits visits(**replica, *catalog);
  auto outcome = visits.record(*who, req);
  if (!outcome.ok()) return outcome.error();
  if (!outcome->accepted()) return care::refuse(ctx, outcome->refusals, {"visit", "kunjungan"});
  if (ctx.json()) {
    ctx.print_json(storage::to_json(outcome->saved));
  } else {
    ctx.out() << outcome->saved.id << '\n';
  }
  return {};
}

Status run_visit_list(Context& ctx) {
  auto participant = care::participant_arg(ctx);
  if (!participant.ok()) return participant.error();
  auto limit = count_option(ctx.args(), "limit", 200, 10'000);
  if (!limit.ok()) return limit.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto catalog = care::icd10(ctx);
  if (!catalog.ok()) return catalog.error();
  auto history = storage::Visits(**replica, *catalog).history(participant->id, *limit);
  if (!history.ok()) return history.error();
  if (ctx.json()) {
    json out = json::array();
    for (const auto& v : *history) out.push_back(storage::to_json(v));
    ctx.print_json(out);
    return {};
  }
  for (const auto& v : *history) {
    ctx.out() << v.day.iso() << "  " << (v.poli_name.empty() ? v.poli : v.poli_name) << "  "
              << (v.facility_name.empty() ? v.facility : v.facility_name) << "  " << v.outcome << "  " << v.id << '\n';
    if (!v.complaint.empty()) ctx.out() << "  " << ctx.tr("complaint: ", "keluhan: ") << v.complaint << '\n';
    for (const auto& d : v.diagnoses) {
      ctx.out() << "  " << d.code << "  " << (ctx.lang() == "id" ? d.name_id : d.name_en) << '\n';
    }
    if (v.rating) ctx.out() << "  " << std::string(static_cast<std::size_t>(v.rating->stars), '*') << "  " << v.rating->comment << '\n';
  }
  return {};
}

}  // namespace

Command visit_add_command() {
  Command c;
  c.name = "visit add";
  c.summary = "Record a visit at the poli: complaint, vitals, up to three ICD-10 diagnoses, outcome";
  c.usage =
      "--db FILE (--id ID | --nik NIK | --card NUMBER) --poli CODE [--day D] [--complaint TEXT] [--vitals JSON]\n"
      "    [--diagnosis CODE]... [--outcome home|referred] [--clinician NAME] [--notes TEXT] [--queue-entry ID] [--json]";
  c.options = care::participant_options("");
  c.options.push_back({"poli", "CODE", "PCare poli code, e.g. 001 (Umum)", true});
  c.options.push_back({"day", "YYYY-MM-DD", "the visit day (default today; never in the future)"});
  c.options.push_back({"complaint", "TEXT", "the main complaint (keluhan)"});
  c.options.push_back({"vitals", "JSON", "e.g. {\"sbp\":120,\"dbp\":80,\"pulse\":84,\"temp\":36.8,\"weight\":60,\"height\":158}"});
  c.options.push_back({"diagnosis", "CODE", "ICD-10 code from assets/icd10/fktp.tsv; the first is the main one", false, true});
  c.options.push_back({"outcome", "home|referred", "home (default) or referred to a hospital"});
  c.options.push_back({"clinician", "NAME", "who examined (default: the acting user)"});
  c.options.push_back({"notes", "TEXT", "free notes"});
  c.options.push_back({"queue-entry", "ID", "the queue entry the patient came with"});
  c.details =
      "Vitals keys: sbp/systolic_mmhg, dbp/diastolic_mmhg, pulse/pulse_bpm, temp/temperature_c,\n"
      "weight/weight_kg, height/height_cm, rr/respiratory_rate, spo2/spo2_percent; each is checked\n"
      "against a plausible range. Diagnoses must be in the FKTP list (\"j069\" is read as J06.9), at most\n"
      "three, no repeats. Prints the visit id (--json: the visit as `visit list` shows it).\n\n"
      "Example:\n"
      "  simpulctl visit add --db desk.db --nik 3204104506900001 --poli 001 --complaint \"batuk pilek 3 hari\" \\\n"
      "      --vitals '{\"sbp\":118,\"dbp\":76,\"temp\":37.6}' --diagnosis J06.9 --outcome home --json\n";
  c.run = run_visit_add;
  return c;
}

Command visit_list_command() {
  Command c;
  c.name = "visit list";
  c.summary = "A participant's service history, newest first, with diagnoses and ratings";
  c.usage = "--db FILE (--id ID | --nik NIK | --card NUMBER) [--limit N] [--json]";
  c.options = care::participant_options("");
  c.options.push_back({"limit", "N", "at most N visits (default 200)"});
  c.details =
      "--json: [{id, participant_id, facility, facility_name, poli, poli_name, day, complaint, vitals,\n"
      "diagnoses [{code, name_id, name_en}], outcome, clinician, notes, queue_entry_id, rating {stars,\n"
      "comment, rated_at} | null}].\n";
  c.run = run_visit_list;
  return c;
}

}  // namespace simpul::ctl
