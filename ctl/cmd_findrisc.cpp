// simpulctl findrisc: the FINDRISC score and band for one set of answers (no replica needed).
#include <ostream>

#include "commands.hpp"
#include "simpul/core/screening/findrisc.hpp"

namespace simpul::ctl {
namespace {

Status run_findrisc(Context& ctx) {
  screening::FindriscFlags flags;
  for (const auto name : screening::kFindriscFlagNames) {
    if (auto v = ctx.args().get(std::string(name))) flags.emplace(std::string(name), *v);
  }
  auto input = screening::parse_findrisc_input(flags);
  if (!input.ok()) return usage_error(input.error().message);
  const screening::FindriscResult r = screening::findrisc(*input);
  if (ctx.json()) {
    // Exactly these two keys, in this order.
    nlohmann::ordered_json out;
    out["score"] = r.score;
    out["band"] = screening::band_code(r.band);
    ctx.out() << out.dump() << '\n';
    return {};
  }
  ctx.out() << "FINDRISC " << r.score << " / " << screening::kFindriscMaxScore << ": " << screening::band_code(r.band)
            << " (" << ctx.tr("10-year risk about ", "risiko 10 tahun sekitar ")
            << screening::band_risk_text(r.band, ctx.lang()) << ")\n";
  for (const auto& [item, points] : r.items) ctx.out() << "  " << item << ": " << points << '\n';
  return {};
}

}  // namespace

Command findrisc_command() {
  Command c;
  c.name = "findrisc";
  c.summary = "FINDRISC type 2 diabetes risk score and band for one set of answers";
  c.usage =
      "--age N --sex L|P --bmi X --waist CM --active yes|no --vegetables yes|no --bp-drugs yes|no "
      "--high-glucose yes|no --family none|second|first [--json]";
  c.options = {{"age", "N", "age in whole years", true},
               {"sex", "L|P", "L (male) or P (female): selects the waist table", true},
               {"bmi", "X", "body-mass index, kg/m2 (e.g. 27.5)", true},
               {"waist", "CM", "waist circumference in cm", true},
               {"active", "yes|no", "at least 30 minutes of physical activity every day", true},
               {"vegetables", "yes|no", "vegetables, fruit or berries every day", true},
               {"bp-drugs", "yes|no", "ever taken blood-pressure medicine regularly", true},
               {"high-glucose", "yes|no", "ever told of high blood glucose", true},
               {"family", "none|second|first", "diabetes in the family: second- or first-degree relatives", true}};
  c.needs_db = false;
  c.details =
      "Scores the eight FINDRISC items (docs/SCREENING.md) and prints the score (0-26) and band: low (<7),\n"
      "slightly_elevated (7-11), moderate (12-14), high (15-20), very_high (>20). --json prints exactly\n"
      "{\"score\":N,\"band\":\"...\"}. Nothing is stored.\n\n"
      "Example:\n"
      "  simpulctl findrisc --age 58 --sex P --bmi 31.2 --waist 92 --active no --vegetables yes \\\n"
      "      --bp-drugs yes --high-glucose no --family first --json\n"
      "  {\"score\":19,\"band\":\"high\"}\n";
  c.run = run_findrisc;
  return c;
}

}  // namespace simpul::ctl
