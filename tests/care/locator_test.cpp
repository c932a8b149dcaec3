// The facility locator: nearest first after the R*Tree prefilter, filters, paging, distances checked against
// a hand-computed haversine, the R*Tree kept in step with the facilities table, and the CLI on demo data.
#include <cmath>

#include "care_fixture.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/locator.hpp"
#include "support/temp_dir.hpp"

namespace simpul::care_test {
namespace {

using storage::Locator;
using storage::LocatorQuery;

Facility place(const std::string& code, FacilityType type, double lat, double lon, std::vector<std::string> services) {
  Facility f;
  f.code = code;
  f.type = type;
  f.name = "Fasilitas " + code;
  f.latitude = lat;
  f.longitude = lon;
  f.services = std::move(services);
  return f;
}

std::vector<std::string> codes(const storage::LocatorPage& page) {
  std::vector<std::string> out;
  for (const auto& n : page.items) out.push_back(n.facility.code);
  return out;
}

class CareLocator : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = storage::Replica::open(dir.file("desk.db").string(), clock);
    ASSERT_TRUE(r.ok()) << r.error().message;
    replica = std::move(r).value();
    storage::Facilities repo(*replica);
    const storage::Actor who{"", "test"};
    for (const auto& f : {
             place("1004P001", FacilityType::puskesmas, -6.90, 107.60, {"rawat_jalan"}),          // origin
             place("1004R001", FacilityType::hospital, -6.90, 107.70, {"ugd", "rawat_inap"}),     // 11.04 km east
             place("1004R002", FacilityType::hospital, -7.00, 107.60, {"ugd", "hemodialisa"}),    // 11.12 km south
             place("1004U001", FacilityType::klinik, -6.91, 107.61, {"rawat_jalan"}),             // 1.6 km
             place("0901K001", FacilityType::bpjs_office, -6.1754, 106.8272, {"pengaduan"}),      // Jakarta
             place("0101U001", FacilityType::klinik, 3.5952, 98.6722, {"rawat_jalan"}),            // Medan
         }) {
      ASSERT_TRUE(repo.put(who, f).ok());
    }
  }
  LocatorQuery from_origin() {
    LocatorQuery q;
    q.origin = *Locator(*replica).facility_point("1004P001");
    q.exclude = "1004P001";
    return q;
  }

  test::TempDir dir{"simpul-care-locator"};
  ManualClock clock;
  std::unique_ptr<storage::Replica> replica;
};

TEST_F(CareLocator, NearestFirstWithExactDistances) {
  auto page = Locator(*replica).nearest(from_origin());
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(codes(*page), (std::vector<std::string>{"1004U001", "1004R001", "1004R002", "0901K001", "0101U001"}));
  EXPECT_FALSE(page->more);
  // Hand-computed: haversine with R = 6371 km (independently: python math, printed to 6 decimals).
  EXPECT_NEAR(page->items[1].distance_km, 11.038958, 1e-4);
  EXPECT_NEAR(page->items[2].distance_km, 11.119493, 1e-4);
  // Monas (Jakarta) to Gedung Sate (Bandung): 119.088 km.
  EXPECT_NEAR(storage::haversine_km({-6.1754, 106.8272}, {-6.9025, 107.6187}), 119.088344, 1e-3);
  EXPECT_NEAR(storage::haversine_km({0, 0}, {0, 180}), std::acos(-1.0) * storage::kEarthRadiusKm, 1e-6);
  for (std::size_t i = 1; i < page->items.size(); ++i) {
    EXPECT_LE(page->items[i - 1].distance_km, page->items[i].distance_km);
  }
  EXPECT_GT(page->searched_km, 1000) << "the box grew until every facility was inside it";
}

TEST_F(CareLocator, FiltersByTypeAndServiceAndPages) {
  Locator locator(*replica);
  LocatorQuery q = from_origin();
  q.types = {FacilityType::hospital};
  EXPECT_EQ(codes(*locator.nearest(q)), (std::vector<std::string>{"1004R001", "1004R002"}));
  q.service = "hemodialisa";
  EXPECT_EQ(codes(*locator.nearest(q)), (std::vector<std::string>{"1004R002"}));

  LocatorQuery paged = from_origin();
  paged.limit = 2;
  paged.offset = 2;
  auto page = locator.nearest(paged);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(codes(*page), (std::vector<std::string>{"1004R002", "0901K001"}));
  EXPECT_TRUE(page->more);
  paged.offset = 4;
  EXPECT_FALSE(locator.nearest(paged)->more);

  LocatorQuery near = from_origin();
  near.limit = 1;
  page = locator.nearest(near);
  EXPECT_EQ(codes(*page), (std::vector<std::string>{"1004U001"}));
  EXPECT_LT(page->searched_km, 30) << "a small box was enough for the first page";

  LocatorQuery capped = from_origin();
  capped.max_km = 50;
  EXPECT_EQ(locator.nearest(capped)->items.size(), 3u);
}

