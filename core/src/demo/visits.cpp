// Service histories: two to five past visits for about half of the participants, at their FKTP (or their
// dental facility), with complaints, vitals and ICD-10 diagnoses that fit their age and sex.
#include <algorithm>
#include <unordered_map>

#include "generator.hpp"

namespace simpul::demo::detail {
namespace {

struct Condition {
  const char* code;       // ICD-10, present in assets/icd10/fktp.tsv
  const char* complaint;  // as the patient tells it at the desk
  const char* poli;       // where it is usually seen
  bool fever = false;
  bool high_bp = false;
  int refer_percent = 0;
  const char* notes = "";
};

const Condition kChild[] = {
    {"J06.9", "Batuk pilek dan demam sejak 2 hari", "003", true, false, 0, "Banyak minum, kontrol bila sesak"},
    {"A09", "Mencret 4 kali sehari sejak kemarin", "003", false, false, 3, "Oralit dan zinc 10 hari"},
    {"J00", "Pilek dan bersin-bersin", "003", false, false, 0, ""},
    {"H66.0", "Telinga sakit dan demam", "003", true, false, 5, "Kontrol 5 hari lagi"},
    {"L01.0", "Luka lecet bernanah di kaki", "003", false, false, 0, "Jaga kebersihan luka"},
    {"B01.9", "Bintik berair di badan dan demam", "003", true, false, 0, "Istirahat di rumah sampai kering"},
};
const Condition kAdult[] = {
    {"J06.9", "Batuk, pilek, tenggorokan sakit sejak 3 hari", "001", true, false, 0, "Istirahat cukup"},
    {"K29.7", "Nyeri ulu hati dan mual", "001", false, false, 2, "Makan teratur, hindari pedas"},
    {"K30", "Perut kembung dan begah setelah makan", "001", false, false, 0, ""},
    {"A09", "Diare sejak kemarin, badan lemas", "001", false, false, 3, "Oralit, kembali bila tidak membaik"},
    {"M54.5", "Nyeri pinggang bawah setelah mengangkat beban", "001", false, false, 2, "Kompres hangat"},
    {"B35.4", "Gatal di badan dengan ruam melingkar", "001", false, false, 0, "Salep antijamur 2 minggu"},
    {"H10.9", "Mata merah dan berair", "001", false, false, 0, ""},
    {"N39.0", "Nyeri saat buang air kecil", "001", true, false, 3, "Banyak minum air putih"},
    {"J02.9", "Nyeri menelan dan demam", "001", true, false, 0, ""},
    {"A01.0", "Demam naik turun sejak seminggu", "001", true, false, 15, "Tirah baring, diet lunak"},
};
const Condition kChronic[] = {
    {"I10", "Pusing dan tengkuk terasa berat", "001", false, true, 5, "Kontrol tensi tiap bulan, kurangi garam"},
    {"E11.9", "Sering haus dan sering buang air kecil malam hari", "001", false, false, 8,
     "Kontrol gula darah tiap bulan"},
    {"E78.5", "Kontrol kolesterol", "001", false, false, 0, "Diet rendah lemak"},
    {"M54.5", "Pegal dan nyeri pinggang", "001", false, false, 0, ""},
};
const Condition kPregnancy[] = {
    {"Z34.9", "Periksa kehamilan rutin", "003", false, false, 0, "ANC berikutnya bulan depan"},
    {"O21.0", "Mual muntah berlebihan, hamil muda", "003", false, false, 10, "Makan sedikit tapi sering"},
    {"O99.0", "Lemas dan pusing, sedang hamil", "003", false, false, 5, "Tablet tambah darah tiap hari"},
};
const Condition kDental[] = {
    {"K02.9", "Gigi berlubang dan ngilu", "002", false, false, 0, "Tambal sementara, kontrol 1 minggu"},
    {"K04.0", "Sakit gigi berdenyut sejak semalam", "002", false, false, 5, "Perawatan saluran akar bertahap"},
};
constexpr const char* kReferredNote = "Dirujuk ke FKRTL untuk pemeriksaan lanjutan";

template <std::size_t N>
const Condition& pick(Rng& rng, const Condition (&list)[N]) {
  return list[rng.index(N)];
}

bool has_poli(const Facility& f, const char* code) {
  return std::any_of(f.polis.begin(), f.polis.end(), [code](const Poli& p) { return p.code == code; });
}

std::int16_t i16(double v) { return static_cast<std::int16_t>(v); }

Vitals vitals_for(Rng& rng, const Participant& p, const Date& day, const Condition& c) {
  Vitals v;
  const int age = p.birth_date.years_until(day);
  const bool female = p.sex == Sex::female;
  if (age >= 15) {
    v.weight_kg = i16(female ? rng.between(42, 75) : rng.between(48, 85));
    v.height_cm = i16(female ? rng.between(145, 163) : rng.between(155, 176));
  } else {
    const double months = static_cast<double>(day.to_days() - p.birth_date.to_days()) / 30.4;
    const double height = months < 12 ? 50 + 2.1 * months : 75 + 6.2 * (months / 12 - 1);
    const double weight = months < 12 ? 3.3 + 0.55 * months : 9.5 + 2.4 * (months / 12 - 1);
    v.height_cm = i16(height + uniform(rng, -3, 3));
    v.weight_kg = i16(std::max(3.0, weight + uniform(rng, -1.5, 1.5)));
  }
  if (age >= 13) {
    const int older = age >= 50 ? 10 : 0;
    v.systolic_mmhg = i16(c.high_bp ? rng.between(145, 175) : rng.between(105, 130) + older);
    v.diastolic_mmhg = i16(c.high_bp ? rng.between(90, 105) : rng.between(65, 85));
  }
  v.pulse_bpm = i16(age < 5 ? rng.between(95, 130) : rng.between(68, 98));
  v.temperature_dc = i16(c.fever ? rng.between(378, 392) : rng.between(362, 372));
  return v;
}

}  // namespace

void make_visits(Generator& g) {
  Rng rng = g.stream(4);
  auto& data = g.data;
  const Date today = g.today();
  std::unordered_map<std::string, std::uint32_t> facility_index;
  std::vector<std::vector<std::uint32_t>> staff(data.facilities.size());
  for (std::uint32_t i = 0; i < data.facilities.size(); ++i) facility_index.emplace(data.facilities[i].code, i);
  for (std::uint32_t i = 0; i < data.clinicians.size(); ++i) staff[data.clinicians[i].facility].push_back(i);
  auto clinician_for = [&](std::uint32_t facility, const char* poli) -> std::uint32_t {
    const auto& people = staff[facility];
    if (people.empty()) return 0;
    for (const std::uint32_t c : people) {
      if (std::string_view(data.clinicians[c].poli) == poli) return c;
    }
    return people.front();
  };

  data.visits.reserve(data.participants.size() * 7 / 4);
  std::vector<Date> days;
  for (std::uint32_t i = 0; i < data.participants.size(); ++i) {
    const Participant& p = data.participants[i];
    if (!rng.percent(50)) continue;
    const auto home = facility_index.find(p.fktp);
    if (home == facility_index.end()) continue;
    const auto dental = p.dental_fktp.empty() ? facility_index.end() : facility_index.find(p.dental_fktp);
    const Date from = std::max(p.active_from.value_or(today.add_days(-730)), today.add_days(-730));
    const Date to = std::min(p.active_until.value_or(today), today).add_days(-1);
    if (to < from) continue;
    days.clear();
    const int count = rng.between(2, 5);
    for (int k = 0; k < count; ++k) days.push_back(random_day(rng, from, to));
    std::sort(days.begin(), days.end());
    for (const Date& day : days) {
      const int age = p.birth_date.years_until(day);
      std::uint32_t facility = home->second;
      const Condition* c = nullptr;
      if (age < 5) {
        c = &pick(rng, kChild);
      } else if (rng.percent(12) && (dental != facility_index.end() || has_poli(data.facilities[facility], "002"))) {
        c = &pick(rng, kDental);
        if (dental != facility_index.end()) facility = dental->second;
      } else if (p.sex == Sex::female && age >= 19 && age <= 40 && rng.percent(15)) {
        c = &pick(rng, kPregnancy);
      } else if (age >= 45 && rng.percent(45)) {
        c = &pick(rng, kChronic);
      } else {
        c = &pick(rng, kAdult);
      }
      const Facility& f = data.facilities[facility];
      const char* poli = has_poli(f, c->poli) ? c->poli : has_poli(f, "001") ? "001" : "002";
      PastVisit v;
      v.id = g.next_id(IdKind::visit);
      v.participant = i;
      v.facility = facility;
      v.poli = poli;
      v.day = day;
      v.complaint = c->complaint;
      v.vitals = vitals_for(rng, p, day, *c);
      v.diagnoses[0] = c->code;
      if (std::string_view(c->code) == "I10" && rng.percent(25)) v.diagnoses[1] = rng.percent(50) ? "E11.9" : "E78.5";
      if (std::string_view(c->code) == "E11.9" && rng.percent(25)) v.diagnoses[1] = "I10";
      v.referred = rng.percent(c->refer_percent);
      v.clinician = clinician_for(facility, poli);
      v.notes = v.referred ? kReferredNote : c->notes;
      data.visits.push_back(v);
    }
  }
}

}  // namespace simpul::demo::detail
