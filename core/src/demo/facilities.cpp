// Facilities of the regency: puskesmas, klinik pratama, doctors' and dentists' practices (the FKTPs),
// two or three hospitals and the BPJS office, each with its polis, opening hours, quotas and clinicians.
#include <algorithm>
#include <numeric>

#include "generator.hpp"
#include "names.hpp"

namespace simpul::demo::detail {
namespace {

// PCare poli codes. 001–003 are the well-known ones; 008 (KB) is our reading of PCare's reference list.
Poli poli_umum(int open, int close, int quota) { return Poli{"001", "Umum", "A", open, close, quota}; }
Poli poli_gigi(int open, int close, int quota) { return Poli{"002", "Gigi", "B", open, close, quota}; }
Poli poli_kia(int open, int close, int quota) { return Poli{"003", "KIA", "C", open, close, quota}; }
Poli poli_kb(int open, int close, int quota) { return Poli{"008", "KB", "D", open, close, quota}; }

constexpr int h(int hour, int minute = 0) { return hour * 60 + minute; }

// The PPK code: a 4-digit branch code, a type letter and a 3-digit serial ("1004P012").
class PpkCodes {
 public:
  PpkCodes(Rng& rng, const std::string& regency) : rng_(rng), branch_("10" + regency.substr(2, 2)) {}
  std::string next(char type_letter) {
    int& serial = serials_[static_cast<std::size_t>(type_letter - 'A')];
    serial = serial == 0 ? rng_.between(1, 120) : serial + rng_.between(1, 17);
    return branch_ + type_letter + pad(static_cast<std::uint64_t>(serial), 3);
  }

 private:
  Rng& rng_;
  std::string branch_;
  std::array<int, 26> serials_{};
};

char type_letter(FacilityType t) {
  switch (t) {
    case FacilityType::puskesmas: return 'P';
    case FacilityType::klinik: return 'U';
    case FacilityType::dpp: return 'D';
    case FacilityType::dpg: return 'G';
    case FacilityType::hospital: return 'R';
    case FacilityType::bpjs_office: return 'K';
  }
  return 'X';
}

std::string clinician_name(Rng& rng, const char* title, Sex sex) {
  return std::string(title) + " " + person_name(rng, sex, rng.between(1965, 1995), "");
}

std::string mobile(Rng& rng) { return "+62812" + pad(rng.below(100'000'000), 8); }

class FacilityMaker {
 public:
  explicit FacilityMaker(Generator& g) : g_(g), rng_(g.stream(1)), codes_(rng_, g.options().regency) {
    order_.resize(g.districts().size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    for (std::size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng_.index(i)]);
  }

  void run() {
    const int fktps = rng_.between(8, 15);
    const int dpp = fktps >= 12 ? 2 : 1;
    const int dpg = 1;
    const int puskesmas = fktps / 2;
    const int klinik = fktps - puskesmas - dpp - dpg;
    for (int i = 0; i < puskesmas; ++i) add_puskesmas(static_cast<std::size_t>(i));
    for (int i = 0; i < klinik; ++i) add_klinik();
    for (int i = 0; i < dpp; ++i) add_practice(FacilityType::dpp);
    for (int i = 0; i < dpg; ++i) add_practice(FacilityType::dpg);
    const int hospitals = rng_.between(2, 3);
    for (int i = 0; i < hospitals; ++i) add_hospital(i);
    add_bpjs_office();
  }

 private:
  std::size_t random_district() { return order_[rng_.index(order_.size())]; }

  Facility& add(FacilityType type, std::string name, std::size_t district) {
    const District& d = g_.districts()[district];
    Facility f;
    f.code = codes_.next(type_letter(type));
    f.type = type;
    f.name = std::move(name);
    f.address.street = main_road(rng_, d.name);
    f.address.village_code = d.villages[rng_.index(d.villages.size())];
    f.address.postal_code = d.postal_code;
    // Within about a kilometre of the district centre.
    f.latitude = d.centre.latitude + uniform(rng_, -0.012, 0.012);
    f.longitude = d.centre.longitude + uniform(rng_, -0.012, 0.012);
    const std::string area = area_code(g_.options().regency);
    f.phone = area.empty() || type == FacilityType::dpp || type == FacilityType::dpg
                  ? mobile(rng_)
                  : "(" + area + ") " + std::to_string(rng_.between(5, 8)) + pad(rng_.below(1'000'000), 6);
    g_.data.facilities.push_back(std::move(f));
    return g_.data.facilities.back();
  }

