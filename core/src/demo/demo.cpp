#include "simpul/core/demo.hpp"

#include <algorithm>
#include <algorithm>
#include <cassert>
#include <cstdio>

#include "generator.hpp"

namespace simpul::demo {
namespace detail {

namespace {
constexpr int kSerialYears = 110;  // older than anyone the generator makes
}

Generator::Generator(const RegionTable& regions, const DemoOptions& options, std::vector<District> districts)
    : regions_(regions), options_(options), districts_(std::move(districts)) {
  first_day_ = options.today.add_months(-12 * kSerialYears).to_days();
  day_count_ = options.today.to_days() - first_day_ + 1;
  const auto days = static_cast<std::size_t>(day_count_);
  nik_serials_.assign(districts_.size() * days * 2, 0);
  kk_serials_.assign(districts_.size() * days, 0);
}

std::size_t Generator::slot(std::size_t district, const Date& day, std::size_t kinds) const {
  const std::int64_t offset = day.to_days() - first_day_;
  assert(offset >= 0 && offset < day_count_ && "demo dates lie within the serial tables' range");
  return (district * static_cast<std::size_t>(day_count_) + static_cast<std::size_t>(offset)) * kinds;
}

std::string Generator::regency_name() const {
  const auto r = regions_.find(options_.regency);
  return r ? r->name : options_.regency;
}

Rng Generator::stream(std::uint64_t phase) const {
  std::uint64_t s = options_.seed ^ (phase * 0xD1B54A32D192ED03ull);
  return Rng(splitmix64(s));
}

DemoId Generator::next_id(IdKind kind) {
  const auto k = static_cast<std::uint64_t>(kind);
  const std::uint64_t n = id_counters_[k]++;
  std::uint64_t state = options_.seed * 0x9E3779B97F4A7C15ull + k * 0xBF58476D1CE4E5B9ull + n;
  // UUIDv7 layout: a millisecond time (the demo's midnight, WIB, plus the record's sequence number), then
  // bits derived from the seed. Ids of one kind therefore sort in creation order, as the app's own
  // UUIDv7 ids do, and a bulk load appends to the primary-key indexes instead of scattering over them.
  const auto midnight_ms = static_cast<std::uint64_t>(options_.today.to_days() * 86'400'000 - 7 * 3'600'000);
  const std::uint64_t tail_a = splitmix64(state);
  const std::uint64_t tail_b = splitmix64(state);
  DemoId id;
  id.hi = ((midnight_ms + n) << 16) | 0x7000u | (tail_a & 0x0FFFu);
  id.lo = (tail_b & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  return id;
}

int Generator::next_nik_serial(std::size_t district, const Date& birth, Sex sex) {
  return ++nik_serials_[slot(district, birth, 2) + (sex == Sex::female ? 1 : 0)];
}

int Generator::next_kk_serial(std::size_t district, const Date& issued) {
  return ++kk_serials_[slot(district, issued, 1)];
}

std::string two_digits(int n) {
  const char out[3] = {static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10), '\0'};
  return out;
}

std::string pad(std::uint64_t n, std::size_t width) {
  std::string digits = std::to_string(n);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

double uniform(Rng& rng, double lo, double hi) {
  const double unit = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
  return lo + (hi - lo) * unit;
}

Date random_day(Rng& rng, const Date& from, const Date& to) {
  const std::int64_t a = from.to_days();
  const std::int64_t b = to.to_days();
  if (b <= a) return from;
  return Date::from_days(a + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(b - a + 1))));
}

}  // namespace detail

std::string DemoId::text() const {
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return out;
}

std::string period_text(const Bill& bill) { return bill.period.iso().substr(0, 7); }
const char* status_text(const Bill& bill) { return bill.paid ? "paid" : "unpaid"; }
const char* outcome_text(const PastVisit& v) { return v.referred ? "referred" : "home"; }

std::string vitals_json(const Vitals& v) {
  std::string out = "{";
  auto field = [&out](const char* name, const std::string& value) {
    if (out.size() > 1) out += ',';
    out += '"';
    out += name;
    out += "\":";
    out += value;
  };
  if (v.systolic_mmhg > 0) {
    field("systolic_mmhg", std::to_string(v.systolic_mmhg));
    field("diastolic_mmhg", std::to_string(v.diastolic_mmhg));
  }
  field("pulse_bpm", std::to_string(v.pulse_bpm));
  field("temperature_c", std::to_string(v.temperature_dc / 10) + "." + std::to_string(v.temperature_dc % 10));
  field("weight_kg", std::to_string(v.weight_kg));
  field("height_cm", std::to_string(v.height_cm));
  out += '}';
  return out;
}

std::string diagnoses_json(const PastVisit& v) {
  std::string out = "[";
  for (const char* code : v.diagnoses) {
    if (code == nullptr) continue;
    if (out.size() > 1) out += ',';
    out += '"';
    out += code;
    out += '"';
  }
  out += ']';
  return out;
}

Result<DemoData> generate(const RegionTable& regions, const DemoOptions& options) {
  if (!options.today.valid() || options.today.year < 2014) {
    return make_error(ErrorKind::invalid, "demo.bad_today", "the demo needs a valid 'today' (2014 or later)");
  }
  const auto regency = regions.find(options.regency);
  if (!regency || regency->level != RegionLevel::regency) {
    return make_error(ErrorKind::invalid, "demo.unknown_regency",
                      "unknown regency code '" + options.regency + "' (expected 4 digits such as 3204)");
  }
  std::vector<detail::District> districts;
  const auto children = regions.children(regency->code);
  // Sorted by code (not name) so that a renamed district does not reshuffle the demo.
  std::vector<Region> ordered(children.begin(), children.end());
  std::sort(ordered.begin(), ordered.end(), [](const Region& a, const Region& b) { return a.code < b.code; });
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    detail::District d;
    d.code = ordered[i].code;
    d.name = ordered[i].name;
    for (const auto& v : regions.children(d.code)) d.villages.push_back(v.code);
    if (d.villages.empty()) continue;
    std::sort(d.villages.begin(), d.villages.end());
    d.centre = detail::district_centre(d.code, i, ordered.size());
    d.postal_code = detail::district_postal_code(d.code);
    districts.push_back(std::move(d));
  }
  if (districts.empty()) {
    return make_error(ErrorKind::invalid, "demo.empty_regency",
                      "regency " + options.regency + " has no districts with villages in the region table");
  }
  detail::Generator g(regions, options, std::move(districts));
  detail::make_facilities(g);
  detail::make_people(g);
  detail::make_bills(g);
  detail::make_visits(g);
  return std::move(g.data);
}

}  // namespace simpul::demo
