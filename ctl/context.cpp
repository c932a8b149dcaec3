#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "command.hpp"
#include "simpul/core/model.hpp"
#include "simpul/storage/users.hpp"

#ifndef SIMPUL_ASSET_DIR
#define SIMPUL_ASSET_DIR "assets"
#endif

namespace simpul::ctl {

const std::vector<OptionSpec>& global_options() {
  static const std::vector<OptionSpec> kGlobal = {
      {"json", "", "print JSON (snake_case, stable field names) instead of text"},
      {"lang", "id|en", "language of messages (default en)"},
      {"user", "NAME", "act as this staff account; its password is read from SIMPUL_PASSWORD"},
      {"help", "", "show help"},
  };
  return kGlobal;
}

Context::Context(Args args, const Command& command, std::ostream& out, std::ostream& err)
    : args_(std::move(args)), command_(command), out_(out), err_(err) {
  lang_ = args_.get_or("lang", "en");
  db_path_ = args_.get_or("db", "");
}

Context::~Context() = default;

Error Context::fail(ErrorKind kind, std::string code, Text text) const {
  return make_error(kind, std::move(code), tr(text));
}

void Context::print_json(const nlohmann::json& value) {
  out_ << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void Context::print_findings(const Findings& findings) {
  for (const auto& f : findings) {
    err_ << (f.severity == Severity::error ? "error   " : "warning ") << f.field << ": " << f.text(lang_) << " ["
         << f.code << "]\n";
  }
}

nlohmann::json Context::findings_json(const Findings& findings, Severity severity) const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : findings) {
    if (f.severity != severity) continue;
    out.push_back({{"field", f.field}, {"code", f.code}, {"message", f.text(lang_)}});
  }
  return out;
}

Error Context::refusal(const Findings& findings, Text what) {
  print_findings(findings);
  std::string fields;
  int errors = 0;
  for (const auto& f : findings) {
    if (f.severity != Severity::error) continue;
    ++errors;
    if (fields.find(f.field) == std::string::npos) fields += (fields.empty() ? "" : ", ") + f.field;
  }
  if (json()) {
    print_json({{"id", nullptr},
                {"errors", findings_json(findings, Severity::error)},
                {"warnings", findings_json(findings, Severity::warning)}});
  }
  const std::string n = std::to_string(errors);
  return make_error(ErrorKind::invalid, "input.refused",
                    tr(std::string(what.en) + " refused: " + n + (errors == 1 ? " error (" : " errors (") + fields +
                           "); nothing was saved",
                       std::string(what.id) + " ditolak: " + n + " kesalahan (" + fields + "); tidak ada yang disimpan"));
}

const Clock& Context::clock() const { return SystemClock::instance(); }
Date Context::today() const { return Date::from_epoch_ms(clock().now_ms()); }

Result<storage::Replica*> Context::replica() {
  if (replica_) return replica_.get();
  if (db_path_.empty()) return usage_error("missing --db FILE");
  std::error_code ec;
  const bool exists = std::filesystem::exists(db_path_, ec);
  if (!exists && !command_.creates_db) {
    return make_error(ErrorKind::not_found, "db.missing",
                      tr("no replica at " + db_path_ + ": create it with `simpulctl init --db " + db_path_ + "`",
                         "belum ada replika di " + db_path_ + ": buat dengan `simpulctl init --db " + db_path_ + "`"));
  }
  storage::OpenOptions options;
  options.create = command_.creates_db;
  auto opened = storage::Replica::open(db_path_, clock(), options);
  if (!opened.ok()) return opened.error();
  replica_ = std::move(opened).value();
  return replica_.get();
}

Result<storage::Actor> Context::actor() {
  if (actor_) return *actor_;
  const auto username = args_.get("user");
  if (!username) {
    // Someone with shell access to the replica file: a local operator, recorded as "simpulctl".
    actor_ = storage::Actor{"", "simpulctl"};
    return *actor_;
  }
  const char* password = std::getenv("SIMPUL_PASSWORD");
  if (password == nullptr || *password == '\0') {
    return fail(ErrorKind::unauthorized, "login.no_password",
                {"--user needs the account's password in the environment variable SIMPUL_PASSWORD",
                 "--user memerlukan kata sandi akun di variabel lingkungan SIMPUL_PASSWORD"});
  }
  auto r = replica();
  if (!r.ok()) return r.error();
  auto user = storage::Users(**r).authenticate(*username, password);
  if (!user.ok()) return user.error();
  actor_ = storage::Actor{user->id, user->username};
  actor_role_ = user->role;
  return *actor_;
}

Result<std::optional<Role>> Context::actor_role() {
  auto a = actor();
  if (!a.ok()) return a.error();
  return actor_role_;
}

Status Context::require_role(std::initializer_list<Role> roles) {
  auto role = actor_role();
  if (!role.ok()) return role.error();
  if (!role->has_value()) return {};
  for (const Role r : roles) {
    if (**role == r) return {};
  }
  std::string allowed;
  for (const Role r : roles) allowed += std::string(allowed.empty() ? "" : ", ") + role_code(r);
  const std::string has = role_code(**role);
  return make_error(ErrorKind::unauthorized, "role.denied",
                    tr("an account with role " + has + " may not run this command (needs: " + allowed + ")",
                       "akun dengan peran " + has + " tidak boleh menjalankan perintah ini (perlu: " + allowed + ")"));
}

std::string Context::asset_dir() const {
  const char* env = std::getenv("SIMPUL_ASSETS");
  return env != nullptr && *env != '\0' ? env : SIMPUL_ASSET_DIR;
}

Result<const RegionTable*> Context::regions() {
  if (regions_) return regions_.get();
  auto loaded = RegionTable::load(asset_dir() + "/regions/regions.tsv");
  if (!loaded.ok()) return loaded.error();
  regions_ = std::make_unique<RegionTable>(std::move(loaded).value());
  return regions_.get();
}

}  // namespace simpul::ctl
