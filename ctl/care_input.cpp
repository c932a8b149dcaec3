#include "care_input.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "simpul/storage/participants.hpp"

namespace simpul::ctl::care {
namespace {

std::string read_all(std::istream& in) {
  std::string text;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) text.append(buffer, static_cast<std::size_t>(in.gcount()));
  return text;
}

}  // namespace

Result<std::string> read_input(Context& ctx, const std::string& path) {
  if (path == "-") return read_all(std::cin);
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::not_found, "input.missing", ctx.tr("cannot read " + path, "tidak dapat membaca " + path));
  return read_all(in);
}

std::vector<OptionSpec> participant_options(const char* purpose) {
  const std::string p(purpose);
  return {{"id", "ID", "the participant's record id" + p},
          {"nik", "NIK", "the participant's 16-digit NIK" + p},
          {"card", "NUMBER", "the participant's 13-digit JKN card number" + p}};
}

Result<std::optional<Participant>> optional_participant_arg(Context& ctx) {
  const auto& a = ctx.args();
  const int given = int{a.has("id")} + int{a.has("nik")} + int{a.has("card")};
  if (given == 0) return std::optional<Participant>{};
  if (given > 1) return usage_error("name the participant with one of --id, --nik or --card");
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Participants repo(**replica);
  Result<std::optional<Participant>> found = std::optional<Participant>{};
  std::string what;
  if (const auto nik = a.get("nik")) {
    found = repo.by_nik(*nik);
    what = "NIK " + *nik;
  } else if (const auto card = a.get("card")) {
    found = repo.by_card(*card);
    what = ctx.tr("card number ", "nomor kartu ") + *card;
  } else {
    const std::string id = a.get_or("id", "");
    found = repo.get(id);
    what = "id " + id;
  }
  if (!found.ok()) return found.error();
  if (!found->has_value()) {
    return make_error(ErrorKind::not_found, "participant.not_found",
                      ctx.tr("no participant with " + what, "tidak ada peserta dengan " + what));
  }
  return found;
}

Result<Participant> participant_arg(Context& ctx) {
  auto p = optional_participant_arg(ctx);
  if (!p.ok()) return p.error();
  if (!p->has_value()) return usage_error("name the participant with --id ID, --nik NIK or --card NUMBER");
  return **p;
}

Result<std::optional<Date>> date_option(Context& ctx, const std::string& name) {
  const auto text = ctx.args().get(name);
  if (!text) return std::optional<Date>{};
  auto d = Date::parse(*text);
  if (!d) return usage_error("--" + name + " must be a date YYYY-MM-DD");
  return std::optional<Date>{*d};
}

Result<std::pair<Date, Date>> date_range(Context& ctx) {
  auto from = date_option(ctx, "from");
  if (!from.ok()) return from.error();
  auto to = date_option(ctx, "to");
  if (!to.ok()) return to.error();
  const Date end = to->value_or(ctx.today());
  const Date start = from->value_or(end.add_days(-29));
  if (start > end) return usage_error("--from must not be after --to");
  return std::pair<Date, Date>{start, end};
}

Result<const Icd10Catalog*> icd10(Context& ctx) {
  static std::unique_ptr<Icd10Catalog> catalog;
  if (!catalog) {
    auto loaded = Icd10Catalog::load(ctx.asset_dir() + "/icd10/fktp.tsv");
    if (!loaded.ok()) return loaded.error();
    catalog = std::make_unique<Icd10Catalog>(std::move(loaded).value());
  }
  return catalog.get();
}

Error refuse(Context& ctx, const Findings& findings, Text what, const nlohmann::json& extra) {
  if (!ctx.json()) return ctx.refusal(findings, what);
  // ctx.refusal prints the verdict object; print ours (with `extra`) instead, and keep its error line.
  std::ostringstream discard;
  Context quiet(ctx.args(), ctx.command(), discard, ctx.err());
  Error e = quiet.refusal(findings, what);
  nlohmann::json out = {{"id", nullptr},
                        {"errors", ctx.findings_json(findings, Severity::error)},
                        {"warnings", ctx.findings_json(findings, Severity::warning)}};
  for (const auto& [k, v] : extra.items()) out[k] = v;
  ctx.print_json(out);
  return e;
}

}  // namespace simpul::ctl::care
