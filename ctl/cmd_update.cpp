// simpulctl update: change some of a participant's fields, each checked with the core rules.
#include <ostream>

#include "commands.hpp"
#include "participant_input.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::ctl {
namespace {

Result<std::vector<std::pair<std::string, std::string>>> parse_sets(const Args& args) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : args.all("set")) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) return usage_error("--set needs field=value, got '" + s + "'");
    out.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  return out;
}

Status run_update(Context& ctx) {
  auto sets = parse_sets(ctx.args());
  if (!sets.ok()) return sets.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Participants repo(**replica);
  const std::string id = ctx.args().get_or("id", "");
  auto current = repo.get(id);
  if (!current.ok()) return current.error();
  if (!current->has_value()) {
    return make_error(ErrorKind::not_found, "participant.not_found",
                      ctx.tr("no participant with id " + id, "tidak ada peserta dengan id " + id));
  }
  const Participant& before = **current;
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  SIMPUL_TRY(ctx.require_role({Role::admin, Role::registration}));
  auto regions = ctx.regions();
  if (!regions.ok()) return regions.error();
  auto facilities = storage::Facilities(**replica).list();
  if (!facilities.ok()) return facilities.error();

  auto edit = plan_edit(before, *sets, CheckEnv{*regions, ctx.today(), &*facilities},
                        EditOptions{ctx.args().has("consent")});
  if (!edit.ok()) return edit.error();
  if (const auto nik = edit->changes.find("nik"); nik != edit->changes.end() && *nik != before.nik) {
    auto other = repo.by_nik(nik->get<std::string>());
    if (!other.ok()) return other.error();
    if (other->has_value()) {
      edit->findings.push_back(rules::error_finding("nik", "nik.already_registered",
                                                    "NIK " + nik->get<std::string>() + " sudah dipakai peserta lain.",
                                                    "NIK " + nik->get<std::string>() +
                                                        " already belongs to another participant."));
    }
  }
  if (has_errors(edit->findings)) return ctx.refusal(edit->findings, {"update", "perubahan"});

  auto changed = repo.update(*who, id, edit->changes);
  if (!changed.ok()) return changed.error();
  ctx.print_findings(edit->findings);  // warnings only
  std::vector<std::string> fields;
  for (const auto& [field, value] : edit->changes.items()) fields.push_back(field);
  if (ctx.json()) {
    ctx.print_json({{"id", id},
                    {"changed", *changed},
                    {"fields", *changed ? nlohmann::json(fields) : nlohmann::json::array()},
                    {"warnings", ctx.findings_json(edit->findings, Severity::warning)}});
  } else if (*changed) {
    std::string list;
    for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f;
    ctx.out() << ctx.tr("updated " + id + ": " + list, "diperbarui " + id + ": " + list) << '\n';
  } else {
    ctx.out() << ctx.tr({"nothing changed", "tidak ada perubahan"}) << '\n';
  }
  return {};
}

}  // namespace

Command update_command() {
  Command c;
  c.name = "update";
  c.summary = "Change a participant's fields (each checked with the core rules; server-owned fields refused)";
  c.usage = "--db FILE --id ID --set FIELD=VALUE [--set FIELD=VALUE ...] [--consent] [--user NAME] [--json]";
  c.options = {{"id", "ID", "the participant's record id", true},
               {"set", "FIELD=VALUE", "a new value; an empty value clears an optional field", true, true},
               {"consent", "", "the participant agreed to the segment change (PPU -> PBPU)"}};
  c.details =
      "Fields: " + editable_fields() + ".\n"
      "Phone numbers are stored as +62...; an FKTP change follows the 3-month rule and records today as\n"
      "fktp_changed_on; a dental facility only with a DPP as FKTP; segment changes (PPU -> PBPU) need\n"
      "autodebit, autodebit_provider, class and --consent; a NIK change is the newborn NIK update.\n"
      "Server-owned fields (card_number, va_number, status, verification, ...) are refused. All findings\n"
      "are printed; with any error nothing is saved (exit status 1).\n\n"
      "Examples:\n"
      "  simpulctl update --db replica.db --id ID --set phone=0812-1111-2222 --set email=siti@example.com\n"
      "  simpulctl update --db replica.db --id ID --set segment=PBPU --set autodebit=bank \\\n"
      "      --set autodebit_provider=BRI --set class=3 --consent\n";
  c.run = run_update;
  return c;
}

}  // namespace simpul::ctl
