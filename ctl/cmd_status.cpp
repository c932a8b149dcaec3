// simpulctl status: what the replica holds and what is waiting to be synced.
#include <ostream>

#include "commands.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::ctl {
namespace {

using Report = nlohmann::json;

Result<std::int64_t> count(storage::Database& db, const std::string& sql) {
  auto n = db.query_int(sql);
  if (!n.ok()) return n.error();
  return n->value_or(0);
}

}  // namespace

Status fill_counts_status(storage::Replica& r, Report& report) {
  const std::pair<const char*, const char*> kCounts[] = {
      {"participants", "SELECT count(*) FROM participants"},
      {"families", "SELECT count(DISTINCT kk_number) FROM participants WHERE coalesce(kk_number, '') <> ''"},
      {"facilities", "SELECT count(*) FROM facilities"},
      {"users", "SELECT count(*) FROM users"},
  };
  for (const auto& [key, sql] : kCounts) {
    auto n = count(r.db(), sql);
    if (!n.ok()) return n.error();
    report[key] = *n;
  }
  return {};
}

Status fill_outbox_status(storage::Replica& r, Report& report) {
  auto counts = storage::Outbox(r.db()).counts();
  if (!counts.ok()) return counts.error();
  report["pending_ops"] = counts->pending;  // not yet confirmed by the server
  report["rejected_ops"] = counts->rejected;
  return {};
}

Status fill_schema_status(storage::Replica& r, Report& report) {
  report["schema_version"] = r.db().user_version();
  return {};
}

Status fill_device_status(storage::Replica& r, Report& report) {
  const storage::DeviceInfo d = r.device();
  report["device"] = {{"install_id", d.install_id},
                      {"enrolled", d.enrolled()},
                      {"device_id", d.device_id.empty() ? nlohmann::json() : nlohmann::json(d.device_id)},
                      {"facility", d.facility.empty() ? nlohmann::json() : nlohmann::json(d.facility)},
                      {"server_url", d.server_url.empty() ? nlohmann::json() : nlohmann::json(d.server_url)}};
  return {};
}

namespace {

// "key: value" lines; nested objects ("device") after the plain values, as "device.install_id: ...".
void print_text(std::ostream& out, const Report& report, const std::string& prefix) {
  for (const auto& [key, value] : report.items()) {
    if (!value.is_object()) {
      out << prefix << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << '\n';
    }
  }
  for (const auto& [key, value] : report.items()) {
    if (value.is_object()) print_text(out, value, prefix + key + ".");
  }
}

Status run_status(Context& ctx) {
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  Report report = Report::object();
  for (const StatusSection fill : status_sections()) SIMPUL_TRY(fill(**replica, report));
  if (ctx.json()) {
    ctx.print_json(report);
  } else {
    print_text(ctx.out(), report, "");
  }
  return {};
}

}  // namespace

Command status_command() {
  Command c;
  c.name = "status";
  c.summary = "Counts, changes waiting for the server (pending_ops), schema version and device identity";
  c.usage = "--db FILE [--json]";
  c.details =
      "--json prints {\"participants\", \"families\", \"facilities\", \"users\", \"pending_ops\", \"rejected_ops\",\n"
      "\"schema_version\", \"device\": {\"install_id\", \"enrolled\", \"device_id\", \"facility\", \"server_url\"}}.\n"
      "pending_ops counts this device's changes the server has not confirmed yet.\n\n"
      "Example:\n  simpulctl status --db replica.db --json\n";
  c.run = run_status;
  return c;
}

}  // namespace simpul::ctl
