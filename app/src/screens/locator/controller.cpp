#include "screens/locator/controller.hpp"

#include <cstdio>

#include "context/app_context.hpp"
#include "ui/i18n.hpp"

namespace simpul::screens::locator {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

const std::vector<std::string>& service_choices() {
  static const std::vector<std::string> kServices = {
      "", "ugd", "rawat_inap", "persalinan", "laboratorium", "hemodialisa", "pengaduan", "informasi"};
  return kServices;
}

std::string km_text(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, km < 10 ? "%.1f km" : "%.0f km", km);
  std::string s(buf);
  if (i18n::language() == "id")
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string service_list(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    const std::string key = "locator.service." + code;
    const char* text = tr(key.c_str());
    if (!out.empty()) out += ", ";
    out += text == key ? code : text;  // a service without a label shows its code
  }
  return out;
}

}  // namespace

std::string home_facility(storage::Replica& replica) {
  const auto device = replica.device();
  if (!device.facility.empty()) return device.facility;
  for (const char* key : {"facility", "queue.facility"})
    if (auto f = replica.setting(key); f && !f->empty()) return *f;
  return {};
}

LocatorScreen::LocatorScreen(context::AppContext& app, bool kiosk) : app_(app) {
  view_.kiosk = kiosk;
  view_.services = service_choices();
  here_code_ = home_facility(app_.replica());
  if (!here_code_.empty()) {
    auto f = app_.facilities().get(here_code_);
    if (f.ok() && *f) view_.here_name = (*f)->name;
  }
  // A replica with no facility of its own starts from a village (the kiosk has no other origin than its own).
  if (view_.here_name.empty() && !kiosk) form_.origin = Origin::village;
}

LocatorScreen::~LocatorScreen() {
  *alive_ = false;
}

void LocatorScreen::on_show() {
  search(false);
}

void LocatorScreen::search(bool next_page) {
  view_.regions = widgets::region_picker_view(app_.regions(), form_.region);
  storage::LocatorQuery query;
  if (form_.origin == Origin::here) {
    auto point = storage::Locator(app_.replica()).facility_point(here_code_);
    if (here_code_.empty() || !point.ok()) {
      view_.rows.clear();
      view_.more = false;
      view_.message_key = view_.kiosk ? "locator.no_home_kiosk" : "locator.no_home";
      view_.message_error = false;
      return;
    }
    query.origin = *point;
    query.exclude = here_code_;
  } else {
    const std::string& code = form_.region.deepest();
    auto point =
        code.size() >= 6
            ? storage::Locator::village_point(app_.regions(), code)
            : Result<demo::GeoPoint>(make_error(ErrorKind::invalid, "locator.no_district", "no district"));
    if (!point.ok()) {
      view_.rows.clear();
      view_.more = false;
      view_.message_key = "locator.choose_village";
      view_.message_error = false;
      return;
    }
    query.origin = *point;
  }
  if (form_.type == "fktp") {
    query.types = {FacilityType::puskesmas, FacilityType::klinik, FacilityType::dpp, FacilityType::dpg};
  } else if (auto t = parse_facility_type(form_.type)) {
    query.types = {*t};
  }
  query.service = form_.service;
  query.limit = kPageSize;
  query.offset = next_page ? view_.rows.size() : 0;

  const std::uint64_t generation = ++generation_;
  view_.busy = true;
  std::weak_ptr<bool> alive = alive_;
  context::AppContext& app = app_;
  // Widening boxes over thousands of facilities: off the UI thread, on the task's own connection.
  app_.start_task("locator", [this, &app, alive, generation, next_page, query](shell::TaskControl&) {
    Result<storage::LocatorPage> page =
        make_error(ErrorKind::transient, "locator.no_connection", "no connection");
    if (auto db = app.open_connection(); db.ok())
      page = storage::Locator(**db).nearest(query);
    else
      page = db.error();
    app.post([this, alive, generation, next_page, page = std::move(page)]() mutable {
      if (alive.expired()) return;
      receive(generation, next_page, std::move(page));
    });
  });
}

void LocatorScreen::receive(std::uint64_t generation, bool next_page, Result<storage::LocatorPage> page) {
  if (generation != generation_) return;  // the user changed the question since
  view_.busy = false;
  if (!next_page) view_.rows.clear();
  if (!page.ok()) {
    std::fprintf(stderr, "simpul: locator: %s\n", page.error().message.c_str());
    view_.message_key = "locator.failed";
    view_.message_error = true;
    view_.more = false;
    return;
  }
  for (const storage::NearbyFacility& n : page->items) {
    Row row;
    row.code = n.facility.code;
    row.name = n.facility.name;
    row.type_key = std::string("locator.type.") + facility_type_code(n.facility.type);
    row.distance_km = n.distance_km;
    row.distance = km_text(n.distance_km);
    row.address = n.facility.address.street;
    row.phone = n.facility.phone;
    row.services = service_list(n.facility.services);
    view_.rows.push_back(std::move(row));
  }
  view_.more = page->more;
  view_.message_key = view_.rows.empty() ? "locator.none" : "";
  view_.message_error = false;
}

void LocatorScreen::frame(shell::ScreenContext& context) {
  if (form_.origin == Origin::village)
    view_.regions = widgets::region_picker_view(app_.regions(), form_.region);
  const Intents intents = draw(view_, form_);
  if (intents.search) search(false);
  if (intents.more) search(true);
  if (intents.back) context.navigator.back();
}

std::unique_ptr<shell::Screen> make_locator_screen(const ScreenDeps& deps) {
  return std::make_unique<LocatorScreen>(deps.app, false);
}

std::unique_ptr<shell::Screen> make_kiosk_locator_screen(const ScreenDeps& deps) {
  return std::make_unique<LocatorScreen>(deps.app, true);
}

}  // namespace simpul::screens::locator