  void add_clinician(const char* title, Sex sex, const char* poli) {
    const auto facility = static_cast<std::uint32_t>(g_.data.facilities.size() - 1);
    g_.data.clinicians.push_back(Clinician{clinician_name(rng_, title, sex), facility, poli});
  }
  Sex any_sex() { return rng_.percent(50) ? Sex::male : Sex::female; }

  void add_puskesmas(std::size_t i) {
    const std::size_t district = order_[i % order_.size()];
    std::string name = "Puskesmas " + g_.districts()[district].name;
    if (i >= order_.size()) name += " " + std::to_string(i / order_.size() + 1);
    Facility& f = add(FacilityType::puskesmas, std::move(name), district);
    f.polis = {poli_umum(h(7, 30), h(14), 80), poli_gigi(h(8), h(12), 20), poli_kia(h(8), h(13), 40)};
    if (rng_.percent(50)) f.polis.push_back(poli_kb(h(8), h(12), 20));
    f.services = {"rawat_jalan", "imunisasi", "laboratorium"};
    if (rng_.percent(60)) f.services.push_back("persalinan");
    if (rng_.percent(30)) {
      f.services.push_back("rawat_inap");
      f.services.push_back("ugd");
    }
    add_clinician("dr.", any_sex(), "001");
    add_clinician("dr.", any_sex(), "001");
    add_clinician("drg.", any_sex(), "002");
    add_clinician("Bd.", Sex::female, "003");
  }

  void add_klinik() {
    Facility& f = add(FacilityType::klinik, klinik_name(rng_), random_district());
    f.polis = {poli_umum(h(8), h(21), 60)};
    const bool gigi = rng_.percent(60);
    const bool kia = rng_.percent(40);
    if (gigi) f.polis.push_back(poli_gigi(h(16), h(20), 15));
    if (kia) f.polis.push_back(poli_kia(h(8), h(14), 20));
    f.services = {"rawat_jalan"};
    if (rng_.percent(50)) f.services.push_back("laboratorium");
    if (rng_.percent(30)) f.services.push_back("ugd");
    add_clinician("dr.", any_sex(), "001");
    if (rng_.percent(50)) add_clinician("dr.", any_sex(), "001");
    if (gigi) add_clinician("drg.", any_sex(), "002");
    if (kia) add_clinician("Bd.", Sex::female, "003");
  }

  void add_practice(FacilityType type) {
    const bool dentist = type == FacilityType::dpg;
    const char* title = dentist ? "drg." : "dr.";
    const std::string doctor = clinician_name(rng_, title, any_sex());
    Facility& f = add(type, "Praktik " + doctor, random_district());
    f.polis = {dentist ? poli_gigi(h(16), h(20), 15) : poli_umum(h(17), h(21), 30)};
    f.services = {"rawat_jalan"};
    g_.data.clinicians.push_back(Clinician{doctor, static_cast<std::uint32_t>(g_.data.facilities.size() - 1),
                                           dentist ? "002" : "001"});
  }

  void add_hospital(int i) {
    const std::size_t district = random_district();
    const std::string& place = g_.districts()[district].name;
    Facility& f = add(FacilityType::hospital, i == 0 ? "RSUD " + place : hospital_name(rng_, place), district);
    f.services = {"ugd", "rawat_inap", "rawat_jalan", "laboratorium", "radiologi"};
    if (i == 0) f.services.push_back("icu");
    if (rng_.percent(50)) f.services.push_back("hemodialisa");
  }

  void add_bpjs_office() {
    std::string place = g_.regency_name();
    for (const char* prefix : {"Kab. ", "Kota "}) {
      if (place.rfind(prefix, 0) == 0) place = (prefix[1] == 'a' ? "Kabupaten " : "Kota ") + place.substr(5);
    }
    Facility& f = add(FacilityType::bpjs_office, "Kantor BPJS Kesehatan " + place, order_.front());
    f.services = {"pendaftaran", "perubahan_data", "pengaduan", "informasi"};
  }

  Generator& g_;
  Rng rng_;
  PpkCodes codes_;
  std::vector<std::size_t> order_;  // districts in a seed-dependent order
};

}  // namespace

void make_facilities(Generator& g) { FacilityMaker(g).run(); }

}  // namespace simpul::demo::detail
