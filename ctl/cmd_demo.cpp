// simpulctl demo: fill a fresh replica with the synthetic demo data set and a demo admin account.
#include <chrono>
#include <ostream>

#include "commands.hpp"
#include "simpul/core/demo.hpp"
#include "simpul/storage/bulk.hpp"
#include "simpul/storage/users.hpp"

namespace simpul::ctl {
namespace {

constexpr const char* kAdminName = "admin";
constexpr const char* kAdminPassword = "admin-demo";
constexpr std::size_t kMaxParticipants = 5'000'000;
constexpr std::size_t kExamples = 3;

std::int64_t ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

Result<std::int64_t> count(storage::Replica& r, const std::string& sql) {
  auto n = r.db().query_int(sql);
  if (!n.ok()) return n.error();
  return n->value_or(0);
}

Result<demo::DemoOptions> options_from(Context& ctx) {
  demo::DemoOptions o;
  auto n = count_option(ctx.args(), "participants", 1000, kMaxParticipants);
  if (!n.ok()) return n.error();
  o.participants = *n;
  const std::string seed = ctx.args().get_or("seed", "1");
  if (seed.empty() || seed.size() > 19 || seed.find_first_not_of("0123456789") != std::string::npos) {
    return usage_error("--seed must be a whole number");
  }
  o.seed = std::stoull(seed);
  o.regency = ctx.args().get_or("regency", "3204");
  o.today = ctx.today();
  if (const auto today = ctx.args().get("today")) {
    const auto parsed = Date::parse(*today);
    if (!parsed) return usage_error("--today must be a date YYYY-MM-DD");
    o.today = *parsed;
  }
  return o;
}

// Creates the demo admin unless an account of that name exists. Returns whether it was created.
Result<bool> ensure_demo_admin(Context& ctx, storage::Replica& replica) {
  storage::Users users(replica);
  auto existing = users.by_username(kAdminName);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) return false;
  auto who = ctx.actor();
  if (!who.ok()) return who.error();
  User admin;
  admin.username = kAdminName;
  admin.display_name = "Admin Demo";
  admin.role = Role::admin;
  admin.demo = true;  // the app shows a banner until the password is changed
  auto id = users.create(*who, admin, kAdminPassword);
  if (!id.ok()) return id.error();
  return true;
}

nlohmann::json facility_list(const demo::DemoData& data) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : data.facilities) {
    out.push_back({{"code", f.code}, {"type", facility_type_code(f.type)}, {"name", f.name}});
  }
  return out;
}

// People in the civil registry who are not JKN participants: registering them succeeds.
nlohmann::json unregistered_examples(const demo::DemoData& data) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : data.civil_registry) {
    if (c.in_jkn || c.relation != FamilyRelation::head) continue;
    out.push_back({{"nik", c.nik},
                   {"name", c.name},
                   {"birth_date", c.birth_date.iso()},
                   {"sex", sex_code(c.sex)},
                   {"kk_number", c.kk_number},
                   {"relation", relation_code(c.relation)},
                   {"address",
                    {{"street", c.address.street},
                     {"rt", c.address.rt},
                     {"rw", c.address.rw},
                     {"village_code", c.address.village_code},
                     {"postal_code", c.address.postal_code}}}});
    if (out.size() >= kExamples) break;
  }
  return out;
}

void print_summary_text(Context& ctx, const nlohmann::json& s) {
  auto& out = ctx.out();
  out << ctx.tr({"Demo data loaded into ", "Data demo dimuat ke "}) << s["db"].get<std::string>() << '\n';
  out << "  participants " << s["participants"] << ", families " << s["families"] << ", facilities "
      << s["facilities"] << ", bills " << s["bills"] << " (" << s["unpaid_bills"] << " unpaid), payments "
      << s["payments"] << ", visits " << s["visits"] << '\n';
  out << "  civil registry " << s["civil_registry"] << " people, " << s["not_in_jkn"]
      << ctx.tr({" not registered in JKN yet", " belum terdaftar JKN"}) << '\n';
  out << "  generated in " << s["timings_ms"]["generate"] << " ms, loaded in " << s["timings_ms"]["load"]
      << " ms\n\n";
  out << ctx.tr({"Facilities:", "Fasilitas kesehatan:"}) << '\n';
  for (const auto& f : s["facility_list"]) {
    std::string type = f["type"].get<std::string>();
    type.resize(12, ' ');
    out << "  " << f["code"].get<std::string>() << "  " << type << f["name"].get<std::string>() << '\n';
  }
  out << '\n' << ctx.tr({"Not yet registered (try `simpulctl register`):", "Belum terdaftar (coba `simpulctl register`):"})
      << '\n';
  for (const auto& e : s["unregistered_examples"]) {
    out << "  " << e["nik"].get<std::string>() << "  " << e["name"].get<std::string>() << "  "
        << e["birth_date"].get<std::string>() << '\n';
  }
  out << '\n' << s["admin"]["note"].get<std::string>() << '\n';
}

