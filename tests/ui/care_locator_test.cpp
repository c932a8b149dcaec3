// The facility locator on a real replica with the demo's facilities: nearest first from this facility (as
// storage::Locator orders them, this facility left out), the type and service filters, and a viewer may use
// it.
#include <gtest/gtest.h>

#include <algorithm>

#include "desk_fixture.hpp"
#include "simpul/storage/locator.hpp"

namespace simpul::testing {
namespace {

class DeskLocator : public DeskTest {
 protected:
  void SetUp() override {
    load_demo(40);
    for (const Facility& f : demo_.facilities)
      if (is_fktp(f.type)) {
        home = f;
        break;
      }
    ASSERT_TRUE(app->replica().set_setting("facility", home.code).ok());
    add_user("tamu", Role::viewer);
  }

  std::vector<storage::NearbyFacility> expected(std::vector<FacilityType> types, std::string service = "",
                                                const std::string& village = "") {
    storage::Locator locator(app->replica());
    storage::LocatorQuery q;
    if (village.empty()) {
      q.origin = locator.facility_point(home.code).value();
      q.exclude = home.code;
    } else {
      q.origin = storage::Locator::village_point(app->regions(), village).value();
    }
    q.types = std::move(types);
    q.service = std::move(service);
    q.limit = 15;
    return locator.nearest(q).value().items;
  }

  // Where each name is drawn (its index among the frame's items); -1 when absent.
  int drawn_at(const std::string& text) {
    const auto& items = ui.items();
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i].text == text) return static_cast<int>(i);
    return -1;
  }

  bool searched() { return app->task("locator") == nullptr || app->task("locator")->finished(); }

  void open() {
    start_shell();
    sign_in("tamu");
    ui.click("nav.more");
    ui.frame();
    ui.click("nav.locator");
    ASSERT_TRUE(frames_until([this] { return current() == "locator" && searched(); }));
    ui.frame(2);
  }

  Facility home;
};

TEST_F(DeskLocator, ListsTheNearestFirstFromThisFacilityWithDistances) {
  open();
  const auto want = expected({});
  ASSERT_GE(want.size(), 5u);
  EXPECT_TRUE(ui.has_text(home.name)) << "the origin is named";
  int previous = -1;
  for (const auto& n : want) {
    const int at = drawn_at(n.facility.name);
    ASSERT_GE(at, 0) << n.facility.name << "\n" << ui.describe();
    EXPECT_GT(at, previous) << "nearest first: " << n.facility.name;
    previous = at;
  }
  EXPECT_LT(drawn_at(home.name), 0) << "this facility is the origin, not a result";
  EXPECT_TRUE(std::is_sorted(want.begin(), want.end(),
                             [](const auto& a, const auto& b) { return a.distance_km < b.distance_km; }));
  char first[32];
  std::snprintf(first, sizeof first, want.front().distance_km < 10 ? "%.1f km" : "%.0f km",
                want.front().distance_km);
  std::string shown(first);
  std::replace(shown.begin(), shown.end(), '.', ',');  // Indonesian decimal comma
  EXPECT_TRUE(ui.has_text(shown)) << shown;
}

TEST_F(DeskLocator, TypeAndServiceFiltersNarrowTheList) {
  open();
  const auto all = expected({});
  ui.click("locator.type.hospital");
  ASSERT_TRUE(frames_until([this] { return searched(); }));
  ui.frame(2);
  const auto hospitals = expected({FacilityType::hospital});
  ASSERT_FALSE(hospitals.empty());
  for (const auto& n : hospitals) EXPECT_GE(drawn_at(n.facility.name), 0) << n.facility.name;
  for (const auto& n : all) {
    if (n.facility.type != FacilityType::hospital) {
      EXPECT_LT(drawn_at(n.facility.name), 0) << n.facility.name;
    }
  }

  ui.click("locator.service.hemodialisa");
  ASSERT_TRUE(frames_until([this] { return searched(); }));
  ui.frame(2);
  const auto dialysis = expected({FacilityType::hospital}, "hemodialisa");
  for (const auto& n : hospitals) {
    const bool has = std::find(n.facility.services.begin(), n.facility.services.end(), "hemodialisa") !=
                     n.facility.services.end();
    EXPECT_EQ(drawn_at(n.facility.name) >= 0, has) << n.facility.name;
  }
  if (dialysis.empty()) {
    EXPECT_TRUE(ui.has_text("Tidak ada faskes yang cocok dengan saringan ini."));
  }

  ui.click("locator.type.bpjs_office");
  ui.click("locator.service.all");
  ASSERT_TRUE(frames_until([this] { return searched(); }));
  ui.frame(2);
  const auto offices = expected({FacilityType::bpjs_office});
  ASSERT_FALSE(offices.empty());
  EXPECT_GE(drawn_at(offices.front().facility.name), 0) << ui.describe();
  EXPECT_TRUE(ui.has_text("Kantor BPJS"));
}

TEST_F(DeskLocator, FromAChosenVillageTheOrderFollowsThatVillage) {
  open();
  ui.click("locator.from.village");
  ui.frame(2);
  EXPECT_TRUE(ui.has_text("Pilih kecamatan atau desa sebagai titik awal.")) << ui.describe();
  // The village of the demo's last facility: far from this one, so the order really changes.
  const std::string village = demo_.facilities[demo_.facilities.size() - 2].address.village_code;
  ASSERT_EQ(village.size(), 10u);
  for (const auto& [combo, code] : {std::pair{"province", village.substr(0, 2)},
                                    {"regency", village.substr(0, 4)},
                                    {"district", village.substr(0, 6)},
                                    {"village", village}}) {
    const std::string id = std::string("locator.region.") + combo;
    ui.click(id);
    ui.frame(2);
    ui.click(id + "." + code);
    ASSERT_TRUE(frames_until([this] { return searched(); }));
    ui.frame(2);
  }
  const auto want = expected({}, "", village);
  ASSERT_GE(want.size(), 3u);
  EXPECT_NE(want.front().facility.code, expected({}).front().facility.code) << "a different origin";
  int previous = -1;
  for (const auto& n : want) {
    const int at = drawn_at(n.facility.name);
    ASSERT_GE(at, 0) << n.facility.name << "\n" << ui.describe();
    EXPECT_GT(at, previous) << "nearest first: " << n.facility.name;
    previous = at;
  }
}

}  // namespace
}  // namespace simpul::testing