TEST_F(CareLocator, TheRTreeFollowsMovedAndDeletedFacilities) {
  storage::Facilities repo(*replica);
  // The klinik moves next to the one in Medan (1530.81 km from the origin, that one 1530.96 km); the
  // hospital east is deleted by a pull.
  auto moved = place("1004U001", FacilityType::klinik, 3.60, 98.68, {"rawat_jalan"});
  ASSERT_TRUE(repo.put(storage::Actor{"", "test"}, moved).ok());
  {
    auto tx = storage::Transaction::begin(replica->db());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(replica->apply_remote("facility", "1004R001", nullptr).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_EQ(replica->db().query_int("SELECT count(*) FROM facilities_geo")->value_or(-1), 5);
  EXPECT_EQ(codes(*Locator(*replica).nearest(from_origin())),
            (std::vector<std::string>{"1004R002", "0901K001", "1004U001", "0101U001"}));
}

TEST(CareApproximateLocation, VillagesSitNearTheirDistrictDeterministically) {
  auto regions = RegionTable::load(std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv");
  ASSERT_TRUE(regions.ok()) << regions.error().message;
  auto district = demo::approximate_location(*regions, "320410");
  ASSERT_TRUE(district.ok());
  EXPECT_NEAR(district->latitude, -6.955, 1e-9) << "the generator's centre for Kab. Bandung's districts";
  const auto villages = regions->children("320410");
  ASSERT_FALSE(villages.empty());
  for (const auto& v : villages) {
    auto p = demo::approximate_location(*regions, RegionTable::dotted(v.code));
    ASSERT_TRUE(p.ok()) << v.code;
    EXPECT_LT(storage::haversine_km(*district, *p), 3.0) << v.code;
    EXPECT_EQ(p->latitude, demo::approximate_location(*regions, v.code)->latitude);
  }
  EXPECT_EQ(demo::approximate_location(*regions, "3204").error().kind, ErrorKind::not_found);
  EXPECT_EQ(demo::approximate_location(*regions, "9999999999").error().kind, ErrorKind::not_found);
}

TEST(CareLocateCli, NearestFromAVillageOnTheDemoRegencyWithDistances) {
  test::TempDir dir{"simpul-care-locate"};
  const std::string db = dir.file("demo.db").string();
  Outcome r = simpulctl({"demo", "--db", db, "--participants", "50", "--seed", "3", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto regions = RegionTable::load(std::string(SIMPUL_ASSET_DIR) + "/regions/regions.tsv");
  ASSERT_TRUE(regions.ok());
  const std::string village = regions->children("320410").front().code;

  r = simpulctl({"locate", "--db", db, "--village", village, "--limit", "50", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json out = r.parsed();
  const demo::GeoPoint origin{out["origin"]["latitude"].get<double>(), out["origin"]["longitude"].get<double>()};
  const auto& items = out["items"];
  ASSERT_GE(items.size(), 10u) << "FKTPs, hospitals and the BPJS office of the demo regency";
  bool office = false;
  double last = 0;
  for (const auto& f : items) {
    const double d = f["distance_km"].get<double>();
    EXPECT_GE(d, last);
    last = d;
    const demo::GeoPoint at{f["latitude"].get<double>(), f["longitude"].get<double>()};
    EXPECT_NEAR(d, storage::haversine_km(origin, at), 0.001);
    EXPECT_LT(d, 80) << "every demo facility is in the regency";
    office = office || f["type"] == "bpjs_office";
  }
  EXPECT_TRUE(office);

  r = simpulctl({"locate", "--db", db, "--village", village, "--type", "hospital", "--service", "ugd", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json hospitals = r.parsed()["items"];
  for (const auto& f : hospitals) EXPECT_EQ(f["type"], "hospital");
  EXPECT_GE(hospitals.size(), 2u);

  r = simpulctl({"locate", "--db", db, "--village", "9999999999"});
  EXPECT_EQ(r.code, 1);
  r = simpulctl({"locate", "--db", db, "--type", "castle", "--village", village});
  EXPECT_EQ(r.code, 2);
  r = simpulctl({"locate", "--db", db});
  EXPECT_EQ(r.code, 2) << "an unenrolled demo replica has no facility of its own";
}

}  // namespace
}  // namespace simpul::care_test
