// simpulctl complaint add / complaint list: complaints and information requests (pengaduan).
#include <ostream>

#include "care_input.hpp"
#include "commands.hpp"
#include "simpul/storage/complaints.hpp"

namespace simpul::ctl {
namespace {

using nlohmann::json;

void print_complaint(Context& ctx, const storage::Complaint& c) {
  ctx.out() << c.created_at << "  " << c.id << "  " << c.category << "  " << c.status
            << (c.synced ? "" : ctx.tr(" (not synced yet)", " (belum tersinkron)")) << '\n'
            << "  " << c.text << '\n';
  if (!c.answer.empty()) ctx.out() << "  " << ctx.tr("answer: ", "jawaban: ") << c.answer << '\n';
}

Status run_complaint_add(Context& ctx) {
  auto participant = care::optional_participant_arg(ctx);
  if (!participant.ok()) return participant.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  storage::NewComplaint req;
  if (*participant) req.participant_id = (*participant)->id;
  req.category = ctx.args().get_or("category", "");
  req.text = ctx.args().get_or("text", "");
  req.contact = ctx.args().get_or("contact", "none");
  req.facility = ctx.args().get_or("facility", "");
  auto outcome = storage::Complaints(**replica).record(*who, req);
  if (!outcome.ok()) return outcome.error();
  if (!outcome->accepted()) return care::refuse(ctx, outcome->refusals, {"complaint", "pengaduan"});
  if (ctx.json()) {
    ctx.print_json(storage::to_json(outcome->saved));
  } else {
    ctx.out() << outcome->saved.id << '\n';
  }
  return {};
}

Status run_complaint_list(Context& ctx) {
  auto participant = care::optional_participant_arg(ctx);
  if (!participant.ok()) return participant.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Complaints repo(**replica);
  auto list = *participant ? repo.for_participant((*participant)->id)
                           : repo.for_facility(ctx.args().get_or("facility", ""), ctx.args().get_or("status", ""));
  if (!list.ok()) return list.error();
  if (ctx.json()) {
    json out = json::array();
    for (const auto& c : *list) out.push_back(storage::to_json(c));
    ctx.print_json(out);
    return {};
  }
  for (const auto& c : *list) print_complaint(ctx, c);
  return {};
}

std::string words(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& w : list) out += (out.empty() ? "" : "|") + w;
  return out;
}

}  // namespace

Command complaint_add_command() {
  Command c;
  c.name = "complaint add";
  c.summary = "Record a complaint or information request (answered centrally, the answer syncs back)";
  c.usage = "--db FILE [--id ID | --nik NIK | --card NUMBER] --category C --text TEXT [--contact phone|email|none] [--json]";
  c.options = care::participant_options(" (optional: anonymous without)");
  c.options.push_back({"category", words(storage::complaint_categories()), "what it is about", true});
  c.options.push_back({"text", "TEXT", "the complaint, 10 to 4000 characters", true});
  c.options.push_back({"contact", words(storage::complaint_contacts()), "how to reach the participant (default none)"});
  c.options.push_back({"facility", "CODE", "the facility (default: this replica's)"});
  c.details =
      "The status (open, answered, closed) and the answer are set by the central server\n"
      "(`simpul-server answer-complaint`); they appear here after the next sync. Until the server has\n"
      "seen the complaint it shows as open, not synced. Prints the id (--json: the complaint).\n\n"
      "Example:\n"
      "  simpulctl complaint add --db desk.db --nik 3204104506900001 --category layanan \\\n"
      "      --text \"Antrean poli gigi terlalu lama\" --contact phone\n";
  c.run = run_complaint_add;
  return c;
}

Command complaint_list_command() {
  Command c;
  c.name = "complaint list";
  c.summary = "Complaints of a participant, or of the facility (optionally one status), newest first";
  c.usage = "--db FILE [--id ID | --nik NIK | --card NUMBER] [--facility CODE] [--status open|answered|closed] [--json]";
  c.options = care::participant_options(" (else the facility's complaints)");
  c.options.push_back({"facility", "CODE", "the facility (default: this replica's)"});
  c.options.push_back({"status", "S", "open, answered or closed"});
  c.details =
      "--json: [{id, participant_id, facility, category, text, contact, status, answer, answered_at,\n"
      "created_at, synced}].\n";
  c.run = run_complaint_list;
  return c;
}

}  // namespace simpul::ctl
