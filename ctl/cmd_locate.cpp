// simpulctl locate: facilities nearest to this facility or to a village, with distances.
#include <cstdio>
#include <ostream>

#include "care_input.hpp"
#include "commands.hpp"
#include "simpul/storage/codec.hpp"
#include "simpul/storage/locator.hpp"

namespace simpul::ctl {
namespace {

using nlohmann::json;

// Three decimals: metres, which is all a synthetic coordinate deserves.
double round3(double km) { return static_cast<double>(static_cast<long long>(km * 1000.0 + 0.5)) / 1000.0; }

Status run_locate(Context& ctx) {
  const auto& a = ctx.args();
  if (a.has("from-facility") && a.has("village")) return usage_error("give --from-facility or --village, not both");
  auto limit = count_option(a, "limit", 10, 1000);
  if (!limit.ok()) return limit.error();
  auto offset = count_option(a, "offset", 0, 100'000);
  if (!offset.ok()) return offset.error();
  storage::LocatorQuery q;
  q.limit = *limit;
  q.offset = *offset;
  q.service = a.get_or("service", "");
  if (auto t = a.get("type")) {
    if (*t == "fktp") {
      q.types = {FacilityType::puskesmas, FacilityType::klinik, FacilityType::dpp, FacilityType::dpg};
    } else if (auto type = parse_facility_type(*t)) {
      q.types = {*type};
    } else {
      return usage_error("--type must be fktp, puskesmas, klinik, dpp, dpg, hospital or bpjs_office");
    }
  }
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  storage::Locator locator(**replica);
  json origin;
  if (auto village = a.get("village")) {
    auto regions = ctx.regions();
    if (!regions.ok()) return regions.error();
    auto p = storage::Locator::village_point(**regions, *village);
    if (!p.ok()) return p.error();
    q.origin = *p;
    origin = {{"village", RegionTable::undot(*village)}, {"name", (*regions)->describe(*village)}};
  } else {
    std::string code = a.get_or("from-facility", "");
    if (code.empty()) code = (*replica)->device().facility;
    if (code.empty()) code = (*replica)->setting("facility").value_or("");
    if (code.empty()) {
      return usage_error("this replica belongs to no facility: give --from-facility CODE or --village CODE");
    }
    auto p = locator.facility_point(code);
    if (!p.ok()) return p.error();
    q.origin = *p;
    q.exclude = code;
    origin = {{"facility", code}};
  }
  origin["latitude"] = q.origin.latitude;
  origin["longitude"] = q.origin.longitude;
  auto page = locator.nearest(q);
  if (!page.ok()) return page.error();
  if (ctx.json()) {
    json items = json::array();
    for (const auto& n : page->items) {
      json f = storage::to_json(n.facility);
      f["distance_km"] = round3(n.distance_km);
      items.push_back(std::move(f));
    }
    ctx.print_json({{"origin", origin}, {"items", items}, {"more", page->more}});
    return {};
  }
  for (const auto& n : page->items) {
    char km[32];
    std::snprintf(km, sizeof km, "%7.2f km", n.distance_km);
    ctx.out() << km << "  " << n.facility.code << "  " << facility_type_code(n.facility.type) << "  " << n.facility.name
              << '\n';
  }
  if (page->more) ctx.out() << ctx.tr("(more: --offset ", "(berikutnya: --offset ") << q.offset + q.limit << ")\n";
  return {};
}

}  // namespace

Command locate_command() {
  Command c;
  c.name = "locate";
  c.summary = "Facilities (FKTPs, hospitals, BPJS offices) nearest to this facility or a village";
  c.usage =
      "--db FILE [--from-facility CODE | --village CODE] [--type T] [--service S] [--limit N] [--offset N] [--json]";
  c.options = {{"from-facility", "CODE", "measure from this facility (default: the replica's own)"},
               {"village", "CODE", "measure from a village (10 digits, dotted or not; synthetic point)"},
               {"type", "T", "fktp, puskesmas, klinik, dpp, dpg, hospital or bpjs_office"},
               {"service", "S", "only facilities offering it, e.g. ugd, rawat_inap, hemodialisa, pengaduan"},
               {"limit", "N", "at most N results (default 10)"},
               {"offset", "N", "skip the first N (paging)"}};
  c.details =
      "Nearest first by great-circle distance (haversine, R = 6371 km) after an R*Tree bounding-box\n"
      "prefilter. The origin facility itself is left out. Village points are synthetic approximations\n"
      "(docs/CARE.md). --json: {origin, items: [facility + distance_km], more}.\n\n"
      "Example:\n  simpulctl locate --db desk.db --type hospital --service ugd --limit 3 --json\n";
  c.run = run_locate;
  return c;
}

}  // namespace simpul::ctl
