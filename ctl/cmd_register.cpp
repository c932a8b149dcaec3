// simpulctl register: a new participant from a JSON document, checked with the core rules.
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "participant_input.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::ctl {
namespace {

std::string read_all(std::istream& in) {
  std::string text;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) text.append(buffer, static_cast<std::size_t>(in.gcount()));
  return text;
}

Result<std::string> read_input(Context& ctx, const std::string& path) {
  if (path == "-") return read_all(std::cin);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorKind::not_found, "input.missing",
                      ctx.tr("cannot read " + path, "tidak dapat membaca " + path));
  }
  return read_all(in);
}

Status run_register(Context& ctx) {
  auto text = read_input(ctx, ctx.args().get_or("input", "-"));
  if (!text.ok()) return text.error();
  const auto input = nlohmann::json::parse(*text, nullptr, false);
  if (input.is_discarded()) {
    return make_error(ErrorKind::invalid, "input.not_json",
                      ctx.tr({"the input is not valid JSON", "data masukan bukan JSON yang sah"}));
  }
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  SIMPUL_TRY(ctx.require_role({Role::admin, Role::registration}));
  auto regions = ctx.regions();
  if (!regions.ok()) return regions.error();
  auto facilities = storage::Facilities(**replica).list();
  if (!facilities.ok()) return facilities.error();

  RegistrationInput reg = read_registration(input);
  Participant& p = reg.participant;
  Findings findings = std::move(reg.findings);
  rules::append(findings, check_registration(p, CheckEnv{*regions, ctx.today(), &*facilities}));
  storage::Participants repo(**replica);
  auto same_nik = repo.by_nik(p.nik);
  if (!same_nik.ok()) return same_nik.error();
  if (same_nik->has_value()) {
    const std::string other = (*same_nik)->name + ", id " + (*same_nik)->id;
    findings.push_back(rules::error_finding("nik", "nik.already_registered",
                                            "NIK " + p.nik + " sudah terdaftar (" + other + ").",
                                            "NIK " + p.nik + " is already registered (" + other + ")."));
  }
  if (has_errors(findings)) return ctx.refusal(findings, {"registration", "pendaftaran"});

  // New registrations wait for the server's check against the civil registry; the server assigns the
  // card number and, for PBPU, the virtual account.
  p.verification = Verification::pending;
  p.card_number.clear();
  p.va_number.clear();
  p.status = MemberStatus::active;
  auto id = repo.create(*who, p);
  if (!id.ok()) return id.error();
  ctx.print_findings(findings);  // warnings only
  if (ctx.json()) {
    ctx.print_json({{"id", *id}, {"warnings", ctx.findings_json(findings, Severity::warning)}});
  } else {
    ctx.out() << *id << '\n';
  }
  return {};
}

}  // namespace

Command register_command() {
  Command c;
  c.name = "register";
  c.summary = "Register a new participant from JSON (checked with the core rules; verification pending)";
  c.usage = "--db FILE --input FILE|- [--user NAME] [--json]";
  c.options = {{"input", "FILE|-", "the participant as JSON; - reads stdin", true}};
  c.details =
      "The JSON uses the field names of `search --json`: nik, name, birth_date, sex (L/P), kk_number,\n"
      "relation, address {street, rt, rw, village_code, postal_code} (or the same fields flat), phone,\n"
      "email, segment (default PBPU), class (required), fktp, dental_fktp, autodebit, autodebit_provider.\n"
      "Server-owned fields (card_number, va_number, status, verification, ...) are ignored with a warning.\n"
      "Every finding is printed; with any error nothing is saved and the exit status is 1. Warnings are\n"
      "printed and the participant is saved with verification \"pending\" and no card number yet.\n"
      "Prints the new id (--json: {\"id\", \"warnings\"}).\n\n"
      "Example:\n"
      "  simpulctl register --db replica.db --input - <<'EOF'\n"
      "  {\"nik\": \"3204104506900001\", \"name\": \"Siti Rahma\", \"birth_date\": \"1990-06-05\", \"sex\": \"P\",\n"
      "   \"kk_number\": \"3204101201150003\", \"relation\": \"head\",\n"
      "   \"address\": {\"street\": \"Kp. Cibodas\", \"rt\": \"2\", \"rw\": \"5\", \"village_code\": \"3204102001\"},\n"
      "   \"phone\": \"0812-9876-5432\", \"class\": 3, \"fktp\": \"1004P012\"}\n"
      "  EOF\n";
  c.run = run_register;
  return c;
}

}  // namespace simpul::ctl
