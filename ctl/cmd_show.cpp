// simpulctl show: one participant with the family on the same KK and the KK history. Looking is audited.
#include <ostream>

#include "commands.hpp"
#include "participant_view.hpp"
#include "simpul/storage/codec.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::ctl {
namespace {

nlohmann::json opt_date(const std::optional<Date>& d) { return d ? nlohmann::json(d->iso()) : nlohmann::json(); }

Result<Participant> find(Context& ctx, storage::Participants& repo) {
  const int given = int{ctx.args().has("nik")} + int{ctx.args().has("card")} + int{ctx.args().has("id")};
  if (given != 1) return usage_error("show needs exactly one of --nik NIK, --card NUMBER or --id ID");
  Result<std::optional<Participant>> found = std::optional<Participant>{};
  std::string what;
  if (const auto nik = ctx.args().get("nik")) {
    found = repo.by_nik(*nik);
    what = "NIK " + *nik;
  } else if (const auto card = ctx.args().get("card")) {
    found = repo.by_card(*card);
    what = ctx.tr("card number ", "nomor kartu ") + *card;
  } else {
    const std::string id = ctx.args().get_or("id", "");
    found = repo.get(id);
    what = "id " + id;
  }
  if (!found.ok()) return found.error();
  if (!found->has_value()) {
    return make_error(ErrorKind::not_found, "participant.not_found",
                      ctx.tr("no participant with " + what, "tidak ada peserta dengan " + what));
  }
  return **found;
}

Status run_show(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Participants repo(**replica);
  auto p = find(ctx, repo);
  if (!p.ok()) return p.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  std::vector<Participant> family;
  if (!p->kk_number.empty()) {
    auto members = repo.family(p->kk_number);
    if (!members.ok()) return members.error();
    family = std::move(members).value();
  }
  auto history = repo.kk_history(p->id);
  if (!history.ok()) return history.error();
  auto sync_state = storage::Outbox((*replica)->db()).record_state("participant", p->id);
  if (!sync_state.ok()) return sync_state.error();
  SIMPUL_TRY((*replica)->audit_view(*who, "participant", p->id));

  if (ctx.json()) {
    nlohmann::json out = storage::to_json(*p);
    out["family"] = nlohmann::json::array();
    for (const auto& m : family) out["family"].push_back(storage::to_json(m));
    out["kk_history"] = nlohmann::json::array();
    for (const auto& k : *history) {
      out["kk_history"].push_back(
          {{"kk_number", k.kk_number}, {"valid_from", k.from.iso()}, {"valid_until", opt_date(k.until)}});
    }
    out["sync_state"] = *sync_state;  // local | sent | confirmed | rejected | "" (came from the server)
    ctx.print_json(out);
    return {};
  }
  print_participant_details(ctx.out(), *p);
  ctx.out() << '\n' << ctx.tr({"Family (same KK):", "Keluarga (KK yang sama):"}) << '\n';
  print_participant_table(ctx.out(), family);
  ctx.out() << '\n' << ctx.tr({"KK history:", "Riwayat KK:"}) << '\n';
  for (const auto& k : *history) {
    ctx.out() << "  " << k.kk_number << "  " << k.from.iso() << " .. " << (k.until ? k.until->iso() : "") << '\n';
  }
  return {};
}

}  // namespace

Command show_command() {
  Command c;
  c.name = "show";
  c.summary = "Show a participant, the family on the same KK and the KK history (the view is audited)";
  c.usage = "--db FILE (--nik NIK | --card NUMBER | --id ID) [--json]";
  c.options = {{"nik", "NIK", "the participant's 16-digit NIK"},
               {"card", "NUMBER", "the 13-digit JKN card number"},
               {"id", "ID", "the participant's record id"}};
  c.details =
      "--json prints the participant object (as in search) plus \"family\" (the members on the same KK,\n"
      "head first), \"kk_history\" and \"sync_state\".\n\n"
      "Example:\n  simpulctl show --db replica.db --nik 3204104506900001 --json\n";
  c.run = run_show;
  return c;
}

}  // namespace simpul::ctl
