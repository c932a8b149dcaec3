// simpulctl rate: the participant's stars (1-5) and comment for one visit; rating again replaces.
#include <ostream>

#include "care_input.hpp"
#include "commands.hpp"
#include "simpul/storage/visits.hpp"

namespace simpul::ctl {
namespace {

Status run_rate(Context& ctx) {
  auto stars = count_option(ctx.args(), "stars", 0, 5);
  if (!stars.ok()) return stars.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  const std::string visit = ctx.args().get_or("visit", "");
  auto outcome = storage::Visits(**replica).rate(*who, visit, static_cast<int>(*stars), ctx.args().get_or("comment", ""));
  if (!outcome.ok()) return outcome.error();
  if (!outcome->accepted()) return care::refuse(ctx, outcome->refusals, {"rating", "penilaian"});
  if (ctx.json()) {
    ctx.print_json({{"id", outcome->id},
                    {"visit_id", visit},
                    {"stars", outcome->saved.stars},
                    {"comment", outcome->saved.comment},
                    {"rated_at", outcome->saved.rated_at}});
  } else {
    ctx.out() << outcome->id << '\n';
  }
  return {};
}

}  // namespace

Command rate_command() {
  Command c;
  c.name = "rate";
  c.summary = "Rate a visit (1-5 stars and a comment); rating the same visit again replaces it";
  c.usage = "--db FILE --visit ID --stars N [--comment TEXT] [--json]";
  c.options = {{"visit", "ID", "the visit's id (from `visit list`)", true},
               {"stars", "N", "1 to 5", true},
               {"comment", "TEXT", "optional, up to 1000 characters"}};
  c.details =
      "One rating per visit: its id is \"rating-<visit id>\" on every device, so a second rating replaces\n"
      "the first and syncs as an edit.\n\n"
      "Example:\n  simpulctl rate --db kiosk.db --visit 0195... --stars 5 --comment \"Pelayanan cepat\"\n";
  c.run = run_rate;
  return c;
}

}  // namespace simpul::ctl
