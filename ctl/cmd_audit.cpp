// simpulctl audit: who did what to a participant's record, with the values before and after.
#include <cstdio>
#include <ostream>

#include "commands.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::ctl {
namespace {

// ISO-8601 UTC with milliseconds: "2026-03-15T01:02:03.456Z".
std::string iso_utc(std::int64_t ms) {
  const Date day = Date::from_epoch_ms(ms, 0);
  std::int64_t in_day = ms % 86'400'000;
  if (in_day < 0) in_day += 86'400'000;
  char time[32];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02d.%03dZ", static_cast<int>(in_day / 3'600'000),
                static_cast<int>(in_day / 60'000 % 60), static_cast<int>(in_day / 1000 % 60),
                static_cast<int>(in_day % 1000));
  return day.iso() + time;
}

std::string value_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

Status run_audit(Context& ctx) {
  const std::string id = ctx.args().get_or("id", "");
  auto limit = count_option(ctx.args(), "limit", 200, 100'000);
  if (!limit.ok()) return limit.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Participants repo(**replica);
  auto trail = repo.audit_trail(id, *limit);
  if (!trail.ok()) return trail.error();
  if (trail->empty()) {
    auto p = repo.get(id);
    if (!p.ok()) return p.error();
    if (!p->has_value()) {
      return make_error(ErrorKind::not_found, "participant.not_found",
                        ctx.tr("no participant with id " + id, "tidak ada peserta dengan id " + id));
    }
  }
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : *trail) {
      out.push_back({{"at", iso_utc(e.at_ms)},
                     {"user", e.username},
                     {"action", e.action},
                     {"before", e.before},
                     {"after", e.after}});
    }
    ctx.print_json(out);
    return {};
  }
  for (const auto& e : *trail) {
    ctx.out() << iso_utc(e.at_ms) << "  " << (e.username.empty() ? "-" : e.username) << "  " << e.action << '\n';
    if (!e.after.is_object()) continue;
    for (const auto& [field, after] : e.after.items()) {
      const bool had = e.before.is_object() && e.before.contains(field);
      ctx.out() << "    " << field << ": " << (had ? value_text(e.before[field]) + " -> " : "") << value_text(after)
                << '\n';
    }
  }
  return {};
}

}  // namespace

Command audit_command() {
  Command c;
  c.name = "audit";
  c.summary = "Show a participant's audit trail: who changed or viewed the record, before and after";
  c.usage = "--db FILE --id ID [--limit N] [--json]";
  c.options = {{"id", "ID", "the participant's record id", true},
               {"limit", "N", "at most N entries, newest first (default 200)"}};
  c.details =
      "--json prints an array, newest first, of {\"at\" (ISO-8601 UTC), \"user\", \"action\"\n"
      "(create | update | view | sync | ...), \"before\", \"after\"}; before/after hold only the fields\n"
      "that changed (null for a view).\n\n"
      "Example:\n  simpulctl audit --db replica.db --id 0195f3c2-... --json\n";
  c.run = run_audit;
  return c;
}

}  // namespace simpul::ctl