Status run_demo(Context& ctx) {
  auto options = options_from(ctx);
  if (!options.ok()) return options.error();
  auto regions = ctx.regions();
  if (!regions.ok()) return regions.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Replica& r = **replica;
  auto existing = count(r, "SELECT count(*) FROM participants");
  if (!existing.ok()) return existing.error();
  if (*existing > 0) {
    return make_error(ErrorKind::permanent, "demo.not_empty",
                      ctx.tr(ctx.db_path() + " already holds " + std::to_string(*existing) +
                                 " participants; demo data goes into a new replica",
                             ctx.db_path() + " sudah berisi " + std::to_string(*existing) +
                                 " peserta; data demo dimuat ke replika baru"));
  }

  auto start = std::chrono::steady_clock::now();
  auto data = demo::generate(**regions, *options);
  if (!data.ok()) return data.error();
  const std::int64_t generate_ms = ms_since(start);

  const std::string facility = ctx.args().get_or("facility", "");
  if (!facility.empty()) {
    bool known = false;
    std::string codes;
    for (const auto& f : data->facilities) {
      if (!is_fktp(f.type)) continue;
      known = known || f.code == facility;
      codes += (codes.empty() ? "" : ", ") + f.code;
    }
    if (!known) {
      return usage_error("--facility " + facility + " is not a demo FKTP for this seed; choose one of " + codes);
    }
  }
  start = std::chrono::steady_clock::now();
  SIMPUL_TRY(storage::load_demo(r, *data, facility));
  const std::int64_t load_ms = ms_since(start);
  auto admin_created = ensure_demo_admin(ctx, r);
  if (!admin_created.ok()) return admin_created.error();

  nlohmann::json summary = {{"db", ctx.db_path()},
                            {"seed", options->seed},
                            {"regency", options->regency},
                            {"today", options->today.iso()},
                            {"facility", facility.empty() ? nlohmann::json() : nlohmann::json(facility)}};
  const std::pair<const char*, const char*> kCounts[] = {
      {"participants", "SELECT count(*) FROM participants"},
      {"families", "SELECT count(DISTINCT kk_number) FROM participants"},
      {"facilities", "SELECT count(*) FROM facilities"},
      {"bills", "SELECT count(*) FROM bills"},
      {"unpaid_bills", "SELECT count(*) FROM bills WHERE status = 'unpaid'"},
      {"payments", "SELECT count(*) FROM payments"},
      {"visits", "SELECT count(*) FROM visits"},
  };
  for (const auto& [key, sql] : kCounts) {
    auto n = count(r, sql);
    if (!n.ok()) return n.error();
    summary[key] = *n;
  }
  std::size_t outside = 0;
  for (const auto& c : data->civil_registry) outside += c.in_jkn ? 0 : 1;
  summary["civil_registry"] = data->civil_registry.size();
  summary["not_in_jkn"] = outside;
  summary["facility_list"] = facility_list(*data);
  summary["unregistered_examples"] = unregistered_examples(*data);
  summary["admin"] = {
      {"username", kAdminName},
      {"password", kAdminPassword},
      {"created", *admin_created},
      {"note", ctx.tr(std::string("Demo account: ") + kAdminName + " / " + kAdminPassword +
                          " (role admin). It is marked as a demo account; change its password before real use.",
                      std::string("Akun demo: ") + kAdminName + " / " + kAdminPassword +
                          " (peran admin). Akun ini ditandai sebagai akun demo; ganti kata sandinya sebelum dipakai "
                          "sungguhan.")}};
  summary["timings_ms"] = {{"generate", generate_ms}, {"load", load_ms}};
  if (ctx.json()) {
    ctx.print_json(summary);
  } else {
    print_summary_text(ctx, summary);
  }
  return {};
}

}  // namespace

Command demo_command() {
  Command c;
  c.name = "demo";
  c.summary = "Load synthetic demo data (facilities, families, bills, visits) and a demo admin account";
  c.usage = "--db FILE [--participants N] [--seed S] [--facility CODE] [--regency CODE] [--today DATE] [--json]";
  c.options = {{"participants", "N", "how many participants (default 1000)"},
               {"seed", "S", "random seed; the same seed gives the same data (default 1)"},
               {"facility", "CODE", "load only the participants of this FKTP (all facilities are loaded)"},
               {"regency", "CODE", "the regency (4 digits) the demo is set in (default 3204, Kab. Bandung)"},
               {"today", "YYYY-MM-DD", "the demo's today (default: today), for reproducible data"}};
  c.details =
      "Everything is invented: valid NIKs from the regency's real district codes, families on one KK,\n"
      "facilities with PPK codes, polis and coordinates, six months of PBPU bills (some unpaid), payments,\n"
      "service histories, and a civil registry with ~5% people not yet in JKN. The data loads in one\n"
      "transaction without change capture (it stands for data that already exists centrally). The\n"
      "replica must hold no participants yet. Regions come from $SIMPUL_ASSETS/regions/regions.tsv\n"
      "(default: the build's asset directory).\n\n"
      "Creates the account admin / admin-demo (role admin, marked as a demo account) if absent.\n\n"
      "Examples:\n"
      "  simpulctl demo --db replica.db --participants 100000 --seed 7\n"
      "  simpulctl demo --db desk.db --participants 20000 --facility 1004P012 --json\n";
  c.creates_db = true;
  c.run = run_demo;
  return c;
}

}  // namespace simpul::ctl
